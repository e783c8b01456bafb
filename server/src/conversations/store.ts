import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

/**
 * The inbox list reads conversations with their contact and the agent's unread count in one
 * query (a read model: see docs/decisions/0002-read-model-joins.md).
 */
export function conversationListQuery(db: Database, workspaceId: string, agentId: string | null) {
  return db.selectFrom('conversations as c')
    .innerJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'c.contact_id').on('ct.workspace_id', '=', workspaceId))
    .innerJoin('inboxes as ib', (j) => j.onRef('ib.id', '=', 'c.inbox_id').on('ib.workspace_id', '=', workspaceId))
    .selectAll('c')
    .select(['ct.name as contact_name', 'ct.email as contact_email', 'ct.phone as contact_phone', 'ct.avatar_url as contact_avatar_url',
      'ct.blocked as contact_blocked', 'ib.channel as channel'])
    .select((eb) => eb.selectFrom('messages as m').select((e) => e.fn.countAll<number>().as('n'))
      .where('m.workspace_id', '=', workspaceId).whereRef('m.conversation_id', '=', 'c.id').where('m.kind', '=', 'incoming')
      .where((e) => e('m.created_at', '>', e.fn.coalesce(
        e.selectFrom('conversation_reads as r').select('r.last_read_at').whereRef('r.conversation_id', '=', 'c.id')
          .where('r.workspace_id', '=', workspaceId).where('r.agent_id', '=', agentId ?? ''),
        sql<Date>`'epoch'::timestamptz`)))
      .as('unread_count'))
    .where('c.workspace_id', '=', workspaceId);
}
export type ConversationListRow = Awaited<ReturnType<ReturnType<typeof conversationListQuery>['executeTakeFirstOrThrow']>>;

export interface ListFilters {
  statuses: string[] | null;
  assignee?: string | null | undefined; // undefined: any; null: unassigned
  inboxId?: string | undefined;
  label?: string | undefined;
  priority?: string | undefined;
  teamId?: string | undefined;
  contactId?: string | undefined;
  contactIds?: string[] | undefined;
  folded?: string | undefined;
  sort: 'last_activity' | 'longest_waiting' | 'sla_due';
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export async function listConversations(db: Database, workspaceId: string, agentId: string | null, f: ListFilters) {
  let q = conversationListQuery(db, workspaceId, agentId);
  if (f.statuses) q = q.where('c.status', 'in', f.statuses as ('open')[]);
  if (f.assignee === null) q = q.where('c.assignee_id', 'is', null);
  else if (f.assignee) q = q.where('c.assignee_id', '=', f.assignee);
  if (f.inboxId) q = q.where('c.inbox_id', '=', f.inboxId);
  if (f.label) q = q.where(sql<SqlBool>`${f.label} = any(c.labels)`);
  if (f.priority) q = q.where('c.priority', '=', f.priority as 'normal');
  if (f.teamId) q = q.where('c.team_id', '=', f.teamId);
  if (f.contactId) q = q.where('c.contact_id', '=', f.contactId);
  if (f.contactIds) q = q.where('c.contact_id', '=', sql<string>`any(${f.contactIds}::text[])`);
  if (f.folded) {
    const like = `%${f.folded.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
    q = q.where((eb) => eb.or([
      eb('c.search_folded', 'like', like),
      eb('ct.search_folded', 'like', like),
      eb.exists(eb.selectFrom('messages as sm').select(sql`1`.as('one')).where('sm.workspace_id', '=', workspaceId)
        .whereRef('sm.conversation_id', '=', 'c.id').where('sm.kind', '!=', 'activity').where('sm.body_folded', 'like', like)),
    ]));
  }
  if (f.sort === 'sla_due') {
    const key = slaDueKey;
    if (f.after) q = q.where(sql<SqlBool>`(${key}, c.id) > (${f.after.key}::timestamptz, ${f.after.id})`);
    q = q.orderBy(key as Expression<Date>, 'asc').orderBy('c.id', 'asc');
  } else if (f.sort === 'longest_waiting') {
    const key = sql<Date>`coalesce(c.waiting_since, 'infinity'::timestamptz)`;
    if (f.after) q = q.where(sql<SqlBool>`(${key}, c.id) > (${f.after.key}::timestamptz, ${f.after.id})`);
    q = q.orderBy(key as Expression<Date>, 'asc').orderBy('c.id', 'asc');
  } else {
    if (f.after) q = q.where(sql<SqlBool>`(c.last_activity_at, c.id) < (${f.after.key}::timestamptz, ${f.after.id})`);
    q = q.orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc');
  }
  return q.limit(f.limit + 1).execute();
}

/** The soonest running SLA due time ('infinity' when none runs): the "due soonest" sort key. */
const slaDueKey = sql<Date>`coalesce(least(c.first_response_due_at, c.next_response_due_at, c.resolution_due_at), 'infinity'::timestamptz)`;

export const getConversationRow = (db: Database, workspaceId: string, agentId: string | null, id: string) =>
  conversationListQuery(db, workspaceId, agentId).where('c.id', '=', id).executeTakeFirst();

export const getConversation = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** The conversation a new incoming message joins: the newest unresolved one of this contact in this inbox. */
export const findActiveConversation = (db: Database, workspaceId: string, inboxId: string, contactId: string) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId)
    .where('contact_id', '=', contactId).where('status', '!=', 'resolved').orderBy('created_at', 'desc').limit(1).forUpdate().executeTakeFirst();

export const findLatestConversation = (db: Database, workspaceId: string, inboxId: string, contactId: string) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId)
    .where('contact_id', '=', contactId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();

export const findLatestConversationOfContact = (db: Database, workspaceId: string, contactId: string) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId)
    .orderBy('last_activity_at', 'desc').limit(1).executeTakeFirst();

export const insertConversation = (db: Database, row: NewRow<'conversations'>) => db.insertInto('conversations').values(row).returningAll().executeTakeFirstOrThrow();

/** Optimistic concurrency: the update applies only when the version still matches. */
export const getConversationByNumber = (db: Database, workspaceId: string, number: number) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('number', '=', number).executeTakeFirst();

export const updateConversation = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'conversations'>, expectedVersion?: number) => {
  let q = db.updateTable('conversations').set({ ...patch, version: sql`version + 1` as never }).where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returningAll().executeTakeFirst();
};

export const lockConversation = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();

/** The SLA sweep's batch: due conversations, locked (rows another node is sweeping are skipped). */
export const lockSlaDue = (db: Database, workspaceId: string, now: Date, limit: number) =>
  db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('sla_due_at', '<=', now)
    .orderBy('sla_due_at').orderBy('id').limit(limit).forUpdate().skipLocked().execute();

/** Many conversations' SLA columns in one statement (the rows travel as one JSON parameter). */
export async function updateSlaColumnsMany(db: Database, workspaceId: string, rows: { id: string; patch: { sla_policy_id: string | null; first_response_due_at: Date | null; next_response_due_at: Date | null; resolution_due_at: Date | null; sla_paused_at: Date | null; sla_due_at: Date | null; sla_state: string } }[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map(({ id, patch: p }) => [id, p.sla_policy_id, p.first_response_due_at, p.next_response_due_at, p.resolution_due_at, p.sla_paused_at, p.sla_due_at, p.sla_state]));
  await sql`
    update conversations c set sla_policy_id = r->>1, first_response_due_at = (r->>2)::timestamptz, next_response_due_at = (r->>3)::timestamptz,
      resolution_due_at = (r->>4)::timestamptz, sla_paused_at = (r->>5)::timestamptz, sla_due_at = (r->>6)::timestamptz, sla_state = (r->>7)::jsonb
    from jsonb_array_elements(${json}::jsonb) as e(r)
    where c.workspace_id = ${workspaceId} and c.id = r->>0`.execute(db);
}

export const listRecent = (db: Database, workspaceId: string, limit: number) =>
  db.selectFrom('conversations as c').leftJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'c.contact_id').on('ct.workspace_id', '=', workspaceId))
    .selectAll('c').select('ct.name as contact_name').where('c.workspace_id', '=', workspaceId)
    .orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();

/** Pending conversations nobody has touched since `before` (auto-resolve). */
export const listStalePending = (db: Database, workspaceId: string, before: Date, limit: number) =>
  db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('status', '=', 'pending')
    .where('last_activity_at', '<', before).orderBy('last_activity_at').limit(limit).execute();

export const moveConversations = (db: Database, workspaceId: string, where: { fromContactId?: string; ids?: string[] }, toContactId: string) => {
  let q = db.updateTable('conversations').set({ contact_id: toContactId, version: sql`version + 1` as never }).where('workspace_id', '=', workspaceId);
  if (where.fromContactId) q = q.where('contact_id', '=', where.fromContactId);
  if (where.ids) q = q.where('id', 'in', where.ids.length ? where.ids : ['']);
  return q.returning('id').execute();
};

export async function countConversations(db: Database, workspaceId: string, agentId: string) {
  const row = await db.selectFrom('conversations').where('workspace_id', '=', workspaceId).where('status', '=', 'open')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.countAll<number>().filterWhere('assignee_id', '=', agentId).as('mine'),
      eb.fn.countAll<number>().filterWhere('assignee_id', 'is', null).as('unassigned'),
    ]).executeTakeFirstOrThrow();
  return { all: Number(row.all), mine: Number(row.mine), unassigned: Number(row.unassigned) };
}

export const listLabels = (db: Database, workspaceId: string) =>
  db.selectFrom(sql<{ label: string }>`(select distinct unnest(labels) as label from conversations where workspace_id = ${workspaceId})`.as('l'))
    .select('label').orderBy('label').limit(500).execute();

export const upsertRead = (db: Database, workspaceId: string, conversationId: string, agentId: string, at: Date) =>
  db.insertInto('conversation_reads').values({ workspace_id: workspaceId, conversation_id: conversationId, agent_id: agentId, last_read_at: at })
    .onConflict((oc) => oc.columns(['conversation_id', 'agent_id']).doUpdateSet({ last_read_at: at })).execute();

export const listDueSnoozed = (db: Database, workspaceId: string, now: Date) =>
  db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId)
    .where('status', '=', 'snoozed').where('snoozed_until', '<=', now).limit(500).execute();

export const updateContactSeen = (db: Database, workspaceId: string, id: string, at: Date) =>
  db.updateTable('conversations').set({ contact_last_seen_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

/** Merge into the channel state (reply windows, comment thread); `countReply` adds one to `repliesSince`. */
export const patchChannelState = (db: Database, workspaceId: string, id: string, patchJson: string, countReply: boolean) =>
  db.updateTable('conversations').set({
    channel_state: countReply
      ? sql`jsonb_set(channel_state || ${patchJson}::jsonb, '{repliesSince}', to_jsonb(coalesce((channel_state->>'repliesSince')::int, 0) + 1))`
      : sql`channel_state || ${patchJson}::jsonb`,
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
