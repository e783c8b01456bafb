import { sql, type SqlBool } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { Counts } from './histogram.ts';
import type { ArrayName, Counter } from './rollup.ts';

/**
 * What the dashboards read: slices of the daily rollup, response and resolution samples of small
 * ranges (exact percentiles), the live backlog, repeat contacts and the export's rows.
 */

/**
 * Which rows of `report_daily` a view reads: a value picks that channel / team / agent ('*' = the
 * sum over all), null any single one (rows of the finest slice, summed by the reader).
 */
export interface Slice { channel: string | null; team: string | null; agent: string | null }

/** Filters on facts and samples (undefined: any). */
export interface FactFilter { channel?: string | undefined; teamId?: string | undefined; agentId?: string | undefined }

export type DailyColumn = Counter | ArrayName;
export type DailyRow = { day: number; channel: string; team_id: string; agent_id: string } & Partial<Record<Counter, number>> & Partial<Record<ArrayName, Counts>>;

/** Days [fromDay, toDay] of one slice (fromDay null: from the beginning), with the asked columns. */
export function readDaily(db: Database, workspaceId: string, slice: Slice, fromDay: number | null, toDay: number, columns: readonly DailyColumn[]): Promise<DailyRow[]> {
  const pick = (column: 'channel' | 'team_id' | 'agent_id', value: string | null) =>
    value === null ? sql<SqlBool>`${sql.ref(column)} <> '*'` : sql<SqlBool>`${sql.ref(column)} = ${value}`;
  let q = db.selectFrom('report_daily').select(['day', 'channel', 'team_id', 'agent_id', ...columns])
    .where('workspace_id', '=', workspaceId)
    .where(pick('channel', slice.channel)).where(pick('team_id', slice.team)).where(pick('agent_id', slice.agent))
    .where('day', '<=', toDay);
  if (fromDay !== null) q = q.where('day', '>=', fromDay);
  return q.orderBy('day').execute() as Promise<DailyRow[]>;
}

/** Up to `limit` response samples of a kind in a range (the caller falls back to histograms beyond). */
export function listResponseSamples(db: Database, workspaceId: string, kind: 'first' | 'next', fromDay: number, toDay: number, f: FactFilter, limit: number) {
  return db.selectFrom('report_responses').select(['day', 'agent_id', 'seconds', 'business_seconds'])
    .where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('day', '>=', fromDay).where('day', '<=', toDay)
    .$if(f.channel !== undefined, (q) => q.where('channel', '=', f.channel!))
    .$if(f.teamId !== undefined, (q) => q.where('team_id', '=', f.teamId!))
    .$if(f.agentId !== undefined, (q) => q.where('agent_id', '=', f.agentId!))
    .limit(limit).execute();
}

/** Up to `limit` resolutions (seconds) in a range. */
export function listResolutionSamples(db: Database, workspaceId: string, fromDay: number, toDay: number, f: FactFilter, limit: number) {
  return factsWhere(db, workspaceId, f).select(['resolved_day as day', 'assignee_id as agent_id', 'resolution_s as seconds', 'resolution_bs as business_seconds'])
    .where('resolved_day', '>=', fromDay).where('resolved_day', '<=', toDay).where('resolution_s', 'is not', null)
    .limit(limit).execute() as Promise<{ day: number; agent_id: string; seconds: number; business_seconds: number }[]>;
}

function factsWhere(db: Database, workspaceId: string, f: FactFilter) {
  return db.selectFrom('report_conversation_facts').where('workspace_id', '=', workspaceId)
    .$if(f.channel !== undefined, (q) => q.where('channel', '=', f.channel!))
    .$if(f.teamId !== undefined, (q) => q.where('team_id', '=', f.teamId!))
    .$if(f.agentId !== undefined, (q) => q.where('assignee_id', '=', f.agentId!));
}

/** Unresolved conversations now, by status and age bucket (live: read through the status index). */
export async function countBacklogNow(db: Database, workspaceId: string, f: FactFilter, now: Date) {
  const { rows } = await sql<{ status: 'open' | 'pending' | 'snoozed'; bucket: number; n: number }>`
    select c.status, width_bucket(extract(epoch from (${now}::timestamptz - c.created_at)), array[3600, 14400, 86400, 259200, 604800]::float8[]) as bucket, count(*)::int as n
    from conversations c
    ${f.channel ? sql`join inboxes i on i.workspace_id = c.workspace_id and i.id = c.inbox_id and i.channel = ${f.channel}` : sql``}
    where c.workspace_id = ${workspaceId} and c.status in ('open', 'pending', 'snoozed')
      ${f.teamId ? sql`and c.team_id = ${f.teamId}` : sql``}
      ${f.agentId ? sql`and c.assignee_id = ${f.agentId}` : sql``}
    group by 1, 2`.execute(db);
  return rows;
}

/**
 * Conversations opened from `fromDay` to `toDay` and still unresolved at the end of `fromDay` or later, counted by
 * the day they opened and the day they were finally resolved (null: not yet).
 */
export const countUnresolvedByOpenDay = (db: Database, workspaceId: string, fromDay: number, toDay: number, f: FactFilter) =>
  factsWhere(db, workspaceId, f).select((eb) => ['created_day', 'resolved_day', eb.fn.countAll<number>().as('n')])
    .where('created_day', '>=', fromDay).where('created_day', '<=', toDay)
    .where((eb) => eb.or([eb('resolved_day', 'is', null), eb('resolved_day', '>', fromDay)]))
    .groupBy(['created_day', 'resolved_day']).execute();

/** Repeat contacts opened in the range, by intent. */
export const countRepeatsByIntent = (db: Database, workspaceId: string, fromDay: number, toDay: number, f: FactFilter) =>
  factsWhere(db, workspaceId, f).select((eb) => ['intent', eb.fn.countAll<number>().as('n')])
    .where('repeat_of', 'is not', null).where('created_day', '>=', fromDay).where('created_day', '<=', toDay)
    .groupBy('intent').orderBy('n', 'desc').execute();

export const listRecentRepeats = (db: Database, workspaceId: string, fromDay: number, toDay: number, f: FactFilter, limit: number) =>
  factsWhere(db, workspaceId, f)
    .select(['conversation_id', 'number', 'contact_id', 'intent', 'created_at', 'repeat_of', 'repeat_of_number', 'repeat_gap_s'])
    .where('repeat_of', 'is not', null).where('created_day', '>=', fromDay).where('created_day', '<=', toDay)
    .orderBy('created_day', 'desc').orderBy('created_at', 'desc').limit(limit).execute();

/** One page of the export: facts opened in the range, oldest first, after a keyset cursor. */
export function listExportPage(db: Database, workspaceId: string, fromDay: number, toDay: number, f: FactFilter, after: { day: number; at: Date; id: string } | null, limit: number) {
  let q = factsWhere(db, workspaceId, f).selectAll().where('created_day', '>=', fromDay).where('created_day', '<=', toDay);
  if (after) q = q.where(sql<SqlBool>`(created_day, created_at, conversation_id) > (${after.day}, ${after.at}, ${after.id})`);
  return q.orderBy('created_day').orderBy('created_at').orderBy('conversation_id').limit(limit).execute();
}
