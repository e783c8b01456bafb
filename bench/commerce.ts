/**
 * Commerce on PostgreSQL, each figure beside a raw baseline measured in the same run:
 *  a) signed Shopify order webhooks/s into the server (child process) vs. a bare node:http server that
 *     checks the same HMAC and INSERTs the body into an unindexed table through a pg Pool;
 *  b) CSV import of a 500,000-line Shopify export through `careloop import-orders` (server/bin/careloop.mjs, child process):
 *     rows/s and peak RSS, vs. parsing the same file alone;
 *  c) the contact sidebar (GET …/contacts/:id/orders) for a contact with 1,000 orders, p95, vs. its SQL.
 *
 *   npx tsx bench/commerce.ts     BENCH_WEBHOOKS=6000 BENCH_CSV_LINES=500000 BENCH_REQUESTS=300
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createWriteStream, createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { systemCtx } from '../server/src/platform/context.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import { shopifyOrderJson } from '../server/src/test/shops.ts';
import { upsertOrders } from '../server/src/commerce/service.ts';
import { readCsvRows } from '../server/src/commerce/csv/parse.ts';
import { generateShopifyCsv } from '../server/src/commerce/csv/fixtures/generate.ts';
import type { NormalizedOrder } from '../server/src/commerce/order.ts';
import {
  fireAll, type PostBody, freePort, noteLoad, onCleanup, printTargets, round, rssKb, runBench, scratchDatabase, spawnServer, summarize, table, target, waitHealthy, writeResults, root, type Target,
} from './lib.ts';

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 6000);
const CONCURRENCY = 32;
const CSV_LINES = Number(process.env.BENCH_CSV_LINES ?? 500_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const fire = (url: URL, bodies: PostBody[]) => fireAll(agent, url, bodies, CONCURRENCY);

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

function webhookBodies(secret: string, offset: number) {
  return Array.from({ length: WEBHOOKS }, (_, i) => {
    const n = offset + i;
    const body = JSON.stringify(shopifyOrderJson({
      id: `${5_000_000_000 + n}`, phone: `09${String(10_000_000 + (n % 3000) * 997).slice(0, 8)}`, total: `${(100 + (n % 50) * 10) * 1000}.00`,
      financial: n % 3 === 0 ? 'pending' : 'paid', createdAt: `2026-${String(1 + (n % 11)).padStart(2, '0')}-15T10:00:00+07:00`,
    }));
    return { body, headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': randomUUID(), 'x-shopify-hmac-sha256': sign(secret, body) } };
  });
}

async function webhooks(databaseUrl: string, workspaceSetup: { secret: string; path: string }, port: number, dataDir: string) {
  const server = spawnServer({ PORT: String(port), DATABASE_URL: databaseUrl, CARELOOP_DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}` });
  await waitHealthy(server);
  const url = new URL(`http://127.0.0.1:${port}${workspaceSetup.path}`);
  await fire(url, webhookBodies(workspaceSetup.secret, 900_000).slice(0, 300)); // warm-up
  const app = await fire(url, webhookBodies(workspaceSetup.secret, 0));
  const peakRss = rssKb(server.proc.pid!);
  await server.stop();

  // Baseline: verify the same HMAC and INSERT the raw body, nothing else.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('create table if not exists bench_raw_hooks (id bigserial primary key, body jsonb not null)');
  const raw = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (sign(workspaceSetup.secret, body.toString('utf8')) !== req.headers['x-shopify-hmac-sha256']) { res.statusCode = 401; res.end(); return; }
      pool.query('insert into bench_raw_hooks (body) values ($1)', [body.toString('utf8')]).then(() => { res.end('{"ok":true}'); }, () => { res.statusCode = 500; res.end(); });
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
  const rawUrl = new URL(`http://127.0.0.1:${(raw.address() as { port: number }).port}/hook`);
  await fire(rawUrl, webhookBodies(workspaceSetup.secret, 800_000).slice(0, 300));
  const baseline = await fire(rawUrl, webhookBodies(workspaceSetup.secret, 0));
  raw.close();
  await pool.end();
  return { app, baseline, serverRssMb: round(peakRss / 1024) };
}

async function csvImport(databaseUrl: string, workspaceId: string, dir: string) {
  const file = join(dir, 'orders_export.csv');
  const out = createWriteStream(file);
  for await (const chunk of generateShopifyCsv(CSV_LINES, 7)) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(r));
  const bytes = statSync(file).size;

  // Baseline: parse the same file, nothing else.
  let parsed = 0;
  const p0 = performance.now();
  for await (const _row of readCsvRows(createReadStream(file, { highWaterMark: 256 * 1024 }))) parsed++;
  const parseSeconds = (performance.now() - p0) / 1000;

  const t0 = performance.now();
  // The command a user runs (`npx careloop import-orders`): its launcher starts the bounded import child.
  const child = spawn(process.execPath, [join(root, 'server/bin/careloop.mjs'), 'import-orders', file, '--workspace', workspaceId], {
    cwd: root, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', CARELOOP_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const kb = treeRssKb(child.pid!);
      if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
    } catch { /* exited */ }
  }, 50);
  const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`import-orders exited ${code}:\n${output}`);
  return { lines: CSV_LINES, bytes, seconds: round(seconds), rowsPerSec: round(CSV_LINES / seconds), peakRssMb: round(peakKb / 1024), output: output.trim().split('\n').slice(0, 3), baseline: { parsed, rowsPerSec: round(parsed / parseSeconds) } };
}

/** RSS of a process and its children (`careloop import-orders` runs the import in a child with a bounded heap). */
function treeRssKb(pid: number): number {
  let total = rssKb(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) total += treeRssKb(Number(child));
  } catch { /* gone */ }
  return total;
}

function order(i: number, phone: string, day: number): NormalizedOrder {
  return {
    externalId: `side-${phone}-${i}`, orderNumber: `#S${i}`, email: null, phone, customerName: 'Nguyễn Văn Sidebar', customerExternalId: null, currency: 'VND',
    total: 100_000 + (i % 40) * 5_000, subtotal: null, discount: null, shipping: 30_000, refunded: null, paymentState: i % 5 ? 'paid' : 'pending',
    fulfilmentState: i % 3 ? 'fulfilled' : 'unfulfilled', cancelled: i % 29 === 0, rawFinancialStatus: 'paid', rawFulfillmentStatus: null,
    placedAt: new Date(Date.UTC(2022, 0, 1) + day * 86_400_000), cancelledAt: null, updatedAt: null, trackingNumber: `GHN${i}`, carrier: 'GHN',
    trackingUrl: `https://donhang.ghn.vn/?order_code=GHN${i}`, shippingAddress: null,
    lines: [{ externalId: null, productId: null, variantId: null, sku: 'SKU', title: 'Áo dài lụa tơ tằm', quantity: 1 + (i % 3), price: 100_000 }], note: null, tags: [],
  };
}

async function main() {
  console.log(`commerce: ${WEBHOOKS} webhooks (${CONCURRENCY} in flight), ${CSV_LINES.toLocaleString('en-US')}-line CSV, sidebar with 1,000 orders; PostgreSQL`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_commerce');
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-commerce-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();

  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const config = loadConfig({}, { databaseUrl, dataDir: dir, logLevel: 'silent', publicUrl: `http://127.0.0.1:${port}`, staticRoot: root });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  const t = new TestApp(careloop);
  const { owner, workspaceId } = await t.workspace({ name: 'Shop Bench' });
  const shop = (await owner.post('/api/v1/commerce/connections', { platform: 'shopify', name: 'Bench shop' })).body as { webhookUrl: string; webhookSecret: string };
  const csvWorkspace = await t.workspace({ name: 'Shop CSV' });

  // c) sidebar: one contact with 1,000 orders among 20,000 orders of 4,000 others.
  const ctx = systemCtx(careloop.deps, workspaceId);
  for (let b = 0; b < 2; b++) await upsertOrders(ctx, 'csv', null, Array.from({ length: 500 }, (_, i) => order(b * 500 + i, '0911222333', b * 500 + i)), { bulk: true });
  for (let b = 0; b < 40; b++) {
    await upsertOrders(ctx, 'csv', null, Array.from({ length: 500 }, (_, i) => order(b * 500 + i, `09${String(30_000_000 + ((b * 500 + i) % 4000) * 13).slice(0, 8)}`, i)), { bulk: true });
  }
  const contactId = (await db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('phone', '=', '+84911222333').executeTakeFirstOrThrow()).id;
  await pool.query('analyze');
  const path = `/api/v1/commerce/contacts/${contactId}/orders?limit=20`;
  const check = await owner.get(path);
  if (check.body.orderCount !== 1000) throw new Error(`sidebar shows ${check.body.orderCount} orders, expected 1000`);
  const appMs: number[] = [];
  const sqlMs: number[] = [];
  for (let i = 0; i < REQUESTS + 20; i++) {
    const a = performance.now();
    await owner.get(path);
    const b = performance.now();
    await Promise.all([
      pool.query(`select * from orders where workspace_id = $1 and contact_id = any($2) and deleted_at is null order by placed_at desc, id desc limit 21`, [workspaceId, [contactId]]),
      pool.query(`select count(*), sum(total - coalesce(refunded,0)) filter (where counts_as_purchase), max(placed_at), min(placed_at) from orders where workspace_id = $1 and contact_id = any($2) and deleted_at is null`, [workspaceId, [contactId]]),
    ]);
    const c = performance.now();
    if (i >= 20) { appMs.push(b - a); sqlMs.push(c - b); }
  }
  const sidebar = { appMs: summarize(appMs), rawSqlMs: summarize(sqlMs) };
  await careloop.close();
  await db.destroy();

  const hooks = await webhooks(databaseUrl, { secret: shop.webhookSecret, path: new URL(shop.webhookUrl).pathname }, port, dir);
  noteLoad('after webhooks');
  const csv = await csvImport(databaseUrl, csvWorkspace.workspaceId, dir);
  noteLoad('after csv');

  console.log('\n' + table(['what', 'rate /s', 'p50 ms', 'p99 ms', 'failed'], [
    ['order webhooks → CareLoop', hooks.app.ratePerSec, round(hooks.app.latencyMs.p50), round(hooks.app.latencyMs.p99), hooks.app.failed],
    ['baseline: HMAC + raw INSERT', hooks.baseline.ratePerSec, round(hooks.baseline.latencyMs.p50), round(hooks.baseline.latencyMs.p99), hooks.baseline.failed],
  ]));
  console.log(`\nCSV: ${csv.lines.toLocaleString('en-US')} lines (${round(csv.bytes / 1024 / 1024)} MB) in ${csv.seconds} s = ${csv.rowsPerSec} rows/s, peak RSS ${csv.peakRssMb} MB; parse alone ${csv.baseline.rowsPerSec} rows/s`);
  console.log(`  ${csv.output.join('\n  ')}`);
  console.log(`sidebar (1,000 orders): p50 ${round(sidebar.appMs.p50, 2)} ms, p95 ${round(sidebar.appMs.p95, 2)} ms; its SQL p95 ${round(sidebar.rawSqlMs.p95, 2)} ms`);

  const targets: Target[] = [
    target('order webhooks per second (PostgreSQL)', hooks.app.ratePerSec, '/s', '>=', 500, `baseline ${hooks.baseline.ratePerSec}/s`),
    target('CSV import rows per second (500k lines)', csv.rowsPerSec, 'rows/s', '>=', 20_000, `parse alone ${csv.baseline.rowsPerSec} rows/s`),
    target('CSV import peak RSS', csv.peakRssMb, 'MB', '<', 300),
    target('sidebar p95, contact with 1,000 orders', round(sidebar.appMs.p95, 2), 'ms', '<', 30, `SQL p95 ${round(sidebar.rawSqlMs.p95, 2)} ms`),
  ];
  printTargets(targets);
  writeResults('commerce', { figures: { webhooks: hooks, csv, sidebar }, targets });
}

await runBench('commerce', 600_000, main);
