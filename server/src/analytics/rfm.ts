import type { SegmentName } from '@careloop/contracts';

/**
 * RFM scores and segments (retention spec §9). Ties always share a score: R and M are tie-aware
 * quintiles, F uses fixed thresholds because most shop customers buy once and quintiles of F
 * degenerate.
 */
export interface RfmInput { daysSinceLast: number; occasions: number; revenue: number }
export interface RfmScore { r: number; f: number; m: number; segment: SegmentName }

/** F thresholds: 1 → 1, 2 → 2, 3 → 3, 4–5 → 4, ≥ 6 → 5. */
export const frequencyScore = (occasions: number): number => (occasions >= 6 ? 5 : occasions >= 4 ? 4 : Math.max(1, Math.min(3, occasions)));

/** Rows of the grid are R = 5 … 1, columns F = 1 … 5. */
const grid: SegmentName[][] = [
  ['new', 'potential', 'potential', 'champions', 'champions'],
  ['promising', 'potential', 'potential', 'loyal', 'loyal'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
];
export const segmentOf = (r: number, f: number): SegmentName => grid[5 - r]![f - 1]!;

/**
 * `ceil(5 · (#{j : worse_j than i} + 1) / N)` for every i, in O(N log N): `better(a, b) > 0` when a
 * scores higher than b. Equal values get equal scores.
 */
function tieAwareQuintiles<T>(items: T[], value: (t: T) => number, higherIsBetter: boolean): number[] {
  const n = items.length;
  const order = items.map((_, i) => i).sort((i, j) => (higherIsBetter ? value(items[i]!) - value(items[j]!) : value(items[j]!) - value(items[i]!)));
  const scores = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && value(items[order[end + 1]!]!) === value(items[order[start]!]!)) end++;
    // `start` items are strictly worse than this run of equal values.
    const score = Math.ceil((5 * (start + 1)) / n);
    for (let k = start; k <= end; k++) scores[order[k]!] = score;
    start = end + 1;
  }
  return scores;
}

export function scoreRfm(customers: RfmInput[]): RfmScore[] {
  const r = tieAwareQuintiles(customers, (c) => c.daysSinceLast, false);
  const m = tieAwareQuintiles(customers, (c) => c.revenue, true);
  return customers.map((c, i) => {
    const f = frequencyScore(c.occasions);
    return { r: r[i]!, f, m: m[i]!, segment: segmentOf(r[i]!, f) };
  });
}

/** VIP = the top 20 % of customers by value (`k = ⌈0.2·N⌉`, ties broken by the given order). */
export function topShare<T>(items: T[], value: (t: T) => number, share = 0.2): Set<T> {
  const k = Math.ceil(share * items.length);
  return new Set([...items].sort((a, b) => value(b) - value(a)).slice(0, k));
}
