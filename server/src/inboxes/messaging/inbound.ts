import type { ChannelState } from '@careloop/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import type { Row } from '../../platform/db/schema.ts';
import { addIdentity, createContact, findContactByIdentity } from '../../contacts/service.ts';
import { applyChannelFacts, setIdentityMeta } from '../../contacts/identifiers.ts';
import { findLatestConversationOf, patchChannelState } from '../../conversations/service.ts';
import { findMessagesByExternalIds, markDeliveryFailed, receiveAutomatic, receiveIncoming, recordExternalOutgoing, recordReceipt } from '../../messages/service.ts';
import { getWorkspace } from '../../workspaces/service.ts';
import { keepAttachments } from './attachments.ts';
import { containsPhoneNumber, findPhoneNumber } from '../messenger/protocol.ts';
import * as store from './store.ts';
import type { NormalizedEvent, Sender } from './types.ts';
import type { Vendor, VendorAccount } from './vendor.ts';

/** What processing one stored event asks of the processor. */
export type Outcome = 'done' | { postponeSeconds: number };

/** An echo can beat the answer of the send that caused it (channels.md §1.3): look again this long. */
const echoGraceMs = 10_000;

/** Vendors whose profile facts the customer shared from their own verified account. */
const verifiedProfiles = new Set(['zalo', 'telegram']);

/**
 * Apply one stored vendor event. Every step is idempotent (messages by the vendor's id, receipts
 * only move forward, identities and threads insert-or-keep), so a retry after a crash stores
 * nothing twice.
 */
export async function applyEvent(ctx: Ctx, vendor: Vendor, account: VendorAccount, row: Row<'channel_events'>): Promise<Outcome> {
  for (const event of vendor.normalize(account, row.payload)) {
    try {
      const outcome = await applyOne(ctx, vendor, account, row, event);
      if (outcome !== 'done') return outcome;
    } catch (err) {
      // A blocked customer's messages are dropped (as the widget refuses them), not retried.
      if (err instanceof AppError && err.code === 'blocked_contact') continue;
      throw err;
    }
  }
  return 'done';
}

async function applyOne(ctx: Ctx, vendor: Vendor, account: VendorAccount, row: Row<'channel_events'>, event: NormalizedEvent): Promise<Outcome> {
  const inboxId = account.inbox.id;
  switch (event.type) {
    case 'message': {
      const contact = await contactFor(ctx, vendor, account, event.from);
      const files = await keepAttachments(ctx, event.attachments, (a) => vendor.resolveAttachment?.(ctx.deps, account, a) ?? Promise.resolve(null));
      const body = [event.text, ...files.lines].filter(Boolean).join('\n') || (files.ids.length ? '' : '…');
      await receiveIncoming(ctx, {
        inboxId, contactId: contact.id, body, externalId: event.externalId, attachmentIds: files.ids,
        withinTransaction: async (tx, _message, conversation) => {
          await patchChannelState(tx, conversation.id, { lastCustomerAt: event.sentAt.toISOString(), repliesSince: 0, unsubscribed: false });
        },
      });
      // A number the customer typed is theirs to claim, not proof: another contact with it becomes a suggestion.
      const typed = findPhoneNumber(event.text);
      if (typed) await applyChannelFacts(ctx, contact.id, { phone: typed }, { verified: false });
      return 'done';
    }
    case 'comment':
      return applyComment(ctx, vendor, account, event);
    case 'echo': {
      const [ours] = await findMessagesByExternalIds(ctx, inboxId, [event.externalId]);
      if (ours) return 'done';
      if (Date.now() - row.received_at.getTime() < echoGraceMs) return { postponeSeconds: 3 };
      const contact = await contactFor(ctx, vendor, account, { id: event.to });
      const files = await keepAttachments(ctx, event.attachments, (a) => vendor.resolveAttachment?.(ctx.deps, account, a) ?? Promise.resolve(null));
      const body = [event.text, ...files.lines].filter(Boolean).join('\n') || '…';
      await recordExternalOutgoing(ctx, {
        inboxId, contactId: contact.id, body, externalId: event.externalId, attachmentIds: files.ids,
        // A reply from the vendor's own inbox uses up the same window as ours.
        withinTransaction: async (tx, _message, conversation) => void (await patchChannelState(tx, conversation.id, {}, { countReply: true })),
      });
      return 'done';
    }
    case 'delivered':
    case 'read': {
      if (event.externalIds?.length) {
        await recordReceipt(ctx, inboxId, event.type, { externalIds: event.externalIds });
      } else if (event.watermark) {
        const contact = await findContactByIdentity(ctx, inboxId, event.userId);
        const conversation = contact ? await findLatestConversationOf(ctx, inboxId, contact.id) : undefined;
        if (conversation) await recordReceipt(ctx, inboxId, event.type, { conversationId: conversation.id, upTo: event.watermark });
      }
      return 'done';
    }
    case 'failed': {
      for (const message of await findMessagesByExternalIds(ctx, inboxId, event.externalIds)) await markDeliveryFailed(ctx, message.id, event.reason);
      return 'done';
    }
    case 'follow': {
      const contact = await contactFor(ctx, vendor, account, event.profile ?? { id: event.userId });
      await setIdentityMeta(ctx, inboxId, event.userId, { following: event.following, followChangedAt: new Date().toISOString() });
      const conversation = await findLatestConversationOf(ctx, inboxId, contact.id);
      if (conversation) await patchChannelState(ctx, conversation.id, { unsubscribed: !event.following }, { announce: true });
      return 'done';
    }
    case 'opened':
      await contactFor(ctx, vendor, account, event.from);
      return 'done';
    case 'profile': {
      const contact = await contactFor(ctx, vendor, account, { id: event.userId });
      await applyChannelFacts(ctx, contact.id, { name: event.name, phone: event.phone, email: event.email }, { verified: verifiedProfiles.has(vendor.channel) });
      return 'done';
    }
    case 'ignored':
      return 'done';
  }
}

/**
 * A Facebook comment: one conversation per customer and post (channels.md §2.6), replies go back
 * to the newest comment. With "hide comments with a phone number" on, such a comment is hidden on
 * the Page and a note says so (the number stays visible to agents).
 */
async function applyComment(ctx: Ctx, vendor: Vendor, account: VendorAccount, event: Extract<NormalizedEvent, { type: 'comment' }>): Promise<Outcome> {
  if (!account.settings.commentsEnabled || (event.verb !== 'add' && event.verb !== 'edited')) return 'done';
  const inboxId = account.inbox.id;
  const contact = await contactFor(ctx, vendor, account, event.from);
  const threadKey = `comment:${event.postId}:${event.from.id}`;
  const thread = await store.findThread(ctx.db, ctx.workspaceId, inboxId, threadKey);
  const externalId = event.verb === 'edited' ? `${event.externalId}:edited:${event.sentAt.getTime()}` : event.externalId;
  const result = await receiveIncoming(ctx, {
    inboxId, contactId: contact.id, body: event.verb === 'edited' ? `✎ ${event.text}` : event.text, externalId,
    thread: thread ? { conversationId: thread.conversation_id, reopenDays: 3650 } : 'new',
    withinTransaction: async (tx, _message, conversation) => {
      await store.insertThread(tx.db, tx.workspaceId, inboxId, threadKey, conversation.id);
      const state: Partial<ChannelState> = { lastCustomerAt: event.sentAt.toISOString(), comment: { postId: event.postId, commentId: event.externalId } };
      await patchChannelState(tx, conversation.id, state);
    },
  });
  if (!result.duplicate && account.settings.hidePhoneComments && vendor.hideComment && containsPhoneNumber(event.text)) {
    const hidden = await vendor.hideComment(ctx.deps, account, event.externalId);
    const locale = (await getWorkspace(ctx)).locale;
    const note = hidden.kind === 'ok' ? t(locale, 'messaging.comment_hidden') : t(locale, 'messaging.comment_hide_failed', { error: 'message' in hidden ? hidden.message : '' });
    await receiveAutomatic(ctx, { conversationId: result.conversationId, body: note, externalId: `${event.externalId}:hidden` });
  }
  return 'done';
}

/**
 * The contact behind a channel user id: found by its identity, else created with what the event
 * (or the vendor's profile API) says, and the identity recorded. Two events of one new customer
 * never race: the processor handles one event per customer at a time.
 */
async function contactFor(ctx: Ctx, vendor: Vendor, account: VendorAccount, sender: Sender): Promise<Row<'contacts'>> {
  const inboxId = account.inbox.id;
  const known = await findContactByIdentity(ctx, inboxId, sender.id);
  if (known) return known;
  let profile: { name?: string; avatarUrl?: string } | null = { ...(sender.name ? { name: sender.name } : {}), ...(sender.avatarUrl ? { avatarUrl: sender.avatarUrl } : {}) };
  if (!sender.name && vendor.profile) profile = (await vendor.profile(ctx.deps, account, sender.id).catch(() => null)) ?? profile;
  const contact = await createContact(ctx, {
    name: profile?.name?.slice(0, 200) ?? null,
    ...(profile?.avatarUrl && /^https:\/\//.test(profile.avatarUrl) ? { avatarUrl: profile.avatarUrl } : {}),
    ...(sender.language === 'vi' || sender.language === 'en' ? { locale: sender.language } : {}),
  });
  const identity = await addIdentity(ctx, contact.id, inboxId, sender.id);
  if (sender.secondaryId) await setIdentityMeta(ctx, inboxId, sender.id, { secondaryId: sender.secondaryId });
  return identity.contact_id === contact.id ? contact : ((await findContactByIdentity(ctx, inboxId, sender.id)) ?? contact);
}
