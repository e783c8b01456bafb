import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const insertInbox = (db: Database, row: NewRow<'inboxes'>) => db.insertInto('inboxes').values(row).returningAll().executeTakeFirstOrThrow();
export const listInboxes = (db: Database, workspaceId: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
export const getInbox = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
export const updateInbox = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'inboxes'>) =>
  db.updateTable('inboxes').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
/** The widget token is public and identifies the inbox (and so the workspace) of a widget request. */
export const findInboxByWidgetToken = (db: Database, token: string) =>
  db.selectFrom('inboxes').innerJoin('workspaces', 'workspaces.id', 'inboxes.workspace_id')
    .selectAll('inboxes').select(['workspaces.name as workspace_name', 'workspaces.locale as workspace_locale'])
    .where('inboxes.widget_token', '=', token).executeTakeFirst();
