/**
 * The built-in message triage classifier (server/src/triage), in-process on one core: messages/s
 * of `classify` over the labelled corpus repeated to ~50,000 messages, with the cost of the
 * feature extraction alone, the first call (reading model.json and building the slot table) and
 * per-message latency. Baseline in the same run: `fold` + a word split of the same messages, the
 * least any classifier of folded words must do. No database.
 *
 *   npx tsx bench/triage.ts        BENCH_TRIAGE_MESSAGES=50000 BENCH_TRIAGE_ROUNDS=3
 */
import { fold } from '@careloop/contracts';
import { createTriage } from '../server/src/triage/classify.ts';
import { featurize } from '../server/src/triage/features.ts';
import { loadCorpus } from '../server/src/triage/train.ts';
import { noteLoad, printTargets, round, runBench, summarize, table, target, writeResults } from './lib.ts';

const MESSAGES = Number(process.env.BENCH_TRIAGE_MESSAGES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_TRIAGE_ROUNDS ?? 3);

/** Best of `ROUNDS` passes over `messages` (the first pass also warms the JIT), as messages/s. */
function rate(messages: string[], fn: (text: string) => number): { perSec: number; sink: number } {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const m of messages) sink += fn(m);
    best = Math.min(best, performance.now() - t0);
  }
  return { perSec: round(messages.length / (best / 1000)), sink };
}

async function main() {
  const corpus = loadCorpus().map((l) => l.text);
  const messages = Array.from({ length: MESSAGES }, (_, i) => corpus[i % corpus.length]!);
  const avgChars = messages.reduce((s, m) => s + m.length, 0) / messages.length;
  console.log(`triage: ${MESSAGES} messages (the ${corpus.length}-line corpus repeated, ${round(avgChars)} characters on average), best of ${ROUNDS} passes, one core`);
  noteLoad('start');

  const triage = createTriage();
  const l0 = performance.now();
  triage.classify('Shop ơi đơn hàng của mình giao chậm quá');
  const firstCallMs = round(performance.now() - l0, 1);

  const baseline = rate(messages, (m) => fold(m).split(/[^\p{L}\p{N}]+/u).length);
  const features = rate(messages, (m) => featurize(m).indices.length);
  const classify = rate(messages, (m) => triage.classify(m).intentScore);

  const latencies: number[] = [];
  for (const m of messages.slice(0, 10_000)) {
    const t0 = performance.now();
    triage.classify(m);
    latencies.push((performance.now() - t0) * 1000);
  }
  const latencyUs = summarize(latencies);
  const long = 'Shop ơi đơn hàng của mình giao chậm quá 1 tuần rồi chưa nhận được, gọi 0912345678 hoặc xem https://shop.vn/don/12345 nhé! '.repeat(40).slice(0, 4000);
  const longRate = rate(Array.from({ length: 500 }, () => long), (m) => triage.classify(m).intentScore);
  noteLoad('end');

  console.log('\n' + table(['what', 'messages/s', '% of baseline'], [
    ['baseline: fold + word split', baseline.perSec, 100],
    ['features only (normalise, n-grams, hashing)', features.perSec, round((100 * features.perSec) / baseline.perSec)],
    ['classify (features + 4 heads)', classify.perSec, round((100 * classify.perSec) / baseline.perSec)],
    ['classify, 4,000-character messages', longRate.perSec, round((100 * longRate.perSec) / baseline.perSec)],
  ]));
  console.log(`\nfirst call (reads model.json, builds the slot table): ${firstCallMs} ms; latency per message p50 ${round(latencyUs.p50)} µs, p99 ${round(latencyUs.p99)} µs, max ${round(latencyUs.max)} µs`);

  const targets = [
    target('classify throughput', classify.perSec, 'msg/s', '>=', 2000),
    target('classify p99 latency', latencyUs.p99 / 1000, 'ms', '<', 5),
    target('first call (model load)', firstCallMs, 'ms', '<', 1000),
  ];
  printTargets(targets);
  writeResults('triage', {
    figures: {
      messages: MESSAGES, averageChars: round(avgChars), rounds: ROUNDS, firstCallMs,
      classifyPerSec: classify.perSec, featuresPerSec: features.perSec, baselinePerSec: baseline.perSec,
      classifyVsBaselinePct: round((100 * classify.perSec) / baseline.perSec), longMessagesPerSec: longRate.perSec,
      latencyUs: { p50: round(latencyUs.p50), p95: round(latencyUs.p95), p99: round(latencyUs.p99), max: round(latencyUs.max) },
      checksum: round(baseline.sink + features.sink + classify.sink + longRate.sink, 0),
    },
    targets,
  });
}

await runBench('triage', 600_000, main);
