/**
 * Builds the shipped triage model: `npx tsx server/src/triage/build-model.ts`.
 *
 * 1. trains on the training split only and evaluates the held-out split (through the serialised,
 *    quantised model — exactly what ships), prints it and writes corpus/EVALUATION.md;
 * 2. trains on the full corpus and writes model.json, stamped with the corpus hash that
 *    triage.test.ts checks.
 *
 * Both outputs are deterministic: rebuilding an unchanged corpus changes no byte.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTriage } from './classify.ts';
import {
  HEADS, corpusDir, corpusHash, defaultTrainOptions, evaluate, headNames, parseCorpus, readCorpusFiles, splitHeldOut, toModelFile, trainTriage,
  type Evaluation, type LabelledLine,
} from './train.ts';

const modelFile = fileURLToPath(new URL('./model.json', import.meta.url));
const evaluationFile = `${corpusDir}EVALUATION.md`;

const pct = (v: number) => (v * 100).toFixed(1);
const count = (lines: LabelledLine[], pick: (l: LabelledLine) => string) => {
  const out: Record<string, number> = {};
  for (const l of lines) out[pick(l)] = (out[pick(l)] ?? 0) + 1;
  return Object.entries(out).map(([k, v]) => `${k} ${v}`).join(', ');
};

/** The held-out evaluation as Markdown: a summary table, then one table per head. */
export function evaluationMarkdown(ev: Evaluation, meta: { train: LabelledLine[]; heldOut: LabelledLine[]; hash: string }): string {
  const out = [
    '# Triage classifier — held-out evaluation',
    '',
    'Written by `npx tsx server/src/triage/build-model.ts`; do not edit by hand. The model is trained on the training',
    `split only and scored on the held-out split (${Math.round(defaultTrainOptions.heldOutFraction * 100)} % of every intent × language stratum, chosen by a seeded`,
    'hash; see README.md), through the serialised model that ships. Figures in %. Macro = unweighted mean over the classes.',
    '',
    `Corpus ${meta.hash.slice(0, 12)}: ${meta.train.length + meta.heldOut.length} lines, ${meta.train.length} for training, ${meta.heldOut.length} held out (${count(meta.heldOut, (l) => l.lang)}).`,
    '',
    '| head | accuracy | macro precision | macro recall | macro F1 |',
    '|---|---:|---:|---:|---:|',
    ...headNames.map((h) => `| ${h} | ${pct(ev[h].accuracy)} | ${pct(ev[h].macro.precision)} | ${pct(ev[h].macro.recall)} | ${pct(ev[h].macro.f1)} |`),
  ];
  for (const h of headNames) {
    out.push('', `## ${h}`, '', '| class | precision | recall | F1 | support |', '|---|---:|---:|---:|---:|');
    for (const [c, m] of Object.entries(ev[h].perClass)) out.push(`| ${c} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${m.support} |`);
    const classes: readonly string[] = HEADS[h];
    out.push('', `Confusion (rows: labelled, columns: predicted): ${classes.join(' · ')}`, '', '```');
    const width = Math.max(...classes.map((c) => c.length));
    for (const a of classes) out.push(`${a.padEnd(width)}  ${classes.map((p) => String(ev[h].confusion[a]![p]).padStart(4)).join('')}`);
    out.push('```');
  }
  return out.join('\n') + '\n';
}

function main() {
  const files = readCorpusFiles();
  const lines = parseCorpus(files);
  const hash = corpusHash(files, defaultTrainOptions);
  const { train, heldOut } = splitHeldOut(lines, defaultTrainOptions);
  console.log(`corpus: ${lines.length} lines (${count(lines, (l) => l.lang)}); intents: ${count(lines, (l) => l.intent)}`);

  let t0 = performance.now();
  const trial = createTriage(toModelFile(trainTriage(train, defaultTrainOptions), { corpusHash: hash, examples: train.length }));
  console.log(`trained on the training split (${train.length} lines) in ${Math.round(performance.now() - t0)} ms`);
  const ev = evaluate(heldOut, (text) => trial.classify(text));
  console.log(`held-out (${heldOut.length} lines):`);
  for (const h of headNames) {
    const { macro, accuracy } = ev[h];
    console.log(`  ${h.padEnd(10)} accuracy ${pct(accuracy)}  macro P ${pct(macro.precision)}  R ${pct(macro.recall)}  F1 ${pct(macro.f1)}`);
  }
  writeFileSync(evaluationFile, evaluationMarkdown(ev, { train, heldOut, hash }));

  t0 = performance.now();
  const file = toModelFile(trainTriage(lines, defaultTrainOptions), { corpusHash: hash, examples: lines.length });
  const json = JSON.stringify(file, null, 2) + '\n';
  writeFileSync(modelFile, json);
  console.log(`trained on the full corpus in ${Math.round(performance.now() - t0)} ms; wrote ${modelFile} (${(json.length / 1024).toFixed(0)} KiB) and ${evaluationFile}`);
}

main();
