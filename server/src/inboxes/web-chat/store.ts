import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { NewRow } from '../../platform/db/schema.ts';

export const insertVisitorSession = (db: Database, row: NewRow<'visitor_sessions'>) => db.insertInto('visitor_sessions').values(row).returningAll().executeTakeFirstOrThrow();

/** The visitor token is the key: found before anything else is known, then checked against the inbox. */
export const findVisitorSession = (db: Database, tokenHash: string) =>
  db.selectFrom('visitor_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export const touchVisitorSession = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('visitor_sessions').set({ last_seen_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const moveVisitorSessions = (db: Database, workspaceId: string, where: { fromContactId?: string; ids?: string[] }, toContactId: string) => {
  let q = db.updateTable('visitor_sessions').set({ contact_id: toContactId }).where('workspace_id', '=', workspaceId);
  if (where.fromContactId) q = q.where('contact_id', '=', where.fromContactId);
  if (where.ids) q = q.where('id', 'in', where.ids.length ? where.ids : ['']);
  return q.returning('id').execute();
};

/** Is any agent available and seen recently (an open console touches its session)? */
export async function anyAgentOnline(db: Database, workspaceId: string, since: Date): Promise<boolean> {
  const row = await db.selectFrom('agents').select(sql`1`.as('one')).where('workspace_id', '=', workspaceId)
    .where('availability', '=', 'online').where('disabled_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('sessions').select(sql`1`.as('x')).whereRef('sessions.agent_id', '=', 'agents.id')
      .where('sessions.workspace_id', '=', workspaceId).where('sessions.last_seen_at', '>', since)))
    .limit(1).executeTakeFirst();
  return Boolean(row);
}
