import type { DurationStats, SlaCompliance } from '@careloop/contracts';
import { addInto, percentileCont, percentileOfHistogram, type Counts } from './histogram.ts';
import { arrayNames, counterNames, type ArrayName, type Counter } from './rollup.ts';
import type { DailyRow } from './store-read.ts';

/**
 * Up to this many durations in a range are read one by one and their percentiles are exact;
 * beyond, they come from the summed histograms (within ±9.05 %, reports/histogram.ts).
 */
export const EXACT_LIMIT = 5_000;

export interface Sample { seconds: number; business_seconds: number }
export type Totals = Record<Counter, number> & Record<ArrayName, Counts>;

const tenth = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const ascending = (a: number, b: number) => a - b;

export function emptyTotals(): Totals {
  const t = {} as Totals;
  for (const c of counterNames) t[c] = 0;
  for (const a of arrayNames) t[a] = {};
  return t;
}

/** Add rollup rows into totals (only the columns they carry). */
export function addRow(t: Totals, row: DailyRow): Totals {
  for (const c of counterNames) if (row[c] !== undefined) t[c] += Number(row[c]);
  for (const a of arrayNames) if (row[a]) addInto(t[a], row[a]!);
  return t;
}

export const sumRows = (rows: readonly DailyRow[]) => rows.reduce(addRow, emptyTotals());

/** Group rows by a key and sum each group. */
export function sumBy<K>(rows: readonly DailyRow[], key: (row: DailyRow) => K): Map<K, Totals> {
  const out = new Map<K, Totals>();
  for (const row of rows) {
    const k = key(row);
    let t = out.get(k);
    if (!t) out.set(k, (t = emptyTotals()));
    addRow(t, row);
  }
  return out;
}

/**
 * Median, p90 and mean of `n` durations: exact from `samples` when they are all there, else from
 * the calendar and business histograms. Means are exact either way (from the sums).
 */
export function durationStats(n: number, sum: number, bsum: number, hist: Readonly<Counts>, histB: Readonly<Counts>, samples: readonly Sample[] | null): DurationStats {
  if (n <= 0) return { count: 0, median: null, p90: null, mean: null, businessMedian: null, businessP90: null, businessMean: null, exact: true };
  const mean = tenth(sum / n);
  const businessMean = tenth(bsum / n);
  if (samples && samples.length === n) {
    const s = samples.map((x) => x.seconds).sort(ascending);
    const b = samples.map((x) => x.business_seconds).sort(ascending);
    return {
      count: n, median: tenth(percentileCont(s, 0.5)), p90: tenth(percentileCont(s, 0.9)), mean,
      businessMedian: tenth(percentileCont(b, 0.5)), businessP90: tenth(percentileCont(b, 0.9)), businessMean, exact: true,
    };
  }
  return {
    count: n, median: tenth(percentileOfHistogram(hist, 0.5)), p90: tenth(percentileOfHistogram(hist, 0.9)), mean,
    businessMedian: tenth(percentileOfHistogram(histB, 0.5)), businessP90: tenth(percentileOfHistogram(histB, 0.9)), businessMean, exact: false,
  };
}

export const compliance = (met: number, missed: number): SlaCompliance =>
  ({ met, missed, rate: met + missed > 0 ? Math.round((met / (met + missed)) * 10_000) / 10_000 : null });
