/**
 * Cold start after the first build: `node server/dist/main.mjs` on embedded PGlite, from spawn
 * until /healthz answers — the very first start on an empty data dir, and restarts of an
 * initialised one — plus idle RSS and the gzipped sizes of the widget and the console.
 * Baseline, same run: a bare Node script that opens the same PGlite data dir and answers /healthz.
 *
 *   npx tsx bench/startup.ts
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  freePort, noteLoad, onCleanup, printTargets, root, round, rssKb, runBench, sleep, spawnServer, table, target, waitHealthy, writeResults, type Target,
} from './lib.ts';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const IDLE_MS = 5000;

interface Start { ms: number; readyLine: number | null; rssAtReadyKb: number }

async function start(script: string, dataDir: string, opts: { idleRss?: boolean } = {}): Promise<Start & { idleRssKb?: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnServer({ PORT: String(port), CARELOOP_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, [], script);
  const healthyAt = await waitHealthy(child, 120_000, 5);
  const ms = healthyAt - t0;
  const rssAtReadyKb = rssKb(child.proc.pid!);
  let idleRssKb: number | undefined;
  if (opts.idleRss) {
    await sleep(IDLE_MS);
    idleRssKb = rssKb(child.proc.pid!);
  }
  const ready = /ready in (\d+) ms/.exec(child.output());
  await child.stop();
  return { ms, readyLine: ready ? Number(ready[1]) : null, rssAtReadyKb, ...(idleRssKb !== undefined ? { idleRssKb } : {}) };
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => round(bytes / 1024, 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

function sizes() {
  const widget = join(root, 'widget/dist');
  const loader = join(widget, 'loader.js');
  const widgetFiles = [loader, join(widget, 'frame.html'), ...readdirSync(join(widget, 'assets')).map((f) => join(widget, 'assets', f))].filter(existsSync);
  const consoleAssets = join(root, 'console/dist/assets');
  const consoleJs = readdirSync(consoleAssets).filter((f) => f.endsWith('.js')).map((f) => join(consoleAssets, f));
  const consoleCss = readdirSync(consoleAssets).filter((f) => f.endsWith('.css')).map((f) => join(consoleAssets, f));
  // What the first page load fetches: the entry script and its modulepreloads, from index.html.
  const html = readFileSync(join(root, 'console/dist/index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => join(consoleAssets, m[1]!)).filter(existsSync);
  const sum = (files: string[], f: (p: string) => number) => files.reduce((n, p) => n + f(p), 0);
  const raw = (p: string) => statSync(p).size;
  return {
    widgetLoader: { raw: raw(loader), gzip: gz(loader) },
    widgetWhole: { files: widgetFiles.map((f) => f.slice(widget.length + 1)), raw: sum(widgetFiles, raw), gzip: sum(widgetFiles, gz) },
    consoleJsAll: { files: consoleJs.length, raw: sum(consoleJs, raw), gzip: sum(consoleJs, gz) },
    consoleJsInitial: { files: initial.length, raw: sum(initial, raw), gzip: sum(initial, gz) },
    consoleCss: { raw: sum(consoleCss, raw), gzip: sum(consoleCss, gz) },
  };
}

async function main() {
  console.log('startup: node server/dist/main.mjs on embedded PGlite, spawn → /healthz 200');
  noteLoad('start');
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-bench-start-'));
  const baseDir = mkdtempSync(join(tmpdir(), 'careloop-bench-start-base-'));
  onCleanup(() => { rmSync(dataDir, { recursive: true, force: true }); rmSync(baseDir, { recursive: true, force: true }); });

  // First start: empty data dir (creates the database and runs every migration).
  const first = await start('server/dist/main.mjs', dataDir);
  // Baseline first start: PGlite creating an empty database, nothing else.
  const baseFirst = await start('bench/startup-baseline.mjs', baseDir);
  // Restarts of the initialised data dir, CareLoop and baseline interleaved (same conditions).
  const restarts: (Start & { idleRssKb?: number })[] = [];
  const baseRestarts: Start[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    restarts.push(await start('server/dist/main.mjs', dataDir, { idleRss: i === 0 }));
    baseRestarts.push(await start('bench/startup-baseline.mjs', dataDir));
  }
  const restartMs = median(restarts.map((r) => r.ms));
  const baseRestartMs = median(baseRestarts.map((r) => r.ms));
  const idleRss = restarts[0]!.idleRssKb!;
  const s = sizes();

  console.log('\n' + table(['start', 'spawn → healthz ms', '"ready in" ms', 'RSS at ready MB', 'baseline ms', 'CareLoop / baseline'], [
    ['first start (empty data dir)', first.ms, first.readyLine ?? NaN, first.rssAtReadyKb / 1024, baseFirst.ms, `${round(first.ms / baseFirst.ms)}×`],
    ...restarts.map((r, i) => [`restart ${i + 1}`, r.ms, r.readyLine ?? NaN, r.rssAtReadyKb / 1024, baseRestarts[i]!.ms, `${round(r.ms / baseRestarts[i]!.ms)}×`] as (string | number)[]),
    ['restart (median)', restartMs, NaN, NaN, baseRestartMs, `${round(restartMs / baseRestartMs)}×`],
  ]));
  console.log(`idle RSS ${IDLE_MS / 1000} s after ready (restart 1): ${round(idleRss / 1024)} MB`);
  console.log('\n' + table(['asset (gzip -9)', 'raw KB', 'gzip KB'], [
    ['widget loader (loader.js)', kb(s.widgetLoader.raw), kb(s.widgetLoader.gzip)],
    [`whole widget (${s.widgetWhole.files.join(', ')})`, kb(s.widgetWhole.raw), kb(s.widgetWhole.gzip)],
    [`console JS, first load (${s.consoleJsInitial.files} files)`, kb(s.consoleJsInitial.raw), kb(s.consoleJsInitial.gzip)],
    [`console JS, all chunks (${s.consoleJsAll.files} files)`, kb(s.consoleJsAll.raw), kb(s.consoleJsAll.gzip)],
    ['console CSS', kb(s.consoleCss.raw), kb(s.consoleCss.gzip)],
  ]));

  const targets: Target[] = [
    target('restart to /healthz (PGlite)', restartMs / 1000, 's', '<=', 3, `baseline ${round(baseRestartMs / 1000, 2)} s`),
    target('widget loader gzipped', s.widgetLoader.gzip / 1024, 'KB', '<=', 5),
    target('whole widget gzipped', s.widgetWhole.gzip / 1024, 'KB', '<=', 40),
  ];
  printTargets(targets);
  noteLoad('end');
  writeResults('startup', {
    figures: {
      firstStartMs: round(first.ms), firstStartReadyLineMs: first.readyLine, baselineFirstStartMs: round(baseFirst.ms),
      restartMs: restarts.map((r) => round(r.ms)), restartMedianMs: round(restartMs), restartReadyLineMs: restarts.map((r) => r.readyLine),
      baselineRestartMs: baseRestarts.map((r) => round(r.ms)), baselineRestartMedianMs: round(baseRestartMs),
      rssAtReadyMb: round(restarts[0]!.rssAtReadyKb / 1024), idleRssMb: round(idleRss / 1024), baselineRssAtReadyMb: round(baseRestarts[0]!.rssAtReadyKb / 1024),
      sizesBytes: s,
    },
    targets,
  });
}

await runBench('startup', 240_000, main);
