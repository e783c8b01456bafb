import { createInboxInput, messagingChannels, messagingSecretFields, updateInboxInput, webChatSettings, type InboxDto, type Locale, type MessagingChannel } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { newId, newSecret } from '../platform/ids.ts';
import { hasRole, requireRole, requireScope } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { presentInbox, settingsOf } from './present.ts';
import type { DeliveryResult, OutgoingDelivery } from './channel.ts';
import { adapterFor } from './channels.ts';
import { setDeliveryStatus } from '../messages/service.ts';
import { emailSettingsOf, mergeEmailSettings, storedEmailSettings } from './email/settings.ts';
import { forgetAccount } from './messaging/accounts.ts';
import { wakeTelegramPolling } from './telegram/wake.ts';
import { mergeMessagingSetup, messagingSecretsOf, messagingSettingsOf } from './messaging/settings.ts';
import { mergePhoneSetup } from './phone/settings.ts';
import { formSettingsOf, mergeFormSettings } from './form/settings.ts';
import * as store from './store.ts';

const isMessagingChannel = (channel: string): channel is MessagingChannel => (messagingChannels as readonly string[]).includes(channel);

const present = (ctx: Ctx, row: Parameters<typeof presentInbox>[0]) => presentInbox(row, ctx.deps.config.publicUrl, hasRole(ctx.actor, 'admin'), ctx.deps.secrets);

async function insertWebChat(ctx: Ctx, name: string, settings: z.input<typeof webChatSettings>) {
  return store.insertInbox(ctx.db, {
    id: newId('inbox'), workspace_id: ctx.workspaceId, name, channel: 'web_chat',
    widget_token: newSecret(18), identity_secret: newSecret(32), settings: JSON.stringify(webChatSettings.parse(settings)),
  });
}

/** Setup gives every workspace a website chat inbox, so the snippet is ready at once. */
export async function createDefaultInbox(ctx: Ctx, locale: Locale) {
  // 'auto': the visitor's browser picks Vietnamese or English; the workspace language is the fallback.
  return insertWebChat(ctx, 'Website', {
    locale: 'auto',
    greeting: locale === 'vi' ? 'Xin chào! Shop có thể giúp gì cho bạn?' : 'Hi! How can we help?',
    offlineMessage: locale === 'vi' ? 'Hiện chưa có nhân viên trực tuyến. Để lại lời nhắn, shop sẽ trả lời qua email hoặc điện thoại trong giờ làm việc.'
      : 'No one is online right now. Leave a message and we will answer by email or phone during business hours.',
    replyTimeText: locale === 'vi' ? 'Thường trả lời trong vài phút' : 'Usually replies in a few minutes',
  });
}

export async function listInboxes(ctx: Ctx): Promise<InboxDto[]> {
  requireScope(ctx.actor, 'inboxes:read');
  return (await store.listInboxes(ctx.db, ctx.workspaceId)).map((r) => present(ctx, r));
}

export async function getInboxRow(ctx: Ctx, id: string) {
  const row = await store.getInbox(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Inbox');
  return row;
}

export async function getInbox(ctx: Ctx, id: string): Promise<InboxDto> {
  requireScope(ctx.actor, 'inboxes:read');
  return present(ctx, await getInboxRow(ctx, id));
}

export async function createInbox(ctx: Ctx, input: z.output<typeof createInboxInput>): Promise<InboxDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    let row;
    if (input.channel === 'email') {
      row = await store.insertInbox(tx.db, {
        // The widget token is unused by email; the identity secret authorises raw-MIME uploads.
        id: newId('inbox'), workspace_id: tx.workspaceId, name: input.name, channel: 'email', widget_token: newSecret(18), identity_secret: newSecret(32),
        ...storedEmailSettings(mergeEmailSettings(null, input.email), tx.deps.secrets),
      });
    } else if ('messaging' in input) {
      const { settings, secrets } = mergeMessagingSetup(input.channel, null, input.messaging);
      row = await store.insertInbox(tx.db, {
        id: newId('inbox'), workspace_id: tx.workspaceId, name: input.name, channel: input.channel, widget_token: newSecret(18), identity_secret: newSecret(32),
        settings: JSON.stringify(settings), secrets: tx.deps.secrets.seal(secrets),
      });
    } else if (input.channel === 'phone' || input.channel === 'form') {
      // Phone: the identity secret signs the generic call webhook. Form: the widget token names the hosted page.
      const phone = input.channel === 'phone' ? mergePhoneSetup(tx.deps.secrets, null, input.phone) : null;
      row = await store.insertInbox(tx.db, {
        id: newId('inbox'), workspace_id: tx.workspaceId, name: input.name, channel: input.channel, widget_token: newSecret(18), identity_secret: newSecret(32),
        settings: JSON.stringify(phone ? phone.settings : input.channel === 'form' ? input.form : {}), secrets: phone?.secrets ?? null,
      });
    } else {
      row = await insertWebChat(tx, input.name, input.settings);
    }
    await recordAudit(tx, 'inbox.created', { type: 'inbox', id: row.id }, { name: input.name, channel: row.channel });
    return present(tx, row);
  }).then((dto) => {
    if (dto.channel === 'telegram') wakeTelegramPolling(ctx.deps); // a polled bot starts now, on this node if it polls
    return dto;
  }).finally(() => addressCache.clear()); // a second inbox for an address already known receives at once too
}

export async function updateInbox(ctx: Ctx, id: string, input: z.output<typeof updateInboxInput>): Promise<InboxDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await getInboxRow(tx, id);
    if (isMessagingChannel(row.channel)) {
      const merged = mergeMessagingSetup(row.channel, { settings: messagingSettingsOf(row), secrets: messagingSecretsOf(tx.deps.secrets, row) }, input.messaging ?? {});
      const updated = await store.updateInbox(tx.db, tx.workspaceId, id, {
        name: input.name ?? row.name, settings: JSON.stringify(merged.settings), secrets: tx.deps.secrets.seal(merged.secrets),
        ...(input.messaging && messagingSecretFields.some((f) => input.messaging![f] !== undefined) ? { health: '{}' } : {}),
      });
      if (!updated) throw notFound('Inbox');
      // Names of changed fields only: secret values never reach the audit log.
      await recordAudit(tx, 'inbox.settings_changed', { type: 'inbox', id }, { fields: [...(input.name ? ['name'] : []), ...Object.keys(input.messaging ?? {})] });
      return updated;
    }
    if (row.channel === 'phone' || row.channel === 'form') {
      const phone = row.channel === 'phone' ? mergePhoneSetup(tx.deps.secrets, row, input.phone ?? {}) : null;
      const updated = await store.updateInbox(tx.db, tx.workspaceId, id, {
        name: input.name ?? row.name,
        ...(phone ? { settings: JSON.stringify(phone.settings), secrets: phone.secrets } : { settings: JSON.stringify(mergeFormSettings(formSettingsOf(row), input.form ?? {})) }),
      });
      if (!updated) throw notFound('Inbox');
      await recordAudit(tx, 'inbox.settings_changed', { type: 'inbox', id }, { fields: [...(input.name ? ['name'] : []), ...Object.keys((phone ? input.phone : input.form) ?? {})] });
      return updated;
    }
    const columns = row.channel === 'email'
      ? storedEmailSettings(input.email ? mergeEmailSettings(emailSettingsOf(row, tx.deps.secrets), input.email) : emailSettingsOf(row, tx.deps.secrets), tx.deps.secrets)
      : { settings: JSON.stringify(input.settings ? webChatSettings.parse({ ...settingsOf(row), ...input.settings }) : settingsOf(row)) };
    const updated = await store.updateInbox(tx.db, tx.workspaceId, id, { name: input.name ?? row.name, ...columns });
    if (!updated) throw notFound('Inbox');
    await recordAudit(tx, 'inbox.settings_changed', { type: 'inbox', id }, { fields: [...(input.name ? ['name'] : []), ...Object.keys(input.settings ?? input.email ?? {})] });
    return updated;
  }).then((updated) => {
    forgetInbox(updated); // after commit, so a concurrent request cannot cache the old row again
    forgetAccount(updated.id);
    if (updated.channel === 'telegram') wakeTelegramPolling(ctx.deps);
    return present(ctx, updated);
  });
}

export async function rotateIdentitySecret(ctx: Ctx, id: string): Promise<InboxDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    await getInboxRow(tx, id);
    const updated = await store.updateInbox(tx.db, tx.workspaceId, id, { identity_secret: newSecret(32) });
    if (!updated) throw notFound('Inbox');
    await recordAudit(tx, 'inbox.secret_rotated', { type: 'inbox', id });
    return updated;
  }).then((updated) => {
    forgetInbox(updated);
    return present(ctx, updated);
  });
}

type WidgetInboxRow = NonNullable<Awaited<ReturnType<typeof store.findInboxByWidgetToken>>>;
const tokenCache = new Map<string, { at: number; inbox: WidgetInboxRow }>();
const tokenCacheMs = 5_000;

/**
 * For the widget surface: resolve the public token to its inbox and workspace. Every widget
 * request does this, so answers are kept for 5 seconds; this node forgets an inbox at once when
 * it changes, other nodes within those 5 seconds.
 */
export async function findInboxByWidgetToken(db: Ctx['db'], token: string): Promise<WidgetInboxRow | undefined> {
  const hit = tokenCache.get(token);
  if (hit && Date.now() - hit.at < tokenCacheMs) return hit.inbox;
  const inbox = await store.findInboxByWidgetToken(db, token);
  if (tokenCache.size > 10_000) tokenCache.clear();
  if (inbox) tokenCache.set(token, { at: Date.now(), inbox });
  else tokenCache.delete(token);
  return inbox;
}

/** Email inboxes a recipient address belongs to (SMTP receiver), any workspace. */
export async function findEmailInboxesForAddress(db: Ctx['db'], address: string) {
  const key = address.trim().toLowerCase();
  const hit = addressCache.get(key);
  if (hit && Date.now() - hit.at < tokenCacheMs) return hit.inboxes;
  const inboxes = await store.findEmailInboxesForAddress(db, key);
  if (addressCache.size > 10_000) addressCache.clear();
  // Only a match is kept: an inbox created a moment ago receives at once.
  if (inboxes.length > 0) addressCache.set(key, { at: Date.now(), inboxes });
  else addressCache.delete(key);
  return inboxes;
}
/** The email inboxes of a recipient address, for the SMTP receiver's RCPT TO of every mail (kept 5 s, dropped when an inbox changes). */
const addressCache = new Map<string, { at: number; inboxes: Awaited<ReturnType<typeof store.findEmailInboxesForAddress>> }>();

/** This workspace's email inboxes (a notification goes out through one of them). */
export const listEmailInboxes = async (ctx: Ctx) => (await store.listInboxes(ctx.db, ctx.workspaceId)).filter((r) => r.channel === 'email');

/** Email inboxes that poll a mailbox over IMAP (the worker's sweep), any workspace. */
export const listImapInboxes = (db: Ctx['db']) => store.listImapInboxes(db);
export const listPolledTelegramInboxes = (db: Ctx['db']) => store.listPolledTelegramInboxes(db);

const forgetInbox = (row: { widget_token: string }) => {
  tokenCache.delete(row.widget_token);
  addressCache.clear();
};

/**
 * Inside the transaction that stores an outgoing message: durable channels queue its delivery here.
 * Returns whether it was queued (the message is then `sending` until the job reports).
 */
export async function queueOutgoing(tx: Ctx, delivery: Omit<OutgoingDelivery, 'inbox'>): Promise<boolean> {
  const inbox = await getInboxRow(tx, delivery.conversation.inbox_id);
  const adapter = adapterFor(inbox.channel);
  if (!adapter?.enqueue) return false;
  await adapter.enqueue(tx, { ...delivery, inbox });
  return true;
}

/**
 * Send side of the channel interface: hand a committed reply to its inbox's adapter and record
 * the outcome. Delivery failures are kept on the message (status `failed`), never thrown away.
 */
export async function deliverOutgoing(ctx: Ctx, delivery: Omit<OutgoingDelivery, 'inbox'>): Promise<DeliveryResult> {
  const inbox = await getInboxRow(ctx, delivery.conversation.inbox_id);
  const adapter = adapterFor(inbox.channel);
  if (adapter?.enqueue) return { status: 'sending' }; // queued with the message (queueOutgoing); its job reports
  let result: DeliveryResult;
  try {
    result = adapter ? await adapter.send(ctx, { ...delivery, inbox }) : { status: 'failed', error: `No adapter for the ${inbox.channel} channel` };
  } catch (err) {
    ctx.log.warn('channel: delivery failed', { err, inbox: inbox.id, message: delivery.message.id });
    result = { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  if (result.status !== delivery.message.delivery_status) await setDeliveryStatus(ctx, delivery.message, delivery.conversation, result);
  return result;
}
