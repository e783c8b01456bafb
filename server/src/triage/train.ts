/**
 * Training the triage heads from labelled lines: the corpus (corpus/*.jsonl), plus extra examples
 * handed in by the caller (later: agents' corrections from the database). Also the held-out split
 * and the evaluation that build-model.ts prints and writes to corpus/EVALUATION.md.
 *
 * Everything is deterministic: the split orders lines by a seeded hash, and training has no
 * random state (see model.ts), so the same lines and options give the same model, byte for byte.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { triageIntents, triageLanguages, triageSentiments, triageUrgencies } from '@careloop/contracts';
import { FEATURES_VERSION, FEATURE_BITS, fnv1a, normalizeText, vectorize, type SparseVector } from './features.ts';
import { serializeHead, trainSoftmax, type SerializedHead, type SoftmaxModel, type SoftmaxOptions, type TrainExample } from './model.ts';

export const corpusDir = fileURLToPath(new URL('./corpus/', import.meta.url));

/** The heads and their classes, in the order the model file stores them. */
export const HEADS = { language: triageLanguages, sentiment: triageSentiments, urgency: triageUrgencies, intent: triageIntents } as const;
export type HeadName = keyof typeof HEADS;
export const headNames = Object.keys(HEADS) as HeadName[];

export const labelledLine = z.object({
  text: z.string(),
  lang: z.enum(triageLanguages),
  sentiment: z.enum(triageSentiments),
  urgency: z.enum(triageUrgencies),
  intent: z.enum(triageIntents),
  /** Lines of one group (e.g. variants of one template) stay on the same side of the split. */
  group: z.string().optional(),
  /** How much the line counts in training (default 1). */
  weight: z.number().positive().optional(),
});
export type LabelledLine = z.infer<typeof labelledLine>;

const labelOf = (line: LabelledLine, head: HeadName): string => (head === 'language' ? line.lang : line[head]);

export interface TrainOptions {
  softmax: Record<HeadName, SoftmaxOptions>;
  /** Share of each stratum held out by `splitHeldOut`. */
  heldOutFraction: number;
  seed: string;
}

const softmax = (l2: number, classWeight: SoftmaxOptions['classWeight']): SoftmaxOptions => ({ l2, maxIterations: 100, tolerance: 1e-4, classWeight });

/** Chosen by 5-fold cross-validation on the training split (see corpus/README.md). */
export const defaultTrainOptions: TrainOptions = {
  softmax: {
    language: softmax(3e-4, 'balanced'),
    sentiment: softmax(3e-4, 'balanced'),
    urgency: softmax(3e-4, 'balanced'),
    intent: softmax(3e-4, 'balanced'),
  },
  heldOutFraction: 0.2,
  seed: 'careloop-triage-1',
};

// ── the corpus ────────────────────────────────────────────────────────────────
export interface CorpusFile { name: string; content: string }

/** The corpus files, by name. */
export function readCorpusFiles(dir = corpusDir): CorpusFile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}

export function parseCorpus(files: CorpusFile[]): LabelledLine[] {
  const lines: LabelledLine[] = [];
  for (const file of files) {
    file.content.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Error(`${file.name} line ${i + 1}: not JSON`);
      }
      const parsed = labelledLine.safeParse(json);
      if (!parsed.success) throw new Error(`${file.name} line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      lines.push({ ...parsed.data, text: parsed.data.text.normalize('NFC') });
    });
  }
  return lines;
}

export const loadCorpus = (dir = corpusDir): LabelledLine[] => parseCorpus(readCorpusFiles(dir));

/**
 * What the shipped model was built from: the corpus files, the training options and the feature
 * and model format versions. model.json stores it; a test recomputes it to catch a stale model.
 */
export function corpusHash(files: CorpusFile[], options: TrainOptions): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ featuresVersion: FEATURES_VERSION, featureBits: FEATURE_BITS, modelFormat: MODEL_FORMAT, options }));
  for (const f of files) h.update(`\n--- ${f.name}\n`).update(f.content);
  return h.digest('hex');
}

// ── split ─────────────────────────────────────────────────────────────────────
/**
 * Deterministic held-out split, stratified by intent × language: within each stratum, groups
 * (a line's `group`, else its normalised tokens, so near-duplicates stay together) are ordered by a seeded
 * hash and the first `fraction` of them are held out.
 */
export function splitHeldOut(lines: LabelledLine[], options: Pick<TrainOptions, 'heldOutFraction' | 'seed'> = defaultTrainOptions): { train: LabelledLine[]; heldOut: LabelledLine[] } {
  const groups = new Map<string, LabelledLine[]>();
  for (const line of lines) {
    const key = line.group ?? (normalizeText(line.text).tokens.join(' ') || line.text);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const strata = new Map<string, string[]>();
  for (const [key, members] of groups) {
    const stratum = `${members[0]!.intent}/${members[0]!.lang}`; // a group's stratum is that of its first line
    strata.set(stratum, [...(strata.get(stratum) ?? []), key]);
  }
  const seed = fnv1a(options.seed);
  const held = new Set<LabelledLine>();
  for (const keys of strata.values()) {
    const ordered = keys.map((key) => ({ key, h: fnv1a(key, seed) })).sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : 1));
    for (const { key } of ordered.slice(0, Math.round(keys.length * options.heldOutFraction))) for (const line of groups.get(key)!) held.add(line);
  }
  return { train: lines.filter((l) => !held.has(l)), heldOut: lines.filter((l) => held.has(l)) };
}

// ── evaluation ────────────────────────────────────────────────────────────────
export interface ClassMetrics { precision: number; recall: number; f1: number; support: number }
export interface HeadEvaluation {
  accuracy: number;
  macro: { precision: number; recall: number; f1: number };
  perClass: Record<string, ClassMetrics>;
  /** confusion[actual][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}
export type Evaluation = Record<HeadName, HeadEvaluation> & { examples: number };
export type Labels = Record<HeadName, string>;

/**
 * Per-class precision, recall and F1, their macro averages (unweighted mean over the classes that
 * occur in the lines or the predictions) and accuracy, for every head.
 */
export function evaluate(lines: LabelledLine[], predict: (text: string) => Labels): Evaluation {
  const predictions = lines.map((l) => predict(l.text));
  const result = { examples: lines.length } as Evaluation;
  for (const head of headNames) {
    const classes: readonly string[] = HEADS[head];
    const confusion = Object.fromEntries(classes.map((a) => [a, Object.fromEntries(classes.map((p) => [p, 0]))])) as Record<string, Record<string, number>>;
    lines.forEach((l, i) => void confusion[labelOf(l, head)]![predictions[i]![head]]!++);
    const perClass: Record<string, ClassMetrics> = {};
    let correct = 0;
    for (const c of classes) {
      const tp = confusion[c]![c]!;
      correct += tp;
      const support = classes.reduce((s, p) => s + confusion[c]![p]!, 0);
      const predicted = classes.reduce((s, a) => s + confusion[a]![c]!, 0);
      if (support === 0 && predicted === 0) continue;
      const precision = predicted ? tp / predicted : 0;
      const recall = support ? tp / support : 0;
      perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
    }
    const metrics = Object.values(perClass);
    const mean = (k: 'precision' | 'recall' | 'f1') => metrics.reduce((s, m) => s + m[k], 0) / (metrics.length || 1);
    result[head] = { accuracy: lines.length ? correct / lines.length : 0, macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') }, perClass, confusion };
  }
  return result;
}

// ── training ──────────────────────────────────────────────────────────────────
export const MODEL_FORMAT = 'careloop-triage/1';

export interface TriageModel { heads: Record<HeadName, SoftmaxModel> }

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  featuresVersion: number;
  featureBits: number;
  /** `corpusHash` of what it was built from. */
  corpusHash: string;
  examples: number;
  heads: Record<HeadName, SerializedHead>;
}

/** Trains every head on `lines` and `extra` (e.g. agents' corrections; give them a `weight` to count more). */
export function trainTriage(lines: LabelledLine[], options: TrainOptions = defaultTrainOptions, extra: LabelledLine[] = []): TriageModel {
  const all = [...lines, ...extra];
  const vectors: SparseVector[] = all.map((l) => vectorize(normalizeText(l.text)));
  const heads = {} as Record<HeadName, SoftmaxModel>;
  for (const head of headNames) {
    const classes: readonly string[] = HEADS[head];
    const examples: TrainExample[] = all.map((l, i) => ({ x: vectors[i]!, y: classes.indexOf(labelOf(l, head)), weight: l.weight ?? 1 }));
    heads[head] = trainSoftmax(examples, classes, options.softmax[head]);
  }
  return { heads };
}

export function toModelFile(model: TriageModel, meta: { corpusHash: string; examples: number }): ModelFile {
  const heads = {} as Record<HeadName, SerializedHead>;
  for (const head of headNames) heads[head] = serializeHead(model.heads[head]);
  return { format: MODEL_FORMAT, featuresVersion: FEATURES_VERSION, featureBits: FEATURE_BITS, ...meta, heads };
}
