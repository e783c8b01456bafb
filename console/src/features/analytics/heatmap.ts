import type { CohortRow } from '@careloop/contracts';

/** What the cohort table shows per month after the first purchase. */
export const cohortMetrics = ['retention', 'cumulative', 'revenueRetention'] as const;
export type CohortMetric = (typeof cohortMetrics)[number];

export const cohortValues = (row: CohortRow, metric: CohortMetric): (number | null)[] => row[metric];

/** The largest value shown, so colours use the whole scale; null when there is nothing to colour. */
export function scaleMax(rows: readonly CohortRow[], metric: CohortMetric): number | null {
  let max: number | null = null;
  for (const row of rows) {
    for (const v of row[metric]) if (v !== null && Number.isFinite(v) && v > 0 && (max === null || v > max)) max = v;
  }
  return max;
}

/** 0 … 1 of the colour scale; values above `max` (or below 0) are clamped. */
export function heatIntensity(value: number | null, max: number | null): number {
  if (value === null || !Number.isFinite(value) || max === null || max <= 0) return 0;
  return Math.max(0, Math.min(1, value / max));
}

/**
 * The cell's colours: one hue (indigo) from near-white to dark, so the scale also reads in grey; text turns
 * white on the darker half to keep contrast. An empty cell (no value yet) has no background.
 */
export function heatColor(value: number | null, max: number | null): { background: string; color: string } {
  if (value === null || !Number.isFinite(value)) return { background: 'transparent', color: 'var(--mantine-color-dimmed)' };
  const t = heatIntensity(value, max);
  const lightness = Math.round(97 - t * 62);
  return { background: `hsl(231, 62%, ${lightness}%)`, color: lightness < 60 ? '#ffffff' : '#1a1b1e' };
}

/** Months after the first purchase that any cohort reaches: the table's columns. */
export const cohortWidth = (rows: readonly CohortRow[]): number => Math.max(0, ...rows.map((r) => r.retention.length));
