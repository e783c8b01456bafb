import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export const listCanned = (db: Database, workspaceId: string) =>
  db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(short_code)`).orderBy('short_code').limit(1000).execute();

export const getCanned = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const insertCanned = (db: Database, workspaceId: string, row: Omit<NewRow<'canned_responses'>, 'workspace_id'>) =>
  db.insertInto('canned_responses').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateCanned = (db: Database, workspaceId: string, id: string, patch: { short_code: string; title: string; body: string }) =>
  db.updateTable('canned_responses').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteCanned = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('canned_responses').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
