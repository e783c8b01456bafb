/**
 * Routing reads agents, their sessions, team memberships and open conversations together (a read
 * model, as in decision 0002); every write to a conversation goes through the conversations service.
 */
import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';

export interface Candidate {
  agent_id: string;
  max_open: number | null;
  channel_limits: Record<string, number>;
  skills: string[];
  languages: string[];
  last_assigned_at: Date | null;
  open_total: number;
  open_channel: number;
}

/**
 * The team's members who can take a conversation now: enabled, available ("online"), with a console
 * seen since `seenSince`, and their open load (all channels, and this channel).
 */
export async function listCandidates(db: Database, workspaceId: string, teamId: string, channel: string, seenSince: Date): Promise<Candidate[]> {
  const result = await sql<Candidate>`
    select a.id as agent_id, a.max_open, a.channel_limits, a.skills, a.languages, tm.last_assigned_at,
      (select count(*)::int from conversations c where c.workspace_id = ${workspaceId} and c.assignee_id = a.id and c.status = 'open') as open_total,
      (select count(*)::int from conversations c join inboxes i on i.id = c.inbox_id and i.workspace_id = ${workspaceId}
        where c.workspace_id = ${workspaceId} and c.assignee_id = a.id and c.status = 'open' and i.channel = ${channel}) as open_channel
    from team_members tm
    join agents a on a.id = tm.agent_id and a.workspace_id = ${workspaceId}
    where tm.workspace_id = ${workspaceId} and tm.team_id = ${teamId}
      and a.disabled_at is null and a.availability = 'online'
      and exists (select 1 from sessions s where s.workspace_id = ${workspaceId} and s.agent_id = a.id and s.last_seen_at > ${seenSince} and s.expires_at > now())
    order by a.id`.execute(db);
  return result.rows;
}

/** Serialises routing decisions per team (and the unteamed pool) inside the caller's transaction. */
export async function lockTeam(db: Database, workspaceId: string, teamId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`route:${workspaceId}:${teamId}`}, 0))`.execute(db);
}

export const touchAssigned = (db: Database, workspaceId: string, teamId: string, agentId: string, at: Date) =>
  db.updateTable('team_members').set({ last_assigned_at: at }).where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).where('agent_id', '=', agentId).execute();

/** Open, unassigned conversations of a team, most urgent first, then oldest (the queue). */
export const listQueue = (db: Database, workspaceId: string, teamId: string | null, limit: number) =>
  db.selectFrom('conversations').select(['id', 'priority', 'created_at']).where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open').where('assignee_id', 'is', null)
    .where((eb) => (teamId === null ? eb('team_id', 'is', null) : eb('team_id', '=', teamId)))
    .orderBy(sql`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`).orderBy('created_at').orderBy('id')
    .limit(limit).execute();

/** Where a conversation stands in its queue: how many waiting ones come before it. */
export async function countAhead(db: Database, workspaceId: string, c: { id: string; team_id: string | null; priority: string; created_at: Date }): Promise<number> {
  const rank = sql`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  const mine = ({ urgent: 0, high: 1, normal: 2, low: 3 } as Record<string, number>)[c.priority] ?? 2;
  const row = await db.selectFrom('conversations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId).where('status', '=', 'open').where('assignee_id', 'is', null)
    .where((eb) => (c.team_id === null ? eb('team_id', 'is', null) : eb('team_id', '=', c.team_id)))
    .where(sql<boolean>`(${rank}, created_at, id) < (${mine}, ${c.created_at}, ${c.id})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Median minutes from a conversation's start to its first reply over the last week (null: no data). */
export async function medianFirstResponseMinutes(db: Database, workspaceId: string): Promise<number | null> {
  const row = await sql<{ m: number | null }>`
    select percentile_cont(0.5) within group (order by extract(epoch from (first_response_at - created_at)) / 60) as m
    from conversations where workspace_id = ${workspaceId} and first_response_at is not null and created_at > now() - interval '7 days'`.execute(db);
  const m = row.rows[0]?.m;
  return m === null || m === undefined ? null : Number(m);
}

/** Agents unavailable for `minutes`: offline by choice since then, or no console seen since then. */
export async function listAwayAgents(db: Database, workspaceId: string, since: Date): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select a.id from agents a where a.workspace_id = ${workspaceId} and (
      (a.availability = 'offline' and a.availability_changed_at < ${since})
      or not exists (select 1 from sessions s where s.workspace_id = ${workspaceId} and s.agent_id = a.id and s.last_seen_at > ${since} and s.expires_at > now())
    ) and exists (select 1 from conversations c where c.workspace_id = ${workspaceId} and c.assignee_id = a.id and c.status = 'open')`.execute(db);
  return result.rows.map((r) => r.id);
}

export const listOpenAssignedTo = (db: Database, workspaceId: string, agentId: string) =>
  db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('assignee_id', '=', agentId).where('status', '=', 'open').limit(500).execute();

export const listRoutedTeams = (db: Database, workspaceId: string) =>
  db.selectFrom('teams').select(['id', 'routing', 'vip']).where('workspace_id', '=', workspaceId).execute();
