import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/** SQL of help center search (helpcenter/search.ts holds the rules); every query names its workspace. */

export interface SearchRow {
  article_id: string;
  locale: 'vi' | 'en';
  slug: string;
  title: string;
  body_text: string;
  title_hit: boolean;
  score: number;
}

/** Is pg_trgm installed in this database (0013 creates it where it may)? */
export async function trigramsInstalled(db: Database): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

const likeAll = (column: ReturnType<typeof sql.ref>, tokens: string[]) =>
  sql.join(tokens.map((t) => sql`${column} like ${`%${escapeLike(t)}%`}`), sql` and `);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Trigram search: a row matches when the folded query is word-similar to a stretch of the folded
 * title (typos: `%>` on the title's GIN index, threshold 0.6) or when every query word occurs in the
 * folded title and text (LIKE on the text's GIN index). Word similarity is computed on titles only:
 * over whole bodies it costs milliseconds per row (bench/helpcenter.ts). Title matches rank first,
 * then the page's language, then similarity, then popularity.
 */
export async function searchTrigram(db: Database, workspaceId: string, q: { folded: string; tokens: string[]; locale: 'vi' | 'en'; publishedOnly: boolean; limit: number }) {
  const text = sql.ref('l.search_folded');
  const title = sql.ref('l.title_folded');
  const r = await sql<SearchRow>`
    select l.article_id, l.locale, a.slug, l.title, left(l.body_text, 4000) as body_text,
      (${likeAll(title, q.tokens)} or word_similarity(${q.folded}, l.title_folded) >= 0.6) as title_hit,
      word_similarity(${q.folded}, l.title_folded)::float8 as score
    from help_article_locales l
    join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
    where l.workspace_id = ${workspaceId}
      ${q.publishedOnly ? sql`and a.status = 'published'` : sql``}
      and (l.title_folded %> ${q.folded} or (${likeAll(text, q.tokens)}))
    order by title_hit desc, (l.locale = ${q.locale}) desc, score desc, a.views desc, a.id
    limit ${q.limit * 2}`.execute(db);
  return r.rows;
}

/** Every article text of a workspace, for the in-process index where pg_trgm is missing. */
export async function listSearchDocs(db: Database, workspaceId: string) {
  const r = await sql<{ article_id: string; locale: 'vi' | 'en'; slug: string; status: string; views: number; title: string; body_text: string; title_folded: string; search_folded: string }>`
    select l.article_id, l.locale, a.slug, a.status, a.views, l.title, left(l.body_text, 4000) as body_text, l.title_folded, l.search_folded
    from help_article_locales l join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
    where l.workspace_id = ${workspaceId}`.execute(db);
  return r.rows;
}
