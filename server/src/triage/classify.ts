/**
 * `createTriage()` → `{ classify(text) }`: language, sentiment, urgency and intent of one customer
 * message, offline, in a few tens of microseconds.
 *
 * Without an argument it uses the shipped model (model.json next to this file, built by
 * build-model.ts), read once per process on the first `classify`. The server bundle
 * (server/dist/*.mjs) finds it in server/src/triage/ of the same checkout.
 *
 * Language is a model head plus two rules the model cannot learn from a Latin-script corpus:
 * text without letters (emoji, numbers, punctuation) and text mostly in a non-Latin script
 * (Chinese, Thai, Korean, …) are `other`. Everything else — Vietnamese with or without
 * diacritics, English, other Latin-script languages — is the model's call, helped by the
 * Vietnamese-letter flags of features.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { triageMaxChars, type TriageResult, type TriageScores } from '@careloop/contracts';
import { FEATURE_BITS, FEATURE_DIM, FEATURES_VERSION, normalizeText, vectorize } from './features.ts';
import { compileHeads, deserializeHead, type SoftmaxModel } from './model.ts';
import { HEADS, MODEL_FORMAT, headNames, type HeadName, type ModelFile, type TriageModel } from './train.ts';

export interface Triage {
  classify(text: string): TriageResult;
}

/** Where model.json may be: beside this file (tsx, vitest) or, from server/dist/*.mjs, in the source tree. */
const candidates = ['./model.json', '../src/triage/model.json'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

let shipped: ModelFile | null = null;

/** The shipped model file, read once. */
export function loadShippedModel(): ModelFile {
  if (shipped) return shipped;
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`The triage model is missing (looked for ${candidates.join(', ')}); build it with: npx tsx server/src/triage/build-model.ts`);
  shipped = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  return shipped;
}

function headsOf(model: ModelFile | TriageModel): Record<HeadName, SoftmaxModel> {
  if (!('format' in model)) return model.heads;
  if (model.format !== MODEL_FORMAT || model.featuresVersion !== FEATURES_VERSION || model.featureBits !== FEATURE_BITS) {
    throw new Error(`The triage model was built for ${model.format}, features v${model.featuresVersion}/${model.featureBits} bits; this code needs ${MODEL_FORMAT}, v${FEATURES_VERSION}/${FEATURE_BITS}. Rebuild it: npx tsx server/src/triage/build-model.ts`);
  }
  const heads = {} as Record<HeadName, SoftmaxModel>;
  for (const head of headNames) {
    heads[head] = deserializeHead(model.heads[head]);
    if (heads[head].classes.join() !== HEADS[head].join()) throw new Error(`The triage model's ${head} classes (${heads[head].classes.join(', ')}) are not ${HEADS[head].join(', ')}`);
  }
  return heads;
}

const POSITIVE = HEADS.sentiment.indexOf('positive');
const NEGATIVE = HEADS.sentiment.indexOf('negative');
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function distribution<T extends string>(classes: readonly T[], p: Float64Array): Record<T, number> {
  const out = {} as Record<T, number>;
  classes.forEach((c, k) => (out[c] = round3(p[k]!)));
  return out;
}

function best<T extends string>(classes: readonly T[], p: Float64Array): T {
  let k = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[k]!) k = i;
  return classes[k]!;
}

const oneHot = <T extends string>(classes: readonly T[], label: T) => Float64Array.from(classes, (c) => (c === label ? 1 : 0));

/** The answer for a message with nothing to classify (empty or blank). */
function emptyResult(): TriageResult {
  const scores: TriageScores = {
    language: distribution(HEADS.language, oneHot(HEADS.language, 'other')),
    sentiment: distribution(HEADS.sentiment, oneHot(HEADS.sentiment, 'neutral')),
    urgency: distribution(HEADS.urgency, oneHot(HEADS.urgency, 'low')),
    intent: distribution(HEADS.intent, oneHot(HEADS.intent, 'other')),
  };
  return { language: 'other', sentiment: 'neutral', sentimentScore: 0, urgency: 'low', intent: 'other', intentScore: 1, scores };
}

/** A classifier over `model` (a model file or a freshly trained model), or the shipped model when none is given. */
export function createTriage(model?: ModelFile | TriageModel): Triage {
  let compiled: ReturnType<typeof compileHeads> | null = null;
  const scorer = () => {
    if (compiled) return compiled;
    const heads = headsOf(model ?? loadShippedModel());
    return (compiled = compileHeads(Object.fromEntries(headNames.map((h) => [h, heads[h]])), FEATURE_DIM));
  };

  return {
    classify(text) {
      const capped = typeof text === 'string' ? text.slice(0, triageMaxChars) : '';
      if (!/\S/u.test(capped)) return emptyResult();
      const normalized = normalizeText(capped);
      const [language, sentiment, urgency, intent] = scorer().score(vectorize(normalized)) as [Float64Array, Float64Array, Float64Array, Float64Array];
      if (normalized.flags.includes('noletters') || normalized.flags.includes('nonlatin')) language.set(oneHot(HEADS.language, 'other'));
      const intentLabel = best(HEADS.intent, intent);
      return {
        language: best(HEADS.language, language),
        sentiment: best(HEADS.sentiment, sentiment),
        sentimentScore: round3(sentiment[POSITIVE]! - sentiment[NEGATIVE]!),
        urgency: best(HEADS.urgency, urgency),
        intent: intentLabel,
        intentScore: round3(intent[HEADS.intent.indexOf(intentLabel)]!),
        scores: {
          language: distribution(HEADS.language, language),
          sentiment: distribution(HEADS.sentiment, sentiment),
          urgency: distribution(HEADS.urgency, urgency),
          intent: distribution(HEADS.intent, intent),
        },
      };
    },
  };
}
