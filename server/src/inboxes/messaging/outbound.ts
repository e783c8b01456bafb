import { replyWindowOf, type ChannelState } from '@careloop/contracts';
import type { Readable } from 'node:stream';
import { inTransaction, systemCtx, type Ctx, type Deps } from '../../platform/context.ts';
import { t } from '../../platform/i18n.ts';
import type { JobInfo } from '../../platform/jobs/queue.ts';
import type { Row } from '../../platform/db/schema.ts';
import { attachmentsOf } from '../../attachments/service.ts';
import { channelIdentityOf } from '../../contacts/service.ts';
import { patchChannelState, requireConversation } from '../../conversations/service.ts';
import { getMessageRow, setDeliveryStatus } from '../../messages/service.ts';
import { getWorkspace } from '../../workspaces/service.ts';
import type { ChannelAdapter, DeliveryResult } from '../channel.ts';
import { getInboxRow } from '../service.ts';
import * as inboxStore from '../store.ts';
import { accountOf, forgetAccount } from './accounts.ts';
import type { OutboundFile, SendResult } from './types.ts';
import type { SendOptions, Vendor, VendorAccount } from './vendor.ts';
import { vendorFor } from './vendors.ts';

export const messagingSendQueue = { name: 'messaging.send', retryLimit: 6, retryDelaySeconds: 10, expireInSeconds: 120, batchSize: 10 };

interface SendJob { workspaceId: string; messageId: string; rateLimited?: number; privateReply?: boolean; quoteMessageId?: string }

/** Messaging channels on the channel interface: replies are durable jobs, like email's. */
export function messagingAdapter(channel: Vendor['channel']): ChannelAdapter {
  return {
    channel,
    async enqueue(tx, delivery) {
      await tx.deps.jobs.enqueue(tx.db, messagingSendQueue.name, { workspaceId: tx.workspaceId, messageId: delivery.message.id, ...delivery.options } satisfies SendJob);
    },
    send: (ctx, delivery) => deliverMessage(ctx, delivery.message.id, { final: true, ...delivery.options }),
  };
}

/** The job: deliver one stored reply. pg-boss retries transient failures; a vendor's rate limit waits as long as it asks. */
export async function runMessagingSend(deps: Deps, data: SendJob, job: JobInfo): Promise<void> {
  const ctx = systemCtx(deps, data.workspaceId);
  const result = await deliverMessage(ctx, data.messageId, { final: job.retryCount >= job.retryLimit, ...(data.privateReply ? { privateReply: true } : {}), ...(data.quoteMessageId ? { quoteMessageId: data.quoteMessageId } : {}) });
  if (result.retryAfterSeconds !== undefined && (data.rateLimited ?? 0) < 5) {
    await deps.jobs.enqueue(deps.db, messagingSendQueue.name, { ...data, rateLimited: (data.rateLimited ?? 0) + 1 } satisfies SendJob, { startAfter: new Date(Date.now() + result.retryAfterSeconds * 1000) });
    return;
  }
  if (result.status === 'sending') throw new Error(result.error ?? 'Delivery failed; will retry');
}

type Outcome = DeliveryResult & { retryAfterSeconds?: number };

/**
 * Send one reply through its inbox's vendor and record the outcome on the message
 * (channels.md §0.3): refused before sending outside the reply window; an expired token is
 * refreshed once and the send retried once; window and permanent errors fail at once with the
 * vendor's reason; transient ones keep it `sending` until the last attempt.
 */
export async function deliverMessage(ctx: Ctx, messageId: string, opts: { final: boolean; privateReply?: boolean; quoteMessageId?: string }): Promise<Outcome> {
  const message = await getMessageRow(ctx, messageId);
  if (['sent', 'delivered', 'read'].includes(message.delivery_status)) return { status: 'sent' };
  const conversation = await requireConversation(ctx, message.conversation_id);
  const inbox = await getInboxRow(ctx, conversation.inbox_id);
  const vendor = vendorFor(inbox.channel);
  const locale = (await getWorkspace(ctx)).locale;
  const fail = async (error: string, permanent: boolean, extra: Partial<Outcome> = {}): Promise<Outcome> => {
    const status = permanent || opts.final ? 'failed' : 'sending';
    await setDeliveryStatus(ctx, message, conversation, { status, error });
    return { status, error, ...extra };
  };
  if (!vendor) return fail(`No adapter for the ${inbox.channel} channel`, true);
  const state = (conversation.channel_state ?? {}) as ChannelState;
  const window = replyWindowOf(inbox.channel, state, new Date());
  if (window?.state === 'closed') return fail(t(locale, 'messaging.window_closed', { detail: window.reason }), true);
  const options: SendOptions = {};
  if (window?.state === 'open' && window.tag) {
    // HUMAN_AGENT is for people only (channels.md §2.5): an automatic message after 24 h is refused.
    if (window.tag === 'HUMAN_AGENT' && message.sender_type !== 'agent') return fail(t(locale, 'messaging.window_closed', { detail: 'HUMAN_AGENT' }), true);
    options.tag = window.tag;
  }
  if (state.comment) options.comment = { commentId: state.comment.commentId, private: opts.privateReply ?? false };
  const identity = await channelIdentityOf(ctx, conversation.contact_id, inbox.id);
  if (!identity && !options.comment) return fail('The customer has no account on this channel', true);
  const files = await attachmentsOf(ctx, [message.id]);
  const attachments: OutboundFile[] = await Promise.all(files.map(async (f) => ({
    kind: f.content_type.startsWith('image/') ? 'image' as const : 'file' as const, filename: f.filename, contentType: f.content_type, data: await readAll(ctx, f.storage_key),
  })));
  // A quoted customer message goes by its vendor id (only messages of this conversation that came in through the vendor).
  const quoted = opts.quoteMessageId ? await getMessageRow(ctx, opts.quoteMessageId).catch(() => null) : null;
  const quote = quoted && quoted.conversation_id === conversation.id && quoted.kind === 'incoming' && quoted.external_id ? quoted.external_id : undefined;
  const outbound = { recipientId: identity?.external_id ?? '', text: message.body, attachments, ...(quote ? { replyToExternalId: quote } : {}) };

  let account = accountOf(ctx.deps, inbox);
  let result = await vendor.send(ctx.deps, account, outbound, options);
  if (result.kind === 'auth_expired' && vendor.refresh) {
    const refreshed = await refreshAccessToken(ctx, vendor, inbox.id, account.secrets.accessToken);
    if (refreshed) {
      account = refreshed;
      result = await vendor.send(ctx.deps, account, outbound, options);
    }
  }
  return settle(ctx, result, { message, conversation, inbox, locale, fail });
}

async function settle(ctx: Ctx, result: SendResult, c: { message: Row<'messages'>; conversation: Row<'conversations'>; inbox: Row<'inboxes'>; locale: Parameters<typeof t>[0]; fail: (error: string, permanent: boolean, extra?: Partial<Outcome>) => Promise<Outcome> }): Promise<Outcome> {
  switch (result.kind) {
    case 'ok':
      await setDeliveryStatus(ctx, c.message, c.conversation, { status: 'sent', externalId: result.providerMessageId });
      await patchChannelState(ctx, c.conversation.id, {}, { countReply: true, announce: true });
      return { status: 'sent', externalId: result.providerMessageId };
    case 'auth_expired':
      await setHealth(ctx, c.inbox.id, { state: 'needs_reauth', error: result.message });
      return c.fail(t(c.locale, 'messaging.reauth', { detail: result.message }), true);
    case 'window_closed':
      return c.fail(t(c.locale, 'messaging.window_closed', { detail: `${result.code ? `${result.code} ` : ''}${result.message}` }), true);
    case 'rate_limited':
      return c.fail(result.message, false, { retryAfterSeconds: Math.max(1, Math.min(3600, result.retryAfterSeconds)) });
    case 'transient':
      return c.fail(result.message, false);
    case 'permanent':
      return c.fail(`${result.code ? `${result.code}: ` : ''}${result.message}`, true);
  }
}

/**
 * Single-flight refresh (channels.md §1.8): under the inbox row's lock, re-read the tokens; if
 * another send or node refreshed meanwhile, use theirs; else refresh and save the new access and
 * refresh tokens in the same transaction. A refused refresh marks the channel `needs_reauth`.
 * Returns the account with fresh tokens, or null.
 */
export async function refreshAccessToken(ctx: Ctx, vendor: Vendor, inboxId: string, staleAccessToken: string | undefined): Promise<VendorAccount | null> {
  if (!vendor.refresh) return null;
  const account = await inTransaction(ctx, async (tx) => {
    const locked = await inboxStore.lockInbox(tx.db, tx.workspaceId, inboxId);
    if (!locked) return null;
    const current = accountOf(tx.deps, locked);
    if (staleAccessToken !== undefined && current.secrets.accessToken !== staleAccessToken) return current; // someone refreshed first
    const result = await vendor.refresh!(tx.deps, current);
    if (!result.ok) {
      await inboxStore.updateInbox(tx.db, tx.workspaceId, inboxId, { health: JSON.stringify({ state: 'needs_reauth', error: result.error, at: new Date().toISOString() }) });
      return null;
    }
    const secrets = { ...current.secrets, ...result.secrets };
    const updated = await inboxStore.updateInbox(tx.db, tx.workspaceId, inboxId, {
      secrets: tx.deps.secrets.seal(secrets), health: JSON.stringify({ state: 'ok', at: new Date().toISOString() }),
    });
    return updated ? accountOf(tx.deps, updated) : null;
  });
  forgetAccount(inboxId);
  return account;
}

/** The sweep: refresh tokens that expire within the hour, or whose expiry is unknown (a pasted token). */
export async function refreshExpiringTokens(deps: Deps): Promise<void> {
  for (const channel of ['zalo'] as const) {
    const vendor = vendorFor(channel);
    if (!vendor?.refresh) continue;
    for (const inbox of await inboxStore.listInboxesOfChannel(deps.db, channel)) {
      if ((inbox.health as { state?: string }).state === 'needs_reauth') continue; // never loop on a refused token
      const ctx = systemCtx(deps, inbox.workspace_id);
      try {
        const { secrets } = accountOf(deps, inbox);
        const expires = secrets.accessTokenExpiresAt ? Date.parse(secrets.accessTokenExpiresAt) : 0;
        if (expires - Date.now() < 3_600_000) await refreshAccessToken(ctx, vendor, inbox.id, secrets.accessToken);
      } catch (err) {
        deps.log.warn('messaging: token refresh failed', { inbox: inbox.id, err });
      }
    }
  }
}

async function setHealth(ctx: Ctx, inboxId: string, health: { state: 'ok' | 'needs_reauth'; error?: string }) {
  await inboxStore.updateInbox(ctx.db, ctx.workspaceId, inboxId, { health: JSON.stringify({ ...health, at: new Date().toISOString() }) });
  forgetAccount(inboxId);
}

async function readAll(ctx: Ctx, key: string): Promise<Buffer> {
  const file = await ctx.deps.storage.get(key);
  if (!file) throw new Error(`attachment ${key} is missing from storage`);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
