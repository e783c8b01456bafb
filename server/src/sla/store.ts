import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const listPolicies = (db: Database, workspaceId: string) =>
  db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('created_at').execute();

export const getPolicy = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const insertPolicies = (db: Database, rows: NewRow<'sla_policies'>[]) =>
  rows.length ? db.insertInto('sla_policies').values(rows).returningAll().execute() : Promise.resolve([]);

export const updatePolicy = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'sla_policies'>) =>
  db.updateTable('sla_policies').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deletePolicy = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('sla_policies').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const setPosition = (db: Database, workspaceId: string, id: string, position: number) =>
  db.updateTable('sla_policies').set({ position }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
