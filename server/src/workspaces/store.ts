import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export async function countWorkspaces(db: Database): Promise<number> {
  const row = await db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertWorkspace = (db: Database, row: NewRow<'workspaces'>) => db.insertInto('workspaces').values(row).execute();

export const findWorkspace = (db: Database, workspaceId: string) =>
  db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();

export const updateWorkspace = (db: Database, workspaceId: string, patch: RowUpdate<'workspaces'>) =>
  db.updateTable('workspaces').set(patch).where('id', '=', workspaceId).returningAll().executeTakeFirst();

/** The next per-workspace conversation number (#1001, #1002, …), taken under the row lock. */
export async function takeConversationNumber(db: Database, workspaceId: string): Promise<number> {
  const row = await db.updateTable('workspaces').set((eb) => ({ conversation_seq: eb('conversation_seq', '+', 1) }))
    .where('id', '=', workspaceId).returning('conversation_seq').executeTakeFirstOrThrow();
  return row.conversation_seq;
}

export const listWorkspaceIds = (db: Database) => db.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at').execute();

export async function getSettingsSection(db: Database, workspaceId: string, key: string): Promise<unknown> {
  const row = await db.selectFrom('workspaces').select(sql<unknown>`settings -> ${key}`.as('value')).where('id', '=', workspaceId).executeTakeFirst();
  return row?.value ?? null;
}

/** Replace one top-level key of `settings`, leaving the others as they are. */
export const putSettingsSection = (db: Database, workspaceId: string, key: string, value: unknown) =>
  db.updateTable('workspaces').set({ settings: sql`jsonb_set(settings, ${sql.val([key])}::text[], ${JSON.stringify(value)}::jsonb, true)` as unknown as string })
    .where('id', '=', workspaceId).execute();
