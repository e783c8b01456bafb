#!/usr/bin/env node
// `npm run bench [-- ingest inbox-list startup]`: build what is out of date, run each benchmark
// (bench/<name>.ts with tsx, one process each) and print one summary of all. Benchmarks print
// figures and PASS/MISS against targets; they never fail the run (only a crash does).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './lib.mjs';

const all = ['ingest', 'inbox-list', 'startup', 'commerce', 'analytics', 'email', 'messaging', 'triage', 'automations', 'sla', 'helpcenter', 'reports'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !all.includes(a));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${all.join(', ')}.`);
  process.exit(2);
}
const chosen = asked.length ? asked : all;
const started = Date.now();

ensureInstalled();
run('node', [join(root, 'scripts/build.mjs')]);

const tsx = join(root, 'node_modules/.bin/tsx');
const crashed = [];
const took = {};
for (const name of chosen) {
  const file = join(root, 'bench/results', `${name}.json`);
  rmSync(file, { force: true }); // a benchmark that crashes must not leave an old result behind
  console.log(`\n━━ bench/${name}.ts ━━`);
  const t0 = Date.now();
  const result = spawnSync(tsx, [join(root, 'bench', `${name}.ts`)], { cwd: root, stdio: 'inherit', timeout: 600_000, killSignal: 'SIGTERM' });
  took[name] = Math.round((Date.now() - t0) / 1000);
  if (result.status !== 0 || !existsSync(file)) crashed.push(name);
}

// ── summary ────────────────────────────────────────────────────────────────────
const rows = [];
const notes = [];
for (const name of chosen) {
  const file = join(root, 'bench/results', `${name}.json`);
  if (!existsSync(file)) {
    rows.push([name, '(no result: the benchmark crashed)', '', '', 'ERROR']);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const t of r.targets) rows.push([name, t.name, `${t.value} ${t.unit}`, `${t.target} ${t.unit}`, t.pass ? 'PASS' : 'MISS']);
  const f = r.figures;
  if (name === 'ingest') {
    notes.push(`ingest: ${f.maxThroughput.ratePerSec} msg/s max (baseline ${f.baseline.ratePerSec} rows/s, ${f.rateVsBaselinePct} %); at ${f.fixedRate.offeredPerSec}/s offered (${f.fixedRate.ratePerSec}/s delivered) p50 ${f.fixedRate.frameLatencyMs.p50} ms, p99 ${f.fixedRate.frameLatencyMs.p99} ms;${f.halfCapacity ? ` at ${f.halfCapacity.ratePerSec}/s p50 ${f.halfCapacity.frameLatencyMs.p50} ms, p99 ${f.halfCapacity.frameLatencyMs.p99} ms;` : ''} ${f.pgRoundTripsPerMessage.next} PostgreSQL round trips per message`);
  } else if (name === 'inbox-list') {
    for (const v of f.views.filter((x) => x.kind !== 'list')) notes.push(`inbox-list ${v.view}: p50 ${v.appMs.p50} ms, p95 ${v.appMs.p95} ms (raw SQL p95 ${v.rawSqlMs?.p95 ?? '–'} ms)`);
  } else if (name === 'commerce') {
    notes.push(`commerce: webhooks ${f.webhooks.app.ratePerSec}/s (p99 ${Math.round(f.webhooks.app.latencyMs.p99)} ms) vs baseline ${f.webhooks.baseline.ratePerSec}/s; CSV ${f.csv.rowsPerSec} rows/s, peak RSS ${f.csv.peakRssMb} MB (parse alone ${f.csv.baseline.rowsPerSec} rows/s); sidebar p95 ${Math.round(f.sidebar.appMs.p95 * 100) / 100} ms (SQL ${Math.round(f.sidebar.rawSqlMs.p95 * 100) / 100} ms)`);
  } else if (name === 'triage') {
    notes.push(`triage: classify ${f.classifyPerSec} msg/s (features alone ${f.featuresPerSec}/s; baseline fold + split ${f.baselinePerSec}/s, ${f.classifyVsBaselinePct} %), p99 ${f.latencyUs.p99} µs, first call ${f.firstCallMs} ms`);
  } else if (name === 'reports') {
    notes.push(`reports: ${f.conversations} conversations; ${f.dashboards.map((d) => `${d.view} p95 ${Math.round(d.appMs.p95)} ms (raw ${d.rawScanMs ? Math.round(d.rawScanMs.p50) : '–'} ms, ${d.agreement.note})`).join('; ')}; ${f.incremental.changed} changed caught up in ${f.incremental.ms} ms`);
  } else if (name === 'sla') {
    notes.push(`sla: per-minute sweep over ${f.conversations} open conversations p50 ${Math.round(f.perMinuteMs.p50)} ms, max ${Math.round(f.perMinuteMs.max)} ms (~${Math.round(f.raisedPerMinute.p50)} raised/min); 60-minute catch-up ${f.catchUp.conversations} in ${f.catchUp.ms} ms; raw scan ${Math.round(f.baselineScanMs.p50)} ms`);
  } else if (name === 'automations') {
    notes.push(`automations: ${f.rules} rules, ${f.engine.perSec} msg/s compiled vs ${f.naive.perSec} msg/s naive interpreter`);
  } else if (name === 'startup') {
    notes.push(`startup: first start ${f.firstStartMs} ms (baseline ${f.baselineFirstStartMs} ms), restart median ${f.restartMedianMs} ms (baseline ${f.baselineRestartMedianMs} ms), idle RSS ${f.idleRssMb} MB; console JS gzip ${Math.round(f.sizesBytes.consoleJsAll.gzip / 102.4) / 10} KB (first load ${Math.round(f.sizesBytes.consoleJsInitial.gzip / 102.4) / 10} KB)`);
  }
  const busy = (r.machine.load ?? []).filter((l) => l.load1 > r.machine.cpus * 0.75);
  if (busy.length) notes.push(`${name}: the machine was busy (load ${busy.map((l) => l.load1).join(', ')} on ${r.machine.cpus} cores); its figures are pessimistic`);
}
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['benchmark', 'target', 'measured', 'goal', ''], ...rows].map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(`\n━━ summary (${Math.round((Date.now() - started) / 1000)} s: ${chosen.map((n) => `${n} ${took[n]} s`).join(', ')}) ━━`);
console.log(line(['benchmark', 'target', 'measured', 'goal', '']));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (notes.length) console.log('\n' + notes.map((n) => `• ${n}`).join('\n'));
console.log('\nTargets are informational: a MISS does not fail the run. Results: bench/results/*.json');
process.exit(crashed.length ? 1 : 0);
