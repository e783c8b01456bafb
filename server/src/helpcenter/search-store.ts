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
 * Trigram search in steps, each on a (workspace_id, text) GIN index (migration 0016), each run only
 * while the page is not full:
 *  1. titles holding every query word (LIKE);
 *  2. titles word-similar to the folded query (typos: `%>`, threshold 0.6), ranked by similarity;
 *  3. texts holding every query word (LIKE), ranked by language and popularity among the first
 *     `bodyCandidates` found, so a query matching most of the help center costs a bounded scan
 *     instead of a sort of every article.
 * Within a step the page's language comes first. Word similarity is computed on titles only: over
 * whole bodies it costs milliseconds per row. Bodies are read only for the rows returned.
 */
export async function searchTrigram(db: Database, workspaceId: string, q: SearchQuery): Promise<SearchRow[]> {
  const rows: SearchRow[] = [];
  const articles = new Set<string>();
  const steps = [titlesWithEveryWord, similarTitles, textsWithEveryWord];
  for (const step of steps) {
    const found = await step(db, workspaceId, q, rows.map((r) => `${r.article_id}:${r.locale}`));
    for (const r of found) {
      rows.push(r);
      articles.add(r.article_id);
    }
    if (articles.size >= q.limit) break;
  }
  return rows;
}

interface SearchQuery { folded: string; tokens: string[]; locale: 'vi' | 'en'; publishedOnly: boolean; limit: number }

const published = (q: SearchQuery) => (q.publishedOnly ? sql`and a.status = 'published'` : sql``);
const notIn = (except: string[]) => (except.length ? sql`and (l.article_id || ':' || l.locale) <> all(${except}::text[])` : sql``);

function titlesWithEveryWord(db: Database, workspaceId: string, q: SearchQuery, except: string[]) {
  return withTexts(db, workspaceId, sql`
    select l.article_id, l.locale, true as title_hit, word_similarity(${q.folded}, l.title_folded)::float8 as score
    from help_article_locales l
    join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
    where l.workspace_id = ${workspaceId} ${published(q)} and ${likeAll(sql.ref('l.title_folded'), q.tokens)} ${notIn(except)}
    order by (l.locale = ${q.locale}) desc, score desc, a.views desc, a.id
    limit ${q.limit * 2}`);
}

function similarTitles(db: Database, workspaceId: string, q: SearchQuery, except: string[]) {
  return withTexts(db, workspaceId, sql`
    select l.article_id, l.locale, true as title_hit, word_similarity(${q.folded}, l.title_folded)::float8 as score
    from help_article_locales l
    join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
    where l.workspace_id = ${workspaceId} ${published(q)} and l.title_folded %> ${q.folded} ${notIn(except)}
    order by score desc, (l.locale = ${q.locale}) desc, a.views desc, a.id
    limit ${q.limit * 2}`);
}

/** Candidate texts ranked in step 3 (see searchTrigram). */
const bodyCandidates = 400;

function textsWithEveryWord(db: Database, workspaceId: string, q: SearchQuery, except: string[]) {
  return withTexts(db, workspaceId, sql`
    select * from (
      select l.article_id, l.locale, false as title_hit, 0::float8 as score, a.views
      from help_article_locales l
      join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
      where l.workspace_id = ${workspaceId}
        ${published(q)} and ${likeAll(sql.ref('l.search_folded'), q.tokens)} ${notIn(except)}
      limit ${bodyCandidates}) c
    order by (c.locale = ${q.locale}) desc, c.views desc, c.article_id
    limit ${q.limit * 2}`);
}

/** The rows of `ranked` (article_id, locale, title_hit, score), in their order, with slug, title and text. */
async function withTexts(db: Database, workspaceId: string, ranked: ReturnType<typeof sql>): Promise<SearchRow[]> {
  const order = (await sql<{ article_id: string; locale: 'vi' | 'en'; title_hit: boolean; score: number }>`${ranked}`.execute(db)).rows;
  if (order.length === 0) return [];
  const texts = await sql<{ article_id: string; locale: string; slug: string; title: string; body_text: string }>`
    select l.article_id, l.locale, a.slug, l.title, left(l.body_text, 4000) as body_text
    from help_article_locales l
    join help_articles a on a.workspace_id = l.workspace_id and a.id = l.article_id
    where l.workspace_id = ${workspaceId} and (l.article_id, l.locale) in (${sql.join(order.map((o) => sql`(${o.article_id}, ${o.locale})`))})`.execute(db);
  const byKey = new Map(texts.rows.map((t) => [`${t.article_id}:${t.locale}`, t]));
  return order.flatMap((o) => {
    const t = byKey.get(`${o.article_id}:${o.locale}`);
    return t ? [{ ...o, slug: t.slug, title: t.title, body_text: t.body_text, score: Number(o.score) }] : [];
  });
}

/** Every article text of a workspace, for the in-process index where pg_trgm is missing. */
export async function listSearchDocs(db: Database, workspaceId: string) {
  const r = await sql<{ article_id: string; locale: 'vi' | 'en'; slug: string; status: string; views: number; title: string; body_text: string; title_folded: string; search_folded: string }>`
    select l.article_id, l.locale, a.slug, a.status, a.views, l.title, left(l.body_text, 4000) as body_text, l.title_folded, l.search_folded
    from help_article_locales l join help_articles a on a.id = l.article_id and a.workspace_id = l.workspace_id
    where l.workspace_id = ${workspaceId}`.execute(db);
  return r.rows;
}
