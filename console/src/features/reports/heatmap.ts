/** The hour-of-week grid: 7 rows (Monday first, as the server sends them) × 24 hours in the shop's zone. */

/** The largest count in the grid (0 when empty), so shades use the whole scale. */
export function gridMax(grid: readonly (readonly number[])[]): number {
  let max = 0;
  for (const row of grid) for (const v of row) if (Number.isFinite(v) && v > max) max = v;
  return max;
}

export const gridTotal = (grid: readonly (readonly number[])[]): number => grid.reduce((n, row) => n + row.reduce((a, b) => a + b, 0), 0);

/**
 * A cell's colours: one hue from white to dark teal so the scale also reads in grey; the text turns white
 * on the darker half to keep contrast; zero stays blank.
 */
export function cellColor(value: number, max: number): { background: string; color: string } {
  if (!(value > 0) || max <= 0) return { background: 'transparent', color: 'var(--mantine-color-gray-5)' };
  const t = Math.min(1, value / max);
  const lightness = Math.round(95 - t * 62);
  return { background: `hsl(174, 58%, ${lightness}%)`, color: lightness < 58 ? '#ffffff' : '#1a1b1e' };
}

/** The busiest hour of the week (weekday 0 = Monday), or null when nothing happened. */
export function peakOf(grid: readonly (readonly number[])[]): { weekday: number; hour: number; value: number } | null {
  let best: { weekday: number; hour: number; value: number } | null = null;
  grid.forEach((row, weekday) => row.forEach((value, hour) => {
    if (value > 0 && (!best || value > best.value)) best = { weekday, hour, value };
  }));
  return best;
}
