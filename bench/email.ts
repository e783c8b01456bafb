/**
 * The email channel on PostgreSQL:
 *  a) inbound: 20 KB mails (multipart/alternative, Vietnamese text, a quoted reply) through the built-in
 *     SMTP receiver — parsed, classified, threaded, stored with their email facts and the raw .eml —
 *     sent by another process over 8 SMTP connections; mails per second;
 *  b) outbound: agent replies through the durable queue (pg-boss) to a local SMTP sink, from the
 *     moment they are stored until the sink has them all; mails per second.
 * Baselines in the same run: a) mailparser alone + a raw INSERT of the text into an unindexed table,
 * same concurrency; b) nodemailer sending the same number of mails straight to the sink.
 *
 *   npx tsx bench/email.ts        BENCH_MAILS=1500 (measured), BENCH_WARMUP=3000 (sent first, not measured)
 *
 * The measured mails come after a warm-up from other customers: a mail server runs for days, and for its
 * first few thousand mails after a start V8 is still optimizing the code (its compiler threads then take
 * a third of the server's CPU). The warm-up's own rate is printed too: what a freshly started server does.
 *   BENCH_PROFILE=1   profile the server's main thread during the inbound part only: prints its hot spots
 *                     and keeps bench/results/email-inbound.cpuprofile
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../server/src/config.ts';
import { createCareloop } from '../server/src/app.ts';
import { createLog } from '../server/src/platform/log.ts';
import { openDatabase } from '../server/src/platform/db/index.ts';
import { TestApp } from '../server/src/test/harness.ts';
import { createSmtpReceiver } from '../server/src/inboxes/email/smtp-receiver.ts';
import { spawn } from 'node:child_process';
import { domain, mail } from './generators/customer-mail.ts';
import { freePort, hotSpotsOf, noteLoad, resultsDir, onCleanup, printTargets, round, runBench, scratchDatabase, table, target, writeResults, root } from './lib.ts';

const MAILS = Number(process.env.BENCH_MAILS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const PROFILE = process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'heap';
const HEAP_PROFILE = process.env.BENCH_PROFILE === 'heap';

/** CPU time of every PostgreSQL process on this machine (ms), from /proc: 0 where /proc is not readable. */
function postgresCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch { /* gone */ }
  }
  return total;
}

/** CPU (ms) of each thread of this process by its name (/proc, Linux): where the server's time goes. */
function threadCpuMs(): Map<string, number> {
  const tick = 1000 / 100; // USER_HZ
  const byName = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = tid === String(process.pid) ? "main" : `${stat.slice(stat.indexOf("(") + 1, close)}#${tid}`;
      const fields = stat.slice(close + 2).split(' ');
      byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * tick);
    } catch { /* gone */ }
  }
  return byName;
}

/** The V8 profiler of this process (the server), started and stopped around one part of the run. */
async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  if (HEAP_PROFILE) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    return session;
  }
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

interface SamplingNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SamplingNode[] }

/** Allocation by function (self), from the sampling heap profiler, including what the GC has since collected. */
async function saveHeapProfile(session: Session, mails: number): Promise<void> {
  const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: SamplingNode } };
  session.disconnect();
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'email-inbound.heapprofile'), JSON.stringify(profile));
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SamplingNode, path: string[]) => {
    const where = node.callFrame.url ? `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(server|node_modules)\//, '$1/')}:${node.callFrame.lineNumber + 1}` : node.callFrame.functionName;
    const here = [...path, where].slice(-3);
    if (node.selfSize) { const key = here.join(' < '); bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize); total += node.selfSize; }
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head, []);
  console.log(`\nserver main thread allocation during the inbound part: ${round(total / mails / 1024)} KB per mail; top sites (KB per mail):`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${String(round(bytes / mails / 1024)).padStart(8)}  ${site.split(' < ').reverse().join(' < ')}`);
}

async function saveProfile(session: Session): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'email-inbound.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log('\nserver hot spots during the inbound part (self time, share of all samples):');
  console.log(table(['function', 'where', '%'], hotSpotsOf(file, 25).map((h) => [h.fn, h.where, h.selfPct])));
  console.log('profile saved as bench/results/email-inbound.cpuprofile');
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
  return (performance.now() - t0) / 1000;
}

async function main() {
  console.log(`email: ${MAILS} inbound 20 KB mails over SMTP (${CONCURRENCY} connections) after ${WARMUP} to warm up, ${MAILS} outbound replies through the queue; PostgreSQL`);
  noteLoad('start');
  const databaseUrl = await scratchDatabase('careloop_bench_email');
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-email-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  pg.types.setTypeParser(20, (v: string) => Number(v));
  // The product's own database (its pool prepares statements); a plain pool for counts and the baseline.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const database = await openDatabase({ databaseUrl, dataDir: dir });
  const config = loadConfig({}, { databaseUrl, dataDir: dir, logLevel: 'silent', publicUrl: 'http://127.0.0.1:1', staticRoot: root,
    ...(process.env.MAIL_THREADS ? { mailThreads: Number(process.env.MAIL_THREADS) } : {}) });
  const careloop = await createCareloop(config, { worker: true, log: createLog('silent'), database: { ...database, close: async () => undefined } });
  onCleanup(async () => { await careloop.close(); await database.close(); await pool.end(); });
  const t = new TestApp(careloop);

  let sunk = 0;
  const sink = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 10 * 1024 * 1024,
    onData(stream, _s, cb) { stream.on('data', () => undefined); stream.on('end', () => { sunk++; cb(); }); } });
  const sinkPort = await freePort();
  await new Promise<void>((r) => sink.listen(sinkPort, '127.0.0.1', () => r()));
  onCleanup(() => new Promise<void>((r) => sink.close(() => r())));

  const { owner } = await t.workspace({ name: 'Shop Email Bench' });
  const inbox = (await owner.post('/api/v1/inboxes', { name: 'Email', channel: 'email', email: { address: `hotro@${domain}`, smtp: { host: '127.0.0.1', port: sinkPort, security: 'none', username: '' } } })).body;
  if (!inbox.id) throw new Error(`could not create the inbox: ${JSON.stringify(inbox)}`);

  // a) inbound through the receiver
  const receiver = createSmtpReceiver(careloop.deps, { maxBytes: 25 * 1024 * 1024 });
  const port = await receiver.listen(0, '127.0.0.1');
  onCleanup(() => receiver.close());
  const bytes = Array.from({ length: MAILS }, (_, i) => Buffer.byteLength(mail(i).raw)).reduce((a, b) => a + b, 0);
  // The sending side runs in its own process, as a customer's mail server would: its CPU is not the server's.
  let senderCpuMs = 0;
  const sender = (from: number, count: number, prefix?: string) => new Promise<number>((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/generators/customer-mail.ts')], {
      env: { ...process.env, PORT: String(port), FROM: String(from), COUNT: String(count), CONCURRENCY: String(CONCURRENCY), SENDER: prefix ?? '' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`sender exited ${code}`));
      const result = JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; cpuMs: number };
      senderCpuMs = result.cpuMs;
      resolve(result.seconds);
    });
  });
  // Warm-up from other customers, so the measured mails meet the same new and known senders whatever its length.
  const warmupSeconds = WARMUP > 0 ? await sender(0, WARMUP, 'warm') : 0;
  const warmupRate = WARMUP > 0 ? round(WARMUP / warmupSeconds) : 0;
  // Table statistics as autovacuum keeps them in production (it analyzes a table within a minute of it growing;
  // the warm-up takes seconds): without them a prepared lookup's generic plan filters every contact of the shop.
  await pool.query('analyze');
  const profiler = PROFILE ? await startProfiler() : null;
  const cpu0 = process.cpuUsage();
  const usage0 = process.resourceUsage();
  const pg0 = postgresCpuMs();
  const threads0 = threadCpuMs();
  const inboundSeconds = await sender(0, MAILS);
  const inboundCpu = process.cpuUsage(cpu0);
  const usage1 = process.resourceUsage();
  const pgMs = postgresCpuMs() - pg0;
  const threads1 = threadCpuMs();
  // CPU of this process (the server: every thread) per mail: steadier than the rate on a shared machine.
  const cpuMsPerMail = round((inboundCpu.user + inboundCpu.system) / 1000 / MAILS, 2);
  const perMail = (n: number) => round(n / MAILS, 2);
  // Where it goes: user and system time, page faults, and preemptions (on 2 cores the server shares a CPU
  // with PostgreSQL, and loses it whenever a backend it woke runs there); then PostgreSQL's and the sender's CPU.
  const cpuDetail = `user ${perMail(inboundCpu.user / 1000)} ms, system ${perMail(inboundCpu.system / 1000)} ms, ${perMail(usage1.minorPageFault - usage0.minorPageFault)} page faults, ${perMail(usage1.involuntaryContextSwitches - usage0.involuntaryContextSwitches)} preemptions; PostgreSQL ${perMail(pgMs)} ms, the sending process ${perMail(senderCpuMs)} ms`;
  const threadDetail = [...threads1].map(([name, ms]) => [name, ms - (threads0.get(name) ?? 0)] as const).filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${perMail(ms)}`).join(', ');
  if (profiler) await (HEAP_PROFILE ? saveHeapProfile(profiler, MAILS) : saveProfile(profiler));
  const stored = Number((await pool.query(`select count(*) as n from email_messages where direction = 'in'`)).rows[0].n);
  if (stored !== WARMUP + MAILS) throw new Error(`${stored} mails stored, expected ${WARMUP + MAILS}`);
  noteLoad('after inbound');
  if (process.env.BENCH_INBOUND_ONLY) {
    console.log(`warm-up: ${warmupRate} mails/s; inbound only: ${round(MAILS / inboundSeconds)} mails/s, server CPU ${cpuMsPerMail} ms per mail (${cpuDetail})`);
    console.log(`server threads, ms per mail: ${threadDetail}`);
    return;
  }

  await pool.query('create table bench_raw_mail (id serial, body text)');
  const baseMails = Array.from({ length: MAILS }, (_, i) => mail(i).raw);
  const baselineSeconds = await inParallel(baseMails, async (raw) => {
    const parsed = await simpleParser(Buffer.from(raw));
    await pool.query('insert into bench_raw_mail (body) values ($1)', [parsed.text]);
  });

  // b) outbound: one reply per conversation (the agent answers each customer's thread).
  const conversations = (await pool.query(`select id from conversations where inbox_id = $1 order by created_at limit $2`, [inbox.id, MAILS])).rows.map((r) => r.id as string);
  const before = sunk;
  const o0 = performance.now();
  await inParallel(conversations, async (id) => {
    const r = await owner.post(`/api/v1/conversations/${id}/messages`, { kind: 'outgoing', body: 'Dạ shop đã kiểm tra, đơn của chị sẽ giao trong hôm nay ạ.', clientId: `b-${id}` });
    if (r.status !== 201) throw new Error(`reply failed: ${r.status} ${JSON.stringify(r.body)}`);
  });
  const storedSeconds = (performance.now() - o0) / 1000;
  while (sunk - before < conversations.length && performance.now() - o0 < 300_000) await new Promise((r) => setTimeout(r, 50));
  const outboundSeconds = (performance.now() - o0) / 1000;
  const sent = sunk - before;
  if (sent < conversations.length) throw new Error(`only ${sent} of ${conversations.length} replies reached the sink`);
  noteLoad('after outbound');

  const direct = nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, secure: false, ignoreTLS: true, pool: true, maxConnections: CONCURRENCY, maxMessages: Infinity });
  const directSeconds = await inParallel(conversations, async (id) => void await direct.sendMail({ from: `hotro@${domain}`, to: `x@khach.test`, subject: `Re: ${id}`, text: 'Dạ shop đã kiểm tra, đơn của chị sẽ giao trong hôm nay ạ.' }));
  direct.close();

  const inboundRate = round(MAILS / inboundSeconds);
  const outboundRate = round(sent / outboundSeconds);
  console.log('\n' + table(['what', 'mails', 'seconds', 'mails/s'], [
    ['warm-up: the first mails after the start', WARMUP, round(warmupSeconds, 2), warmupRate],
    ['inbound: SMTP → parse → thread → stored', MAILS, round(inboundSeconds, 2), inboundRate],
    ['baseline: mailparser + raw INSERT', baseMails.length, round(baselineSeconds, 2), round(baseMails.length / baselineSeconds)],
    ['outbound: reply stored → queue → SMTP sink', sent, round(outboundSeconds, 2), outboundRate],
    ['  (of which storing the replies)', sent, round(storedSeconds, 2), round(sent / storedSeconds)],
    ['baseline: nodemailer straight to the sink', conversations.length, round(directSeconds, 2), round(conversations.length / directSeconds)],
  ]));
  console.log(`average inbound mail ${round(bytes / MAILS / 1024)} KB; server CPU ${cpuMsPerMail} ms per inbound mail (all its threads: ${cpuDetail})`);
  console.log(`server threads, ms per mail: ${threadDetail}`);
  const targets = [
    target('inbound mails parsed and stored per second (20 KB)', inboundRate, 'mails/s', '>=', 200, `baseline ${round(baseMails.length / baselineSeconds)} mails/s`),
  ];
  printTargets(targets);
  writeResults('email', { figures: { mails: MAILS, averageKb: round(bytes / MAILS / 1024), warmup: { mails: WARMUP, seconds: warmupSeconds, rate: warmupRate }, inbound: { seconds: inboundSeconds, rate: inboundRate, cpuMsPerMail }, baseline: { rate: round(baseMails.length / baselineSeconds) },
    outbound: { seconds: outboundSeconds, rate: outboundRate, storedSeconds }, directRate: round(conversations.length / directSeconds) }, targets });
}

await runBench('email', 600_000, main);
