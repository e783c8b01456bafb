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

/**
 * The same as one autocommitted statement whose commit does not wait for the disk (`set_config(…, true)`
 * lasts until the end of the statement's own transaction, which is when the commit reads it).
 */
export async function takeConversationNumberUnflushed(db: Database, workspaceId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`with taken as (update workspaces set conversation_seq = conversation_seq + 1 where id = ${workspaceId} returning conversation_seq)
    select conversation_seq as n, set_config('synchronous_commit', 'off', true) from taken`.execute(db);
  if (!rows[0]) throw new Error(`workspace ${workspaceId} not found`);
  return Number(rows[0].n);
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
