import { fold, type ChannelState, type WorkspaceDto, type ConversationCounts, type ConversationDto, type ConversationListQuery, type Page, type UpdateConversationInput } from '@careloop/contracts';
import { inTransaction, publish, type Ctx } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { requireScope } from '../agents/policy.ts';
import { agentDirectory, teamExists } from '../agents/service.ts';
import { allocateConversationNumber, getWorkspace } from '../workspaces/service.ts';
import { formatDateTime } from '../platform/i18n.ts';
import { addActivity, latestIncomingMessages } from '../messages/service.ts';
import { can } from './policy.ts';
import { presentConversation } from './present.ts';
import { notifyAssigned } from '../notifications/service.ts';
import * as store from './store.ts';
import { contactIdsInSegment } from '../analytics/service.ts';
import { queueAutomations } from '../automations/service.ts';
import { fastTrackOf } from '../triage/service.ts';
import { scheduleSlaCheck, slaOnMessage, slaOnRetarget, slaOnStatus, type SlaPatch } from '../sla/service.ts';
import { queueSurveyOnResolve } from '../surveys/dispatch.ts';

const agentIdOf = (ctx: Ctx) => (ctx.actor.type === 'agent' ? ctx.actor.id : null);

export async function listConversations(ctx: Ctx, query: ConversationListQuery): Promise<Page<ConversationDto>> {
  requireScope(ctx.actor, 'conversations:read');
  const cursor = decodeCursor(query.cursor);
  const me = agentIdOf(ctx);
  const contactIds = query.segment ? await contactIdsInSegment(ctx, query.segment) : undefined;
  const rows = await store.listConversations(ctx.db, ctx.workspaceId, me, {
    statuses: query.status === 'any' ? null : [query.status],
    assignee: query.view === 'mine' ? me ?? '' : query.view === 'unassigned' ? null : undefined,
    inboxId: query.inboxId, label: query.label, priority: query.priority, teamId: query.teamId, contactId: query.contactId, contactIds,
    folded: query.q?.trim() ? fold(query.q.trim()) : undefined,
    sort: query.sort,
    after: cursor ? { key: String(cursor[0]), id: String(cursor[1]) } : undefined,
    limit: query.limit,
  });
  const page = pageOf(rows, query.limit, (r) => [
    query.sort === 'longest_waiting' ? (r.waiting_since?.toISOString() ?? 'infinity')
      : query.sort === 'sla_due' ? slaDueOf(r)
        : r.last_activity_at.toISOString(), r.id,
  ]);
  return { items: page.items.map((r) => presentConversation(r, ctx.actor)), nextCursor: page.nextCursor };
}

function slaDueOf(r: Row<'conversations'>): string {
  const due = [r.first_response_due_at, r.next_response_due_at, r.resolution_due_at].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return due.length ? new Date(Math.min(...due)).toISOString() : 'infinity';
}

/** The conversation a customer was last in (any channel): where an automated follow-up goes. */
export const latestConversationOfContact = (ctx: Ctx, contactId: string) => store.findLatestConversationOfContact(ctx.db, ctx.workspaceId, contactId);

export async function requireConversation(ctx: Ctx, id: string): Promise<Row<'conversations'>> {
  const row = await store.getConversation(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Conversation');
  return row;
}

export async function getConversation(ctx: Ctx, id: string): Promise<ConversationDto> {
  requireScope(ctx.actor, 'conversations:read');
  const row = await store.getConversationRow(ctx.db, ctx.workspaceId, agentIdOf(ctx), id);
  if (!row) throw notFound('Conversation');
  return presentConversation(row, ctx.actor);
}

/** The DTO carried by events: unread counted for the assignee, the one who answers it. */
export async function presentForEvent(ctx: Ctx, conversation: string | Row<'conversations'>): Promise<ConversationDto> {
  const plain = typeof conversation === 'string' ? await requireConversation(ctx, conversation) : conversation;
  const id = plain.id;
  const row = await store.getConversationRow(ctx.db, ctx.workspaceId, plain.assignee_id, id);
  if (!row) throw notFound('Conversation');
  return presentConversation(row, { type: 'system' });
}

/**
 * The event view of a conversation its first customer message has just opened, from the rows in
 * hand instead of read back: that one message is all it holds, so it is unread by everyone.
 */
export function presentOpened(row: Row<'conversations'>, contact: Pick<Row<'contacts'>, 'name' | 'email' | 'phone' | 'avatar_url' | 'blocked'>, channel: string): ConversationDto {
  return presentConversation({
    ...row, contact_name: contact.name, contact_email: contact.email, contact_phone: contact.phone, contact_avatar_url: contact.avatar_url,
    contact_blocked: contact.blocked, channel, unread_count: 1,
  }, { type: 'system' });
}

export async function updateConversation(ctx: Ctx, id: string, input: UpdateConversationInput): Promise<ConversationDto> {
  requireScope(ctx.actor, 'conversations:write');
  await inTransaction(ctx, async (tx, emit) => {
    const row = await requireConversation(tx, id);
    if (!can.update(tx.actor, row)) throw forbidden('This conversation belongs to another agent');
    if (row.version !== input.version) throw staleVersion(row.version);
    const patch: Parameters<typeof store.updateConversation>[3] = {};
    const changes: string[] = [];
    const activities: [Parameters<typeof addActivity>[2], Record<string, string>][] = [];
    let workspace: WorkspaceDto | undefined;
    const workspaceOf = async () => (workspace ??= await getWorkspace(tx));
    if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
      const target = input.assigneeId ? (await agentDirectory(tx)).find((a) => a.id === input.assigneeId) : undefined;
      if (input.assigneeId && (!target || target.disabled)) throw notFound('Agent');
      if (input.assigneeId && input.assigneeId !== agentIdOf(tx) && !can.assignOthers(tx.actor) && row.assignee_id !== null) {
        throw forbidden('Only a supervisor can reassign a conversation');
      }
      patch.assignee_id = input.assigneeId;
      changes.push('assignee');
      activities.push(input.assigneeId ? ['activity.assigned', { agent: target?.name ?? '' }] : ['activity.unassigned', {}]);
    }
    if (input.teamId !== undefined && input.teamId !== row.team_id) {
      if (input.teamId && !(await teamExists(tx, input.teamId))) throw notFound('Team');
      patch.team_id = input.teamId;
      changes.push('team');
    }
    if (input.status && (input.status !== row.status || input.status === 'snoozed')) {
      if (input.status === 'snoozed') {
        if (!input.snoozedUntil || new Date(input.snoozedUntil) <= new Date()) throw new AppError('validation_failed', 'Snooze needs a time in the future', { field: 'snoozedUntil' });
        patch.snoozed_until = new Date(input.snoozedUntil);
      } else {
        patch.snoozed_until = null;
      }
      patch.status = input.status;
      if (input.status === 'resolved') patch.waiting_since = null;
      changes.push('status');
      const { timezone, locale } = await workspaceOf();
      const until = input.snoozedUntil ? formatDateTime(new Date(input.snoozedUntil), timezone, locale) : '';
      activities.push([`activity.status.${input.status}`, { until }]);
    }
    if (input.priority && input.priority !== row.priority) {
      patch.priority = input.priority;
      changes.push('priority');
      activities.push(['activity.priority', { priority: input.priority }]);
    }
    if (input.labels) {
      patch.labels = [...new Set(input.labels)];
      changes.push('labels');
    }
    if (changes.length === 0) return;
    Object.assign(patch, await slaPatchFor(tx, row, patch));
    const updated = await store.updateConversation(tx.db, tx.workspaceId, id, patch, input.version);
    if (!updated) throw staleVersion(row.version + 1);
    await scheduleSlaCheck(tx, row, updated);
    if (patch.status) await queueAutomations(tx, { trigger: 'conversation.statusChanged', conversationId: id });
    if (patch.status === 'resolved') await queueSurveyOnResolve(tx, updated);
    for (const [key, params] of activities) await addActivity(tx, updated, key, params, emit, await workspaceOf());
    if (patch.assignee_id) await notifyAssigned(tx, { agentId: patch.assignee_id, conversation: updated, excerpt: updated.last_message_body ?? '' }, emit);
    emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, updated), changes });
  });
  return getConversation(ctx, id);
}

/** The SLA columns that go with a status, priority or team change (status first: resolved stops every clock). */
async function slaPatchFor(tx: Ctx, row: Row<'conversations'>, patch: Parameters<typeof store.updateConversation>[3]): Promise<SlaPatch | null> {
  let current = row;
  let sla: SlaPatch | null = null;
  if (patch.status) {
    sla = await slaOnStatus(tx, row, patch.status);
    if (sla) current = { ...row, ...sla, sla_state: JSON.parse(sla.sla_state) as Row<'conversations'>['sla_state'] };
  }
  if ((patch.priority || patch.team_id !== undefined) && patch.status !== 'resolved') {
    const retargeted = await slaOnRetarget(tx, current, { ...(patch.priority ? { priority: patch.priority } : {}), ...(patch.team_id !== undefined ? { teamId: patch.team_id } : {}) });
    if (retargeted) sla = retargeted;
  }
  return sla;
}

/** The most recently active conversations with their newest customer message (automation dry runs). */
export async function listRecentConversations(ctx: Ctx, limit: number) {
  const rows = await store.listRecent(ctx.db, ctx.workspaceId, limit);
  const messages = await latestIncomingMessages(ctx, rows.map((r) => r.id));
  return rows.map(({ contact_name, ...conversation }) => ({ conversation, contactName: contact_name, lastCustomerMessage: messages.get(conversation.id) ?? null }));
}

/**
 * Routing's write (under its team lock): give an open, unassigned conversation to an agent of a team,
 * or (agentId null) put it back in its team's queue, with an activity line, the notification and the event.
 */
export async function setRoutedAssignee(tx: Ctx, id: string, change: { agentId: string | null; teamId: string | null; activity: { key: 'activity.routed' | 'activity.requeued'; params: Record<string, string> } | null }, emit: (e: import('@careloop/contracts').RealtimeEvent) => void) {
  const row = await store.lockConversation(tx.db, tx.workspaceId, id);
  if (!row) return null;
  const patch: Parameters<typeof store.updateConversation>[3] = { assignee_id: change.agentId, team_id: change.teamId };
  const sla = change.teamId !== row.team_id ? await slaOnRetarget(tx, row, { teamId: change.teamId }) : null;
  const updated = await store.updateConversation(tx.db, tx.workspaceId, id, { ...patch, ...sla });
  if (!updated) return null;
  await scheduleSlaCheck(tx, row, updated);
  if (change.activity) await addActivity(tx, updated, change.activity.key, change.activity.params, emit);
  if (change.agentId) await notifyAssigned(tx, { agentId: change.agentId, conversation: updated, excerpt: updated.last_message_body ?? '' }, emit);
  emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, updated), changes: ['assignee', 'team'] });
  return updated;
}

export const listStalePendingIds = async (ctx: Ctx, before: Date, limit: number) => (await store.listStalePending(ctx.db, ctx.workspaceId, before, limit)).map((r) => r.id);

export const lockConversation = (ctx: Ctx, id: string) => store.lockConversation(ctx.db, ctx.workspaceId, id);
export const lockSlaDue = (ctx: Ctx, now: Date, limit: number) => store.lockSlaDue(ctx.db, ctx.workspaceId, now, limit);
export const writeSlaFieldsMany = (ctx: Ctx, rows: { id: string; patch: SlaPatch }[]) => store.updateSlaColumnsMany(ctx.db, ctx.workspaceId, rows);

/**
 * A change the system makes (an SLA escalation, an automation): like an agent's update, with its
 * activity lines and events, retried once if an agent changed the conversation at the same moment.
 */
export async function escalateConversation(ctx: Ctx, id: string, change: Omit<UpdateConversationInput, 'version'>): Promise<ConversationDto> {
  for (let attempt = 0; ; attempt++) {
    const row = await requireConversation(ctx, id);
    try {
      return await updateConversation(ctx, id, { ...change, version: row.version });
    } catch (err) {
      if (attempt >= 2 || !(err instanceof AppError) || err.code !== 'stale_version') throw err;
    }
  }
}

const staleVersion = (current: number) =>
  new AppError('stale_version', 'Someone else changed this conversation; reload to see the newest state', { currentVersion: current });

/** What a conversation's summary needs of a message: enough to summarize a first message before it is stored. */
export type MessageFacts = Pick<Row<'messages'>, 'kind' | 'sender_type' | 'body' | 'triage' | 'created_at'>;

/**
 * The channel interface's entry for inbound messages: where an incoming message goes. Chat channels
 * continue the contact's open conversation in this inbox (a pending or snoozed one wakes up). Email
 * threads name theirs (`thread`): a reply to a resolved conversation reopens it while it is younger
 * than `reopenDays` (by last activity), otherwise — or for `'new'`, a mail that starts a thread — a new
 * conversation is opened, with the next number. Given `firstMessage`, a new conversation is inserted
 * already summarizing it (created at the message's time), so the caller skips `recordMessage`: one
 * insert instead of an insert and an update of a row with a dozen indexes.
 */
export async function openConversationForIncoming(ctx: Ctx, input: { inboxId: string; contactId: string; thread?: { conversationId: string; reopenDays: number } | 'new'; reservedNumber?: number; firstMessage?: MessageFacts }) {
  if (input.thread && input.thread !== 'new') {
    const target = await store.getConversation(ctx.db, ctx.workspaceId, input.thread.conversationId);
    const fresh = target && Date.now() - target.last_activity_at.getTime() <= input.thread.reopenDays * 86_400_000;
    if (target && target.inbox_id === input.inboxId && (target.status !== 'resolved' || fresh)) {
      if (target.status !== 'resolved') return { conversation: target, created: false };
      const reopened = await store.updateConversation(ctx.db, ctx.workspaceId, target.id, { status: 'open', snoozed_until: null });
      return { conversation: reopened ?? target, created: false, reopened: true };
    }
  }
  const active = input.thread ? undefined : await store.findActiveConversation(ctx.db, ctx.workspaceId, input.inboxId, input.contactId);
  if (active) return { conversation: active, created: false };
  const number = input.reservedNumber ?? await allocateConversationNumber(ctx);
  const base = { id: newId('conversation'), workspace_id: ctx.workspaceId, number, inbox_id: input.inboxId, contact_id: input.contactId, search_folded: `#${number}` };
  if (!input.firstMessage) return { conversation: await store.insertConversation(ctx.db, base), created: true };
  const blank = blankConversation({ ...base, created_at: input.firstMessage.created_at });
  const row = await store.insertConversation(ctx.db, { ...base, created_at: blank.created_at, ...await summaryPatch(ctx, blank, input.firstMessage) });
  await scheduleSlaCheck(ctx, null, row);
  return { conversation: row, created: true };
}

/** A conversation as the database's column defaults make it (the test compares the two), for summarizing before the insert. */
export function blankConversation(base: Pick<Row<'conversations'>, 'id' | 'workspace_id' | 'number' | 'inbox_id' | 'contact_id' | 'search_folded' | 'created_at'>): Row<'conversations'> {
  return {
    ...base, status: 'open', snoozed_until: null, priority: 'normal', assignee_id: null, team_id: null, labels: [], first_response_at: null,
    waiting_since: null, last_activity_at: base.created_at, last_message_body: null, last_message_kind: null, last_message_at: null,
    contact_last_seen_at: null, version: 0, channel_state: {}, sla_policy_id: null, first_response_due_at: null, next_response_due_at: null,
    resolution_due_at: null, sla_paused_at: null, sla_state: {}, sla_due_at: null, language: null, sentiment: null, intent: null, urgency: null, upset_at: null,
  };
}

/** The conversation a `[#1234]` subject tag names (email threading); undefined when there is none. */
export const findConversationByNumber = (ctx: Ctx, number: number) => store.getConversationByNumber(ctx.db, ctx.workspaceId, number);

/** Keep the conversation's summary fields right after a message is stored. */
export async function recordMessage(ctx: Ctx, conversation: Row<'conversations'>, message: Row<'messages'>) {
  const patch = await summaryPatch(ctx, conversation, message);
  if (Object.keys(patch).length === 0) return conversation;
  const updated = await store.updateConversation(ctx.db, ctx.workspaceId, conversation.id, patch);
  if (updated) await scheduleSlaCheck(ctx, conversation, updated);
  return updated ?? conversation;
}

/** The summary fields a message changes: last activity and message, who waits, status, triage and priority, SLA clocks. */
async function summaryPatch(ctx: Ctx, conversation: Row<'conversations'>, message: MessageFacts) {
  const patch: Parameters<typeof store.updateConversation>[3] = {};
  if (message.kind !== 'activity') {
    patch.last_activity_at = message.created_at;
    patch.last_message_body = message.body.slice(0, 200);
    patch.last_message_kind = message.kind;
    patch.last_message_at = message.created_at;
  }
  if (message.kind === 'incoming') {
    if (!conversation.waiting_since) patch.waiting_since = message.created_at;
    if (conversation.status === 'pending' || conversation.status === 'snoozed') {
      patch.status = 'open';
      patch.snoozed_until = null;
    }
    Object.assign(patch, triagePatch(conversation, message));
  }
  if (message.kind === 'outgoing' && message.sender_type === 'agent') {
    patch.waiting_since = null;
    if (!conversation.first_response_at) patch.first_response_at = message.created_at;
  }
  // A fast-tracked customer's higher priority comes with its tighter SLA at once.
  const current = patch.priority ? { ...conversation, priority: patch.priority } : conversation;
  let sla = await slaOnMessage(ctx, current, message);
  if (patch.priority && clockStarted(conversation)) {
    const moved = sla ? { ...current, ...sla, sla_state: JSON.parse(sla.sla_state) as Row<'conversations'>['sla_state'] } : current;
    sla = (await slaOnRetarget(ctx, moved, { priority: patch.priority })) ?? sla;
  }
  if (sla) Object.assign(patch, sla);
  return patch;
}

const clockStarted = (c: Row<'conversations'>) => Boolean((c.sla_state as { startedAt?: string } | null)?.startedAt);
const priorityRank = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/** The latest customer message's triage on the conversation; an upset customer is fast-tracked (never lowered). */
function triagePatch(conversation: Row<'conversations'>, message: MessageFacts): Parameters<typeof store.updateConversation>[3] {
  const t = message.triage as { language?: string; sentiment?: string; intent?: string; urgency?: string } | null;
  if (!t?.sentiment) return {};
  const patch: Parameters<typeof store.updateConversation>[3] = { language: t.language ?? null, sentiment: t.sentiment, intent: t.intent ?? null, urgency: t.urgency ?? null };
  const track = fastTrackOf({ sentiment: t.sentiment as 'negative', intent: (t.intent ?? 'other') as 'other', urgency: (t.urgency ?? 'normal') as 'normal' });
  if (track.upset) {
    patch.upset_at = message.created_at;
    if (track.priority && priorityRank[track.priority] > priorityRank[conversation.priority]) patch.priority = track.priority;
  }
  return patch;
}

/** An agent's triage correction: the conversation shows the corrected labels; "not upset" lifts the banner. */
export async function applyTriageCorrection(tx: Ctx, id: string, labels: { language: string; sentiment: string; intent: string; urgency: string }, upset: boolean, emit: (e: import('@careloop/contracts').RealtimeEvent) => void) {
  const row = await store.lockConversation(tx.db, tx.workspaceId, id);
  if (!row) throw notFound('Conversation');
  const updated = await store.updateConversation(tx.db, tx.workspaceId, id, {
    ...labels, upset_at: upset ? (row.upset_at ?? new Date()) : null,
  });
  if (updated) emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, updated), changes: ['triage'] });
}

export async function markRead(ctx: Ctx, id: string) {
  const agentId = agentIdOf(ctx);
  if (!agentId) throw forbidden();
  await requireConversation(ctx, id);
  await store.upsertRead(ctx.db, ctx.workspaceId, id, agentId, new Date());
}

export async function countConversations(ctx: Ctx): Promise<ConversationCounts> {
  return store.countConversations(ctx.db, ctx.workspaceId, agentIdOf(ctx) ?? '');
}

export async function listLabels(ctx: Ctx): Promise<string[]> {
  return (await store.listLabels(ctx.db, ctx.workspaceId)).map((r) => r.label);
}

/** All of one contact's conversations across channels, newest first. */
export async function listContactConversations(ctx: Ctx, contactId: string): Promise<ConversationDto[]> {
  const page = await listConversations(ctx, { view: 'all', status: 'any', contactId, sort: 'last_activity', limit: 100 });
  return page.items;
}

/** Used by contact merges (and their undo). */
export async function moveConversationsOfContact(ctx: Ctx, fromContactId: string, toContactId: string): Promise<string[]> {
  return (await store.moveConversations(ctx.db, ctx.workspaceId, { fromContactId }, toContactId)).map((r) => r.id);
}
export async function moveConversationsByIds(ctx: Ctx, ids: string[], toContactId: string): Promise<void> {
  if (ids.length) await store.moveConversations(ctx.db, ctx.workspaceId, { ids }, toContactId);
}

/** Wake snoozed conversations whose time has come (a scheduled job). */
export async function wakeSnoozed(ctx: Ctx): Promise<number> {
  const due = await store.listDueSnoozed(ctx.db, ctx.workspaceId, new Date());
  for (const { id } of due) {
    await inTransaction(ctx, async (tx, emit) => {
      const row = await store.lockConversation(tx.db, tx.workspaceId, id);
      if (!row || row.status !== 'snoozed') return;
      const sla = await slaOnStatus(tx, row, 'open');
      const updated = await store.updateConversation(tx.db, tx.workspaceId, id, { status: 'open', snoozed_until: null, ...sla });
      if (!updated) return;
      await scheduleSlaCheck(tx, row, updated);
      emit({ type: 'conversation.updated', conversation: await presentForEvent(tx, id), changes: ['status'] });
    });
  }
  return due.length;
}

/** The visitor's newest conversation in an inbox (any status). */
export const findLatestConversationOf = (ctx: Ctx, inboxId: string, contactId: string) =>
  store.findLatestConversation(ctx.db, ctx.workspaceId, inboxId, contactId);

/** The visitor read their thread (the widget is open): stamp the newest conversation. */
export async function markContactSeen(ctx: Ctx, inboxId: string, contactId: string) {
  const latest = await store.findLatestConversation(ctx.db, ctx.workspaceId, inboxId, contactId);
  if (latest) await store.updateContactSeen(ctx.db, ctx.workspaceId, latest.id, new Date());
}

/**
 * The channel's state of a conversation (channels.md §1.6, §2.5, §2.6): the customer's last message
 * time and replies since (reply windows), the comment thread it answers, an unsubscribed customer.
 * Announced when `emit` is given, so the console's reply-window indicator follows.
 */
export async function patchChannelState(ctx: Ctx, conversationId: string, patch: Partial<ChannelState>, opts: { countReply?: boolean; announce?: boolean } = {}) {
  const row = await store.patchChannelState(ctx.db, ctx.workspaceId, conversationId, JSON.stringify(patch), opts.countReply ?? false);
  if (!row) throw notFound('Conversation');
  if (opts.announce) await publish(ctx.deps, { workspaceId: ctx.workspaceId, event: { type: 'conversation.updated', conversation: await presentForEvent(ctx, row), changes: ['channelState'] } });
  return row;
}
