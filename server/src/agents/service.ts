import type { Row } from '../platform/db/schema.ts';
import { inviteInput, teamInput, teamPatchInput, updateAgentInput, updateProfileInput, type AgentDto, type InvitationDto, type TeamDto } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { newId, newSecret } from '../platform/ids.ts';
import { sha256 } from '../platform/crypto.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { recordAudit } from '../audit/service.ts';
import { revokeSessionsOf } from '../auth/service.ts';
import { canManageAgent, requireRole } from './policy.ts';
import { presentAgent, presentInvitation, presentTeam } from './present.ts';
import * as store from './store.ts';

const invitationDays = 7;

async function assertEmailFree(ctx: Ctx, email: string) {
  if (await store.findAgentByEmailAnyWorkspace(ctx.db, email)) throw new AppError('already_exists', 'An agent with this email already exists');
}

/** The first agent of a workspace. Runs inside the setup transaction. */
export async function createOwnerAgent(ctx: Ctx, input: { name: string; email: string; password: string }) {
  await assertEmailFree(ctx, input.email);
  return store.insertAgent(ctx.db, {
    id: newId('agent'), workspace_id: ctx.workspaceId, email: input.email.toLowerCase(), name: input.name,
    password_hash: await hashPassword(input.password), role: 'owner',
  });
}

export async function listAgents(ctx: Ctx): Promise<AgentDto[]> {
  const [rows, teams] = await Promise.all([store.listAgents(ctx.db, ctx.workspaceId), store.listTeamIdsByAgent(ctx.db, ctx.workspaceId)]);
  return rows.map((r) => presentAgent(r, teams.get(r.id) ?? []));
}

export async function getAgentDto(ctx: Ctx, agentId: string): Promise<AgentDto> {
  const row = await store.getAgent(ctx.db, ctx.workspaceId, agentId);
  if (!row) throw notFound('Agent');
  const teams = await store.listTeamIdsByAgent(ctx.db, ctx.workspaceId);
  return presentAgent(row, teams.get(row.id) ?? []);
}

/** Names of every agent, for presenting senders and resolving @mentions. */
export async function agentDirectory(ctx: Ctx) {
  const rows = await store.listAgents(ctx.db, ctx.workspaceId);
  return rows.map((r) => ({ id: r.id, name: r.name, avatarUrl: r.avatar_url, availability: r.availability, disabled: r.disabled_at !== null }));
}

export async function updateAgent(ctx: Ctx, agentId: string, input: z.output<typeof updateAgentInput>): Promise<AgentDto> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const target = await store.getAgent(tx.db, tx.workspaceId, agentId);
    if (!target) throw notFound('Agent');
    if (!canManageAgent(tx.actor, target, input.role)) throw forbidden('You cannot change this agent');
    const patch: Parameters<typeof store.updateAgent>[3] = {};
    if (input.role && input.role !== target.role) patch.role = input.role;
    if (input.name) patch.name = input.name;
    if (input.routing) {
      patch.max_open = input.routing.maxOpen;
      patch.channel_limits = JSON.stringify(input.routing.channelLimits);
      patch.skills = [...new Set(input.routing.skills)];
      patch.languages = [...new Set(input.routing.languages)];
    }
    if (input.disabled !== undefined && input.disabled !== (target.disabled_at !== null)) {
      if (tx.actor.type === 'agent' && tx.actor.id === agentId) throw forbidden('You cannot disable yourself');
      patch.disabled_at = input.disabled ? new Date() : null;
    }
    if (Object.keys(patch).length === 0) return;
    await store.updateAgent(tx.db, tx.workspaceId, agentId, patch);
    if (input.routing) await recordAudit(tx, 'agent.routing_changed', { type: 'agent', id: agentId }, { maxOpen: input.routing.maxOpen, skills: input.routing.skills.length });
    if (patch.role) await recordAudit(tx, 'agent.role_changed', { type: 'agent', id: agentId }, { from: target.role, to: patch.role });
    if (patch.disabled_at !== undefined) {
      await recordAudit(tx, input.disabled ? 'agent.disabled' : 'agent.enabled', { type: 'agent', id: agentId });
      if (input.disabled) await revokeSessionsOf(tx, agentId);
    }
  });
  return getAgentDto(ctx, agentId);
}

export async function updateProfile(ctx: Ctx, input: z.output<typeof updateProfileInput>): Promise<AgentDto> {
  if (ctx.actor.type !== 'agent') throw forbidden();
  const patch: Parameters<typeof store.updateAgent>[3] = {};
  if (input.name) patch.name = input.name;
  if (input.availability) {
    patch.availability = input.availability;
    patch.availability_changed_at = new Date();
  }
  if (input.emailNotifications) patch.email_notifications = JSON.stringify(input.emailNotifications);
  if (Object.keys(patch).length > 0) await store.updateAgent(ctx.db, ctx.workspaceId, ctx.actor.id, patch);
  return getAgentDto(ctx, ctx.actor.id);
}

/**
 * Give an agent a new password: every session of theirs ends (whoever had the old one is signed
 * out) and the change is audited. Used by `careloop admin reset-password`.
 */
export async function setAgentPassword(ctx: Ctx, agentId: string, password: string) {
  requireRole(ctx.actor, 'admin');
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    if (!(await store.getAgent(tx.db, tx.workspaceId, agentId))) throw notFound('Agent');
    await store.setPasswordHash(tx.db, tx.workspaceId, agentId, passwordHash);
    await revokeSessionsOf(tx, agentId);
    await recordAudit(tx, 'agent.password_reset', { type: 'agent', id: agentId });
  });
}

// Invitations ---------------------------------------------------------------

export async function inviteAgent(ctx: Ctx, input: z.output<typeof inviteInput>): Promise<InvitationDto> {
  requireRole(ctx.actor, 'admin');
  if (input.role === 'admin') requireRole(ctx.actor, 'owner');
  await assertEmailFree(ctx, input.email);
  const token = newSecret(24);
  return inTransaction(ctx, async (tx) => {
    for (const teamId of input.teamIds) if (!(await store.getTeam(tx.db, tx.workspaceId, teamId))) throw notFound('Team');
    const row = await store.insertInvitation(tx.db, {
      id: newId('invitation'), workspace_id: tx.workspaceId, email: input.email, role: input.role, team_ids: input.teamIds,
      token_hash: sha256(token), invited_by: tx.actor.type === 'agent' ? tx.actor.id : null,
      expires_at: new Date(Date.now() + invitationDays * 86_400_000),
    });
    await recordAudit(tx, 'invitation.created', { type: 'invitation', id: row.id }, { email: input.email, role: input.role });
    return presentInvitation(row, `${tx.deps.config.publicUrl}/invite?token=${token}`);
  });
}

export async function listInvitations(ctx: Ctx): Promise<InvitationDto[]> {
  requireRole(ctx.actor, 'admin');
  return (await store.listInvitations(ctx.db, ctx.workspaceId)).map((r) => presentInvitation(r));
}

export async function revokeInvitation(ctx: Ctx, id: string) {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const result = await store.revokeInvitation(tx.db, tx.workspaceId, id);
    if (Number(result.numUpdatedRows) === 0) throw notFound('Invitation');
    await recordAudit(tx, 'invitation.revoked', { type: 'invitation', id });
  });
}

async function openInvitation(db: Ctx['db'], token: string) {
  const row = await store.findInvitationByTokenHash(db, sha256(token));
  if (!row || row.revoked_at || row.accepted_at || row.expires_at < new Date()) {
    throw new AppError('not_found', 'This invitation is no longer valid; ask for a new one');
  }
  return row;
}

export async function lookupInvitation(db: Ctx['db'], token: string) {
  const row = await openInvitation(db, token);
  return { email: row.email, workspaceName: row.workspace_name, role: row.role };
}

/** Accept: creates the agent with the invited role and teams. Returns the new agent's id and workspace. */
export async function acceptInvitation(ctx: Omit<Ctx, 'workspaceId' | 'actor'>, input: { token: string; name: string; password: string }) {
  const invitation = await openInvitation(ctx.db, input.token);
  const passwordHash = await hashPassword(input.password);
  const tctx: Ctx = { ...ctx, workspaceId: invitation.workspace_id, actor: { type: 'system' } };
  return inTransaction(tctx, async (tx) => {
    const accepted = await store.markInvitationAccepted(tx.db, tx.workspaceId, invitation.id);
    if (Number(accepted.numUpdatedRows) === 0) throw new AppError('conflict', 'This invitation was already used');
    await assertEmailFree(tx, invitation.email);
    const agent = await store.insertAgent(tx.db, {
      id: newId('agent'), workspace_id: tx.workspaceId, email: invitation.email, name: input.name,
      password_hash: passwordHash, role: invitation.role as 'agent',
    });
    for (const teamId of invitation.team_ids) {
      if (await store.getTeam(tx.db, tx.workspaceId, teamId)) {
        await tx.db.insertInto('team_members').values({ workspace_id: tx.workspaceId, team_id: teamId, agent_id: agent.id }).execute();
      }
    }
    await recordAudit({ ...tx, actor: { type: 'agent', id: agent.id, name: agent.name, role: agent.role, via: 'session', scopes: null, sessionId: null } },
      'invitation.accepted', { type: 'agent', id: agent.id }, { role: agent.role });
    return { agentId: agent.id, workspaceId: tx.workspaceId };
  });
}

// Teams ----------------------------------------------------------------------

export async function listTeams(ctx: Ctx): Promise<TeamDto[]> {
  const [teams, members] = await Promise.all([store.listTeams(ctx.db, ctx.workspaceId), store.listMembers(ctx.db, ctx.workspaceId)]);
  return teams.map((t) => presentTeam(t, members.filter((m) => m.team_id === t.id).map((m) => m.agent_id)));
}

async function saveTeam(ctx: Ctx, teamId: string | null, input: z.output<typeof teamInput>): Promise<TeamDto> {
  requireRole(ctx.actor, 'admin');
  const agentIds = [...new Set(input.agentIds)];
  const id = await inTransaction(ctx, async (tx) => {
    if ((await store.countAgentsIn(tx.db, tx.workspaceId, agentIds)) !== agentIds.length) throw notFound('Agent');
    if (input.leadId && !(await store.getAgent(tx.db, tx.workspaceId, input.leadId))) throw notFound('Agent');
    const columns = {
      name: input.name, routing: input.routing, lead_id: input.leadId, vip: input.vip,
      business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null,
    };
    let row;
    try {
      row = teamId ? await store.updateTeam(tx.db, tx.workspaceId, teamId, columns)
        : await store.insertTeam(tx.db, { id: newId('team'), workspace_id: tx.workspaceId, ...columns });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('already_exists', 'A team with this name exists');
      throw err;
    }
    if (!row) throw notFound('Team');
    await store.replaceMembers(tx.db, tx.workspaceId, row.id, agentIds);
    await recordAudit(tx, teamId ? 'team.updated' : 'team.created', { type: 'team', id: row.id }, { name: input.name, members: agentIds.length });
    return row.id;
  });
  forgetTeam(ctx.workspaceId, id);
  const team = (await listTeams(ctx)).find((t) => t.id === id);
  if (!team) throw notFound('Team');
  return team;
}

export const createTeam = (ctx: Ctx, input: z.output<typeof teamInput>) => saveTeam(ctx, null, input);
export async function editTeam(ctx: Ctx, teamId: string, patch: z.output<typeof teamPatchInput>): Promise<TeamDto> {
  const current = (await listTeams(ctx)).find((t) => t.id === teamId);
  if (!current) throw notFound('Team');
  const { id: _id, ...fields } = current;
  return saveTeam(ctx, teamId, { ...fields, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
}

export async function removeTeam(ctx: Ctx, teamId: string) {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const result = await store.deleteTeam(tx.db, tx.workspaceId, teamId);
    if (Number(result.numDeletedRows) === 0) throw notFound('Team');
    await recordAudit(tx, 'team.deleted', { type: 'team', id: teamId });
  });
}

/** Team rows (hours, lead, routing) are read on every SLA clock move: kept a few seconds. */
const teamCache = new Map<string, { at: number; row: Row<'teams'> | undefined }>();
export async function getTeamRow(ctx: Ctx, teamId: string): Promise<Row<'teams'> | undefined> {
  const key = `${ctx.workspaceId}:${teamId}`;
  const hit = teamCache.get(key);
  if (hit && Date.now() - hit.at < 5_000) return hit.row;
  const row = await store.getTeam(ctx.db, ctx.workspaceId, teamId);
  if (teamCache.size > 5_000) teamCache.clear();
  teamCache.set(key, { at: Date.now(), row });
  return row;
}
export const forgetTeam = (workspaceId: string, teamId: string) => teamCache.delete(`${workspaceId}:${teamId}`);

/** An agent's row (scheduled sends act as the agent who wrote them). */
export async function getAgentRow(ctx: Ctx, agentId: string): Promise<Row<'agents'>> {
  const row = await store.getAgent(ctx.db, ctx.workspaceId, agentId);
  if (!row) throw notFound('Agent');
  return row;
}

/** Who hears about breaches and escalations: enabled supervisors, admins and owners. */
export async function listSupervisorIds(ctx: Ctx): Promise<string[]> {
  return (await store.listAgents(ctx.db, ctx.workspaceId)).filter((a) => !a.disabled_at && a.role !== 'agent').map((a) => a.id);
}

/** For conversations: does this team exist in the workspace? */
export async function teamExists(ctx: Ctx, teamId: string): Promise<boolean> {
  return Boolean(await store.getTeam(ctx.db, ctx.workspaceId, teamId));
}
