import { sql, type Kysely } from 'kysely';

/**
 * Trigram indexes on the folded search columns (diacritics removed in TypeScript, see contracts `fold`).
 * pg_trgm is a contrib extension: where the server refuses to create it (no privilege), search still
 * works, only without the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (available.rows.length === 0) return;
  // Migrations run in one transaction: a refused CREATE EXTENSION must not abort it.
  await sql`savepoint trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint trgm`.execute(db);
    return;
  }
  await sql`create index contacts_search_idx on contacts using gin (search_folded gin_trgm_ops)`.execute(db);
  await sql`create index conversations_search_idx on conversations using gin (search_folded gin_trgm_ops)`.execute(db);
  await sql`create index messages_search_idx on messages using gin (body_folded gin_trgm_ops)`.execute(db);
}
