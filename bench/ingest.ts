/**
 * Message ingest end to end on PostgreSQL: widget POST /api/widget/messages → stored → delivered
 * to 5 agent console sockets. The server is a child process (`server/dist/main.mjs`), so the load
 * generator here has its own event loop. Baseline, same run: a bare INSERT into `messages` through
 * a pg Pool plus a `ws` send of the row to 5 plain sockets, at the same concurrency.
 *
 *   npx tsx bench/ingest.ts            BENCH_PROFILE=1 → also --cpu-prof the server and print its hot spots
 */
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../server/src/platform/db/index.ts';
import WebSocket, { WebSocketServer } from 'ws';
import { fold } from '@careloop/contracts';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { newId } from '../server/src/platform/ids.ts';
import { TestApp, type AgentClient } from '../server/src/test/harness.ts';
import {
  freePort, hotPaths, hotSpots, noteLoad, onCleanup, printTargets, round, runBench, scratchDatabase, sleep, spawnServer, summarize, table, target,
  waitHealthy, writeResults, type Target,
} from './lib.ts';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const SOCKETS = 5;
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 200);
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 10);
const WARMUP_PER_VISITOR = 3;
const PROFILE = process.env.BENCH_PROFILE === '1';

const bodyOf = (seq: number) => `Cho mình hỏi đơn hàng của mình đã giao chưa ạ? Mã đơn DH${seq} [bench:${seq}]`;
const tagRe = /\[bench:(\d+)\]/;

/** Per message: when it was posted, its HTTP status, how many console sockets got it. */
const CAP = 400_000;
const sentAt = new Float64Array(CAP);
const status = new Uint16Array(CAP);
const received = new Uint8Array(CAP);
const phaseOf = new Uint8Array(CAP);
let seq = 0;
let phase = 0; // 0 warm-up, 1 max throughput, 2 fixed rate, 3 baseline
const frameLatency: number[][] = [[], [], [], []];
const httpLatency: number[][] = [[], [], [], []];
const lastDelivery = [0, 0, 0, 0];
const deliveredAll = [0, 0, 0, 0];

function onTaggedFrame(text: string) {
  const m = tagRe.exec(text);
  if (!m) return;
  const id = Number(m[1]);
  const now = performance.now();
  const p = phaseOf[id]!;
  frameLatency[p]!.push(now - sentAt[id]!);
  if (++received[id]! === SOCKETS) {
    deliveredAll[p]!++;
    lastDelivery[p] = now;
  }
}

async function waitDelivered(from: number, to: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  const pending = () => {
    let n = 0;
    for (let i = from; i < to; i++) if (status[i] === 201 && received[i]! < SOCKETS) n++;
    return n;
  };
  while (pending() > 0 && performance.now() < deadline) await sleep(20);
  return pending();
}

// ── CPU accounting (/proc): who burns the 2 cores during a phase ──────────────
const ticks = (pid: number | 'self') => {
  try {
    const f = (readText(`/proc/${pid}/stat`) ?? '').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch { return 0; }
};
function readText(path: string) { try { return readFileSync(path, 'utf8'); } catch { return null; } }
function postgresTicks() {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const comm = readText(`/proc/${d}/comm`);
    if (comm?.startsWith('postgres')) sum += ticks(Number(d));
  }
  return sum;
}
function cpuMeter(serverPid: number | null) {
  const t0 = performance.now();
  const start = { server: serverPid ? ticks(serverPid) : 0, pg: postgresTicks(), self: ticks('self') };
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const pct = (a: number, b: number) => round(((b - a) / 100 / secs) * 100, 0); // USER_HZ = 100
    return { serverPct: serverPid ? pct(start.server, ticks(serverPid)) : 0, postgresPct: pct(start.pg, postgresTicks()), loadGenPct: pct(start.self, ticks('self')) };
  };
}

// ── what the server's PostgreSQL sessions are doing (sampled pg_stat_activity) ──
function pgSampler(databaseUrl: string, everyMs = 200) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const states = new Map<string, number>();
  const queries = new Map<string, number>();
  let samples = 0;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await client.query(`select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as q
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`);
      samples++;
      for (const r of rows) {
        const k = r.state === 'active' ? `active (${r.wait})` : r.state;
        states.set(k, (states.get(k) ?? 0) + 1);
        if (r.state === 'active') queries.set(`${r.wait} ${r.q}`, (queries.get(`${r.wait} ${r.q}`) ?? 0) + 1);
      }
    } catch { /* ignore */ } finally { busy = false; }
  };
  return {
    async start() { await client.connect(); timer = setInterval(() => void tick(), everyMs); },
    async stop() {
      if (timer) clearInterval(timer);
      await client.end();
      const per = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ what: k, avgSessions: round(v / Math.max(1, samples), 2) }));
      return { samples, states: per(states), topActive: per(queries).slice(0, 8) };
    },
  };
}

// ── the load generator's HTTP client: keep-alive, one loopback address per visitor ──
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4000 });
interface Visitor { token: string; ip: string }

function post(url: URL, v: Visitor, widgetToken: string, payload: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: '/api/widget/messages', method: 'POST', agent, localAddress: v.ip,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-careloop-inbox': widgetToken, authorization: `Bearer ${v.token}` },
    }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

async function main() {
  console.log(`ingest: ${VISITORS} visitors, ${SOCKETS} console sockets, PostgreSQL, server in a child process${PROFILE ? ' (profiling)' : ''}`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_ingest');
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-bench-ingest-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const serverUrl = new URL(`http://127.0.0.1:${port}`);

  // 1. Workspace, 5 agents and 200 visitor sessions, made in-process on the same database.
  const setupStarted = performance.now();
  const config = loadConfig({}, { databaseUrl, dataDir, logLevel: 'silent', publicUrl: serverUrl.origin, staticRoot: join(import.meta.dirname, '..') });
  // Our own pool, so we can count the round trips one widget message costs.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const setupPool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let counting = false;
  let roundTrips = 0;
  setupPool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => { if (counting) roundTrips++; return query(...args); };
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: setupPool }) });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  const t = new TestApp(careloop);
  const { owner, inbox, workspaceId } = await t.workspace({ name: 'Shop Bench' });
  const agents: AgentClient[] = [owner];
  for (let i = 1; i < SOCKETS; i++) agents.push(await t.addAgent(owner, 'agent', `Nhân viên ${i}`));
  const visitors: Visitor[] = await Promise.all(Array.from({ length: VISITORS }, async (_, i) => {
    // Each visitor comes from its own loopback address (127.0.1.x), as real visitors have their own IPs.
    const ip = `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
    const res = await careloop.app.request('/api/widget/session', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-careloop-inbox': inbox.widgetToken }, body: JSON.stringify({ name: `Khách ${i}` }),
    }, { incoming: { socket: { remoteAddress: ip } } });
    const body = await res.json() as { visitorToken: string };
    if (res.status !== 200) throw new Error(`session: ${res.status} ${JSON.stringify(body)}`);
    return { token: body.visitorToken, ip };
  }));
  // Round trips to PostgreSQL for one widget message (the first opens the conversation).
  const perMessage: number[] = [];
  for (let i = 0; i < 4; i++) {
    counting = true;
    roundTrips = 0;
    const res = await careloop.app.request('/api/widget/messages', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-careloop-inbox': inbox.widgetToken, authorization: `Bearer ${visitors[0]!.token}` },
      body: JSON.stringify({ body: `Xin chào ${i}`, clientId: `probe${i}` }),
    }, { incoming: { socket: { remoteAddress: visitors[0]!.ip } } });
    await res.arrayBuffer();
    counting = false;
    perMessage.push(roundTrips);
  }
  await careloop.close();
  await db.destroy();
  console.log(`PostgreSQL round trips per widget message (incl. begin/commit): first ${perMessage[0]}, then ${perMessage.slice(1).join(', ')}`);
  console.log(`setup: workspace, ${SOCKETS} agents, ${VISITORS} visitor sessions in ${round((performance.now() - setupStarted) / 1000)} s`);

  // 2. The server as a child process.
  const profDir = mkdtempSync(join(tmpdir(), 'careloop-bench-prof-'));
  onCleanup(() => rmSync(profDir, { recursive: true, force: true }));
  const server = spawnServer({ PORT: String(port), DATABASE_URL: databaseUrl, CARELOOP_DATA_DIR: dataDir, PUBLIC_URL: serverUrl.origin },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  await waitHealthy(server);

  // 3. Five console sockets, one per agent.
  const sockets: WebSocket[] = [];
  for (const a of agents) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers: { cookie: a.cookie } });
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve()); // "ready"
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`socket refused: HTTP ${res.statusCode}`)));
    });
    ws.on('message', (raw) => {
      const text = String(raw);
      if (text.startsWith('{"type":"event","event":{"type":"message.created"')) onTaggedFrame(text);
    });
    sockets.push(ws);
  }
  onCleanup(() => sockets.forEach((s) => s.terminate()));

  const send = async (v: Visitor) => {
    const id = seq++;
    phaseOf[id] = phase;
    const payload = JSON.stringify({ body: bodyOf(id), clientId: `b${id}` });
    const t0 = performance.now();
    sentAt[id] = t0;
    status[id] = await post(serverUrl, v, inbox.widgetToken, payload);
    httpLatency[phase]!.push(performance.now() - t0);
  };
  const statusCounts = (from: number, to: number) => {
    const counts: Record<string, number> = {};
    for (let i = from; i < to; i++) counts[status[i]!] = (counts[status[i]!] ?? 0) + 1;
    return counts;
  };

  // 4. Warm-up: every visitor opens its conversation and sends a few messages.
  phase = 0;
  const warmFrom = seq;
  await Promise.all(visitors.map(async (v) => { for (let i = 0; i < WARMUP_PER_VISITOR; i++) await send(v); }));
  await waitDelivered(warmFrom, seq, 5000);
  console.log(`warm-up: ${seq - warmFrom} messages, statuses ${JSON.stringify(statusCounts(warmFrom, seq))}`);
  await sleep(500);

  // 5a. Max throughput: every visitor sends as soon as its previous message is answered.
  phase = 1;
  const aFrom = seq;
  const sampler = pgSampler(databaseUrl);
  await sampler.start();
  let cpu = cpuMeter(server.proc.pid!);
  const aStart = performance.now();
  const aStop = aStart + MAX_SECONDS * 1000;
  await Promise.all(visitors.map(async (v) => { while (performance.now() < aStop) await send(v); }));
  const aLastResponse = performance.now();
  const aPending = await waitDelivered(aFrom, seq, 5000);
  const aCpu = cpu();
  const aPg = await sampler.stop();
  const aElapsed = (Math.max(aLastResponse, lastDelivery[1]!) - aStart) / 1000;
  const aStatuses = statusCounts(aFrom, seq);
  const aRate = deliveredAll[1]! / aElapsed;
  await sleep(1000);

  // 5b. Fixed rate: one message every 1000/rate ms, round-robin over the visitors (open loop).
  phase = 2;
  const bFrom = seq;
  cpu = cpuMeter(server.proc.pid!);
  const total = FIXED_RATE * FIXED_SECONDS;
  const interval = 1000 / FIXED_RATE;
  const bStart = performance.now();
  const inflight: Promise<void>[] = [];
  const lag: number[] = [];
  for (let i = 0; i < total; i++) {
    const due = bStart + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lag.push(Math.max(0, performance.now() - due));
    inflight.push(send(visitors[i % visitors.length]!));
  }
  await Promise.all(inflight);
  const bPending = await waitDelivered(bFrom, seq, 5000);
  const bCpu = cpu();
  const bElapsed = (Math.max(performance.now(), lastDelivery[2]!) - bStart) / 1000;
  const bStatuses = statusCounts(bFrom, seq);

  sockets.forEach((s) => s.terminate());
  await server.stop();
  const hot = PROFILE ? hotSpots(profDir, 20) : [];
  const hotFns = hot.filter((h) => !h.fn.startsWith('(')).slice(0, 3).map((h) => h.fn);
  const paths = PROFILE ? hotPaths(profDir, hotFns) : [];

  // 6. Baseline: INSERT through a pg Pool + ws send of the row to 5 plain sockets, 200 in flight.
  phase = 3;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  onCleanup(() => pool.end());
  const { rows: [conv] } = await pool.query('select id, inbox_id, contact_id from conversations where workspace_id = $1 limit 1', [workspaceId]);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  onCleanup(() => new Promise<void>((r) => wss.close(() => r())));
  const serverSide: WebSocket[] = [];
  wss.on('connection', (ws) => serverSide.push(ws));
  const wssPort = (wss.address() as import('node:net').AddressInfo).port;
  const plain: WebSocket[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${wssPort}`);
    await new Promise<void>((r, j) => { ws.once('open', () => r()); ws.once('error', j); });
    ws.on('message', (raw) => onTaggedFrame(String(raw)));
    plain.push(ws);
  }
  while (serverSide.length < SOCKETS) await sleep(5);
  onCleanup(() => plain.forEach((s) => s.terminate()));
  const insertSql = `insert into messages (id, workspace_id, conversation_id, inbox_id, kind, sender_type, sender_id, body, body_folded, client_id, delivery_status)
    values ($1, $2, $3, $4, 'incoming', 'contact', $5, $6, $7, $8, 'delivered') returning *`;
  const baselineOne = async () => {
    const id = seq++;
    phaseOf[id] = 3;
    const body = bodyOf(id);
    const t0 = performance.now();
    sentAt[id] = t0;
    try {
      const { rows } = await pool.query(insertSql, [newId('message'), workspaceId, conv.id, conv.inbox_id, conv.contact_id, body, fold(body), `b${id}`]);
      const json = JSON.stringify({ type: 'event', event: { type: 'message.created', message: rows[0] } });
      for (const ws of serverSide) ws.send(json);
      status[id] = 201;
    } catch {
      status[id] = 500;
    }
    httpLatency[3]!.push(performance.now() - t0);
  };
  // warm-up, then the measured run
  await Promise.all(Array.from({ length: VISITORS }, async () => { for (let i = 0; i < WARMUP_PER_VISITOR; i++) await baselineOne(); }));
  await sleep(300);
  frameLatency[3] = []; httpLatency[3] = []; deliveredAll[3] = 0;
  const cFrom = seq;
  cpu = cpuMeter(null);
  const cStart = performance.now();
  const cStop = cStart + MAX_SECONDS * 1000;
  await Promise.all(Array.from({ length: VISITORS }, async () => { while (performance.now() < cStop) await baselineOne(); }));
  const cLast = performance.now();
  await waitDelivered(cFrom, seq, 5000);
  const cCpu = cpu();
  const cElapsed = (Math.max(cLast, lastDelivery[3]!) - cStart) / 1000;
  const cRate = deliveredAll[3]! / cElapsed;
  const cStatuses = statusCounts(cFrom, seq);

  // 7. Report.
  noteLoad('end');
  const a = summarize(frameLatency[1]!), b = summarize(frameLatency[2]!), c = summarize(frameLatency[3]!);
  const ah = summarize(httpLatency[1]!), bh = summarize(httpLatency[2]!);
  console.log('\n' + table(['phase', 'msgs', 'delivered×5', 'rate/s', 'frame p50 ms', 'frame p99 ms', 'http p50 ms', 'http p99 ms', 'statuses', 'cpu server/pg/loadgen %'], [
    [`a. max throughput (${MAX_SECONDS} s, ${VISITORS} in flight)`, bFrom - aFrom, deliveredAll[1]!, aRate, a.p50, a.p99, ah.p50, ah.p99, JSON.stringify(aStatuses), `${aCpu.serverPct}/${aCpu.postgresPct}/${aCpu.loadGenPct}`],
    [`b. fixed ${FIXED_RATE}/s (${FIXED_SECONDS} s)`, total, deliveredAll[2]!, deliveredAll[2]! / bElapsed, b.p50, b.p99, bh.p50, bh.p99, JSON.stringify(bStatuses), `${bCpu.serverPct}/${bCpu.postgresPct}/${bCpu.loadGenPct}`],
    [`baseline: pg INSERT + ws ×${SOCKETS} (${VISITORS} in flight)`, seq - cFrom, deliveredAll[3]!, cRate, c.p50, c.p99, '', '', JSON.stringify(cStatuses), `–/${cCpu.postgresPct}/${cCpu.loadGenPct}`],
  ]));
  const lagS = summarize(lag);
  console.log(`fixed-rate scheduler lag: p50 ${round(lagS.p50)} ms, p99 ${round(lagS.p99)} ms; undelivered after 5 s: phase a ${aPending}, phase b ${bPending}`);
  console.log(`frame latency (phase b) per socket frame: min ${round(b.min)} / p50 ${round(b.p50)} / p95 ${round(b.p95)} / p99 ${round(b.p99)} / max ${round(b.max)} ms over ${b.n} frames`);
  const ratio = (100 * aRate) / cRate;
  console.log(`CareLoop / baseline rate: ${round(ratio)} %`);
  console.log(`\nPostgreSQL sessions of the server during phase a (avg over ${aPg.samples} samples):`);
  console.log(table(['sessions', 'state'], aPg.states.map((s) => [s.avgSessions, s.what])));
  console.log(table(['sessions', 'active query'], aPg.topActive.map((s) => [s.avgSessions, s.what])));
  if (hot.length) {
    console.log('\nServer CPU profile (phases a+b), top self time:');
    console.log(table(['self %', 'function', 'where'], hot.map((h) => [h.selfPct, h.fn, h.where])));
    console.log('\nHow the hottest functions are reached (callee < caller < …):');
    for (const p of paths) console.log(`${String(p.pct).padStart(5)} %  ${p.path}`);
  }

  const targets: Target[] = [
    target('ingest p99 delivery at 200 msg/s', b.p99, 'ms', '<', 50),
    target('ingest rate vs raw baseline', ratio, '%', '>=', 50, `${round(aRate)} vs ${round(cRate)} msg/s`),
  ];
  printTargets(targets);
  writeResults('ingest', {
    figures: {
      visitors: VISITORS, sockets: SOCKETS, pgRoundTripsPerMessage: { first: perMessage[0], next: perMessage[1] },
      maxThroughput: { seconds: round(aElapsed, 2), messages: bFrom - aFrom, deliveredToAll: deliveredAll[1], ratePerSec: round(aRate), statuses: aStatuses, frameLatencyMs: roundAll(a), httpLatencyMs: roundAll(ah), cpuPct: aCpu, postgresSessions: aPg },
      fixedRate: { ratePerSec: FIXED_RATE, seconds: FIXED_SECONDS, messages: total, deliveredToAll: deliveredAll[2], statuses: bStatuses, frameLatencyMs: roundAll(b), httpLatencyMs: roundAll(bh), schedulerLagMs: roundAll(lagS), cpuPct: bCpu },
      baseline: { ratePerSec: round(cRate), rows: seq - cFrom, deliveredToAll: deliveredAll[3], frameLatencyMs: roundAll(c), cpuPct: cCpu },
      rateVsBaselinePct: round(ratio),
      ...(hot.length ? { serverHotSpots: hot, serverHotPaths: paths } : {}),
    },
    targets,
  });
}

const roundAll = (s: Record<string, number>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)]));

await runBench('ingest', 240_000, main);
