import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewReportRow } from './schema.ts';

/**
 * SQL of the online-time sampler: agents' availability and their consoles' last sighting (read-only
 * reads of `agents` and `sessions`, docs/decisions/0012), and the intervals it records.
 */
export type Availability = 'online' | 'busy' | 'offline';
export interface AgentSample { id: string; availability: Availability; availability_changed_at: Date; disabled: boolean; last_seen_at: Date | null }

/** Serialises samplers of one workspace (the worker on several nodes, report requests). */
export const lockPresence = (db: Database, workspaceId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`reports.presence:${workspaceId}`}, 0))`.execute(db);

export async function listSamples(db: Database, workspaceId: string, now: Date): Promise<AgentSample[]> {
  const { rows } = await sql<AgentSample>`
    select a.id, a.availability, a.availability_changed_at, a.disabled_at is not null as disabled,
      (select max(s.last_seen_at) from sessions s where s.workspace_id = ${workspaceId} and s.agent_id = a.id and s.expires_at > ${now}) as last_seen_at
    from agents a where a.workspace_id = ${workspaceId}`.execute(db);
  return rows;
}

export const listOpenIntervals = (db: Database, workspaceId: string) =>
  db.selectFrom('report_agent_presence').selectAll().where('workspace_id', '=', workspaceId).where('ended_at', 'is', null).execute();

export const closeInterval = (db: Database, workspaceId: string, id: string, at: Date) =>
  db.updateTable('report_agent_presence').set({ ended_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const insertInterval = (db: Database, row: NewReportRow<'report_agent_presence'>) =>
  db.insertInto('report_agent_presence').values(row).execute();

/** Seconds per agent and availability within [from, to); the open interval runs until `now`. */
export async function sumAvailable(db: Database, workspaceId: string, from: Date, to: Date, now: Date) {
  const { rows } = await sql<{ agent_id: string; availability: Availability; seconds: number }>`
    select agent_id, availability,
      sum(greatest(0, extract(epoch from least(coalesce(ended_at, ${now}), ${to}) - greatest(started_at, ${from}))))::float8 as seconds
    from report_agent_presence
    where workspace_id = ${workspaceId} and availability in ('online', 'busy') and started_at < ${to} and coalesce(ended_at, ${now}) > ${from}
    group by agent_id, availability`.execute(db);
  return rows;
}
