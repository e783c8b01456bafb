/**
 * Message ingest end to end on PostgreSQL: widget POST /api/widget/messages → stored → delivered
 * to 5 agent console sockets. The server is a child process (`server/dist/main.mjs`), so the load
 * generator here has its own event loop. Baseline, same run: a bare INSERT into `messages` through
 * a pg Pool plus a `ws` send of the row to 5 plain sockets, at the same concurrency.
 *
 *   npx tsx bench/ingest.ts
 *   BENCH_PROFILE=1   also run the server with --cpu-prof and print its hot spots
 *   BENCH_VISITORS, BENCH_SECONDS, BENCH_RATE, BENCH_FIXED_SECONDS   change the load
 */
import http from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import WebSocket, { WebSocketServer } from 'ws';
import { fold } from '@careloop/contracts';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { newId } from '../server/src/platform/ids.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp, type AgentClient } from '../server/src/test/harness.ts';
import {
  freePort, hotPaths, hotSpots, noteLoad, onCleanup, printTargets, resultsDir, round, runBench, scratchDatabase, sleep, spawnServer, summarize, table,
  target, waitHealthy, writeResults, type Target,
} from './lib.ts';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const SOCKETS = 5;
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 200);
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 10);
const WARMUP_PER_VISITOR = 3;
const DRAIN_MS = 5000;
const PROFILE = process.env.BENCH_PROFILE === '1';

const bodyOf = (seq: number) => `Cho mình hỏi đơn hàng của mình đã giao chưa ạ? Mã đơn DH${seq} [bench:${seq}]`;
const tagRe = /\[bench:(\d+)\]/;

// ── bookkeeping: per message when it was sent, its status, how many sockets got it ──
const CAP = 500_000;
const sentAt = new Float64Array(CAP);
const status = new Uint16Array(CAP);
const received = new Uint8Array(CAP);
const phaseOf = new Uint8Array(CAP);
let seq = 0;

interface PhaseStats { frames: number[]; http: number[]; deliveredAll: number; lastDelivery: number }
const phases: PhaseStats[] = [];
function newPhase(): number {
  phases.push({ frames: [], http: [], deliveredAll: 0, lastDelivery: 0 });
  return phases.length - 1;
}

function onTaggedFrame(text: string) {
  const m = tagRe.exec(text);
  if (!m) return;
  const id = Number(m[1]);
  const now = performance.now();
  const p = phases[phaseOf[id]!]!;
  p.frames.push(now - sentAt[id]!);
  if (++received[id]! === SOCKETS) {
    p.deliveredAll++;
    p.lastDelivery = now;
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
function statusCounts(from: number, to: number) {
  const counts: Record<string, number> = {};
  for (let i = from; i < to; i++) counts[status[i]!] = (counts[status[i]!] ?? 0) + 1;
  return counts;
}

// ── CPU accounting (/proc, USER_HZ = 100): who burns the cores during a phase ──
function readText(path: string) { try { return readFileSync(path, 'utf8'); } catch { return null; } }
function ticks(pid: number | 'self', which: 'all' | 'sys' = 'all') {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return which === 'sys' ? Number(f[12]) : Number(f[11]) + Number(f[12]); // utime + stime
}
function postgresTicks() {
  let sum = 0;
  for (const d of readdirSync('/proc')) if (/^\d+$/.test(d) && readText(`/proc/${d}/comm`)?.startsWith('postgres')) sum += ticks(Number(d));
  return sum;
}
function cpuMeter(serverPid: number | null) {
  const t0 = performance.now();
  const start = { server: serverPid ? ticks(serverPid) : 0, serverSys: serverPid ? ticks(serverPid, 'sys') : 0, pg: postgresTicks(), self: ticks('self') };
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const pct = (a: number, b: number) => round((b - a) / secs, 0);
    return {
      serverPct: serverPid ? pct(start.server, ticks(serverPid)) : 0, serverKernelPct: serverPid ? pct(start.serverSys, ticks(serverPid, 'sys')) : 0,
      postgresPct: pct(start.pg, postgresTicks()), loadGenPct: pct(start.self, ticks('self')),
    };
  };
}
type Cpu = ReturnType<ReturnType<typeof cpuMeter>>;

// ── what the server's PostgreSQL sessions are doing (sampled pg_stat_activity) ──
function pgSampler(databaseUrl: string, everyMs = 200) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const states = new Map<string, number>();
  const queries = new Map<string, number>();
  let samples = 0;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await client.query(`select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as q
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`);
      samples++;
      for (const r of rows) {
        bump(states, r.state === 'active' ? `active (${r.wait})` : r.state);
        if (r.state === 'active') bump(queries, `${r.wait}  ${r.q}`);
      }
    } catch { /* a missed sample */ } finally { busy = false; }
  };
  return {
    async start() { await client.connect(); timer = setInterval(() => void tick(), everyMs); },
    async stop() {
      if (timer) clearInterval(timer);
      await client.end();
      const per = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([what, v]) => ({ what, avgSessions: round(v / Math.max(1, samples), 2) }));
      return { samples, states: per(states), topActive: per(queries).slice(0, 6) };
    },
  };
}

/** The time of one `select 1` round trip, sampled during a phase: what each of the server's round trips costs then. */
function pgPinger(databaseUrl: string, everyMs = 50) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const samples: number[] = [];
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  return {
    async start() {
      await client.connect();
      running = true;
      loop = (async () => {
        while (running) {
          const t0 = performance.now();
          await client.query('select 1');
          samples.push(performance.now() - t0);
          await sleep(everyMs);
        }
      })();
    },
    async stop() { running = false; await loop; await client.end(); return summarize(samples); },
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
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

// ── phases ───────────────────────────────────────────────────────────────────
interface PhaseResult {
  name: string; messages: number; deliveredToAll: number; seconds: number; ratePerSec: number; statuses: Record<string, number>;
  undelivered: number; frameMs: ReturnType<typeof summarize>; httpMs: ReturnType<typeof summarize>; cpu: Cpu; lagMs?: ReturnType<typeof summarize>;
}
/** Send one message in a phase; `i` picks the visitor (worker index, or the message's turn). */
type Sender = (phase: number, i: number) => Promise<void>;

/** Closed loop: `concurrency` workers, each sends again as soon as the previous one is answered. */
async function closedLoop(name: string, seconds: number, concurrency: number, sendOne: Sender, pid: number | null): Promise<PhaseResult> {
  const p = newPhase();
  const from = seq;
  const cpu = cpuMeter(pid);
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => { while (performance.now() < stopAt) await sendOne(p, w); }));
  const lastResponse = performance.now();
  const undelivered = await waitDelivered(from, seq, DRAIN_MS);
  const elapsed = (Math.max(lastResponse, phases[p]!.lastDelivery) - start) / 1000;
  return {
    name, messages: seq - from, deliveredToAll: phases[p]!.deliveredAll, seconds: elapsed, ratePerSec: phases[p]!.deliveredAll / elapsed,
    statuses: statusCounts(from, seq), undelivered, frameMs: summarize(phases[p]!.frames), httpMs: summarize(phases[p]!.http), cpu: cpu(),
  };
}

/** Open loop: one message every 1000/rate ms whatever the answers do (so queueing shows as latency). */
async function openLoop(name: string, rate: number, seconds: number, sendOne: Sender, pid: number | null): Promise<PhaseResult> {
  const p = newPhase();
  const from = seq;
  const cpu = cpuMeter(pid);
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  const lag: number[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lag.push(Math.max(0, performance.now() - due));
    inflight.push(sendOne(p, i));
  }
  await Promise.all(inflight);
  const undelivered = await waitDelivered(from, seq, DRAIN_MS);
  const elapsed = (Math.max(performance.now(), phases[p]!.lastDelivery) - start) / 1000;
  return {
    name, messages: total, deliveredToAll: phases[p]!.deliveredAll, seconds: elapsed, ratePerSec: phases[p]!.deliveredAll / elapsed,
    statuses: statusCounts(from, seq), undelivered, frameMs: summarize(phases[p]!.frames), httpMs: summarize(phases[p]!.http), cpu: cpu(), lagMs: summarize(lag),
  };
}

async function main() {
  console.log(`ingest: ${VISITORS} visitors, ${SOCKETS} console sockets, PostgreSQL, server in a child process${PROFILE ? ' (profiling)' : ''}`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_ingest');
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-bench-ingest-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const serverUrl = new URL(`http://127.0.0.1:${port}`);

  // 1. Workspace, 5 agents and the visitor sessions, made in-process on the same database, on a
  //    pool of our own so we can also count what one widget message costs in round trips.
  const setupStarted = performance.now();
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const setupPool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let counting = false;
  let statements: { sql: string; ms: number }[] = [];
  setupPool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (counting && result instanceof Promise) {
        const entry = { sql: (typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '?').replace(/\s+/g, ' ').slice(0, 100), ms: NaN };
        const t0 = performance.now();
        statements.push(entry);
        result.then(() => { entry.ms = round(performance.now() - t0, 2); }, () => undefined);
      }
      return result;
    };
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: setupPool }) });
  const config = loadConfig({}, { databaseUrl, dataDir, logLevel: 'silent', publicUrl: serverUrl.origin, staticRoot: join(import.meta.dirname, '..') });
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
  const perMessage: number[] = [];
  for (let i = 0; i < 3; i++) {
    counting = true;
    statements = [];
    const res = await careloop.app.request('/api/widget/messages', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-careloop-inbox': inbox.widgetToken, authorization: `Bearer ${visitors[0]!.token}` },
      body: JSON.stringify({ body: `Xin chào ${i}`, clientId: `probe${i}` }),
    }, { incoming: { socket: { remoteAddress: visitors[0]!.ip } } });
    await res.arrayBuffer();
    counting = false;
    perMessage.push(statements.length);
  }
  await careloop.close();
  await db.destroy();
  console.log(`setup: workspace, ${SOCKETS} agents, ${VISITORS} visitor sessions in ${round((performance.now() - setupStarted) / 1000)} s`);
  console.log(`PostgreSQL round trips per widget message (with begin/commit): ${perMessage[0]} for the first (opens the conversation), then ${perMessage.slice(1).join(', ')}; the last one, timed in-process:`);
  statements.forEach((st, i) => console.log(`  ${String(i + 1).padStart(2)}. ${String(st.ms).padStart(5)} ms  ${st.sql}`));

  // 2. The server as a child process, and five console sockets, one per agent.
  const profDir = mkdtempSync(join(tmpdir(), 'careloop-bench-prof-'));
  onCleanup(() => rmSync(profDir, { recursive: true, force: true }));
  const server = spawnServer({ PORT: String(port), DATABASE_URL: databaseUrl, CARELOOP_DATA_DIR: dataDir, PUBLIC_URL: serverUrl.origin },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  await waitHealthy(server);
  const pid = server.proc.pid!;
  const sockets: WebSocket[] = [];
  onCleanup(() => sockets.forEach((s) => s.terminate()));
  for (const a of agents) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers: { cookie: a.cookie } });
    sockets.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve()); // "ready"
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`socket refused: HTTP ${res.statusCode}`)));
    });
    ws.on('message', (raw) => {
      const text = String(raw);
      if (text.startsWith('{"type":"event","event":{"type":"message.created"')) onTaggedFrame(text);
    });
  }

  const visitorSend: Sender = async (p, i) => {
    const v = visitors[i % visitors.length]!;
    const id = seq++;
    phaseOf[id] = p;
    const payload = JSON.stringify({ body: bodyOf(id), clientId: `b${id}` });
    const t0 = performance.now();
    sentAt[id] = t0;
    status[id] = await post(serverUrl, v, inbox.widgetToken, payload);
    phases[p]!.http.push(performance.now() - t0);
  };

  // 3. Warm-up: every visitor opens its conversation and sends a few messages (in turn).
  const warmPhase = newPhase();
  const warmFrom = seq;
  for (let turn = 0; turn < WARMUP_PER_VISITOR; turn++) await Promise.all(visitors.map((_, i) => visitorSend(warmPhase, i)));
  await waitDelivered(warmFrom, seq, DRAIN_MS);
  console.log(`warm-up: ${seq - warmFrom} messages, statuses ${JSON.stringify(statusCounts(warmFrom, seq))}`);
  await sleep(500);

  // 4a. Max throughput: 200 visitors, each sends again as soon as it is answered (one per visitor in flight).
  const sampler = pgSampler(databaseUrl);
  const idlePing = pgPinger(databaseUrl, 10);
  await idlePing.start();
  await sleep(500);
  const pingIdle = await idlePing.stop();
  const aPing = pgPinger(databaseUrl);
  await sampler.start();
  await aPing.start();
  const a = await closedLoop(`a. max throughput, ${VISITORS} in flight`, MAX_SECONDS, VISITORS, visitorSend, pid);
  const pingA = await aPing.stop();
  const aPg = await sampler.stop();
  await sleep(1000);
  // 4b. Fixed rate, open loop, round-robin over the visitors.
  const b = await openLoop(`b. fixed ${FIXED_RATE}/s`, FIXED_RATE, FIXED_SECONDS, visitorSend, pid);
  // 4c. When 200/s is beyond what the server sustains, b measures a queue: also measure at half the capacity.
  let c: PhaseResult | null = null;
  let pingC: ReturnType<typeof summarize> | null = null;
  if (a.ratePerSec < FIXED_RATE * 1.1) {
    await sleep(1000);
    const rate = Math.max(5, Math.floor(a.ratePerSec / 2));
    const cPing = pgPinger(databaseUrl);
    await cPing.start();
    c = await openLoop(`c. fixed ${rate}/s (half of a)`, rate, 5, visitorSend, pid);
    pingC = await cPing.stop();
  }
  sockets.forEach((s) => s.terminate());
  await server.stop();
  const hot = PROFILE ? hotSpots(profDir, 20) : [];
  if (PROFILE) {
    // Keep the profile for Chrome DevTools (Performance → Load profile) or speedscope.
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      mkdirSync(resultsDir, { recursive: true });
      copyFileSync(join(profDir, file), join(resultsDir, 'ingest-server.cpuprofile'));
      console.log('server CPU profile saved as bench/results/ingest-server.cpuprofile');
    }
  }
  const paths = PROFILE ? hotPaths(profDir, hot.filter((h) => !h.fn.startsWith('(')).slice(0, 3).map((h) => h.fn)) : [];

  // 5. Baseline: INSERT … RETURNING * through a pg Pool (10, like the server) + ws send of the row to 5 plain sockets.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  onCleanup(() => pool.end());
  const { rows: [conv] } = await pool.query('select id, inbox_id, contact_id from conversations where workspace_id = $1 limit 1', [workspaceId]);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  onCleanup(() => new Promise<void>((r) => wss.close(() => r())));
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const serverSide: WebSocket[] = [];
  wss.on('connection', (ws) => serverSide.push(ws));
  const plain: WebSocket[] = [];
  onCleanup(() => plain.forEach((s) => s.terminate()));
  for (let i = 0; i < SOCKETS; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as import('node:net').AddressInfo).port}`);
    plain.push(ws);
    await new Promise<void>((r, j) => { ws.once('open', () => r()); ws.once('error', j); });
    ws.on('message', (raw) => onTaggedFrame(String(raw)));
  }
  while (serverSide.length < SOCKETS) await sleep(5);
  const insertSql = `insert into messages (id, workspace_id, conversation_id, inbox_id, kind, sender_type, sender_id, body, body_folded, client_id, delivery_status)
    values ($1, $2, $3, $4, 'incoming', 'contact', $5, $6, $7, $8, 'delivered') returning *`;
  const baselineSend: Sender = async (p) => {
    const id = seq++;
    phaseOf[id] = p;
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
    phases[p]!.http.push(performance.now() - t0);
  };
  await closedLoop('baseline warm-up', 2, VISITORS, baselineSend, null);
  await sleep(300);
  const base = await closedLoop(`baseline: pg INSERT + ws ×${SOCKETS}, ${VISITORS} in flight`, MAX_SECONDS, VISITORS, baselineSend, null);
  noteLoad('end');

  // 6. Report.
  const rows = [a, b, ...(c ? [c] : []), base];
  console.log('\n' + table(['phase', 'msgs', 'delivered×5', 'rate/s', 'frame p50 ms', 'frame p99 ms', 'http p50 ms', 'http p99 ms', 'statuses', 'cpu % server/pg/loadgen'], rows.map((r) => [
    r.name, r.messages, r.deliveredToAll, r.ratePerSec, r.frameMs.p50, r.frameMs.p99, r === base ? '' : r.httpMs.p50, r === base ? '' : r.httpMs.p99,
    JSON.stringify(r.statuses), `${r === base ? '–' : r.cpu.serverPct}/${r.cpu.postgresPct}/${r.cpu.loadGenPct}`,
  ])));
  console.log('(frame = from just before the POST to the message.created frame on each console socket; http = the POST\'s own response time)');
  const undelivered = rows.filter((r) => r.undelivered).map((r) => `${r.name}: ${r.undelivered}`);
  if (undelivered.length) console.log(`NOT delivered to all ${SOCKETS} sockets within ${DRAIN_MS / 1000} s: ${undelivered.join('; ')}`);
  console.log(`fixed-rate scheduler lag (b): p50 ${round(b.lagMs!.p50)} ms, p99 ${round(b.lagMs!.p99)} ms`);
  if (b.ratePerSec < FIXED_RATE * 0.95) console.log(`b: the server delivered ${round(b.ratePerSec)}/s of the ${FIXED_RATE}/s offered, so b's latency is mostly time spent queueing; c shows latency at a load it sustains.`);
  const ratio = (100 * a.ratePerSec) / base.ratePerSec;
  console.log(`CareLoop / baseline rate: ${round(ratio)} %  (server CPU per message ≈ ${round((a.cpu.serverPct * 10) / a.ratePerSec, 2)} ms of which kernel ${round((a.cpu.serverKernelPct * 10) / a.ratePerSec, 2)} ms, PostgreSQL CPU per message ≈ ${round((a.cpu.postgresPct * 10) / a.ratePerSec, 2)} ms vs ${round((base.cpu.postgresPct * 10) / base.ratePerSec, 2)} ms per baseline row)`);
  console.log(`one PostgreSQL round trip (select 1 from here): idle p50 ${round(pingIdle.p50, 2)} ms; during a p50 ${round(pingA.p50, 2)} / p99 ${round(pingA.p99, 2)} ms${pingC ? `; during c p50 ${round(pingC.p50, 2)} / p99 ${round(pingC.p99, 2)} ms` : ''} — a message makes ${perMessage[1]} of them in sequence`);
  console.log(`\nPostgreSQL sessions of the server during a (average over ${aPg.samples} samples of pg_stat_activity):`);
  console.log(table(['sessions', 'state'], aPg.states.map((s) => [s.avgSessions, s.what])));
  if (hot.length) {
    console.log('\nServer CPU profile (--cpu-prof, all phases), top self time:');
    console.log(table(['self %', 'function', 'where'], hot.map((h) => [h.selfPct, h.fn, h.where])));
    console.log('\nHow the hottest functions are reached (callee < caller < …):');
    for (const p of paths) console.log(`${String(p.pct).padStart(5)} %  ${p.path}`);
  }

  const targets: Target[] = [
    target(`ingest p99 delivery at ${FIXED_RATE} msg/s`, b.frameMs.p99, 'ms', '<', 50),
    target('ingest rate vs raw baseline', ratio, '%', '>=', 50, `${round(a.ratePerSec)} vs ${round(base.ratePerSec)} msg/s`),
  ];
  printTargets(targets);
  const json = (r: PhaseResult) => ({
    name: r.name, messages: r.messages, deliveredToAll: r.deliveredToAll, seconds: round(r.seconds, 2), ratePerSec: round(r.ratePerSec), statuses: r.statuses,
    undelivered: r.undelivered, frameLatencyMs: roundAll(r.frameMs), httpLatencyMs: roundAll(r.httpMs), cpuPct: r.cpu, ...(r.lagMs ? { schedulerLagMs: roundAll(r.lagMs) } : {}),
  });
  writeResults('ingest', {
    figures: {
      visitors: VISITORS, sockets: SOCKETS,
      pgRoundTripsPerMessage: { first: perMessage[0], next: perMessage[1], statements },
      maxThroughput: { ...json(a), postgresSessions: aPg },
      fixedRate: { offeredPerSec: FIXED_RATE, ...json(b) },
      ...(c ? { halfCapacity: json(c) } : {}),
      baseline: json(base),
      rateVsBaselinePct: round(ratio),
      pgRoundTripMs: { idle: roundAll(pingIdle), duringMaxThroughput: roundAll(pingA), ...(pingC ? { duringHalfCapacity: roundAll(pingC) } : {}) },
      ...(hot.length ? { serverHotSpots: hot, serverHotPaths: paths } : {}),
    },
    targets,
  });
}

const roundAll = (s: Record<string, number>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)]));

await runBench('ingest', 240_000, main);
