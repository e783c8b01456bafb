/**
 * Shared helpers for the benchmarks: timing statistics, tables, results files, a scratch
 * PostgreSQL database, and server child processes that are always killed on exit.
 * Benchmarks print figures and PASS/MISS against targets; they never assert.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import http from 'node:http';

export const root = resolve(import.meta.dirname, '..');
export const resultsDir = join(root, 'bench/results');
export const pgAdminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

// ── statistics ────────────────────────────────────────────────────────────────
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0] ?? NaN, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN, mean };
}
export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

// ── output ────────────────────────────────────────────────────────────────────
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(round(c)) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]) => r.map((c, i) => (typeof rows[0]?.[i] === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export interface Target {
  name: string;
  value: number;
  unit: string;
  /** e.g. "< 50", ">= 50" */
  target: string;
  pass: boolean;
  note?: string;
}
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
export function target(name: string, value: number, unit: string, op: '<' | '<=' | '>=' | '>', limit: number, note?: string): Target {
  const pass = op === '<' ? value < limit : op === '<=' ? value <= limit : op === '>=' ? value >= limit : value > limit;
  return { name, value: round(value, 2), unit, target: `${op} ${limit}`, pass, ...(note ? { note } : {}) };
}
export function printTargets(targets: Target[]) {
  console.log('\nTargets (informational):');
  console.log(table(['target', 'measured', 'goal', ''], targets.map((t) => [t.name, `${t.value} ${t.unit}`, `${t.target} ${t.unit}`, verdict(t.pass)])));
}

/**
 * The machine may be shared (other test runs, browsers): record the load average around each
 * benchmark so a noisy figure can be recognised as such.
 */
const loadNotes: { at: string; load1: number; load5: number }[] = [];
export function noteLoad(at: string) {
  const [load1, load5] = loadavg();
  loadNotes.push({ at, load1: round(load1!, 2), load5: round(load5!, 2) });
  const cores = cpus().length;
  const busy = load1! > cores * 0.75;
  console.log(`machine load (${at}): ${round(load1!, 2)} (1 min), ${round(load5!, 2)} (5 min) on ${cores} cores${busy ? ' — BUSY: other processes compete for the CPU, figures will be pessimistic' : ''}`);
}

export function writeResults(name: string, data: { figures: Record<string, unknown>; targets: Target[]; notes?: string[] }) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  const cpu = cpus();
  writeFileSync(file, JSON.stringify({
    name, at: new Date().toISOString(), machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', node: process.version, load: loadNotes },
    ...data,
  }, null, 2) + '\n');
  console.log(`\nwrote ${file.slice(root.length + 1)}`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export { freePort } from '../server/src/test/ports.ts';

// ── cleanup: every child and scratch database goes away, whatever happens ─────
const cleanups: (() => Promise<void> | void)[] = [];
const children = new Set<ChildProcess>();
export function onCleanup(fn: () => Promise<void> | void) { cleanups.push(fn); }
let cleaning: Promise<void> | null = null;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (err) { console.error('cleanup failed:', (err as Error).message); }
    }
  })();
  return cleaning;
}
process.once('exit', () => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => { void cleanup().finally(() => process.exit(130)); });
}

/** Run a benchmark body with a hard time limit; always clean up; exit non-zero only when it crashed. */
export async function runBench(name: string, limitMs: number, body: () => Promise<void>) {
  const watchdog = setTimeout(() => {
    console.error(`\n${name}: gave up after ${limitMs / 1000} s`);
    void cleanup().finally(() => process.exit(2));
  }, limitMs);
  watchdog.unref();
  let code = 0;
  try {
    await body();
  } catch (err) {
    console.error(`\n${name} failed:`, err instanceof Error ? err.stack : err);
    code = 1;
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  process.exit(code);
}

// ── a scratch PostgreSQL database ─────────────────────────────────────────────
export async function scratchDatabase(name: string): Promise<string> {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  onCleanup(async () => {
    if (process.env.BENCH_KEEP_DB === '1') return void console.log(`kept database ${name} (BENCH_KEEP_DB=1): drop it by hand`);
    const c = new pg.Client({ connectionString: pgAdminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// ── server child processes ────────────────────────────────────────────────────
export interface ServerChild {
  proc: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Spawn `node server/dist/main.mjs` (or another script) with an environment; returns at once (not ready). */
export function spawnServer(env: Record<string, string>, nodeArgs: string[] = [], script = 'server/dist/main.mjs'): ServerChild {
  const port = Number(env.PORT);
  const proc = spawn(process.execPath, [...nodeArgs, join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CARELOOP_STATIC_ROOT: root, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-20_000); };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => proc.once('exit', () => { children.delete(proc); r(); }));
  const child: ServerChild = {
    proc, port, url: `http://127.0.0.1:${port}`, output: () => out,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
  onCleanup(() => child.stop());
  return child;
}

/** Poll /healthz until it answers 200; returns the time it first did (performance.now()). */
export async function waitHealthy(child: ServerChild, timeoutMs = 30_000, everyMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`server exited (${child.proc.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(`${child.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        await res.arrayBuffer();
        return performance.now();
      }
    } catch { /* not yet */ }
    await sleep(everyMs);
  }
  throw new Error(`server not healthy within ${timeoutMs} ms:\n${child.output()}`);
}

export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

// ── CPU profiles (node --cpu-prof): the functions with the most self time ─────
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export function hotSpots(dir: string, top = 15): { fn: string; where: string; selfPct: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return file ? hotSpotsOf(join(dir, file), top) : [];
}

/** `hotSpots` of one profile file. */
export function hotSpotsOf(file: string, top = 15): { fn: string; where: string; selfPct: number }[] {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(root + '/', '');
    const key = `${n.callFrame.functionName || '(anonymous)'}\t${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => {
    const [fn, where] = k.split('\t');
    return { fn: fn!, where: where!, selfPct: round((100 * v) / total, 1) };
  });
}

/** For the hottest non-idle functions of a profile, the call paths that lead to them (share of all samples). */
export function hotPaths(dir: string, fnNames: string[], depth = 8, top = 4): { fn: string; path: string; pct: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(root + '/', '').replace(/^node_modules\//, '');
    return `${n.callFrame.functionName || '(anon)'}${url ? `@${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const paths = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const n = byId.get(id)!;
    if (!fnNames.includes(n.callFrame.functionName)) return;
    const chain: string[] = [];
    let cur: number | undefined = id;
    while (cur !== undefined && chain.length < depth) {
      chain.push(label(byId.get(cur)!));
      cur = parent.get(cur);
    }
    const key = `${n.callFrame.functionName}\t${chain.join(' < ')}`;
    paths.set(key, (paths.get(key) ?? 0) + dt);
  });
  return [...paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, top * fnNames.length).map(([k, v]) => {
    const [fn, path] = k.split('\t');
    return { fn: fn!, path: path!, pct: round((100 * v) / total, 1) };
  });
}

// ── HTTP load: POST bodies with a fixed number in flight ────────────────────────
export interface PostBody { body: string | Buffer; headers: Record<string, string> }

/** POST over a keep-alive agent; resolves with the status code. */
export function postWith(agent: http.Agent, url: URL, item: PostBody): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...item.headers, 'content-length': Buffer.byteLength(item.body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(item.body);
  });
}

/** Fire `bodies` with `concurrency` in flight; rate, non-200 answers and latency. */
export async function fireAll(agent: http.Agent, url: URL, bodies: PostBody[], concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const item = bodies[next++]!;
      const s = performance.now();
      if ((await postWith(agent, url, item)) !== 200) failed++;
      latencies.push(performance.now() - s);
    }
  }));
  return { ratePerSec: round(bodies.length / ((performance.now() - t0) / 1000)), failed, latencyMs: summarize(latencies) };
}
