import type { CallDto, ListCallsQuery, LogCallInput, Page } from '@careloop/contracts';
import { inTransaction, systemCtx, type Ctx, type Deps } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import { formatDateTime, t, type MessageKey } from '../../platform/i18n.ts';
import type { Row } from '../../platform/db/schema.ts';
import { requireScope } from '../../agents/policy.ts';
import { listAgents } from '../../agents/service.ts';
import { contactFamilyOf, getContactRow, listContactSummaries, resolveCustomerContacts } from '../../contacts/service.ts';
import { isInvalidPhone, normalizePhoneVN } from '../../contacts/phone.ts';
import { openConversationForIncoming, presentForEvent, requireConversation } from '../../conversations/service.ts';
import { addActivity, receiveAutomatic, receiveIncoming } from '../../messages/service.ts';
import { getWorkspace } from '../../workspaces/service.ts';
import { formatTalk, mergeCall, parseGeneric, parseStringee, sameFacts, stateOf, verifyGenericSignature, verifyStringeeSignature, waitSecondsOf, type CallEvent, type CallFacts } from './formats.ts';
import { phoneSettingsOf, stringeeSecretOf } from './settings.ts';
import * as store from './store.ts';

type Emit = Parameters<Parameters<typeof inTransaction>[1]>[1];
export interface RawCallWebhook { headers: Record<string, string>; body: Uint8Array }
export interface CallWebhookResult { ok: true; outcome: 'applied' | 'duplicate' | 'ignored'; state?: string }

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(body));
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON');
  }
}

/**
 * A phone system's call event: verify the signature over the raw bytes (generic
 * `X-CareLoop-Signature` with the inbox's identity secret, or Stringee's `X-STRINGEE-SIGNATURE`
 * with the project's signing secret), normalize, apply. Nothing is stored before the check.
 */
export async function receiveCallWebhook(deps: Deps, inboxId: string, req: RawCallWebhook, ip: string | null): Promise<CallWebhookResult> {
  const inbox = /^ib_[0-9A-Za-z]{10,40}$/.test(inboxId) ? await store.findPhoneInbox(deps.db, inboxId) : undefined;
  if (!inbox) throw notFound('Phone inbox');
  const settings = phoneSettingsOf(inbox);
  const refuse = (why: string) => {
    // Which check failed is logged, not told to the caller.
    deps.log.warn('phone: webhook refused', { inbox: inbox.id, ip, why });
    return new AppError('invalid_signature', 'Signature check failed');
  };
  let event: CallEvent | null;
  if (req.headers['x-careloop-signature'] !== undefined) {
    if (!verifyGenericSignature(inbox.identity_secret, req.body, req.headers['x-careloop-signature'])) throw refuse('generic signature');
    event = parseGeneric(parseJson(req.body));
  } else if (settings.provider === 'stringee' && req.headers['x-stringee-signature'] !== undefined) {
    const secret = stringeeSecretOf(deps.secrets, inbox);
    if (!secret || !verifyStringeeSignature(secret, req.body, req.headers['x-stringee-signature'])) throw refuse('stringee signature');
    event = parseStringee(parseJson(req.body), settings.displayNumber ? [settings.displayNumber] : []);
  } else {
    throw refuse('no signature header');
  }
  if (!event) return { ok: true, outcome: 'ignored' };
  const ctx: Ctx = { ...systemCtx(deps, inbox.workspace_id), log: deps.log.child({ ws: inbox.workspace_id, inbox: inbox.id }), ip };
  const { call, changed } = await applyCallEvent(ctx, inbox, event);
  return { ok: true, outcome: changed ? 'applied' : 'duplicate', state: call.state };
}

const factsOf = (row: Row<'calls'>): CallFacts => ({
  direction: row.direction, from: row.from_number, to: row.to_number, startedAt: row.started_at, answeredAt: row.answered_at,
  endedAt: row.ended_at, talkSeconds: row.talk_seconds, recordingUrl: row.recording_url,
});

const columnsOf = (f: CallFacts) => ({
  direction: f.direction, state: stateOf(f), from_number: f.from, to_number: f.to, started_at: f.startedAt, answered_at: f.answeredAt,
  ended_at: f.endedAt, wait_seconds: waitSecondsOf(f), talk_seconds: f.talkSeconds, recording_url: f.recordingUrl,
});

/**
 * Fold one event into its call, under the call's row lock: idempotent (the same event changes
 * nothing) and order-free (see `mergeCall`). A missed inbound call opens a callback task; one
 * answered after all (a late `answered`) closes the task it opened.
 */
export async function applyCallEvent(ctx: Ctx, inbox: Row<'inboxes'>, event: CallEvent) {
  const result = await inTransaction(ctx, async (tx) => {
    const initial = mergeCall(null, event);
    let row = await store.insertCall(tx.db, {
      id: newId('call'), workspace_id: tx.workspaceId, inbox_id: inbox.id, external_id: event.callId, ...columnsOf(initial),
      callback_state: stateOf(initial) === 'missed' && initial.direction === 'inbound' ? 'open' : null,
    });
    let changed = !!row;
    if (!row) {
      const locked = await store.lockCallByExternalId(tx.db, tx.workspaceId, inbox.id, event.callId);
      if (!locked) throw new AppError('conflict', 'The call could not be recorded; try again');
      const next = mergeCall(factsOf(locked), event);
      changed = !sameFacts(factsOf(locked), next);
      row = locked;
      if (changed) {
        const cols = columnsOf(next);
        const callback = cols.state === 'missed' && cols.direction === 'inbound' ? (locked.callback_state ?? 'open')
          : locked.callback_state === 'open' && !locked.logged_by ? null : locked.callback_state;
        row = await store.updateCall(tx.db, tx.workspaceId, locked.id, { ...cols, callback_state: callback });
      }
    }
    const patch: { contact_id?: string; agent_id?: string } = {};
    if (!row.contact_id && event.customerNumber) {
      const [contactId] = await resolveCustomerContacts(tx, [{ name: null, email: null, phone: event.customerNumber }]);
      if (contactId) patch.contact_id = contactId;
    }
    if (!row.agent_id && event.agentEmail) {
      const agent = (await listAgents(tx)).find((a) => a.email.toLowerCase() === event.agentEmail && !a.disabled);
      if (agent) patch.agent_id = agent.id;
    }
    if (Object.keys(patch).length) row = await store.updateCall(tx.db, tx.workspaceId, row.id, patch);
    return { call: row, changed };
  });
  // The timeline follows from the call's state, each line idempotent on its own id: a retried
  // event (or one after a crash between these steps) repairs what is missing and adds nothing else.
  const call = await ensureTimeline(ctx, result.call);
  return { call, changed: result.changed };
}

const lineId = (call: Row<'calls'>, what: string) => `call:${call.external_id}:${what}`.slice(0, 250);

function shown(number: string | null): string {
  if (!number) return '?';
  const n = normalizePhoneVN(number);
  return isInvalidPhone(n) ? number : n.display;
}

async function ensureTimeline(ctx: Ctx, call: Row<'calls'>): Promise<Row<'calls'>> {
  if (!call.contact_id || call.logged_by || (call.state !== 'missed' && call.state !== 'ended')) return call;
  const { locale } = await getWorkspace(ctx);
  const params = {
    from: shown(call.direction === 'inbound' ? call.from_number : call.to_number),
    direction: t(locale, `calls.${call.direction}` as MessageKey),
    wait: String(call.wait_seconds ?? 0), talk: formatTalk(call.talk_seconds),
  };
  if (call.state === 'missed' && call.direction === 'inbound') {
    // The customer tried to reach the shop: an incoming line, so the conversation opens, unread and waiting.
    let result;
    try {
      result = await receiveIncoming(ctx, {
        inboxId: call.inbox_id, contactId: call.contact_id, body: t(locale, 'calls.missed', params), externalId: lineId(call, 'missed'),
        ...(call.conversation_id ? { thread: { conversationId: call.conversation_id, reopenDays: 30 } } : {}),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'blocked_contact') return call; // recorded, but a blocked caller opens nothing
      throw err;
    }
    return call.conversation_id === result.conversationId ? call : store.updateCall(ctx.db, ctx.workspaceId, call.id, { conversation_id: result.conversationId });
  }
  const withConversation = await ensureConversation(ctx, call);
  const key: MessageKey = call.state === 'ended' ? 'calls.answered' : 'calls.no_answer';
  await receiveAutomatic(ctx, { conversationId: withConversation.conversation_id!, body: t(locale, key, params), externalId: lineId(call, call.state === 'ended' ? 'answered' : 'no_answer') });
  return withConversation;
}

/** The contact's conversation in the phone inbox (opened when there is none), once per call. */
async function ensureConversation(ctx: Ctx, call: Row<'calls'>): Promise<Row<'calls'>> {
  if (call.conversation_id) return call;
  return inTransaction(ctx, async (tx, emit) => {
    const locked = (await store.lockCall(tx.db, tx.workspaceId, call.id))!;
    if (locked.conversation_id || !locked.contact_id) return locked;
    const conversationId = await openFor(tx, emit, locked.inbox_id, locked.contact_id);
    return store.updateCall(tx.db, tx.workspaceId, locked.id, { conversation_id: conversationId });
  });
}

async function openFor(tx: Ctx, emit: Emit, inboxId: string, contactId: string): Promise<string> {
  const { conversation, created } = await openConversationForIncoming(tx, { inboxId, contactId });
  if (created) emit({ type: 'conversation.created', conversation: await presentForEvent(tx, conversation) });
  return conversation.id;
}

// Agents ---------------------------------------------------------------------------------------------

export async function listCalls(ctx: Ctx, query: ListCallsQuery): Promise<Page<CallDto>> {
  requireScope(ctx.actor, 'conversations:read');
  const cursor = decodeCursor(query.cursor);
  const before = cursor && typeof cursor[0] === 'string' && typeof cursor[1] === 'string' ? { startedAt: new Date(cursor[0]), id: cursor[1] } : undefined;
  if (before && Number.isNaN(before.startedAt.getTime())) throw new AppError('bad_request', 'The cursor is not valid');
  const contactIds = query.contactId ? await contactFamilyOf(ctx, query.contactId) : undefined;
  const rows = await store.listCalls(ctx.db, ctx.workspaceId, { callback: query.callback, ...(contactIds ? { contactIds } : {}), ...(before ? { before } : {}), limit: query.limit });
  const page = pageOf(rows, query.limit, (r) => [r.started_at.toISOString(), r.id]);
  return { items: await presentCalls(ctx, page.items), nextCursor: page.nextCursor };
}

async function presentCalls(ctx: Ctx, rows: Row<'calls'>[]): Promise<CallDto[]> {
  const ids = [...new Set(rows.map((r) => r.contact_id).filter((id): id is string => !!id))];
  const contacts = new Map((ids.length ? await listContactSummaries(ctx, ids) : []).map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = r.contact_id ? contacts.get(r.contact_id) : undefined;
    return {
      id: r.id, inboxId: r.inbox_id, conversationId: r.conversation_id, contact: c ? { id: c.id, name: c.name, phone: c.phone } : null,
      direction: r.direction, state: r.state, from: r.from_number, to: r.to_number, agentId: r.agent_id,
      startedAt: r.started_at.toISOString(), answeredAt: r.answered_at?.toISOString() ?? null, endedAt: r.ended_at?.toISOString() ?? null,
      waitSeconds: r.wait_seconds, talkSeconds: r.talk_seconds, recordingUrl: r.recording_url, loggedBy: r.logged_by, note: r.note,
      callback: r.callback_state, createdAt: r.created_at.toISOString(),
    };
  });
}

/** A call an agent made or took outside the phone system, written down by hand. */
export async function logCall(ctx: Ctx, input: LogCallInput): Promise<CallDto> {
  requireScope(ctx.actor, 'conversations:write');
  if (ctx.actor.type !== 'agent') throw forbidden();
  const agent = ctx.actor;
  let phone: string | null = null;
  if (!input.contactId && input.phone) {
    const n = normalizePhoneVN(input.phone);
    if (isInvalidPhone(n)) throw new AppError('validation_failed', 'The phone number is not valid', { issues: [{ path: 'phone', message: 'not a phone number', code: 'invalid_phone' }] });
    phone = n.e164;
  }
  const row = await inTransaction(ctx, async (tx, emit) => {
    const inbox = input.inboxId
      ? (await store.listPhoneInboxes(tx.db, tx.workspaceId)).find((i) => i.id === input.inboxId)
      : (await store.listPhoneInboxes(tx.db, tx.workspaceId))[0];
    if (!inbox) throw input.inboxId ? notFound('Phone inbox') : new AppError('validation_failed', 'Create a phone inbox first', { issues: [{ path: 'inboxId', message: 'no phone inbox', code: 'no_phone_inbox' }] });
    const contact = input.contactId ? await getContactRow(tx, input.contactId) : null;
    const contactId = contact?.id ?? (await resolveCustomerContacts(tx, [{ name: null, email: null, phone }]))[0]!;
    const number = contact?.phone ?? phone;
    const startedAt = new Date(input.startedAt);
    const endedAt = new Date(startedAt.getTime() + input.durationSeconds * 1000);
    const conversationId = await openFor(tx, emit, inbox.id, contactId);
    const inserted = await store.insertCall(tx.db, {
      id: newId('call'), workspace_id: tx.workspaceId, inbox_id: inbox.id, conversation_id: conversationId, contact_id: contactId,
      external_id: `manual:${newId('call')}`, direction: input.direction, state: input.answered ? 'ended' : 'missed',
      from_number: input.direction === 'inbound' ? number : null, to_number: input.direction === 'outbound' ? number : null,
      agent_id: agent.id, started_at: startedAt, answered_at: input.answered ? startedAt : null, ended_at: endedAt,
      wait_seconds: null, talk_seconds: input.answered ? input.durationSeconds : null, logged_by: agent.id, note: input.note || null,
      callback_state: !input.answered && input.direction === 'inbound' ? 'open' : null,
    });
    const workspace = await getWorkspace(tx);
    await addActivity(tx, await requireConversation(tx, conversationId), input.answered ? 'calls.logged' : 'calls.logged_unanswered', {
      from: shown(number), direction: t(workspace.locale, `calls.${input.direction}` as MessageKey), talk: formatTalk(input.durationSeconds),
    }, emit, workspace);
    return inserted!;
  });
  return (await presentCalls(ctx, [row]))[0]!;
}

/** Close a callback task (the agent called the customer back). Closing a closed one changes nothing. */
export async function closeCallback(ctx: Ctx, id: string): Promise<CallDto> {
  requireScope(ctx.actor, 'conversations:write');
  const row = await inTransaction(ctx, async (tx, emit) => {
    const call = await store.lockCall(tx.db, tx.workspaceId, id);
    if (!call) throw notFound('Call');
    if (call.callback_state === 'done') return call;
    if (call.callback_state !== 'open') throw new AppError('conflict', 'This call has no callback to close');
    const updated = await store.updateCall(tx.db, tx.workspaceId, id, { callback_state: 'done' });
    if (call.conversation_id) {
      const workspace = await getWorkspace(tx);
      const conversation = await requireConversation(tx, call.conversation_id);
      await addActivity(tx, conversation, 'calls.callback_done', { at: formatDateTime(call.started_at, workspace.timezone, workspace.locale) }, emit, workspace);
      emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, conversation), changes: ['callback'] });
    }
    return updated;
  });
  return (await presentCalls(ctx, [row]))[0]!;
}
