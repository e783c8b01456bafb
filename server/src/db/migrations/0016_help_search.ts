import { sql, type Kysely } from 'kysely';

/**
 * Help center search per workspace on one index (bench/helpcenter.ts): the trigram indexes of 0013
 * become two-column GIN indexes (workspace_id, text) through btree_gin. With a separate workspace
 * index the planner filtered every article of the workspace with `%>` (about 5 µs a row, 50 ms for
 * 10,000 texts) because it costs that operator like an equality; on the combined index the
 * workspace and the trigrams narrow the rows together (1–5 ms), and a hosting node with thousands of
 * shops never rechecks another shop's articles. Without a pending list (fastupdate off) every search
 * reads a clean index: articles are written rarely, and a pending list of a few thousand freshly
 * written texts made each search scan it (10–30 ms) until the next vacuum.
 *
 * Where btree_gin or pg_trgm cannot be created the indexes of 0013 stay as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const trgm = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (trgm.rows.length === 0) return;
  const available = await sql`select 1 from pg_available_extensions where name = 'btree_gin'`.execute(db);
  if (available.rows.length === 0) return;
  // Migrations run in one transaction: a refused CREATE EXTENSION must not abort it.
  await sql`savepoint help_btree_gin`.execute(db);
  try {
    await sql`create extension if not exists btree_gin`.execute(db);
  } catch {
    await sql`rollback to savepoint help_btree_gin`.execute(db);
    return;
  }
  await sql`create index help_article_locales_title_ws on help_article_locales using gin (workspace_id, title_folded gin_trgm_ops) with (fastupdate = off)`.execute(db);
  await sql`create index help_article_locales_search_ws on help_article_locales using gin (workspace_id, search_folded gin_trgm_ops) with (fastupdate = off)`.execute(db);
  await sql`drop index if exists help_article_locales_title`.execute(db);
  await sql`drop index if exists help_article_locales_search`.execute(db);
  await sql`drop index if exists help_article_locales_workspace`.execute(db);
}

