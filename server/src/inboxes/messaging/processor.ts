import type { Deps } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { getInboxRow } from '../service.ts';
import { applyEvent } from './inbound.ts';
import { accountOf } from './accounts.ts';
import * as store from './store.ts';
import { vendorFor } from './vendors.ts';

/** A claim lasts this long; a node that dies mid-event leaves it to the next claim after that. */
const leaseSeconds = 120;
/** Attempts before an event goes to the dead-letter list (then it waits for a replay). */
export const maxAttempts = 8;
const backoffSeconds = (attempt: number) => Math.min(3600, 5 * 2 ** (attempt - 1));

/**
 * Claim due events and apply them: one event per customer at a time (ordered), several customers
 * in parallel. Returns how many were handled. The worker loop calls it; tests call it directly.
 */
export async function processDueEvents(deps: Deps, opts: { limit?: number; concurrency?: number } = {}): Promise<number> {
  const claimed = await store.claimEvents(deps.db, opts.limit ?? 50, leaseSeconds);
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) await processOne(deps, claimed[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, claimed.length) }, lane));
  return claimed.length;
}

async function processOne(deps: Deps, row: store.ChannelEventRow): Promise<void> {
  const ctx = systemCtx(deps, row.workspace_id);
  try {
    const inbox = await getInboxRow(ctx, row.inbox_id);
    const vendor = vendorFor(inbox.channel);
    if (!vendor) throw new Error(`No messaging vendor for the ${inbox.channel} channel`);
    const outcome = await applyEvent(ctx, vendor, accountOf(deps, inbox), row);
    if (outcome === 'done') await store.markDone(deps.db, row.id);
    else await store.postpone(deps.db, row.id, outcome.postponeSeconds);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const dead = row.attempts >= maxAttempts;
    deps.log.warn('messaging: event failed', { event: row.id, inbox: row.inbox_id, attempt: row.attempts, dead, err: message });
    await store.markFailed(deps.db, row.id, message, dead ? null : backoffSeconds(row.attempts)).catch((e) => deps.log.error('messaging: could not record a failure', { err: e }));
  }
}

const wakers = new WeakMap<Deps, () => void>();

/** Called after a webhook stored events: this node's processor looks at once instead of at its next tick. */
export function wakeProcessor(deps: Deps): void {
  wakers.get(deps)?.();
}

/**
 * The worker's loop: drain due events, then sleep until woken or for `pollMs` (events stored by
 * other nodes, retries coming due). Returns a stop function that waits for the current round.
 */
export function startEventProcessor(deps: Deps, opts: { pollMs?: number } = {}): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  let pending = false;
  wakers.set(deps, () => {
    pending = true;
    wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      pending = false;
      try {
        while (!stopped && (await processDueEvents(deps)) > 0) { /* drain */ }
      } catch (err) {
        deps.log.error('messaging: processor round failed', { err });
      }
      if (stopped || pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs ?? 1000);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    wakers.delete(deps);
    await loop;
  };
}
