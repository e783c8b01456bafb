import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { Fact, Response, SourceConversation, SourceMessage } from './facts.ts';
import { arrayNames, contributingColumns, counterNames, type DailyDelta } from './rollup.ts';
import type { NewReportRow, ReportRow } from './schema.ts';

/**
 * SQL of the refresh: its state, the facts, responses and daily rollup it writes, and what it
 * reads of conversations and messages. Those two are read here, in bulk and read-only, as the
 * analytics refresh does (docs/decisions/0007 and 0012): going through their services row by row
 * would be far slower and no simpler. Every function takes the workspace id after the handle.
 */

/** Serialises refreshes of one workspace (several nodes, the job and report requests). */
export const lockWorkspace = (db: Database, workspaceId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`reports:${workspaceId}`}, 0))`.execute(db);

// State -------------------------------------------------------------------------------------------

export const getState = (db: Database, workspaceId: string) =>
  db.selectFrom('report_state').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();

export const insertState = (db: Database, row: NewReportRow<'report_state'>) =>
  db.insertInto('report_state').values(row).onConflict((oc) => oc.column('workspace_id').doNothing()).execute();

export const updateState = (db: Database, workspaceId: string, patch: Partial<Omit<ReportRow<'report_state'>, 'workspace_id'>>) =>
  db.updateTable('report_state').set(patch).where('workspace_id', '=', workspaceId).execute();

// Sources (read-only) ----------------------------------------------------------------------------

export const listConversationSources = (db: Database, workspaceId: string, ids: string[]): Promise<SourceConversation[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('conversations')
    .select(['id', 'number', 'contact_id', 'inbox_id', 'status', 'priority', 'team_id', 'assignee_id', 'intent', 'created_at', 'sla_state', 'version'])
    .where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();

export const listMessageSources = (db: Database, workspaceId: string, conversationIds: string[]): Promise<SourceMessage[]> =>
  conversationIds.length === 0 ? Promise.resolve([]) : db.selectFrom('messages')
    .select(['id', 'conversation_id', 'kind', 'sender_type', 'sender_id', 'created_at'])
    .where('workspace_id', '=', workspaceId).where('conversation_id', 'in', conversationIds).where('kind', '!=', 'note')
    .orderBy('conversation_id').orderBy('created_at').orderBy('id').execute();

/** The next conversations of a rebuild, by id. */
export const listConversationIdsAfter = async (db: Database, workspaceId: string, after: string, limit: number) =>
  (await db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('id', '>', after)
    .orderBy('id').limit(limit).execute()).map((r) => r.id);

/**
 * Messages written after `afterId`, oldest first: message ids start with the time they were made,
 * so the primary key's index finds them without an index of its own on the ingest path.
 */
export const listMessagesAfter = (db: Database, workspaceId: string, afterId: string, limit: number) =>
  db.selectFrom('messages').select(['id', 'conversation_id']).where('id', '>', afterId).where('id', '<', 'msh')
    .where('workspace_id', '=', workspaceId).orderBy('id').limit(limit).execute();

/** Of these conversations, the ones whose fact is missing or older than the conversation (its version moved). */
export async function listStale(db: Database, workspaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select c.id from conversations c
    left join report_conversation_facts f on f.workspace_id = c.workspace_id and f.conversation_id = c.id
    where c.workspace_id = ${workspaceId} and c.id = any(${ids}::text[]) and (f.version is null or f.version <> c.version)`.execute(db);
  return rows.map((r) => r.id);
}

/** Every conversation of the workspace whose fact is missing or out of date (the hourly reconcile). */
export async function listStaleAll(db: Database, workspaceId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select c.id from conversations c
    left join report_conversation_facts f on f.workspace_id = c.workspace_id and f.conversation_id = c.id
    where c.workspace_id = ${workspaceId} and (f.version is null or f.version <> c.version) limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

/** Facts whose conversation is gone (a deleted contact): their contributions must be taken back. */
export async function listOrphans(db: Database, workspaceId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select f.conversation_id as id from report_conversation_facts f
    where f.workspace_id = ${workspaceId}
      and not exists (select 1 from conversations c where c.workspace_id = f.workspace_id and c.id = f.conversation_id)
    limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

// Facts and responses ----------------------------------------------------------------------------

export const listFacts = (db: Database, workspaceId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('report_conversation_facts').selectAll()
    .where('workspace_id', '=', workspaceId).where('conversation_id', 'in', ids).execute();

export const listFactsOfContacts = (db: Database, workspaceId: string, contactIds: string[]) =>
  contactIds.length === 0 ? Promise.resolve([]) : db.selectFrom('report_conversation_facts').selectAll()
    .where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).orderBy('created_at').limit(20_000).execute();

/** What facts contribute to the rollup, in conversation id order after a cursor (rebuilding the rollup from them). */
export const listContributingFactsAfter = (db: Database, workspaceId: string, after: string, limit: number) =>
  db.selectFrom('report_conversation_facts').select(contributingColumns).where('workspace_id', '=', workspaceId).where('conversation_id', '>', after)
    .orderBy('conversation_id').limit(limit).execute();

/** Responses of the conversations in (after, upTo], in id order. */
export const listResponsesBetween = (db: Database, workspaceId: string, after: string, upTo: string) =>
  db.selectFrom('report_responses').select(['conversation_id', 'kind', 'day', 'agent_id', 'seconds', 'business_seconds']).where('workspace_id', '=', workspaceId)
    .where('conversation_id', '>', after).where('conversation_id', '<=', upTo).orderBy('conversation_id').orderBy('seq').execute();

export const listResponses = (db: Database, workspaceId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('report_responses').selectAll()
    .where('workspace_id', '=', workspaceId).where('conversation_id', 'in', ids).orderBy('conversation_id').orderBy('seq').execute();

const factColumns = [
  'number', 'contact_id', 'inbox_id', 'channel', 'team_id', 'assignee_id', 'status', 'priority', 'intent', 'created_at', 'created_day', 'created_hour',
  'first_message_at', 'first_response_at', 'first_response_s', 'first_response_bs', 'first_responder', 'next_response_count', 'next_response_median_s',
  'resolved_at', 'resolved_day', 'resolution_s', 'resolution_bs', 'sla_first', 'sla_first_day', 'sla_resolution', 'sla_resolution_day',
  'reopened', 'repeat_of', 'repeat_of_number', 'repeat_gap_s', 'incoming_count', 'reply_count', 'activity', 'version', 'computed_at',
] as const;

export async function upsertFacts(db: Database, workspaceId: string, facts: Fact[]): Promise<void> {
  if (facts.length === 0) return;
  const now = new Date();
  await db.insertInto('report_conversation_facts')
    .values(facts.map((f) => ({ ...f, workspace_id: workspaceId, activity: JSON.stringify(f.activity), computed_at: now })))
    .onConflict((oc) => oc.columns(['workspace_id', 'conversation_id']).doUpdateSet((eb) =>
      Object.fromEntries(factColumns.map((c) => [c, eb.ref(`excluded.${c}`)])) as never))
    .execute();
}

export const deleteFacts = (db: Database, workspaceId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve() : db.deleteFrom('report_conversation_facts').where('workspace_id', '=', workspaceId).where('conversation_id', 'in', ids).execute();

export async function replaceResponses(db: Database, workspaceId: string, ids: string[], rows: Response[]): Promise<void> {
  if (ids.length) await db.deleteFrom('report_responses').where('workspace_id', '=', workspaceId).where('conversation_id', 'in', ids).execute();
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insertInto('report_responses').values(rows.slice(i, i + 2000).map((r) => ({ ...r, workspace_id: workspaceId }))).execute();
  }
}

// The daily rollup -------------------------------------------------------------------------------

const bigCounters = new Set(['first_sum', 'first_bsum', 'next_sum', 'next_bsum', 'res_sum', 'res_bsum']);
const recordType = sql.raw([
  'day int', 'channel text', 'team_id text', 'agent_id text',
  ...counterNames.map((c) => `${c} ${bigCounters.has(c) ? 'bigint' : 'int'}`), ...arrayNames.map((a) => `${a} jsonb`),
].join(', '));
const valueColumns = [...counterNames, ...arrayNames];
const insertColumns = sql.raw(['workspace_id', 'day', 'channel', 'team_id', 'agent_id', ...valueColumns].join(', '));
const selectColumns = sql.raw(['r.day', 'r.channel', 'r.team_id', 'r.agent_id', ...valueColumns.map((c) => `r.${c}`)].join(', '));
const additions = sql.raw([
  ...counterNames.map((c) => `${c} = report_daily.${c} + excluded.${c}`),
  ...arrayNames.map((a) => `${a} = case when excluded.${a} = '{}'::jsonb then report_daily.${a} else report_jadd(report_daily.${a}, excluded.${a}) end`),
].join(', '));

/** Add the differences to the daily rows (one statement; the rows travel as one JSON parameter). */
export async function addToDaily(db: Database, workspaceId: string, deltas: DailyDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += 5000) {
    const json = JSON.stringify(deltas.slice(i, i + 5000));
    await sql`
      insert into report_daily (${insertColumns})
      select ${workspaceId}, ${selectColumns} from jsonb_to_recordset(${json}::jsonb) as r(${recordType})
      on conflict (workspace_id, channel, team_id, agent_id, day) do update set ${additions}`.execute(db);
  }
}

/** Rows every recomputation has brought back to nothing (hourly; keeps the table small). */
export const deleteEmptyDaily = (db: Database, workspaceId: string) => sql`
  delete from report_daily where workspace_id = ${workspaceId} and conversations = 0 and incoming = 0 and replies = 0 and first_n = 0
    and next_n = 0 and res_n = 0 and sla_first_met = 0 and sla_first_missed = 0 and sla_res_met = 0 and sla_res_missed = 0
    and repeats = 0 and reopened = 0 and conv_hours = '{}'::jsonb and msg_hours = '{}'::jsonb`.execute(db);

export const deleteDaily = (db: Database, workspaceId: string) => db.deleteFrom('report_daily').where('workspace_id', '=', workspaceId).execute();
