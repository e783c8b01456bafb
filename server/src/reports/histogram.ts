/**
 * Durations in log-scale buckets, so medians and p90 of any range come from summed daily rows.
 *
 * Bucket 0 holds 0 s; bucket k ≥ 1 holds [r^(k−1), r^k) seconds with r = 2^(1/4), up to bucket 99
 * (from r^98 ≈ 274 days, open-ended). A percentile is read as the geometric middle r^(k−½) of the
 * bucket its rank falls in, interpolated between neighbouring ranks as percentile_cont does.
 * Error bound: every value in a bucket is within a factor √r = 2^(1/8) of its middle, and
 * interpolation keeps that ratio, so an estimate is within −8.3 % / +9.05 % of the exact
 * percentile_cont of the same durations (0 s exactly; durations over 274 days excepted).
 */
export const BUCKETS = 100;
const R = 2 ** 0.25;
const LOG_R = Math.log(R);

export function bucketOf(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(seconds) / LOG_R + 1e-9));
}

/** The value a bucket stands for (its geometric middle). */
export const bucketValue = (bucket: number) => (bucket <= 0 ? 0 : R ** (bucket - 0.5));

/** Sparse counts: bucket (or hour) → count, as stored (JSON objects, keys as strings). */
export type Counts = Record<string, number>;

/** Add `source` into `target` key by key (times `sign`). */
export function addInto(target: Counts, source: Readonly<Counts>, sign = 1): Counts {
  for (const key in source) target[key] = (target[key] ?? 0) + sign * source[key]!;
  return target;
}

/** The counts without keys that came to zero. */
export function pruned(counts: Counts): Counts {
  const out: Counts = {};
  for (const key in counts) if (counts[key] !== 0) out[key] = counts[key]!;
  return out;
}

/** percentile_cont over sorted values (linear interpolation between the closest ranks). */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Non-empty buckets in ascending order. */
const bucketsOf = (hist: Readonly<Counts>) =>
  Object.keys(hist).map(Number).filter((b) => (hist[b] ?? 0) > 0).sort((a, b) => a - b);

/** The value of the `rank`-th smallest duration (0-based) as its bucket's middle. */
function valueAtRank(hist: Readonly<Counts>, buckets: number[], rank: number): number {
  let seen = 0;
  for (const b of buckets) {
    seen += hist[b]!;
    if (seen > rank) return bucketValue(b);
  }
  return bucketValue(buckets.at(-1) ?? 0);
}

/** percentile_cont estimated from a histogram (see the error bound above); null when empty. */
export function percentileOfHistogram(hist: Readonly<Counts>, p: number): number | null {
  const buckets = bucketsOf(hist);
  const n = buckets.reduce((a, b) => a + hist[b]!, 0);
  if (n <= 0) return null;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = valueAtRank(hist, buckets, lo);
  const b = hi === lo ? a : valueAtRank(hist, buckets, hi);
  return a + (pos - lo) * (b - a);
}

/** A histogram of durations (seconds). */
export function histogramOf(seconds: Iterable<number>): Counts {
  const hist: Counts = {};
  for (const s of seconds) {
    const b = bucketOf(s);
    hist[b] = (hist[b] ?? 0) + 1;
  }
  return hist;
}
