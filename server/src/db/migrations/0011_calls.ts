import { sql, type Kysely } from 'kysely';

/** The agents' call list reads a workspace's calls newest first (keyset on started_at, id). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index calls_recent on calls (workspace_id, started_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index calls_recent`.execute(db);
}
