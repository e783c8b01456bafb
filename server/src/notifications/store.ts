import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export const insertNotifications = (db: Database, rows: NewRow<'notifications'>[]) =>
  rows.length ? db.insertInto('notifications').values(rows).returningAll().execute() : Promise.resolve([]);

export const listNotifications = (db: Database, workspaceId: string, agentId: string) =>
  db.selectFrom('notifications as n').leftJoin('conversations as c', (j) => j.onRef('c.id', '=', 'n.conversation_id').on('c.workspace_id', '=', workspaceId))
    .selectAll('n').select('c.number as conversation_number')
    .where('n.workspace_id', '=', workspaceId).where('n.agent_id', '=', agentId).orderBy('n.created_at', 'desc').limit(50).execute();

export const markNotificationsRead = (db: Database, workspaceId: string, agentId: string, ids: string[] | null) => {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return q.execute();
};
