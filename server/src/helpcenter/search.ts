import { fold } from '@careloop/contracts';
import type { Database } from '../platform/db/index.ts';
import { foldedWords } from './sanitize.ts';
import { listSearchDocs, searchTrigram, trigramsInstalled } from './search-store.ts';

/**
 * Help center search: diacritic-insensitive (both sides folded), tolerant of typos, title matches
 * first. PostgreSQL and PGlite with pg_trgm answer with the trigram index; without the extension a
 * per-workspace index of folded words in this process answers (prefix and one-edit matches).
 */

export interface SearchHit { articleId: string; locale: 'vi' | 'en'; slug: string; title: string; bodyText: string; score: number; titleHit: boolean }
export interface SearchOptions { locale: 'vi' | 'en'; publishedOnly: boolean; limit: number; mode?: 'auto' | 'trigram' | 'memory' }

const trgmByDb = new WeakMap<object, Promise<boolean>>();

export async function searchArticles(db: Database, workspaceId: string, query: string, opts: SearchOptions): Promise<SearchHit[]> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  let mode = opts.mode ?? 'auto';
  if (mode === 'auto') {
    // Detected once per database handle (a transaction handle is not cached).
    const key = db.isTransaction ? null : db;
    let known = key ? trgmByDb.get(key) : undefined;
    if (!known) {
      known = trigramsInstalled(db);
      if (key) trgmByDb.set(key, known);
    }
    mode = (await known) ? 'trigram' : 'memory';
  }
  if (mode === 'memory') return searchIndex(await memoryIndex(db, workspaceId), tokens, opts);
  const rows = await searchTrigram(db, workspaceId, { folded: tokens.join(' '), tokens, locale: opts.locale, publishedOnly: opts.publishedOnly, limit: opts.limit });
  return onePerArticle(rows.map((r) => ({
    articleId: r.article_id, locale: r.locale, slug: r.slug, title: r.title, bodyText: r.body_text, score: Number(r.score), titleHit: r.title_hit,
  })), opts.limit);
}

/** Folded query words, at most 8, longest query words first matter most for typos. */
export const queryTokens = (query: string) => [...new Set(foldedWords(query.slice(0, 200)))].slice(0, 8);

function onePerArticle(hits: SearchHit[], limit: number): SearchHit[] {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const hit of hits) {
    if (seen.has(hit.articleId)) continue;
    seen.add(hit.articleId);
    out.push(hit);
    if (out.length >= limit) break;
  }
  return out;
}

// Word matching (shared by the in-process index and the snippet highlighter) -------------------------

/** At most one edit (insert, delete, substitute or swap two neighbours): enough for most typos. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How well a text word answers a query word: exact 1, prefix (typing) 0.9, one edit 0.7, else 0. */
export function wordMatch(token: string, word: string): number {
  if (token === word) return 1;
  if (token.length >= 2 && word.startsWith(token)) return 0.9;
  if (token.length >= 3 && withinOneEdit(token, word)) return 0.7;
  return 0;
}

// The in-process index ------------------------------------------------------------------------------

interface Doc { articleId: string; locale: 'vi' | 'en'; slug: string; published: boolean; views: number; title: string; bodyText: string; titleWords: Set<string> }
interface MemoryIndex { docs: Doc[]; postings: Map<string, number[]>; builtAt: number }

const indexes = new Map<string, { index: Promise<MemoryIndex> }>();
/** Other nodes' edits are seen within this time. */
const indexTtlMs = 60_000;

/** Called after every article write on this node: its next search rebuilds the index. */
export function forgetSearchIndex(workspaceId: string) {
  indexes.delete(workspaceId);
}

async function memoryIndex(db: Database, workspaceId: string): Promise<MemoryIndex> {
  const cached = indexes.get(workspaceId);
  if (cached) {
    const index = await cached.index;
    if (Date.now() - index.builtAt < indexTtlMs) return index;
  }
  const entry = { index: buildIndex(db, workspaceId) };
  if (indexes.size > 1000) indexes.clear();
  indexes.set(workspaceId, entry);
  try {
    return await entry.index;
  } catch (err) {
    indexes.delete(workspaceId);
    throw err;
  }
}

async function buildIndex(db: Database, workspaceId: string): Promise<MemoryIndex> {
  const rows = await listSearchDocs(db, workspaceId);
  const docs: Doc[] = [];
  const postings = new Map<string, number[]>();
  for (const r of rows) {
    const i = docs.length;
    docs.push({ articleId: r.article_id, locale: r.locale, slug: r.slug, published: r.status === 'published', views: r.views, title: r.title, bodyText: r.body_text, titleWords: new Set(r.title_folded.split(' ')) });
    for (const word of new Set(r.search_folded.split(' '))) {
      if (!word) continue;
      let list = postings.get(word);
      if (!list) postings.set(word, (list = []));
      list.push(i);
    }
  }
  return { docs, postings, builtAt: Date.now() };
}

/**
 * Each query word is compared with the vocabulary once (not with every document), then the
 * documents of the matching words are scored. A document needs most of the query's words
 * (all but one from three words up), so one unknown word does not empty the results.
 */
export function searchIndex(index: MemoryIndex, tokens: string[], opts: SearchOptions): SearchHit[] {
  const perDoc = new Map<number, { matched: number; score: number; title: number }>();
  for (const token of tokens) {
    const best = new Map<number, { score: number; title: boolean }>();
    for (const [word, docs] of index.postings) {
      const m = wordMatch(token, word);
      if (m === 0) continue;
      for (const d of docs) {
        const doc = index.docs[d]!;
        if (opts.publishedOnly && !doc.published) continue;
        const inTitle = doc.titleWords.has(word);
        const prev = best.get(d);
        if (!prev || m > prev.score || (m === prev.score && inTitle)) best.set(d, { score: m, title: inTitle || (prev?.title ?? false) });
      }
    }
    for (const [d, b] of best) {
      const acc = perDoc.get(d) ?? { matched: 0, score: 0, title: 0 };
      acc.matched++;
      acc.score += b.score;
      if (b.title) acc.title++;
      perDoc.set(d, acc);
    }
  }
  const needed = tokens.length >= 3 ? tokens.length - 1 : tokens.length;
  const hits = [...perDoc.entries()].filter(([, s]) => s.matched >= needed).map(([d, s]) => {
    const doc = index.docs[d]!;
    return {
      hit: { articleId: doc.articleId, locale: doc.locale, slug: doc.slug, title: doc.title, bodyText: doc.bodyText, score: s.score / tokens.length, titleHit: s.title >= needed },
      matched: s.matched, views: doc.views,
    };
  });
  hits.sort((a, b) => Number(b.hit.titleHit) - Number(a.hit.titleHit) || b.matched - a.matched
    || Number(b.hit.locale === opts.locale) - Number(a.hit.locale === opts.locale) || b.hit.score - a.hit.score || b.views - a.views
    || a.hit.articleId.localeCompare(b.hit.articleId));
  return onePerArticle(hits.map((h) => h.hit), opts.limit);
}

/** For tests and benchmarks: the in-process index of a workspace, built now. */
export const buildMemoryIndex = buildIndex;

// Snippets ------------------------------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * About `max` characters of the text around the first matched word, escaped, with matched words in
 * `<mark>`. Words are matched folded, so "doi tra" marks "đổi trả". Words are compared lazily: only up to
 * the first hit, then only inside the window (a search page shows 20 snippets of long texts).
 */
export function highlightSnippet(text: string, query: string, max = 180): string {
  const tokens = queryTokens(query);
  // Words are visited lazily and each distinct word folded once (Vietnamese repeats its syllables).
  const folds = new Map<string, boolean>();
  const isHit = (word: string) => {
    let hit = folds.get(word);
    if (hit === undefined) {
      const folded = fold(word);
      hit = tokens.some((t) => wordMatch(t, folded) > 0);
      folds.set(word, hit);
    }
    return hit;
  };
  const wordsFrom = (from: number) => {
    const re = /[\p{L}\p{N}]+/gu;
    re.lastIndex = from;
    return re;
  };

  let firstAt = -1;
  for (let re = wordsFrom(0), m = re.exec(text); m; m = re.exec(text)) {
    if (isHit(m[0])) { firstAt = m.index; break; }
  }
  let start = firstAt > 0 ? Math.max(0, firstAt - 50) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < firstAt ? space + 1 : start;
  }
  const end = Math.min(text.length, start + max);
  let out = start > 0 ? '… ' : '';
  let at = start;
  for (let re = wordsFrom(start), m = re.exec(text); m && m.index + m[0].length <= end; m = re.exec(text)) {
    out += escapeHtml(text.slice(at, m.index));
    out += isHit(m[0]) ? `<mark>${escapeHtml(m[0])}</mark>` : escapeHtml(m[0]);
    at = m.index + m[0].length;
  }
  out += escapeHtml(text.slice(at, end)).replace(/\s+/g, ' ');
  return (end < text.length ? `${out.trimEnd()} …` : out).replace(/\n/g, ' ');
}
