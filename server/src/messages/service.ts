import { fold, type WorkspaceDto, type CreateMessageInput, type MessageDto, type Page, type RealtimeEvent } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { t, type MessageKey } from '../platform/i18n.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';
import { requireScope } from '../agents/policy.ts';
import { agentDirectory } from '../agents/service.ts';
import { attachmentsOf, claimAttachments } from '../attachments/service.ts';
import { getContactRow, touchContactActivity } from '../contacts/service.ts';
import { can } from '../conversations/policy.ts';
import { openConversationForIncoming, presentForEvent, presentOpened, recordMessage, requireConversation } from '../conversations/service.ts';
import { notifyMentions } from '../notifications/service.ts';
import { deliverOutgoing, queueOutgoing } from '../inboxes/service.ts';
import { getWorkspace, reserveConversationNumber } from '../workspaces/service.ts';
import { queueAutomations } from '../automations/service.ts';
import { triageMessage } from '../triage/service.ts';
import { queueRouting } from '../routing/service.ts';
import { findMentions } from './mentions.ts';
import { presentMessage, presentWidgetMessage, type SenderDirectory } from './present.ts';
import { htmlToText, sanitizeRichText } from './sanitize.ts';
import * as store from './store.ts';

type Emit = (event: RealtimeEvent, contactId?: string) => void;

/** What the caller already holds, so presenting a fresh message costs no extra queries. */
interface Known { files?: Row<'attachments'>[]; contactName?: string | null }

async function directoryFor(ctx: Ctx, rows: Row<'messages'>[], contactId: string, known: Known): Promise<SenderDirectory> {
  const needAgents = rows.some((r) => r.sender_type === 'agent');
  const needContact = known.contactName === undefined && rows.some((r) => r.sender_type === 'contact');
  const [agents, contact] = await Promise.all([needAgents ? agentDirectory(ctx) : [], needContact ? getContactRow(ctx, contactId) : undefined]);
  return {
    agents: new Map(agents.map((a) => [a.id, { name: a.name, avatarUrl: a.avatarUrl }])),
    contactName: known.contactName !== undefined ? known.contactName : contact?.name ?? null,
  };
}

/** Present messages with their attachments and sender names (agent and widget views). */
export async function presentMessages(ctx: Ctx, rows: Row<'messages'>[], contactId: string, known: Known = {}) {
  const [files, senders] = await Promise.all([known.files ?? attachmentsOf(ctx, rows.map((r) => r.id)), directoryFor(ctx, rows, contactId, known)]);
  const filesOf = (id: string) => files.filter((f) => f.message_id === id);
  return {
    agent: rows.map((r) => presentMessage(r, filesOf(r.id), senders, ctx.deps.secret)),
    widget: rows.map((r) => presentWidgetMessage(r, filesOf(r.id), senders, ctx.deps.secret)),
  };
}

async function emitCreated(ctx: Ctx, conversation: Row<'conversations'>, row: Row<'messages'>, emit: Emit, known: Known = {}, opened = false) {
  const { agent, widget } = await presentMessages(ctx, [row], conversation.contact_id, known);
  emit({ type: 'message.created', conversationId: conversation.id, message: agent[0]!, widgetMessage: widget[0] ?? null, ...(opened ? { opened } : {}) }, conversation.contact_id);
  return { agent: agent[0]!, widget: widget[0] ?? null };
}

export async function listConversationMessages(ctx: Ctx, conversationId: string, opts: { before?: string; limit: number }): Promise<Page<MessageDto>> {
  requireScope(ctx.actor, 'conversations:read');
  const conversation = await requireConversation(ctx, conversationId);
  let before: { createdAt: Date; id: string } | undefined;
  if (opts.before) {
    const anchor = await store.getMessage(ctx.db, ctx.workspaceId, opts.before);
    if (!anchor || anchor.conversation_id !== conversationId) throw notFound('Message');
    before = { createdAt: anchor.created_at, id: anchor.id };
  }
  const rows = await store.listMessages(ctx.db, ctx.workspaceId, conversationId, { limit: opts.limit, ...(before ? { before } : {}) });
  const page = rows.slice(0, opts.limit).reverse();
  const { agent } = await presentMessages(ctx, page, conversation.contact_id);
  return { items: agent, nextCursor: rows.length > opts.limit ? page[0]!.id : null };
}

/**
 * An agent's reply or internal note. A reply from a stale view (a newer customer message the
 * agent has not seen) is refused with `stale_version` unless the agent confirms with `force`.
 */
export async function sendAgentMessage(ctx: Ctx, conversationId: string, input: CreateMessageInput): Promise<MessageDto> {
  requireScope(ctx.actor, 'conversations:write');
  if (ctx.actor.type !== 'agent') throw forbidden();
  const html = input.html ? sanitizeRichText(input.html) : null;
  const body = (input.body.trim() || (html ? htmlToText(html) : '')).normalize('NFC');
  if (!body && input.attachmentIds.length === 0) throw new AppError('validation_failed', 'Write a message or attach a file', { field: 'body' });
  const agentId = ctx.actor.id;
  return inTransaction(ctx, async (tx, emit) => {
    const conversation = await requireConversation(tx, conversationId);
    if (input.kind === 'outgoing' && !can.reply(tx.actor, conversation)) throw forbidden('This conversation belongs to another agent');
    if (input.clientId) {
      const existing = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: conversation.inbox_id, conversationId, clientId: input.clientId });
      if (existing) return { agent: (await presentMessages(tx, [existing], conversation.contact_id)).agent[0]!, row: null, updated: conversation, files: [] };
    }
    if (input.kind === 'outgoing' && input.lastSeenMessageId && !input.force) {
      const seen = await store.getMessage(tx.db, tx.workspaceId, input.lastSeenMessageId);
      if (seen && seen.conversation_id === conversationId && await store.hasNewerIncoming(tx.db, tx.workspaceId, conversationId, { createdAt: seen.created_at, id: seen.id })) {
        throw new AppError('stale_version', 'The customer wrote something new since you started; read it first', { reason: 'new_incoming' });
      }
    }
    if (input.kind === 'outgoing') {
      const contact = await getContactRow(tx, conversation.contact_id);
      if (contact?.blocked) throw new AppError('blocked_contact', 'This contact is blocked; unblock them to reply');
    }
    const mentions = input.kind === 'note' ? findMentions(body, (await agentDirectory(tx)).filter((a) => !a.disabled && a.id !== agentId)) : [];
    const row = await insert(tx, {
      id: newId('message'), workspace_id: tx.workspaceId, conversation_id: conversationId, inbox_id: conversation.inbox_id,
      kind: input.kind, sender_type: 'agent', sender_id: agentId, body, html, body_folded: fold(body), mentions,
      client_id: input.clientId ?? null, delivery_status: 'sent',
    });
    const files = await claimAttachments(tx, input.attachmentIds, row.id);
    const queued = row.kind === 'outgoing' && await queueOutgoing(tx, { conversation, message: row, attachments: files, ...(input.privateReply || input.quoteMessageId ? { options: { ...(input.privateReply ? { privateReply: true } : {}), ...(input.quoteMessageId ? { quoteMessageId: input.quoteMessageId } : {}) } } : {}) });
    if (queued) Object.assign(row, await store.updateDelivery(tx.db, tx.workspaceId, row.id, 'sending', null));
    const updated = await recordMessage(tx, conversation, row);
    if (mentions.length) await notifyMentions(tx, { mentions, conversation: updated, message: row }, emit);
    const { agent } = await emitCreated(tx, updated, row, emit, { files });
    emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, updated), changes: ['messages'] });
    return { agent, row, updated, files };
  }).then(async ({ agent, row, updated, files }) => {
    if (!row || row.kind !== 'outgoing') return agent; // a note, or a retry of a message already sent
    const result = await deliverOutgoing(ctx, { conversation: updated, message: row, attachments: files });
    return { ...agent, deliveryStatus: result.status };
  });
}

/**
 * An automated message to the customer (follow-ups, later automations): sent as the workspace
 * (`sender_type = system`) through the conversation's channel, without changing its status; a
 * retried `clientId` sends once.
 */
export async function sendSystemMessage(ctx: Ctx, conversationId: string, input: { body: string; clientId: string }): Promise<Row<'messages'>> {
  const body = input.body.normalize('NFC').trim();
  const { row, updated } = await inTransaction(ctx, async (tx, emit) => {
    const conversation = await requireConversation(tx, conversationId);
    const existing = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: conversation.inbox_id, conversationId, clientId: input.clientId });
    if (existing) return { row: existing, updated: null };
    const inserted = await insert(tx, {
      id: newId('message'), workspace_id: tx.workspaceId, conversation_id: conversationId, inbox_id: conversation.inbox_id,
      kind: 'outgoing', sender_type: 'system', sender_id: null, body, html: null, body_folded: fold(body), mentions: [],
      client_id: input.clientId, delivery_status: 'sent',
    });
    if (await queueOutgoing(tx, { conversation, message: inserted, attachments: [] })) {
      Object.assign(inserted, await store.updateDelivery(tx.db, tx.workspaceId, inserted.id, 'sending', null));
    }
    const recorded = await recordMessage(tx, conversation, inserted);
    await emitCreated(tx, recorded, inserted, emit);
    emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, recorded), changes: ['messages'] });
    return { row: inserted, updated: recorded };
  });
  if (updated) await deliverOutgoing(ctx, { conversation: updated, message: row, attachments: [] });
  return row;
}

export async function latestIncomingMessages(ctx: Ctx, conversationIds: string[]): Promise<Map<string, Row<'messages'>>> {
  return new Map((await store.latestIncomingOf(ctx.db, ctx.workspaceId, conversationIds)).map((m) => [m.conversation_id, m]));
}

/** A stored message of this workspace (channel jobs load what they deliver). */
export async function getMessageRow(ctx: Ctx, id: string): Promise<Row<'messages'>> {
  const row = await store.getMessage(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Message');
  return row;
}

/**
 * A channel learned later that a message it reported sent was not delivered (an email bounce):
 * the message turns `failed` with the reason. Unknown or other-workspace ids do nothing.
 */
export async function markDeliveryFailed(ctx: Ctx, messageId: string, error: string): Promise<boolean> {
  const message = await store.getMessage(ctx.db, ctx.workspaceId, messageId);
  if (!message || message.kind !== 'outgoing') return false;
  const conversation = await requireConversation(ctx, message.conversation_id);
  await setDeliveryStatus(ctx, message, conversation, { status: 'failed', error });
  return true;
}

/** Record a channel's delivery outcome on the message and tell the console (and the widget). */
export async function setDeliveryStatus(ctx: Ctx, message: Row<'messages'>, conversation: Row<'conversations'>, result: { status: string; externalId?: string; error?: string }) {
  await inTransaction(ctx, async (tx, emit) => {
    const updated = await store.updateDelivery(tx.db, tx.workspaceId, message.id, result.status, result.externalId ?? null, result.error ?? null);
    if (!updated) return;
    const { agent, widget } = await presentMessages(tx, [updated], conversation.contact_id);
    emit({ type: 'message.updated', conversationId: conversation.id, message: agent[0]!, widgetMessage: widget[0] ?? null }, conversation.contact_id);
  });
}

async function insert(ctx: Ctx, row: NewRow<'messages'>): Promise<Row<'messages'>> {
  const inserted = await store.insertMessage(ctx.db, row);
  if (!inserted) throw new AppError('conflict', 'This message was already stored');
  return inserted;
}

export interface IncomingMessage {
  inboxId: string;
  contactId: string;
  body: string;
  html?: string | null;
  externalId?: string | null;
  clientId?: string | null;
  attachmentIds?: string[];
  /** Email: the conversation the mail's thread resolved to, or `'new'` (see openConversationForIncoming). */
  thread?: { conversationId: string; reopenDays: number } | 'new';
  /** The channel's own records of the message (email headers, variants), written in the same transaction. */
  withinTransaction?: (tx: Ctx, message: Row<'messages'>, conversation: Row<'conversations'>) => Promise<void>;
  /**
   * The caller looked for `externalId` among its own records just now and found nothing: no second
   * look. A copy racing this one is still caught, by the unique index, and answered as a duplicate.
   */
  checkedNew?: boolean;
  /** The inbox's channel, when the caller has it: a new conversation is then announced without reading it back. */
  channel?: string;
  /** The contact `contactId` names, when the caller has just read it: not read again. */
  contact?: Row<'contacts'>;
}

/** A copy of the same external id committed while this one was being stored (see `checkedNew`). */
class RacedDuplicate extends Error {}

/** What `receiveIncoming` answers for a message it had stored before. */
const alreadyStored = (dup: Row<'messages'>) => ({ message: dup, widgetMessage: null, conversationId: dup.conversation_id, duplicate: true as const });

/**
 * Channel interface, receive side: every channel normalizes its event to this and calls it.
 * Idempotent: the same external id (or the widget's client id) stores one message.
 */
export async function receiveIncoming(ctx: Ctx, input: IncomingMessage) {
  try {
    return await storeIncoming(ctx, input);
  } catch (err) {
    if (!(err instanceof RacedDuplicate)) throw err;
    const dup = await store.findDuplicate(ctx.db, ctx.workspaceId, { inboxId: input.inboxId, externalId: input.externalId });
    if (!dup) throw new AppError('conflict', 'This message was already stored');
    return alreadyStored(dup);
  }
}

async function storeIncoming(ctx: Ctx, input: IncomingMessage) {
  const body = input.body.normalize('NFC').trim();
  const reservedNumber = input.thread === 'new' ? await reserveConversationNumber(ctx) : undefined;
  return inTransaction(ctx, async (tx, emit) => {
    const contact = input.contact?.id === input.contactId ? input.contact : await getContactRow(tx, input.contactId);
    if (!contact) throw notFound('Contact');
    if (contact.blocked) throw new AppError('blocked_contact', 'This conversation is closed');
    if (input.externalId && !input.checkedNew) {
      const dup = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: input.inboxId, externalId: input.externalId });
      if (dup) return alreadyStored(dup);
    }
    const triage = body ? await triageMessage(tx, body) : null;
    // A conversation opened for this message is inserted already summarizing it, at the message's time.
    const at = new Date();
    const { conversation, created } = await openConversationForIncoming(tx, {
      inboxId: input.inboxId, contactId: input.contactId, ...(input.thread ? { thread: input.thread } : {}), ...(reservedNumber ? { reservedNumber } : {}),
      firstMessage: { kind: 'incoming', sender_type: 'contact', body, triage: triage as Row<'messages'>['triage'], created_at: at },
    });
    // A retried client id conflicts on the unique index: answer with what was stored the first time.
    const row = await store.insertMessage(tx.db, {
      id: newId('message'), workspace_id: tx.workspaceId, conversation_id: conversation.id, inbox_id: input.inboxId,
      kind: 'incoming', sender_type: 'contact', sender_id: input.contactId, body, html: input.html ? sanitizeRichText(input.html) : null,
      body_folded: fold(body), external_id: input.externalId ?? null, client_id: input.clientId ?? null, delivery_status: 'delivered',
      triage: triage ? JSON.stringify(triage) : null, ...(created ? { created_at: at } : {}),
    });
    if (!row) {
      // Rolled back, so a conversation opened for it above is not left empty (nor summarizing a message it lacks).
      if (input.externalId && (input.checkedNew || created)) throw new RacedDuplicate();
      const dup = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: input.inboxId, externalId: input.externalId, conversationId: conversation.id, clientId: input.clientId });
      if (!dup) throw new AppError('conflict', 'This message was already stored');
      return alreadyStored(dup);
    }
    const files = await claimAttachments(tx, input.attachmentIds ?? [], row.id);
    await input.withinTransaction?.(tx, row, conversation);
    const updated = created ? conversation : await recordMessage(tx, conversation, row);
    // Last activity to the minute is enough: a chatty customer does not rewrite their contact row each message.
    if (!contact.last_activity_at || row.created_at.getTime() - contact.last_activity_at.getTime() > 60_000) {
      await touchContactActivity(tx, input.contactId, row.created_at);
    }
    await queueRouting(tx, updated);
    if (created) await queueAutomations(tx, { trigger: 'conversation.created', conversationId: conversation.id, messageId: row.id });
    await queueAutomations(tx, { trigger: 'message.received', conversationId: conversation.id, messageId: row.id });
    const { widget } = await emitCreated(tx, updated, row, emit, { files, contactName: contact.name }, created);
    const dto = created && input.channel ? presentOpened(updated, contact, input.channel) : await presentForEvent(tx, updated);
    emit(created ? { type: 'conversation.created', conversation: dto } : { type: 'conversation.updated', conversation: dto, changes: ['messages'] });
    return { message: row, widgetMessage: widget, conversationId: conversation.id, duplicate: false };
  });
}

/**
 * Mail a machine sent (auto-replies, bounces, list mail) into a known conversation: kept as a system
 * note, so it does not reopen the conversation, count as the customer waiting, or notify anyone —
 * and nothing answers it automatically. Idempotent on the channel's id like `receiveIncoming`.
 */
export async function receiveAutomatic(ctx: Ctx, input: { conversationId: string; body: string; externalId: string | null; withinTransaction?: IncomingMessage['withinTransaction'] }) {
  return inTransaction(ctx, async (tx, emit) => {
    const conversation = await requireConversation(tx, input.conversationId);
    if (input.externalId) {
      const dup = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: conversation.inbox_id, externalId: input.externalId });
      if (dup) return { message: dup, duplicate: true };
    }
    const body = input.body.normalize('NFC').trim();
    const row = await insert(tx, {
      id: newId('message'), workspace_id: tx.workspaceId, conversation_id: conversation.id, inbox_id: conversation.inbox_id,
      kind: 'note', sender_type: 'system', sender_id: null, body, body_folded: fold(body), external_id: input.externalId,
    });
    await input.withinTransaction?.(tx, row, conversation);
    const updated = await recordMessage(tx, conversation, row);
    await emitCreated(tx, updated, row, emit);
    return { message: row, duplicate: false };
  });
}

/** A system line in the timeline ("Lan assigned this to Minh"), written in the workspace's language. */
export async function addActivity(ctx: Ctx, conversation: Row<'conversations'>, key: MessageKey, params: Record<string, string>, emit: Emit, known?: WorkspaceDto) {
  const workspace = known ?? await getWorkspace(ctx);
  const actor = ctx.actor.type === 'agent' ? ctx.actor.name : t(workspace.locale, 'actor.system');
  const body = t(workspace.locale, key, { actor, ...params, ...(params.priority ? { priority: t(workspace.locale, `priority.${params.priority}` as MessageKey) } : {}) });
  const row = await insert(ctx, {
    id: newId('message'), workspace_id: ctx.workspaceId, conversation_id: conversation.id, inbox_id: conversation.inbox_id,
    kind: 'activity', sender_type: 'system', sender_id: null, body, body_folded: '',
  });
  await emitCreated(ctx, conversation, row, emit, { files: [] });
}

/** The widget's view of one visitor's thread; `afterId` returns only what the visitor missed. */
export async function listVisitorMessages(ctx: Ctx, contactId: string, inboxId: string, afterId: string | undefined) {
  let after: { createdAt: Date; id: string } | undefined;
  if (afterId) {
    const anchor = await store.getMessage(ctx.db, ctx.workspaceId, afterId);
    if (anchor) after = { createdAt: anchor.created_at, id: anchor.id };
  }
  const rows = await store.listVisitorMessages(ctx.db, ctx.workspaceId, contactId, inboxId, { limit: 200, ...(after ? { after } : {}) });
  const { widget } = await presentMessages(ctx, rows, contactId);
  return widget.filter((m) => m !== null);
}

/** Present one stored message for the widget (after the visitor sends it). */
export async function presentForVisitor(ctx: Ctx, row: Row<'messages'>, contactId: string) {
  return (await presentMessages(ctx, [row], contactId)).widget[0] ?? null;
}

/**
 * A vendor receipt (delivered, read) for outgoing messages: by vendor ids or up to a watermark
 * time in one conversation. Each changed message is announced.
 */
export async function recordReceipt(ctx: Ctx, inboxId: string, status: 'delivered' | 'read', which: { externalIds: string[] } | { conversationId: string; upTo: Date }): Promise<number> {
  return inTransaction(ctx, async (tx, emit) => {
    const rows = await store.advanceDelivery(tx.db, tx.workspaceId, inboxId, status, which);
    for (const row of rows.slice(0, 50)) {
      const conversation = await requireConversation(tx, row.conversation_id);
      const { agent, widget } = await presentMessages(tx, [row], conversation.contact_id);
      emit({ type: 'message.updated', conversationId: conversation.id, message: agent[0]!, widgetMessage: widget[0] ?? null }, conversation.contact_id);
    }
    return rows.length;
  });
}

/** Messages of an inbox by their vendor ids (echo matching). */
export const findMessagesByExternalIds = (ctx: Ctx, inboxId: string, externalIds: string[]) => store.findByExternalIds(ctx.db, ctx.workspaceId, inboxId, externalIds);

/**
 * A reply the business sent outside CareLoop (typed in the vendor's own inbox or app), seen as a
 * vendor echo: stored as an outgoing message from the system, `sent`, idempotent on the vendor id.
 */
export async function recordExternalOutgoing(ctx: Ctx, input: { inboxId: string; contactId: string; body: string; externalId: string; attachmentIds?: string[]; withinTransaction?: IncomingMessage['withinTransaction'] }) {
  const body = input.body.normalize('NFC').trim();
  return inTransaction(ctx, async (tx, emit) => {
    const dup = await store.findDuplicate(tx.db, tx.workspaceId, { inboxId: input.inboxId, externalId: input.externalId });
    if (dup) return { message: dup, duplicate: true };
    const { conversation, created } = await openConversationForIncoming(tx, { inboxId: input.inboxId, contactId: input.contactId });
    const row = await insert(tx, {
      id: newId('message'), workspace_id: tx.workspaceId, conversation_id: conversation.id, inbox_id: input.inboxId,
      kind: 'outgoing', sender_type: 'system', sender_id: null, body, body_folded: fold(body), external_id: input.externalId, delivery_status: 'sent',
    });
    const files = await claimAttachments(tx, input.attachmentIds ?? [], row.id);
    await input.withinTransaction?.(tx, row, conversation);
    const updated = await recordMessage(tx, conversation, row);
    await emitCreated(tx, updated, row, emit, { files });
    const dto = await presentForEvent(tx, updated);
    emit(created ? { type: 'conversation.created', conversation: dto } : { type: 'conversation.updated', conversation: dto, changes: ['messages'] });
    return { message: row, duplicate: false };
  });
}
