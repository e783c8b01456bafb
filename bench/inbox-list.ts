/**
 * The inbox list on PostgreSQL with 100,000 conversations in one workspace (and a few thousand in
 * another, to prove the scoping): GET /api/v1/conversations through the in-process app for the
 * common views, against the same SQL timed directly through pg.
 *
 *   npx tsx bench/inbox-list.ts        BENCH_CONVERSATIONS=100000 BENCH_REQUESTS=200
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { fold } from '@careloop/contracts';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { encodeCursor } from '../server/src/platform/cursor.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import { noteLoad, onCleanup, printTargets, round, runBench, scratchDatabase, summarize, table, target, writeResults, type Target } from './lib.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const OTHER_WORKSPACE = Number(process.env.BENCH_OTHER_CONVERSATIONS ?? 3_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
/** Slow views get fewer samples, so the whole benchmark stays within its time budget. */
const WARMUP_BUDGET_MS = 2_000;
const VIEW_BUDGET_MS = 8_000;
const MIN_REQUESTS = 20;
const LIST_P95_MS = 20;

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middle = ['Văn', 'Thị', 'Minh', 'Thu', 'Ngọc', 'Đức', 'Hoàng', 'Thanh', 'Quốc', 'Bảo'];
const given = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến', 'Khoa', 'Long', 'Nhung'];
/** Customer messages as they arrive at a Vietnamese online shop; about a third mention "đơn hàng". */
const bodies = [
  'Shop ơi đơn hàng của mình giao chưa ạ?',
  'Cho mình hỏi size M còn hàng không shop',
  'Mình muốn đổi trả sản phẩm bị lỗi',
  'Đơn hàng DH20931 mình đặt hôm qua sao chưa thấy xác nhận',
  'Phí vận chuyển ra Hà Nội bao nhiêu vậy shop?',
  'Mình đã chuyển khoản rồi nhé',
  'Áo này có màu xanh navy không ạ',
  'Sao đơn hàng của tôi bị hủy vậy?',
  'Cảm ơn shop, mình nhận được hàng rồi',
  'Có mã giảm giá cho khách quen không shop',
  'Mình cần xuất hóa đơn VAT cho đơn hàng này',
  'Giao hàng nhanh trong ngày được không ạ',
];
const labels = ['don-hang', 'doi-tra', 'van-chuyen', 'thanh-toan', 'khuyen-mai', 'bao-hanh', 'vip', 'khieu-nai', 'hoa-don', 'size', 'san-pham', 'gop-y'];

interface View { name: string; query: string; kind: 'list' | 'search' | 'counts' }

async function main() {
  console.log(`inbox list: ${CONVERSATIONS.toLocaleString('en')} conversations in one workspace (+${OTHER_WORKSPACE.toLocaleString('en')} in another), PostgreSQL, in-process app`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_list');
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-bench-list-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));

  // The app on our own Kysely, so we can see the SQL it runs for each view.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const captured: { query: CompiledQuery | null } = { query: null };
  let capturing = false;
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (capturing && event.level === 'query' && /from "conversations"( as "c")?/.test(event.query.sql) && !/^(insert|update)/.test(event.query.sql)) captured.query = event.query;
    },
  });
  onCleanup(() => db.destroy());
  const config = loadConfig({}, { databaseUrl, dataDir, logLevel: 'silent', publicUrl: 'http://localhost:3000', staticRoot: join(import.meta.dirname, '..') });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  onCleanup(() => careloop.close());
  const t = new TestApp(careloop);
  const a = await t.workspace({ name: 'Shop Hoa Mai' });
  const b = await t.workspace({ name: 'Shop Bên Cạnh' });

  // ── seed with SQL ──────────────────────────────────────────────────────────
  const seedStarted = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  onCleanup(() => client.end());
  const q = (text: string, params: unknown[] = []) => client.query(text, params);
  await q('select setseed(0.42)');
  const names = { plain: [] as string[], folded: [] as string[] };
  for (const f of family) for (const m of middle) for (const g of given) { const n = `${f} ${m} ${g}`; names.plain.push(n); names.folded.push(fold(n)); }
  const agentIds: string[] = [a.owner.id];
  for (let i = 1; i <= 8; i++) agentIds.push(`ag_BENCH${String(i).padStart(22, '0')}`);
  await q(`insert into agents (id, workspace_id, email, name, role) select unnest($1::text[]), $2, 'bench' || gen_random_uuid() || '@shop.test', 'Nhân viên', 'agent'`, [agentIds.slice(1), a.workspaceId]);

  async function seedWorkspace(workspaceId: string, inboxId: string, n: number, tag: string, agents: string[]) {
    const times: Record<string, number> = {};
    let t0 = performance.now();
    await q(`insert into contacts (id, workspace_id, name, email, phone, search_folded, last_activity_at, created_at)
      select 'ct_${tag}' || lpad(i::text, 24, '0'), $1, ($2::text[])[1 + i % cardinality($2::text[])],
        case when i % 3 = 0 then 'khach' || i || '@gmail.com' end, case when i % 2 = 0 then '+849' || lpad((i * 7919 % 100000000)::text, 8, '0') end,
        ($3::text[])[1 + i % cardinality($3::text[])] || case when i % 3 = 0 then ' khach' || i || '@gmail.com' else '' end || case when i % 2 = 0 then ' 09' || lpad((i * 7919 % 100000000)::text, 8, '0') else '' end,
        now() - (i % 1000) * interval '1 hour', now() - interval '120 days'
      from generate_series(1, $4::int) i`, [workspaceId, names.plain, names.folded, n]);
    times.contacts = performance.now() - t0; t0 = performance.now();
    // Status mix: 30% open, 10% pending, 5% snoozed, 55% resolved; 40% unassigned; 0–2 labels;
    // last activity spread over 90 days (open ones more recent); open ones mostly wait for a reply.
    await q(`insert into conversations (id, workspace_id, number, inbox_id, contact_id, status, snoozed_until, priority, assignee_id, labels,
        first_response_at, waiting_since, last_activity_at, last_message_body, last_message_kind, last_message_at, search_folded, created_at)
      select id, $1, number, $2, contact_id, status, case when status = 'snoozed' then now() + interval '2 days' end, priority, assignee, lbls,
        case when kind = 'outgoing' then at end, case when status <> 'resolved' and kind = 'incoming' then at end, at, body, kind, at, '#' || number, at - interval '1 hour'
      from (
        select 'cv_${tag}' || lpad(i::text, 24, '0') as id, 1000 + i as number, 'ct_${tag}' || lpad((1 + (i * 37) % $3::int)::text, 24, '0') as contact_id,
          case when r1 < 0.30 then 'open' when r1 < 0.40 then 'pending' when r1 < 0.45 then 'snoozed' else 'resolved' end as status,
          case when r2 < 0.05 then 'urgent' when r2 < 0.15 then 'high' when r2 < 0.95 then 'normal' else 'low' end as priority,
          case when r3 < 0.40 then null else ($4::text[])[1 + floor((r3 - 0.40) / 0.60 * cardinality($4::text[]))::int] end as assignee,
          case when r4 < 0.45 then '{}'::text[] when r4 < 0.85 then array[($5::text[])[1 + floor(r5 * cardinality($5::text[]))::int]]
            else array[($5::text[])[1 + floor(r5 * cardinality($5::text[]))::int], ($5::text[])[1 + floor(r6 * cardinality($5::text[]))::int]] end as lbls,
          now() - case when r1 < 0.45 then r7 * r7 * interval '14 days' else r7 * interval '90 days' end as at,
          ($6::text[])[1 + floor(r8 * cardinality($6::text[]))::int] as body,
          case when r1 < 0.45 and r2 < 0.75 or r1 >= 0.45 and r2 < 0.3 then 'incoming' else 'outgoing' end as kind
        from (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8 from generate_series(1, $3::int) i) r
      ) x`, [workspaceId, inboxId, n, agents, labels, bodies]);
    times.conversations = performance.now() - t0; t0 = performance.now();
    await q(`insert into messages (id, workspace_id, conversation_id, inbox_id, kind, sender_type, sender_id, body, body_folded, delivery_status, created_at)
      select 'msg_${tag}' || substr(c.id, 4 + length('${tag}')), c.workspace_id, c.id, c.inbox_id, c.last_message_kind,
        case when c.last_message_kind = 'incoming' then 'contact' else 'agent' end, case when c.last_message_kind = 'incoming' then c.contact_id else c.assignee_id end,
        c.last_message_body, fb.folded, 'delivered', c.last_activity_at
      from conversations c join (select unnest($2::text[]) as body, unnest($3::text[]) as folded) fb on fb.body = c.last_message_body
      where c.workspace_id = $1`, [workspaceId, bodies, bodies.map(fold)]);
    times.messages = performance.now() - t0; t0 = performance.now();
    // The owner has read some of them.
    await q(`insert into conversation_reads (workspace_id, conversation_id, agent_id, last_read_at)
      select workspace_id, id, $2, last_activity_at + interval '1 minute' from conversations where workspace_id = $1 and random() < 0.3`, [workspaceId, agents[0]]);
    await q('update workspaces set conversation_seq = $2 where id = $1', [workspaceId, 1000 + n + 1]);
    times.reads = performance.now() - t0;
    return times;
  }
  const timesA = await seedWorkspace(a.workspaceId, a.inbox.id, CONVERSATIONS, 'A', agentIds);
  const timesB = await seedWorkspace(b.workspaceId, b.inbox.id, OTHER_WORKSPACE, 'B', [b.owner.id]);
  const t0 = performance.now();
  await q('analyze');
  const analyzeMs = performance.now() - t0;
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const mix = (await q(`select status, count(*)::int n, count(*) filter (where assignee_id is null)::int unassigned, count(*) filter (where assignee_id = $2)::int mine,
      count(*) filter (where 'doi-tra' = any(labels))::int doi_tra, count(*) filter (where waiting_since is not null)::int waiting
    from conversations where workspace_id = $1 group by status order by status`, [a.workspaceId, a.owner.id])).rows;
  console.log(`seeded in ${round(seedSeconds)} s (workspace A: contacts ${round(timesA.contacts! / 1000)} s, conversations ${round(timesA.conversations! / 1000)} s, messages ${round(timesA.messages! / 1000)} s, reads ${round(timesA.reads! / 1000)} s; B ${round(Object.values(timesB).reduce((x, y) => x + y, 0) / 1000)} s; analyze ${round(analyzeMs / 1000)} s)`);
  console.log(table(['status', 'conversations', 'unassigned', 'mine', "label 'doi-tra'", 'waiting'], mix.map((r) => [r.status, r.n, r.unassigned, r.mine, r.doi_tra, r.waiting])));

  // A deep page: the keyset cursor of the 10,000th open conversation (400 pages of 25 in).
  const openCount = mix.find((r) => r.status === 'open')?.n ?? 0;
  const deepOffset = Math.min(10_000, Math.floor(openCount / 3));
  const deep = (await q(`select last_activity_at, id from conversations where workspace_id = $1 and status = 'open'
    order by last_activity_at desc, id desc offset $2 limit 1`, [a.workspaceId, deepOffset])).rows[0];
  const deepCursor = encodeCursor([deep.last_activity_at.toISOString(), deep.id]);

  const views: View[] = [
    { name: 'all open, by last activity', query: '', kind: 'list' },
    { name: `all open, deep cursor (${deepOffset.toLocaleString('en')} in)`, query: `cursor=${deepCursor}`, kind: 'list' },
    { name: 'mine', query: 'view=mine', kind: 'list' },
    { name: 'unassigned', query: 'view=unassigned', kind: 'list' },
    { name: 'longest waiting', query: 'sort=longest_waiting', kind: 'list' },
    { name: "label 'doi-tra'", query: 'label=doi-tra', kind: 'list' },
    { name: "search q='don hang'", query: `q=${encodeURIComponent('don hang')}`, kind: 'search' },
    // A rare term (one customer's name, ~1 in 3,700 contacts) cannot stop early: the worst case of search.
    { name: "search q='Hồ Bảo Nhung' (rare)", query: `q=${encodeURIComponent('Hồ Bảo Nhung')}`, kind: 'search' },
    { name: 'counts (inbox nav badges)', query: '', kind: 'counts' },
  ];

  // Scoping: workspace B's owner sees only B's conversations.
  const bPage = await b.owner.get(`/api/v1/conversations?status=any&limit=100`);
  const leaked = (bPage.body.items as { id: string }[]).filter((c) => !c.id.startsWith('cv_B')).length;
  console.log(`scoping: workspace B's first page has ${bPage.body.items.length} conversations, ${leaked} of them from workspace A`);

  // ── time each view through the app, then its SQL through pg ────────────────
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  onCleanup(() => raw.end());
  const results: { view: View; app: ReturnType<typeof summarize>; sql: ReturnType<typeof summarize> | null; items: number; compiled: CompiledQuery | null }[] = [];
  for (const view of views) {
    const path = view.kind === 'counts' ? '/api/v1/conversations/counts' : `/api/v1/conversations?limit=25${view.query ? `&${view.query}` : ''}`;
    captured.query = null;
    capturing = true;
    const first = await a.owner.get(path);
    capturing = false;
    if (first.status !== 200) throw new Error(`${view.name}: HTTP ${first.status} ${JSON.stringify(first.body)}`);
    const compiled = captured.query as CompiledQuery | null; // set by the log hook during the request
    const params = compiled ? [...compiled.parameters] : [];
    // Warm-up, then app and raw SQL alternately (so both see the same machine), within a time budget.
    const warmUntil = performance.now() + WARMUP_BUDGET_MS;
    for (let i = 0; i < WARMUP && performance.now() < warmUntil; i++) {
      await a.owner.get(path);
      if (compiled) await raw.query(compiled.sql, params);
    }
    const samples: number[] = [];
    const sqlSamples: number[] = [];
    const until = performance.now() + VIEW_BUDGET_MS;
    for (let i = 0; i < REQUESTS && (i < MIN_REQUESTS || performance.now() < until); i++) {
      let s = performance.now();
      const res = await a.owner.get(path);
      samples.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`${view.name}: HTTP ${res.status}`);
      if (!compiled) continue;
      s = performance.now();
      await raw.query(compiled.sql, params);
      sqlSamples.push(performance.now() - s);
    }
    const sql = compiled ? summarize(sqlSamples) : null;
    const items = view.kind === 'counts' ? 0 : (first.body.items as unknown[]).length;
    results.push({ view, app: summarize(samples), sql, items, compiled });
  }

  console.log('\n' + table(['view', 'items', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'raw SQL p50', 'raw SQL p95', 'app/SQL p95', 'target'], results.map((r) => [
    r.view.name, r.view.kind === 'counts' ? '–' : r.items, r.app.n, r.app.p50, r.app.p95, r.app.p99, r.sql?.p50 ?? NaN, r.sql?.p95 ?? NaN,
    r.sql ? `${round(r.app.p95 / r.sql.p95)}×` : '–', r.view.kind === 'list' ? `${r.app.p95 < LIST_P95_MS ? 'PASS' : 'MISS'} (< ${LIST_P95_MS})` : 'reported',
  ])));

  // Plans for what misses (and for search and counts when they are slow): where the time goes.
  const plans: Record<string, string> = {};
  for (const r of results) {
    if (r.app.p95 < LIST_P95_MS || !r.compiled) continue;
    const { rows } = await raw.query(`explain (analyze, buffers) ${r.compiled.sql}`, [...r.compiled.parameters]);
    plans[r.view.name] = rows.map((x) => x['QUERY PLAN']).join('\n');
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${r.view.name} (app p95 ${round(r.app.p95)} ms):\n${plans[r.view.name]}`);
  }

  const targets: Target[] = results.filter((r) => r.view.kind === 'list').map((r) => target(`inbox list p95: ${r.view.name}`, r.app.p95, 'ms', '<', LIST_P95_MS));
  printTargets(targets);
  noteLoad('end');
  const rounded = (s: ReturnType<typeof summarize> | null) => (s ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)])) : null);
  writeResults('inbox-list', {
    figures: {
      conversations: CONVERSATIONS, otherWorkspaceConversations: OTHER_WORKSPACE, requestsPerView: REQUESTS, seedSeconds: round(seedSeconds),
      statusMix: mix, scopingLeaks: leaked,
      views: results.map((r) => ({ view: r.view.name, kind: r.view.kind, items: r.items, appMs: rounded(r.app), rawSqlMs: rounded(r.sql), appOverSqlP95: r.sql ? round(r.app.p95 / r.sql.p95, 2) : null })),
      plans,
    },
    targets,
  });
}

await runBench('inbox-list', 240_000, main);
