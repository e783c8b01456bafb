import { apiTokenInput, type ApiTokenDto, type LoginInput, type MeDto } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type AgentActor, type Ctx, type Deps } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId, newSecret } from '../platform/ids.ts';
import { sha256 } from '../platform/crypto.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { recordAudit } from '../audit/service.ts';
import { findAgentByEmailAnyWorkspace } from '../agents/store.ts';
import { getAgentDto } from '../agents/service.ts';
import { requireRole } from '../agents/policy.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { assertNotLocked, recordFailure, recordSuccess } from './throttle.ts';
import * as store from './store.ts';

const wrongCredentials = () => new AppError('unauthenticated', 'Email or password is incorrect');
const touchEveryMs = 10 * 60_000;
export const apiTokenPrefix = 'clp_';

export interface NewSession { token: string; expiresAt: Date; workspaceId: string; agentId: string }

/** Start a server-side session; the raw token goes only into the HttpOnly cookie. */
export async function startSession(deps: Deps, agent: { id: string; workspaceId: string }, meta: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  const token = newSecret(32);
  const expiresAt = new Date(Date.now() + deps.config.sessionDays * 86_400_000);
  await store.insertSession(deps.db, {
    id: newId('session'), workspace_id: agent.workspaceId, agent_id: agent.id, token_hash: sha256(token),
    csrf_token: newSecret(24), ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null, expires_at: expiresAt,
  });
  return { token, expiresAt, workspaceId: agent.workspaceId, agentId: agent.id };
}

/**
 * Sign in. Unknown email and wrong password get the same message and take the same time;
 * repeated failures lock the email (and, more loosely, the IP) for a while.
 */
export async function login(deps: Deps, input: LoginInput, meta: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  const keys = [{ kind: 'email' as const, key: `email:${input.email}` }, ...(meta.ip ? [{ kind: 'ip' as const, key: `ip:${meta.ip}` }] : [])];
  await assertNotLocked(deps.db, keys);
  const agent = await findAgentByEmailAnyWorkspace(deps.db, input.email);
  const ok = await verifyPassword(agent?.password_hash ?? null, input.password);
  const ctxOf = (workspaceId: string, actor: Ctx['actor']): Ctx => ({ deps, db: deps.db, workspaceId, actor, log: deps.log, ip: meta.ip });
  if (!agent || !ok || agent.disabled_at) {
    await recordFailure(deps.db, keys);
    if (agent) await recordAudit(ctxOf(agent.workspace_id, { type: 'system' }), 'auth.login_failed', { type: 'agent', id: agent.id }, { reason: agent.disabled_at ? 'disabled' : 'password' });
    throw wrongCredentials();
  }
  await recordSuccess(deps.db, `email:${input.email}`);
  const session = await startSession(deps, { id: agent.id, workspaceId: agent.workspace_id }, meta);
  await recordAudit(ctxOf(agent.workspace_id, { type: 'agent', id: agent.id, name: agent.name, role: agent.role, via: 'session', scopes: null, sessionId: null }),
    'auth.login', { type: 'agent', id: agent.id });
  return session;
}

export async function logout(ctx: Ctx) {
  if (ctx.actor.type !== 'agent' || !ctx.actor.sessionId) return;
  await store.deleteSession(ctx.db, ctx.workspaceId, ctx.actor.sessionId);
  await recordAudit(ctx, 'auth.logout', { type: 'agent', id: ctx.actor.id });
}

export type SessionAuth = { actor: AgentActor; workspaceId: string; csrfToken: string };

/** Resolve a session cookie. Expired sessions are `session_expired`; sessions slide forward on use. */
export async function authenticateSession(deps: Deps, token: string): Promise<SessionAuth> {
  const row = await store.findSessionByTokenHash(deps.db, sha256(token));
  if (!row || row.agent_disabled_at) throw new AppError('unauthenticated', 'Sign in first');
  if (row.expires_at < new Date()) {
    await store.deleteSession(deps.db, row.workspace_id, row.id);
    throw new AppError('session_expired', 'Your session has expired; sign in again');
  }
  if (Date.now() - row.last_seen_at.getTime() > touchEveryMs) {
    await store.touchSession(deps.db, row.workspace_id, row.id, new Date(Date.now() + deps.config.sessionDays * 86_400_000));
  }
  return {
    workspaceId: row.workspace_id,
    csrfToken: row.csrf_token,
    actor: { type: 'agent', id: row.agent_id, name: row.agent_name, role: row.agent_role, via: 'session', scopes: null, sessionId: row.id },
  };
}

/** Resolve an API token (`Authorization: Bearer clp_…`). The token acts as its creator, limited by its scopes. */
export async function authenticateApiToken(deps: Deps, token: string): Promise<{ actor: AgentActor; workspaceId: string }> {
  const row = token.startsWith(apiTokenPrefix) ? await store.findApiTokenByHash(deps.db, sha256(token)) : undefined;
  if (!row || row.revoked_at || row.agent_disabled_at) throw new AppError('unauthenticated', 'The API token is not valid');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > touchEveryMs) await store.touchApiToken(deps.db, row.workspace_id, row.id);
  return {
    workspaceId: row.workspace_id,
    actor: { type: 'agent', id: row.agent_id, name: row.agent_name, role: row.agent_role, via: 'token', scopes: row.scopes, sessionId: null },
  };
}

export async function me(ctx: Ctx, csrfToken: string): Promise<MeDto> {
  if (ctx.actor.type !== 'agent') throw new AppError('unauthenticated', 'Sign in first');
  return { agent: await getAgentDto(ctx, ctx.actor.id), workspace: await getWorkspace(ctx), csrfToken };
}

/** Used when an agent is disabled: every session ends at once. */
export async function revokeSessionsOf(ctx: Ctx, agentId: string) {
  await store.deleteSessionsOfAgent(ctx.db, ctx.workspaceId, agentId);
}

// API tokens ------------------------------------------------------------------

const presentToken = (row: Awaited<ReturnType<typeof store.insertApiToken>>, token?: string): ApiTokenDto => ({
  id: row.id, name: row.name, scopes: row.scopes, lastUsedAt: row.last_used_at?.toISOString() ?? null, createdAt: row.created_at.toISOString(),
  ...(token ? { token } : {}),
});

export async function listApiTokens(ctx: Ctx): Promise<ApiTokenDto[]> {
  requireRole(ctx.actor, 'admin');
  return (await store.listApiTokens(ctx.db, ctx.workspaceId)).map((r) => presentToken(r));
}

export async function createApiToken(ctx: Ctx, input: z.output<typeof apiTokenInput>): Promise<ApiTokenDto> {
  requireRole(ctx.actor, 'admin');
  if (ctx.actor.type !== 'agent') throw new AppError('forbidden', 'Only an agent can own an API token');
  if (ctx.actor.via === 'token') throw new AppError('forbidden', 'An API token cannot create API tokens');
  const agentId = ctx.actor.id;
  const token = apiTokenPrefix + newSecret(32);
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertApiToken(tx.db, {
      id: newId('apiToken'), workspace_id: tx.workspaceId, name: input.name, token_hash: sha256(token), scopes: [...new Set(input.scopes)], created_by: agentId,
    });
    await recordAudit(tx, 'api_token.created', { type: 'api_token', id: row.id }, { name: input.name, scopes: row.scopes });
    return presentToken(row, token);
  });
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const result = await store.revokeApiToken(tx.db, tx.workspaceId, id);
    if (Number(result.numUpdatedRows) === 0) throw notFound('API token');
    await recordAudit(tx, 'api_token.revoked', { type: 'api_token', id });
  });
}

/** An open console counts as "seen": the widget shows agents as online while their console is connected. */
export async function touchAgentPresence(deps: Deps, workspaceId: string, agentId: string) {
  await store.touchSessionsOfAgent(deps.db, workspaceId, agentId);
}

/** Lift a sign-in lockout on an email (after an administrator reset the password). */
export async function clearLoginLockout(deps: Deps, email: string) {
  await recordSuccess(deps.db, `email:${email.toLowerCase()}`);
}
