import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const insertAgent = (db: Database, row: NewRow<'agents'>) => db.insertInto('agents').values(row).returningAll().executeTakeFirstOrThrow();

export const getAgent = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** Login looks an agent up by email before any workspace is known: emails are unique per server. */
export const findAgentByEmailAnyWorkspace = (db: Database, email: string) =>
  db.selectFrom('agents').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();

export const setPasswordHash = (db: Database, workspaceId: string, agentId: string, passwordHash: string) =>
  db.updateTable('agents').set({ password_hash: passwordHash }).where('workspace_id', '=', workspaceId).where('id', '=', agentId).execute();

export const listAgents = (db: Database, workspaceId: string) =>
  db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();

export const updateAgent = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'agents'>) =>
  db.updateTable('agents').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export async function listTeamIdsByAgent(db: Database, workspaceId: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('team_members').select(['agent_id', 'team_id']).where('workspace_id', '=', workspaceId).execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.agent_id, [...(map.get(r.agent_id) ?? []), r.team_id]);
  return map;
}

// Teams
export const listTeams = (db: Database, workspaceId: string) =>
  db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
export const getTeam = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
export const insertTeam = (db: Database, row: NewRow<'teams'>) => db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
export const updateTeam = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'teams'>) =>
  db.updateTable('teams').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
export const deleteTeam = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
export const listMembers = (db: Database, workspaceId: string) =>
  db.selectFrom('team_members').select(['team_id', 'agent_id']).where('workspace_id', '=', workspaceId).execute();
export async function replaceMembers(db: Database, workspaceId: string, teamId: string, agentIds: string[]) {
  await db.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).execute();
  if (agentIds.length === 0) return;
  await db.insertInto('team_members').values(agentIds.map((agent_id) => ({ workspace_id: workspaceId, team_id: teamId, agent_id }))).execute();
}
export async function countAgentsIn(db: Database, workspaceId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId).where('id', 'in', ids).executeTakeFirstOrThrow();
  return Number(row.n);
}

// Invitations
export const insertInvitation = (db: Database, row: NewRow<'invitations'>) => db.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();
export const listInvitations = (db: Database, workspaceId: string) =>
  db.selectFrom('invitations').selectAll().where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').limit(200).execute();
export const revokeInvitation = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('invitations').set({ revoked_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
/** Invitation tokens are looked up before the workspace is known (the token is the key). */
export const findInvitationByTokenHash = (db: Database, tokenHash: string) =>
  db.selectFrom('invitations').innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .selectAll('invitations').select('workspaces.name as workspace_name')
    .where('token_hash', '=', tokenHash).executeTakeFirst();
export const markInvitationAccepted = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('invitations').set({ accepted_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
