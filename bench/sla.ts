/**
 * The SLA sweep on PostgreSQL over 100,000 open conversations (issue 7 §5), beside a raw baseline
 * measured in the same run:
 *  - 100,000 open web chats started evenly over the last 48 hours, their SLA state built by the real
 *    clock (sla/clock.ts) with everything already due at the start raised, as a running server has;
 *  - then the clock moves on one minute at a time and `sweepSla` raises what came due in that minute
 *    (warnings and breaches, notifications, timers and escalation jobs): the per-minute sweep time is
 *    the target (≤ 1 s); a 60-minute catch-up (a server that was down) is reported too;
 *  - baseline: one raw scan of the same conversations for anything past due (no index, no work).
 *
 *   npx tsx bench/sla.ts      BENCH_SLA_CONVERSATIONS=100000 BENCH_SLA_MINUTES=10
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { systemCtx } from '../server/src/platform/context.ts';
import type { DB } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import * as clock from '../server/src/sla/clock.ts';
import { alwaysOpen } from '../server/src/sla/calendar/index.ts';
import { sweepSla } from '../server/src/sla/service.ts';
import { defaultBusinessHours } from '../server/src/sla/policies.ts';
import { noteLoad, onCleanup, printTargets, round, root, runBench, scratchDatabase, summarize, target, writeResults } from './lib.ts';

const N = Number(process.env.BENCH_SLA_CONVERSATIONS ?? 100_000);
const MINUTES = Number(process.env.BENCH_SLA_MINUTES ?? 10);
const SPAN_MS = 48 * 3600_000;
const min = 60_000;

async function main() {
  console.log(`sla: ${N.toLocaleString('en-US')} open conversations over 48 h; ${MINUTES} one-minute sweeps and a 60-minute catch-up; PostgreSQL`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_sla');
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-sla-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const config = loadConfig({}, { databaseUrl, dataDir: dir, logLevel: 'silent', publicUrl: 'http://127.0.0.1:1', staticRoot: root });
  const careloop = await createCareloop(config, { worker: false, log: createLog('silent'), database: { db, kind: 'postgres', close: async () => undefined } });
  const t = new TestApp(careloop);
  const ws = await t.workspace({ name: 'Shop SLA' });
  await ws.owner.send('PUT', '/api/v1/sla/settings', {
    businessHours: { ...defaultBusinessHours, alwaysOpen: true }, autoResolvePendingDays: null, autoResolveMessage: { vi: 'x', en: 'x' }, rerouteOfflineMinutes: null,
  });
  const supervisor = await t.addAgent(ws.owner, 'supervisor', 'Giám sát');
  void supervisor;

  // ── data: contacts and conversations with the state a running server would have ────────────
  const t0 = Date.now();
  const now = new Date();
  const targets: clock.SlaTargets = { policyId: null, firstResponse: 10 * min, nextResponse: 10 * min, resolution: 24 * 60 * min, warnPercent: 80 };
  const policy = { id: 'builtin_web_chat', name: 'Chat trên website', escalation: { raisePriority: true, reassignToLead: false, notifySupervisors: true } };
  await sql`insert into contacts (id, workspace_id, name, search_folded) select 'ct_bench_' || i, ${ws.workspaceId}, 'Khách ' || i, 'khach ' || i from generate_series(1, ${N}) i`.execute(db);
  for (let from = 0; from < N; from += 5000) {
    const rows = [];
    for (let i = from; i < Math.min(N, from + 5000); i++) {
      const created = new Date(now.getTime() - Math.round(((i + 0.5) / N) * SPAN_MS));
      let f = clock.onOpened(targets, alwaysOpen, created);
      if (i % 3 !== 0) f = clock.onAgentReply(f); // two in three have had their first reply
      f = clock.crossings(f, now).fields; // what came due before now was raised already
      rows.push([`cv_bench_${i}`, 100_000 + i, `ct_bench_${i + 1}`, created, f.first_response_due_at, f.resolution_due_at, f.sla_due_at, JSON.stringify({ ...f.sla_state, policy })]);
    }
    await sql`
      insert into conversations (id, workspace_id, number, inbox_id, contact_id, status, created_at, last_activity_at, search_folded, first_response_due_at, resolution_due_at, sla_due_at, sla_state)
      select r->>0, ${ws.workspaceId}, (r->>1)::int, ${ws.inbox.id}, r->>2, 'open', (r->>3)::timestamptz, (r->>3)::timestamptz, '#' || (r->>1), (r->>4)::timestamptz, (r->>5)::timestamptz, (r->>6)::timestamptz, (r->>7)::jsonb
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as e(r)`.execute(db);
  }
  await sql`analyze`.execute(db);
  console.log(`data: ${N.toLocaleString('en-US')} conversations in ${round((Date.now() - t0) / 1000)} s`);

  // ── baseline: one raw scan for anything past due ──────────────────────────────────────────
  const scans: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    await sql`select count(*) from conversations where workspace_id = ${ws.workspaceId} and status = 'open'
      and least(first_response_due_at, next_response_due_at, resolution_due_at) <= ${new Date(now.getTime() + 60 * min)}`.execute(db);
    scans.push(performance.now() - a);
  }

  // ── the sweeps ───────────────────────────────────────────────────────────────────────────
  const ctx = systemCtx(careloop.deps, ws.workspaceId);
  const sweeps: { ms: number; raised: number }[] = [];
  for (let m = 1; m <= MINUTES; m++) {
    careloop.deps.clock = () => new Date(now.getTime() + m * min);
    const a = performance.now();
    const raised = await sweepSla(ctx);
    sweeps.push({ ms: performance.now() - a, raised });
  }
  careloop.deps.clock = () => new Date(now.getTime() + (MINUTES + 60) * min);
  const c0 = performance.now();
  const caughtUp = await sweepSla(ctx);
  const catchUpMs = performance.now() - c0;
  noteLoad('after sweeps');
  const jobs = await sql<{ name: string; n: number }>`select name, count(*)::int as n from careloop_jobs.job where name like 'sla.%' group by name`.execute(db);
  await careloop.close();
  await db.destroy();

  const perMinute = summarize(sweeps.map((s) => s.ms));
  const raisedPerMinute = summarize(sweeps.map((s) => s.raised));
  const baseline = summarize(scans);
  console.log(`\nper-minute sweep: p50 ${round(perMinute.p50)} ms, max ${round(perMinute.max)} ms, ${round(raisedPerMinute.p50)} conversations raised per minute (p50)`);
  console.log(`60-minute catch-up: ${caughtUp} conversations in ${round(catchUpMs)} ms (${round(caughtUp / (catchUpMs / 1000))} /s)`);
  console.log(`baseline raw scan for past-due rows: p50 ${round(baseline.p50, 2)} ms`);
  console.log(`jobs queued by the sweeps: ${jobs.rows.map((r) => `${r.name} ${r.n}`).join(', ')}`);

  const targets2 = [
    target('SLA sweep, 100k open conversations (per minute)', round(perMinute.max), 'ms', '<=', 1000, `p50 ${round(perMinute.p50)} ms, ~${round(raisedPerMinute.p50)} raised/min; raw scan ${round(baseline.p50, 1)} ms`),
  ];
  printTargets(targets2);
  writeResults('sla', {
    figures: {
      conversations: N, minutes: MINUTES, perMinuteMs: perMinute, raisedPerMinute, catchUp: { minutes: 60, conversations: caughtUp, ms: round(catchUpMs), perSec: round(caughtUp / (catchUpMs / 1000)) },
      baselineScanMs: baseline, jobs: jobs.rows,
    },
    targets: targets2,
  });
}

await runBench('sla', 600_000, main);
