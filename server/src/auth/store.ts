import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export const insertSession = (db: Database, row: NewRow<'sessions'>) => db.insertInto('sessions').values(row).execute();

/** Sessions are found by their token before the workspace is known: the token is the key. */
export const findSessionByTokenHash = (db: Database, tokenHash: string) =>
  db.selectFrom('sessions').innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['sessions.id', 'sessions.workspace_id', 'sessions.agent_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at',
      'agents.name as agent_name', 'agents.role as agent_role', 'agents.disabled_at as agent_disabled_at'])
    .where('sessions.token_hash', '=', tokenHash).executeTakeFirst();

export const touchSession = (db: Database, workspaceId: string, id: string, expiresAt: Date) =>
  db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const deleteSession = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const deleteSessionsOfAgent = (db: Database, workspaceId: string, agentId: string) =>
  db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).execute();

export const deleteExpiredSessions = (db: Database) => db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();

// Login throttle (keyed by email and by IP; no workspace is known yet)
export const findThrottle = (db: Database, key: string) => db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
export const saveThrottle = (db: Database, row: NewRow<'login_throttle'>) =>
  db.insertInto('login_throttle').values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at ?? new Date(), locked_until: row.locked_until ?? null }))
    .execute();
export const clearThrottle = (db: Database, key: string) => db.deleteFrom('login_throttle').where('key', '=', key).execute();

// API tokens
export const insertApiToken = (db: Database, row: NewRow<'api_tokens'>) => db.insertInto('api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
export const listApiTokens = (db: Database, workspaceId: string) =>
  db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
export const revokeApiToken = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
export const findApiTokenByHash = (db: Database, tokenHash: string) =>
  db.selectFrom('api_tokens').innerJoin('agents', 'agents.id', 'api_tokens.created_by')
    .select(['api_tokens.id', 'api_tokens.workspace_id', 'api_tokens.scopes', 'api_tokens.revoked_at', 'api_tokens.last_used_at',
      'agents.id as agent_id', 'agents.name as agent_name', 'agents.role as agent_role', 'agents.disabled_at as agent_disabled_at'])
    .where('api_tokens.token_hash', '=', tokenHash).executeTakeFirst();
export const touchApiToken = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
export const touchSessionsOfAgent = (db: Database, workspaceId: string, agentId: string) =>
  db.updateTable('sessions').set({ last_seen_at: new Date() }).where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).where('expires_at', '>', new Date()).execute();
