/** One bar of a histogram: values in [from, to), the last bar also takes `to`. */
export interface Bin { from: number; to: number; count: number }

/** A step of 1, 2, 2.5 or 5 × 10^k at least `raw`, so bin edges are round numbers. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw - 1e-12 * power) return m * power;
  return 10 * power;
}

/** Counts of the finite values in about `target` equal bins with round edges; [] when there are none. */
export function histogram(values: readonly (number | null | undefined)[], target = 12): Bin[] {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min === max) return [{ from: min, to: max, count: xs.length }];
  const step = niceStep((max - min) / Math.max(1, target));
  const start = Math.floor(min / step) * step;
  const count = Math.max(1, Math.ceil((max - start) / step - 1e-9));
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({ from: start + i * step, to: start + (i + 1) * step, count: 0 }));
  for (const x of xs) bins[Math.min(count - 1, Math.floor((x - start) / step))]!.count++;
  return bins;
}
