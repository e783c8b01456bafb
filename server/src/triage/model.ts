/**
 * Multinomial logistic regression (softmax) over hashed sparse features: training, prediction,
 * and a compact serialised form.
 *
 * Training minimises the weighted mean negative log-likelihood plus (l2 / 2)·‖W‖² (the biases are
 * not penalised) with full-batch L-BFGS. The objective is convex and the optimiser visits the
 * examples in a fixed order, so the same examples and options give the same weights — no random
 * state at all. Only the hashed slots that occur in the training examples get a weight, so the
 * optimiser works on a compact matrix (slots seen × classes) instead of 2^18 × classes.
 *
 * Serialised, a head keeps the slots whose weights survive quantisation: slot numbers delta- and
 * varint-encoded, weights as companded int8 (q = 127·sign(w)·√(|w|/max)), which keeps relative
 * precision near zero where most weights are. Both are base64 strings in the JSON.
 */
import type { SparseVector } from './features.ts';

export interface TrainExample {
  x: SparseVector;
  /** The class index. */
  y: number;
  /** Weight of the example (1 for a corpus line; corrections may weigh more). */
  weight: number;
}

export interface SoftmaxOptions {
  /** L2 penalty on the weights. */
  l2: number;
  maxIterations: number;
  /** Stop when the largest gradient component is below this. */
  tolerance: number;
  /** `balanced` reweights examples so every class carries the same total weight. */
  classWeight: 'balanced' | 'none';
}

export interface SoftmaxModel {
  classes: string[];
  bias: Float64Array;
  /** Hashed feature slots, ascending. */
  slots: Int32Array;
  /** Row-major: `weights[r * classes.length + k]` is the weight of `slots[r]` for class k. */
  weights: Float32Array;
}

export interface SerializedHead {
  classes: string[];
  bias: number[];
  /** The largest |weight|; int8 q means sign(q)·(q/127)²·max. */
  max: number;
  slots: string;
  weights: string;
}

/** Probabilities of the classes, written into `out` (logits in, softmax out). */
export function softmaxInPlace(out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) if (out[k]! > max) max = out[k]!;
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    const e = Math.exp(out[k]! - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
  return out;
}

interface Compact {
  slots: Int32Array;
  rows: Int32Array[];
  values: Float32Array[];
}

/** Renumbers the slots that occur in the examples as rows 0…F-1 (in ascending slot order). */
function compact(examples: TrainExample[]): Compact {
  const seen = new Set<number>();
  for (const e of examples) for (const slot of e.x.indices) seen.add(slot);
  const slots = Int32Array.from(seen).sort();
  const rowOf = new Map<number, number>();
  slots.forEach((slot, row) => rowOf.set(slot, row));
  return {
    slots,
    rows: examples.map((e) => Int32Array.from(e.x.indices, (slot) => rowOf.get(slot)!)),
    values: examples.map((e) => e.x.values),
  };
}

/** Trains one softmax head; `classes[y]` names the class of `y`. */
export function trainSoftmax(examples: TrainExample[], classes: readonly string[], options: SoftmaxOptions): SoftmaxModel {
  const K = classes.length;
  const data = compact(examples);
  const F = data.slots.length;
  const counts = new Float64Array(K);
  for (const e of examples) counts[e.y]! += e.weight;
  const present = counts.filter((c) => c > 0).length;
  const classWeight = Array.from(counts, (c) => (options.classWeight === 'balanced' && c > 0 ? examples.reduce((s, e) => s + e.weight, 0) / (present * c) : 1));
  const weightOf = examples.map((e) => e.weight * classWeight[e.y]!);
  const total = weightOf.reduce((a, b) => a + b, 0) || 1;
  const n = F * K + K; // weights, then biases
  const logits = new Float64Array(K);

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < examples.length; i++) {
      const rows = data.rows[i]!;
      const values = data.values[i]!;
      for (let k = 0; k < K; k++) logits[k] = theta[F * K + k]!;
      for (let j = 0; j < rows.length; j++) {
        const base = rows[j]! * K;
        const v = values[j]!;
        for (let k = 0; k < K; k++) logits[k]! += theta[base + k]! * v;
      }
      softmaxInPlace(logits);
      const y = examples[i]!.y;
      const w = weightOf[i]! / total;
      loss -= w * Math.log(Math.max(logits[y]!, 1e-300));
      logits[y]! -= 1;
      for (let k = 0; k < K; k++) grad[F * K + k]! += w * logits[k]!;
      for (let j = 0; j < rows.length; j++) {
        const base = rows[j]! * K;
        const v = values[j]! * w;
        for (let k = 0; k < K; k++) grad[base + k]! += v * logits[k]!;
      }
    }
    for (let p = 0; p < F * K; p++) {
      loss += 0.5 * options.l2 * theta[p]! * theta[p]!;
      grad[p]! += options.l2 * theta[p]!;
    }
    return loss;
  };

  const theta = lbfgs(objective, new Float64Array(n), options);
  return { classes: [...classes], bias: theta.slice(F * K), slots: data.slots, weights: Float32Array.from(theta.subarray(0, F * K)) };
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Limited-memory BFGS (two-loop recursion, 8 corrections) with a backtracking Armijo line search.
 * Enough for a smooth convex objective of a few hundred thousand parameters.
 */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x: Float64Array, options: Pick<SoftmaxOptions, 'maxIterations' | 'tolerance'>): Float64Array {
  const m = 8;
  const n = x.length;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  let g: Float64Array = new Float64Array(n);
  let fx = f(x, g);
  const dir = new Float64Array(n);
  const alpha = new Float64Array(m);
  let xNew: Float64Array = new Float64Array(n);
  let gNew: Float64Array = new Float64Array(n);
  for (let iter = 0; iter < options.maxIterations; iter++) {
    let gMax = 0;
    for (let i = 0; i < n; i++) gMax = Math.max(gMax, Math.abs(g[i]!));
    if (gMax < options.tolerance) break;
    // dir = −H·g
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(s[j]!, dir);
      const yj = y[j]!;
      for (let i = 0; i < n; i++) dir[i]! -= alpha[j]! * yj[i]!;
    }
    const gamma = s.length ? dot(s.at(-1)!, y.at(-1)!) / dot(y.at(-1)!, y.at(-1)!) : 1 / Math.max(gMax, 1e-12);
    for (let i = 0; i < n; i++) dir[i]! *= gamma;
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j]! * dot(y[j]!, dir);
      const sj = s[j]!;
      for (let i = 0; i < n; i++) dir[i]! += (alpha[j]! - beta) * sj[i]!;
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]! / Math.max(gMax, 1e-12);
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break; // no progress possible
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) { s.shift(); y.shift(); rho.shift(); }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const relative = (fx - fNew) / Math.max(Math.abs(fx), 1e-12);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (relative < 1e-9) break;
  }
  return x;
}

/** Class probabilities of one vector (binary search per slot: for evaluation and tests; serving uses `compileHeads`). */
export function predictProba(model: SoftmaxModel, x: SparseVector): Float64Array {
  const K = model.classes.length;
  const out = Float64Array.from(model.bias);
  for (let j = 0; j < x.indices.length; j++) {
    const row = binarySearch(model.slots, x.indices[j]!);
    if (row < 0) continue;
    for (let k = 0; k < K; k++) out[k]! += model.weights[row * K + k]! * x.values[j]!;
  }
  return softmaxInPlace(out);
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// ── serialisation ─────────────────────────────────────────────────────────────
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function serializeHead(model: SoftmaxModel): SerializedHead {
  const K = model.classes.length;
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  max = round(max, 6) || 1;
  const quantize = (w: number) => Math.max(-127, Math.min(127, Math.sign(w) * Math.round(127 * Math.sqrt(Math.abs(w) / max))));
  const keptSlots: number[] = [];
  const kept: number[] = [];
  for (let r = 0; r < model.slots.length; r++) {
    const q = Array.from(model.weights.subarray(r * K, (r + 1) * K), quantize);
    if (q.every((v) => v === 0)) continue;
    keptSlots.push(model.slots[r]!);
    kept.push(...q);
  }
  return {
    classes: [...model.classes],
    bias: Array.from(model.bias, (b) => round(b, 6)),
    max,
    slots: encodeSlots(keptSlots),
    weights: Buffer.from(Int8Array.from(kept).buffer).toString('base64'),
  };
}

export function deserializeHead(head: SerializedHead): SoftmaxModel {
  const slots = decodeSlots(head.slots);
  const bytes = Buffer.from(head.weights, 'base64');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (q.length !== slots.length * head.classes.length) throw new Error('triage model: weights and slots do not match');
  const weights = Float32Array.from(q, (v) => Math.sign(v) * (v / 127) ** 2 * head.max);
  return { classes: [...head.classes], bias: Float64Array.from(head.bias), slots, weights };
}

/** Ascending slots as base64 of LEB128 varints of the gaps. */
function encodeSlots(slots: number[]): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const slot of slots) {
    let gap = slot - previous;
    previous = slot;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeSlots(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  let previous = 0;
  for (const byte of bytes) {
    value |= (byte & 0x7f) << shift;
    if (byte & 0x80) { shift += 7; continue; }
    previous += value;
    out.push(previous);
    value = 0;
    shift = 0;
  }
  return Int32Array.from(out);
}

// ── serving: all heads behind one slot table ──────────────────────────────────
export interface CompiledHeads {
  names: string[];
  /** Class probabilities of every head for one vector. */
  score(x: SparseVector): Float64Array[];
}

/**
 * One slot → row table for all heads, so a feature costs one lookup and one pass over the
 * classes of every head together (rows hold Σ classes weights). Memory: 4 bytes per slot of the
 * feature space + 4 bytes per kept weight.
 */
export function compileHeads(heads: Record<string, SoftmaxModel>, dimension: number): CompiledHeads {
  const names = Object.keys(heads);
  const models = names.map((n) => heads[n]!);
  const offsets = models.map((_, i) => models.slice(0, i).reduce((s, m) => s + m.classes.length, 0));
  const width = models.reduce((s, m) => s + m.classes.length, 0);
  const rowOf = new Int32Array(dimension).fill(-1);
  let rows = 0;
  for (const m of models) for (const slot of m.slots) if (rowOf[slot] === -1) rowOf[slot] = rows++;
  const table = new Float32Array(rows * width);
  models.forEach((m, h) => {
    const K = m.classes.length;
    m.slots.forEach((slot, r) => {
      const base = rowOf[slot]! * width + offsets[h]!;
      for (let k = 0; k < K; k++) table[base + k] = m.weights[r * K + k]!;
    });
  });
  const bias = Float64Array.from(models.flatMap((m) => Array.from(m.bias)));
  return {
    names,
    score(x) {
      const acc = Float64Array.from(bias);
      for (let j = 0; j < x.indices.length; j++) {
        const row = rowOf[x.indices[j]!]!;
        if (row < 0) continue;
        const base = row * width;
        const v = x.values[j]!;
        for (let c = 0; c < width; c++) acc[c]! += table[base + c]! * v;
      }
      return models.map((m, h) => softmaxInPlace(acc.slice(offsets[h]!, offsets[h]! + m.classes.length)));
    },
  };
}
