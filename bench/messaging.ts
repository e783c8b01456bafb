/**
 * Messaging webhooks on PostgreSQL, each figure beside a raw baseline measured in the same run:
 *  a) signed Messenger webhooks acknowledged per second by a CareLoop node (child process, worker
 *     on: it processes while it acknowledges) vs. a bare node:http server that checks the same
 *     HMAC and INSERTs the body into an unindexed table; plus how fast the stored events became
 *     conversations (processed events/s, no target);
 *  b) end to end: a signed webhook in → `message.created` on an agent's console socket, p50/p95,
 *     one at a time.
 *
 *   npx tsx bench/messaging.ts     BENCH_WEBHOOKS=6000 BENCH_E2E=200
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import { openSocket, isEvent } from '../server/src/test/sockets.ts';
import { messengerTextEvent } from '../server/src/inboxes/messenger/fixtures/events.ts';
import { escapeLikeMeta } from '../server/src/test/fakes/graph-api.ts';
import { fireAll, freePort, noteLoad, onCleanup, postWith, printTargets, round, runBench, scratchDatabase, sleep, spawnServer, summarize, table, target, waitHealthy, writeResults, root, type PostBody } from './lib.ts';

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 6000);
const E2E = Number(process.env.BENCH_E2E ?? 200);
const CONCURRENCY = 32;
const secretsKey = 'bench-messaging-secrets-key-0123456789';
const pageId = '104758291837465';
const appSecret = 'bench-meta-app-secret-0123456789';

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const fire = (url: URL, bodies: PostBody[]) => fireAll(agent, url, bodies, CONCURRENCY);
const post = (url: URL, body: string | Buffer, headers: Record<string, string>) => postWith(agent, url, { body, headers });

const sign = (body: Buffer) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

/** Meta's bytes: Vietnamese text \u-escaped, 400 customers writing in turn. */
function bodies(count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const json = escapeLikeMeta(JSON.stringify(messengerTextEvent({ pageId, psid: `77${String(n % 400).padStart(6, '0')}`, mid: `m_bench_${n}`, text: `Shop ơi, đơn #${n} giao tới đâu rồi ạ?`, timestamp: Date.now() })));
    const body = Buffer.from(json);
    return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) } };
  });
}

async function main() {
  console.log(`messaging: ${WEBHOOKS} signed Messenger webhooks (${CONCURRENCY} in flight), ${E2E} end-to-end to a console socket; PostgreSQL`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_messaging');
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-messaging-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();

  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  pool.on('error', () => undefined); // the scratch database is dropped at the end
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const config = loadConfig({}, { databaseUrl, dataDir: dir, logLevel: 'silent', publicUrl: `http://127.0.0.1:${port}`, staticRoot: root, secretsKey });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  onCleanup(() => careloop.close());
  const t = new TestApp(careloop);
  const { owner } = await t.workspace({ name: 'Shop Bench Messenger' });
  const inbox = (await owner.post('/api/v1/inboxes', { name: 'Fanpage', channel: 'messenger', messaging: { pageId, appId: '551234567890123', appSecret, accessToken: 'EAAGbench0123456789' } })).body as { id: string };

  // The node: HTTP and worker in one process, as `npm start` runs it. Profiles are not fetched
  // (GRAPH_API_BASE points at a closed port), so processing measures CareLoop, not a network.
  const server = spawnServer({ PORT: String(port), DATABASE_URL: databaseUrl, CARELOOP_DATA_DIR: dir, PUBLIC_URL: `http://127.0.0.1:${port}`, CARELOOP_SECRETS_KEY: secretsKey, GRAPH_API_BASE: 'http://127.0.0.1:9', CARELOOP_ROLE: process.env.BENCH_ROLE ?? 'all' });
  await waitHealthy(server);
  const url = new URL(`http://127.0.0.1:${port}/api/channels/${inbox.id}/webhook`);
  await fire(url, bodies(300, 900_000)); // warm-up
  const processed = async () => Number((await sql<{ n: string }>`select count(*) as n from channel_events where inbox_id = ${inbox.id} and state = 'done'`.execute(db)).rows[0]!.n);
  const doneBefore = await processed();
  const p0 = performance.now();
  const app = await fire(url, bodies(WEBHOOKS, 0));
  let done = await processed();
  while (process.env.BENCH_ROLE !== 'web' && done - doneBefore < WEBHOOKS && performance.now() - p0 < 300_000) {
    await sleep(100);
    done = await processed();
  }
  const processSeconds = (performance.now() - p0) / 1000;
  const messages = Number((await sql<{ n: string }>`select count(*) as n from messages where inbox_id = ${inbox.id}`.execute(db)).rows[0]!.n);

  // b) end to end, one webhook at a time, to an agent's socket on the node.
  const socket = await openSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { cookie: owner.cookie });
  await socket.next((f) => f.type === 'ready');
  const e2e: number[] = [];
  for (let i = 0; i < (process.env.BENCH_ROLE === 'web' ? 0 : E2E + 10); i++) {
    const [item] = bodies(1, 2_000_000 + i);
    const mid = `m_bench_${2_000_000 + i}`;
    const s = performance.now();
    const arrived = socket.next(isEvent('message.created', (e) => e.message.body.includes(`#${2_000_000 + i} `)), 10_000);
    await post(url, item!.body, item!.headers);
    await arrived;
    if (i >= 10) e2e.push(performance.now() - s);
    void mid;
  }
  await socket.close();
  await server.stop();

  // Baseline: verify the same HMAC and INSERT the raw body, nothing else.
  await pool.query('create table if not exists bench_raw_messenger (id bigserial primary key, body jsonb not null)');
  const rawPool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  rawPool.on('error', () => undefined);
  const raw = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (sign(body) !== req.headers['x-hub-signature-256']) { res.statusCode = 401; res.end(); return; }
      rawPool.query('insert into bench_raw_messenger (body) values ($1)', [body.toString('utf8')]).then(() => res.end('{"ok":true}'), () => { res.statusCode = 500; res.end(); });
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
  const rawUrl = new URL(`http://127.0.0.1:${(raw.address() as { port: number }).port}/hook`);
  await fire(rawUrl, bodies(300, 800_000));
  const baseline = await fire(rawUrl, bodies(WEBHOOKS, 0));
  raw.close();
  await rawPool.end();

  const e2eSummary = summarize(e2e);
  console.log(table(['', 'acks/s', 'failed', 'p50 ms', 'p95 ms'], [
    ['CareLoop node', app.ratePerSec, app.failed, app.latencyMs.p50, app.latencyMs.p95],
    ['raw HMAC + INSERT', baseline.ratePerSec, baseline.failed, baseline.latencyMs.p50, baseline.latencyMs.p95],
  ]));
  console.log(`processed: ${done - doneBefore} events into ${messages} messages in ${round(processSeconds)} s (${round((done - doneBefore) / processSeconds)}/s, while acknowledging)`);
  console.log(`end to end (webhook → console socket): p50 ${round(e2eSummary.p50)} ms, p95 ${round(e2eSummary.p95)} ms over ${E2E}`);
  const targets = [
    target('webhook events acknowledged per second (PostgreSQL)', app.ratePerSec, '/s', '>=', 1000, `raw baseline ${baseline.ratePerSec}/s`),
    target('webhooks refused or failed', app.failed, '', '<=', 0),
  ];
  printTargets(targets);
  writeResults('messaging', {
    figures: { webhooks: WEBHOOKS, app, baseline, processed: { events: done - doneBefore, messages, seconds: round(processSeconds), perSec: round((done - doneBefore) / processSeconds) }, endToEndMs: e2eSummary },
    targets,
  });
}

void runBench('messaging', 900_000, main);
