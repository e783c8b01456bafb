/**
 * The public help center on PostgreSQL over 5,000 published articles (issue 8 §2), each figure beside
 * a raw baseline measured in the same run:
 *  - article page: GET /help/<key>/a/<slug> through the app in process (site lookup, article, view
 *    count UPDATE, HTML) against a bare SELECT of the article and its text by slug;
 *  - search: GET /help/<key>/search?q= (trigram index, ranking, snippets, HTML) against a bare
 *    LIKE over the folded text for every query word.
 * Articles are generated in Vietnamese and English with realistic lengths (~300–600 words).
 *
 *   npx tsx bench/helpcenter.ts      BENCH_HELP_ARTICLES=5000 BENCH_HELP_SAMPLES=300
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { fold } from '../contracts/src/text.ts';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import { articleText, searchText, slugify } from '../server/src/helpcenter/sanitize.ts';
import { noteLoad, onCleanup, printTargets, round, root, runBench, scratchDatabase, summarize, table, target, writeResults } from './lib.ts';

const N = Number(process.env.BENCH_HELP_ARTICLES ?? 5000);
const SAMPLES = Number(process.env.BENCH_HELP_SAMPLES ?? 300);

const viTopics = ['đổi trả hàng', 'hoàn tiền', 'giao hàng nhanh', 'thanh toán khi nhận hàng', 'bảo hành sản phẩm', 'chọn size áo', 'mã giảm giá', 'tích điểm thành viên', 'đơn hàng bị hủy', 'phí vận chuyển', 'đổi địa chỉ nhận hàng', 'hóa đơn VAT'];
const enTopics = ['returns', 'refunds', 'express delivery', 'cash on delivery', 'product warranty', 'choosing a size', 'discount codes', 'loyalty points', 'cancelled orders', 'shipping fees', 'changing the address', 'VAT invoices'];
const viWords = 'khách hàng vui lòng kiểm tra đơn hàng trong vòng bảy ngày kể từ khi nhận sản phẩm còn nguyên tem mác shop sẽ hỗ trợ đổi mới miễn phí liên hệ qua tin nhắn hoặc điện thoại để được tư vấn nhanh nhất'.split(' ');
const enWords = 'customers please check the order within seven days of receiving the product with its original tags the shop will exchange it free of charge contact us by message or phone for the fastest help'.split(' ');

function paragraphs(words: string[], seed: number, count: number): string {
  let out = '';
  for (let p = 0; p < count; p++) {
    const n = 60 + ((seed * 7 + p * 13) % 60);
    const sentence = Array.from({ length: n }, (_, i) => words[(seed * 31 + p * 17 + i * 7) % words.length]).join(' ');
    out += `<p>${sentence[0]!.toUpperCase()}${sentence.slice(1)}.</p>`;
  }
  return out;
}

async function main() {
  console.log(`helpcenter: ${N.toLocaleString('en-US')} published articles (vi + en); ${SAMPLES} article pages and ${SAMPLES} searches; PostgreSQL`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_help');
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-help-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  onCleanup(() => db.destroy());
  const config = loadConfig({}, { databaseUrl, dataDir: dir, logLevel: 'silent', publicUrl: 'http://127.0.0.1:1', staticRoot: root, trustProxy: true });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  onCleanup(() => careloop.close());
  const t = new TestApp(careloop);
  const ws = await t.workspace({ name: 'Shop Bench' });
  const site = (await ws.owner.get<{ publicKey: string }>('/api/v1/helpcenter/site')).body;

  // ── data: bulk rows as the service would write them (sanitized HTML, folded columns) ──────────
  const t0 = Date.now();
  const slugs: string[] = [];
  for (let from = 0; from < N; from += 500) {
    const articles: string[] = [];
    const locales: unknown[][] = [];
    for (let i = from; i < Math.min(N, from + 500); i++) {
      const id = `hca_bench_${i}`;
      const viTitle = `${i % 3 === 0 ? 'Chính sách' : 'Hướng dẫn'} ${viTopics[i % viTopics.length]} số ${i}`;
      const enTitle = `${i % 3 === 0 ? 'Policy on' : 'How to handle'} ${enTopics[i % enTopics.length]} no. ${i}`;
      const slug = `${slugify(viTitle)}`;
      slugs.push(slug);
      articles.push(id);
      for (const [locale, title, html] of [['vi', viTitle, paragraphs(viWords, i, 4 + (i % 4))], ['en', enTitle, paragraphs(enWords, i, 4 + (i % 4))]] as const) {
        const text = articleText(html);
        locales.push([id, locale, title, html, text, searchText(title), searchText(`${title} ${text}`)]);
      }
    }
    await sql`insert into help_articles (id, workspace_id, slug, status, published_at)
      select x.id, ${ws.workspaceId}, x.slug, 'published', now() from unnest(${articles}::text[], ${slugs.slice(from, from + articles.length)}::text[]) as x(id, slug)`.execute(db);
    await sql`insert into help_article_locales (article_id, workspace_id, locale, title, body_html, body_text, title_folded, search_folded)
      select x.a, ${ws.workspaceId}, x.l, x.t, x.h, x.b, x.tf, x.sf from unnest(
        ${locales.map((r) => r[0])}::text[], ${locales.map((r) => r[1])}::text[], ${locales.map((r) => r[2])}::text[], ${locales.map((r) => r[3])}::text[],
        ${locales.map((r) => r[4])}::text[], ${locales.map((r) => r[5])}::text[], ${locales.map((r) => r[6])}::text[]) as x(a, l, t, h, b, tf, sf)`.execute(db);
  }
  await sql`analyze help_articles`.execute(db);
  await sql`analyze help_article_locales`.execute(db);
  console.log(`generated ${N} articles in ${round((Date.now() - t0) / 1000)} s`);

  // ── article page vs a bare SELECT by slug ──────────────────────────────────────────────────────
  const pick = (i: number) => slugs[(i * 7919) % slugs.length]!;
  // Distinct client addresses: the per-IP page limit protects real sites, not this loop.
  const from = (i: number) => ({ 'x-forwarded-for': `10.0.${Math.floor(i / 250)}.${i % 250}` });
  for (let i = 0; i < 20; i++) await t.request('GET', `/help/${site.publicKey}/a/${pick(i)}`, { headers: from(i) });
  const pages: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = performance.now();
    const res = await t.request('GET', `/help/${site.publicKey}/a/${pick(i)}?lang=${i % 2 ? 'en' : 'vi'}`, { headers: from(i) });
    pages.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`article page answered ${res.status}`);
  }
  const rawPages: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = performance.now();
    await sql`select a.*, l.* from help_articles a join help_article_locales l on l.article_id = a.id where a.workspace_id = ${ws.workspaceId} and a.slug = ${pick(i)}`.execute(db);
    rawPages.push(performance.now() - s);
  }

  // ── search vs a bare LIKE over the folded text ────────────────────────────────────────────────
  const queries = ['doi tra hang', 'chinh sach doi tar', 'hoan tien', 'giao hang nhanh', 'thanh toan khi nhan', 'bao hanh', 'chon size ao', 'ma giam gia', 'returns policy', 'cash on delivery', 'loyalty points', 'shiping fees'];
  const searches: number[] = [];
  const perQuery: Record<string, number[]> = {};
  let found = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const q = queries[i % queries.length]!;
    const s = performance.now();
    const res = await t.request<string>('GET', `/help/${site.publicKey}/search?q=${encodeURIComponent(q)}&lang=${/[a-z]+s\b|cash|loyalty/.test(q) ? 'en' : 'vi'}`, { headers: from(SAMPLES + i) });
    const took = performance.now() - s;
    searches.push(took);
    (perQuery[q] ??= []).push(took);
    if (typeof res.body !== 'string') throw new Error(`search answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.body.includes('<div class="card">')) found++;
  }
  const rawSearches: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const tokens = fold(queries[i % queries.length]!).split(' ');
    const s = performance.now();
    await sql`select article_id, title from help_article_locales where workspace_id = ${ws.workspaceId}
      and ${sql.join(tokens.map((tok) => sql`search_folded like ${`%${tok}%`}`), sql` and `)} limit 20`.execute(db);
    rawSearches.push(performance.now() - s);
  }

  const page = summarize(pages);
  const rawPage = summarize(rawPages);
  const search = summarize(searches);
  const rawSearch = summarize(rawSearches);
  console.log(`\n${table(['measure', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [
    ['article page (app, in process)', page.p50, page.p95, page.p99, page.max],
    ['  baseline: SELECT by slug', rawPage.p50, rawPage.p95, rawPage.p99, rawPage.max],
    ['search page (app, in process)', search.p50, search.p95, search.p99, search.max],
    ['  baseline: LIKE over folded text', rawSearch.p50, rawSearch.p95, rawSearch.p99, rawSearch.max],
  ])}`);
  console.log(`searches with results: ${found}/${SAMPLES}`);
  console.log(`\n${table(['query', 'p50 ms', 'max ms'], Object.entries(perQuery).map(([q, ms]) => [q, summarize(ms).p50, summarize(ms).max]))}`);
  const targets = [
    target('article page p95, 5,000 articles', page.p95, 'ms', '<', 30, `baseline p95 ${round(rawPage.p95, 2)} ms`),
    target('search p95, 5,000 articles', search.p95, 'ms', '<', 50, `baseline p95 ${round(rawSearch.p95, 2)} ms`),
  ];
  printTargets(targets);
  writeResults('helpcenter', {
    figures: { articles: N, samples: SAMPLES, page, rawPage, search, rawSearch, searchesWithResults: found },
    targets,
    notes: ['in-process app.request timings (no network); PostgreSQL with pg_trgm'],
  });
}

void runBench('helpcenter', 10 * 60_000, main);
