/**
 * Telegram without public HTTPS (channels.md §4 "Polling fallback"): for bots set to `delivery: polling`,
 * a worker loop long-polls `getUpdates` and stores each update as the webhook would (same dedupe key,
 * same processor). Progress is the offset after the last update stored, saved per bot after storing:
 * a restart continues there, and an update fetched twice (a crash between storing and saving) is
 * dropped by its `update_id`. Telegram forgets updates once asked for a higher offset, and refuses two
 * pollers of one bot (409), so each bot is claimed by one node at a time for `leaseSeconds`, renewed at
 * every poll; a node that dies leaves its bots to the others once the claim lapses.
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { getInboxRow, listPolledTelegramInboxes } from '../service.ts';
import * as inboxStore from '../store.ts';
import { acceptEvents } from '../messaging/webhooks.ts';
import { messagingSecretsOf, messagingSettingsOf } from '../messaging/settings.ts';
import { createTelegramClient } from './client.ts';
import { eventOfUpdate } from './protocol.ts';
import * as store from './store.ts';
import { onTelegramPollingWake } from './wake.ts';

export interface TelegramPollingOptions {
  /** Who claims bots: unique per process (the node id and a random part by default). */
  holder?: string;
  /** How long Telegram holds a poll open waiting for an update. Default 25 s. */
  waitSeconds?: number;
  /** How long a claim holds without renewal; more than a poll lasts. Default 60 s. */
  leaseSeconds?: number;
  /** How often the node looks for bots to poll (new ones, ones another node let go). Default 15 s. */
  scanMs?: number;
  /** First wait after a failed poll; doubles up to a minute. Default 1 s. */
  retryMs?: number;
}

const maxRetryMs = 60_000;
/** After a refusal no retry fixes (a revoked token), look again this often, or at once when the inbox changes. */
const refusedRetryMs = 5 * 60_000;

/** Starts this node's polling; returns a stop that lets go of its bots. */
export function startTelegramPolling(deps: Deps, opts: TelegramPollingOptions = {}): () => Promise<void> {
  const holder = opts.holder ?? `${deps.config.nodeId}:${randomBytes(4).toString('hex')}`;
  const waitSeconds = opts.waitSeconds ?? 25;
  const leaseSeconds = opts.leaseSeconds ?? 60;
  const scanMs = opts.scanMs ?? 15_000;
  const retryMs = opts.retryMs ?? 1_000;
  const client = createTelegramClient({ baseUrl: deps.config.vendors.telegramApiBase });
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();

  /** Resolves after `ms`, or at once when stopping. */
  const pause = (ms: number) => new Promise<void>((resolve) => {
    if (stopping.signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stopping.signal.removeEventListener('abort', done);
      resolve();
    }
    stopping.signal.addEventListener('abort', done);
  });

  async function pollBot(workspaceId: string, inboxId: string): Promise<void> {
    const ctx = systemCtx(deps, workspaceId);
    let failures = 0;
    let health: string | null = null; // what this loop last wrote: 'ok' or the error
    const setHealth = async (state: 'ok' | 'needs_reauth', error?: string) => {
      const key = error ?? state;
      if (health === key) return;
      health = key;
      await inboxStore.updateInbox(ctx.db, workspaceId, inboxId, { health: JSON.stringify({ state, ...(error ? { error } : {}), at: new Date().toISOString() }) });
    };
    const failed = async (error: string) => {
      await store.notePollError(ctx.db, workspaceId, inboxId, holder, error);
      deps.log.warn('telegram: poll failed', { inbox: inboxId, err: error });
    };
    try {
      while (!stopping.signal.aborted) {
        const inbox = await getInboxRow(ctx, inboxId).catch(() => null);
        if (!inbox || messagingSettingsOf(inbox).delivery !== 'polling') return;
        const claim = await store.claimPoll(ctx.db, workspaceId, inboxId, holder, leaseSeconds);
        if (!claim) return; // another node polls this bot; the scan looks again later
        const botToken = messagingSecretsOf(deps.secrets, inbox).botToken ?? '';
        const answer = await client.getUpdates(botToken, { offset: claim.nextOffset, waitSeconds, signal: stopping.signal });
        if (stopping.signal.aborted) return;
        if (answer.ok) {
          const recovering = failures > 0 || health !== 'ok';
          failures = 0;
          if (answer.updates.length > 0) {
            await acceptEvents(deps, inbox, answer.updates.map(eventOfUpdate), { 'user-agent': 'getUpdates' });
            const last = Math.max(...answer.updates.map((u) => u.update_id as number));
            await store.advancePoll(ctx.db, workspaceId, inboxId, holder, last + 1);
          } else if (recovering) {
            // An empty poll writes nothing (thousands of quiet bots), except to clear an error.
            await store.advancePoll(ctx.db, workspaceId, inboxId, holder, claim.nextOffset);
          }
          await setHealth('ok');
          continue;
        }
        const { failure } = answer;
        if (answer.conflict === 'webhook') {
          // The admin chose polling: a webhook still set (from before) is what stands in the way.
          const removed = await client.deleteWebhook(botToken);
          deps.log.info('telegram: webhook removed to poll', { inbox: inboxId, ok: removed.ok });
          // Polled again at once, then more slowly should Telegram still see a webhook (no tight loop).
          if (!removed.ok) await failed(`deleteWebhook: ${removed.message}`);
          else if (failures === 0) {
            failures++;
            continue;
          }
        } else if (answer.conflict === 'other_poller') {
          // Telegram's own words name the cause: another program reads this bot's updates, and each goes to one reader.
          await failed(failure.message);
          await setHealth('needs_reauth', `getUpdates: ${failure.message}`);
        } else if (failure.kind === 'permanent') {
          await failed(failure.message);
          await setHealth('needs_reauth', failure.message);
          await waitForChange(ctx, inboxId, inbox.secrets, inbox.settings);
          continue;
        } else {
          await failed(failure.message);
        }
        failures++;
        const wait = failure.kind === 'rate_limited' ? failure.retryAfterSeconds * 1000 : Math.min(maxRetryMs, retryMs * 2 ** (failures - 1));
        await pause(wait);
      }
    } finally {
      await store.releasePoll(deps.db, workspaceId, inboxId, holder).catch((err) => deps.log.error('telegram: could not let go of a bot', { inbox: inboxId, err }));
    }
  }

  /** After a refusal: wait until the inbox's token or settings change, or `refusedRetryMs` passes. */
  async function waitForChange(ctx: ReturnType<typeof systemCtx>, inboxId: string, secrets: string | null, settings: unknown): Promise<void> {
    const until = Date.now() + refusedRetryMs;
    const before = JSON.stringify(settings);
    while (!stopping.signal.aborted && Date.now() < until) {
      await pause(Math.min(scanMs, until - Date.now()));
      const now = await getInboxRow(ctx, inboxId).catch(() => null);
      if (!now || now.secrets !== secrets || JSON.stringify(now.settings) !== before) return;
    }
  }

  async function scan(): Promise<void> {
    for (const { id, workspace_id } of await listPolledTelegramInboxes(deps.db)) {
      if (stopping.signal.aborted) return;
      if (running.has(id)) continue;
      const loop = pollBot(workspace_id, id)
        .catch((err) => deps.log.error('telegram: poll loop failed', { inbox: id, err }))
        .finally(() => running.delete(id));
      running.set(id, loop);
    }
  }

  let wake: (() => void) | null = null;
  onTelegramPollingWake(deps, () => wake?.());
  const scanning = (async () => {
    while (!stopping.signal.aborted) {
      await scan().catch((err) => deps.log.error('telegram: poll scan failed', { err }));
      await Promise.race([pause(scanMs), new Promise<void>((resolve) => (wake = resolve))]);
      wake = null;
    }
  })();

  return async () => {
    onTelegramPollingWake(deps, null);
    stopping.abort();
    await scanning;
    await Promise.all(running.values());
  };
}
