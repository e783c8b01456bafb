import type { QueuePositionDto } from '@careloop/contracts';
import { limits, widgetOfflineInput, widgetSessionInput, type Locale, type WidgetConfigDto, type WidgetSessionDto } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, publish, type Ctx, type Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, newSecret } from '../../platform/ids.ts';
import { hmacHex, safeEqual, sha256 } from '../../platform/crypto.ts';
import type { Row } from '../../platform/db/schema.ts';
import { addIdentity, createContact, findContactByIdentity, getContactRow, updateContactFields } from '../../contacts/service.ts';
import { findLatestConversationOf, requireConversation } from '../../conversations/service.ts';
import { queuePosition } from '../../routing/service.ts';
import { addActivity, receiveIncoming, presentForVisitor } from '../../messages/service.ts';
import { settingsOf } from '../present.ts';
import { findInboxByWidgetToken } from '../service.ts';
import * as store from './store.ts';

export type WidgetInbox = NonNullable<Awaited<ReturnType<typeof findInboxByWidgetToken>>>;

export async function resolveWidgetInbox(deps: Deps, token: string | undefined): Promise<WidgetInbox> {
  const inbox = token && token.length <= 100 ? await findInboxByWidgetToken(deps.db, token) : undefined;
  if (!inbox || inbox.channel !== 'web_chat') throw new AppError('unauthenticated', 'Unknown chat widget token');
  return inbox;
}

/** May a page on `origin` use this inbox? The server's own origin (the widget iframe) always may. */
export function originAllowed(inbox: WidgetInbox, origin: string | undefined, publicUrl: string): boolean {
  if (!origin) return true;
  if (origin === new URL(publicUrl).origin) return true;
  const allowed = settingsOf(inbox).allowedOrigins;
  return allowed.length === 0 || allowed.includes(origin);
}

export async function widgetConfig(ctx: Ctx, inbox: WidgetInbox, browserLocale: string | undefined): Promise<WidgetConfigDto> {
  const s = settingsOf(inbox);
  const locale: Locale = s.locale !== 'auto' ? s.locale : browserLocale?.toLowerCase().startsWith('en') ? 'en' : browserLocale ? 'vi' : (inbox.workspace_locale === 'en' ? 'en' : 'vi');
  return {
    inboxName: inbox.name, workspaceName: inbox.workspace_name, color: s.color, locale, greeting: s.greeting, preChatForm: s.preChatForm,
    requireIdentityVerification: s.requireIdentityVerification,
    agentsOnline: await store.anyAgentOnline(ctx.db, ctx.workspaceId, new Date(Date.now() - 15 * 60_000)),
    offlineMessage: s.offlineMessage, replyTimeText: s.replyTimeText,
    limits: { messageChars: limits.messageChars, attachmentBytes: limits.attachmentBytes },
  };
}

/** Resolve a visitor token to its session, only within the inbox it was issued for. */
export async function authenticateVisitor(deps: Deps, inbox: WidgetInbox, token: string | undefined) {
  if (!token) return null;
  const row = await store.findVisitorSession(deps.db, sha256(token));
  if (!row || row.inbox_id !== inbox.id || row.workspace_id !== inbox.workspace_id) return null;
  return row;
}

/**
 * Start or resume a visitor session. A signed identity (HMAC-SHA256 of the identifier with the
 * inbox secret) links the visitor to that customer; an unsigned or forged one never does.
 */
export async function startVisitorSession(ctx: Ctx, inbox: WidgetInbox, existing: Row<'visitor_sessions'> | null, input: z.output<typeof widgetSessionInput>): Promise<WidgetSessionDto> {
  const s = settingsOf(inbox);
  let verified: string | null = null;
  if (input.identifier || input.identifierHash) {
    const expected = input.identifier ? hmacHex(inbox.identity_secret, input.identifier) : '';
    if (!input.identifier || !input.identifierHash || !safeEqual(expected, input.identifierHash)) {
      throw new AppError('invalid_signature', 'The identity signature does not match');
    }
    verified = input.identifier;
  } else if (s.requireIdentityVerification) {
    throw new AppError('invalid_signature', 'This chat needs a signed-in customer');
  }
  const fields = {
    ...(input.name ? { name: input.name } : {}), ...(input.email ? { email: input.email } : {}), ...(input.phone ? { phone: input.phone } : {}),
  };
  let session = existing;
  if (session && verified !== null && session.verified_identifier !== verified) session = null;
  if (session && s.requireIdentityVerification && !session.verified_identifier) session = null;
  let token: string | null = null;
  const resumed = session !== null;
  if (!session) {
    let contactId: string | null = null;
    if (verified) contactId = (await findContactByIdentity(ctx, inbox.id, verified))?.id ?? null;
    if (!contactId) {
      const locale = input.locale ? (input.locale.toLowerCase().startsWith('en') ? 'en' : 'vi') : undefined;
      contactId = (await createContact(ctx, { ...fields, ...(locale ? { locale } : {}) })).id;
      if (verified) await addIdentity(ctx, contactId, inbox.id, verified);
    }
    token = newSecret(32);
    session = await store.insertVisitorSession(ctx.db, {
      id: newId('visitor'), workspace_id: ctx.workspaceId, inbox_id: inbox.id, contact_id: contactId, token_hash: sha256(token), verified_identifier: verified,
    });
    // An anonymous visitor is known to this inbox by their session: that is their channel identity.
    if (!verified) await addIdentity(ctx, contactId, inbox.id, session.id);
  } else {
    await store.touchVisitorSession(ctx.db, ctx.workspaceId, session.id);
  }
  // A new contact was created with these fields already; a resumed visitor may fill them in now (pre-chat form).
  if (Object.keys(fields).length && (resumed || verified)) await updateContactFields(ctx, session.contact_id, fields);
  const contact = await getContactRow(ctx, session.contact_id);
  const conversation = await findLatestConversationOf(ctx, inbox.id, session.contact_id);
  return {
    visitorToken: token ?? '',
    contact: { name: contact?.name ?? null, email: contact?.email ?? null, phone: contact?.phone ?? null },
    conversationId: conversation?.id ?? null,
  };
}

export async function sendVisitorMessage(ctx: Ctx, session: Row<'visitor_sessions'>, input: { body: string; clientId?: string | undefined; attachmentIds: string[] }) {
  if (!input.body.trim() && input.attachmentIds.length === 0) throw new AppError('validation_failed', 'Write a message first', { field: 'body' });
  const result = await receiveIncoming(ctx, {
    inboxId: session.inbox_id, contactId: session.contact_id, body: input.body, clientId: input.clientId ?? null, attachmentIds: input.attachmentIds,
  });
  return result.widgetMessage ?? presentForVisitor(ctx, result.message, session.contact_id);
}

/** The offline form: the message lands in the inbox like any other, marked as left while offline. */
export async function leaveOfflineMessage(ctx: Ctx, inbox: WidgetInbox, session: Row<'visitor_sessions'> | null, input: z.output<typeof widgetOfflineInput>) {
  const fields = { name: input.name, ...(input.email ? { email: input.email } : {}), ...(input.phone ? { phone: input.phone } : {}) };
  const contactId = session ? session.contact_id : (await createContact(ctx, fields)).id;
  if (session) await updateContactFields(ctx, contactId, fields);
  const result = await receiveIncoming(ctx, { inboxId: inbox.id, contactId, body: input.body });
  const conversation = await requireConversation(ctx, result.conversationId);
  await inTransaction(ctx, (tx, emit) => addActivity(tx, conversation, 'activity.offline_form', {}, emit));
  return result.conversationId;
}

/** The visitor's place in the queue ("you are #3, about 4 minutes"); null when they have no open conversation. */
export async function visitorQueuePosition(ctx: Ctx, session: Row<'visitor_sessions'>): Promise<QueuePositionDto | null> {
  const conversation = await findLatestConversationOf(ctx, session.inbox_id, session.contact_id);
  if (!conversation || conversation.status === 'resolved') return null;
  return queuePosition(ctx, conversation.id);
}

export async function visitorTyping(ctx: Ctx, session: Row<'visitor_sessions'>, typing: boolean) {
  const conversation = await findLatestConversationOf(ctx, session.inbox_id, session.contact_id);
  if (!conversation) return;
  const contact = await getContactRow(ctx, session.contact_id);
  await publish(ctx.deps, {
    workspaceId: ctx.workspaceId, contactId: session.contact_id,
    event: { type: 'typing.changed', conversationId: conversation.id, who: { type: 'contact', id: session.contact_id, name: contact?.name ?? null }, typing, private: false },
  });
}

/** Used by contact merges (and their undo). */
export async function moveVisitorSessionsOfContact(ctx: Ctx, fromContactId: string, toContactId: string): Promise<string[]> {
  return (await store.moveVisitorSessions(ctx.db, ctx.workspaceId, { fromContactId }, toContactId)).map((r) => r.id);
}
export async function moveVisitorSessionsByIds(ctx: Ctx, ids: string[], toContactId: string): Promise<void> {
  if (ids.length) await store.moveVisitorSessions(ctx.db, ctx.workspaceId, { ids }, toContactId);
}
