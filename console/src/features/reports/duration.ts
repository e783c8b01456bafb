import type { TFunction } from 'i18next';
import type { DurationStats } from '@careloop/contracts';
import type { HoursMode } from './filters.ts';

/** Units a report duration is written in, largest first; labels are `reports.units.<unit>` ("{{n}} phút" / "{{n}}m"). */
const units = [['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]] as const;
type Unit = (typeof units)[number][0];

/**
 * A duration as precise as a report needs it: the two largest units that apply, e.g. 252 → [4 min, 12 s],
 * 3 900 → [1 h, 5 min], 183 600 → [2 d, 3 h]; a zero second unit is left out (240 → [4 min]).
 */
export function durationParts(totalSeconds: number): { unit: Unit; n: number }[] {
  let left = Math.max(0, Math.round(totalSeconds));
  const first = units.findIndex(([, size]) => left >= size);
  if (first === -1) return [{ unit: 'second', n: 0 }];
  const parts: { unit: Unit; n: number }[] = [];
  for (const [unit, size] of units.slice(first, first + 2)) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0 || parts.length === 0) parts.push({ unit, n });
  }
  return parts;
}

/** "4 phút 12 giây" / "4m 12s"; a dash when there is nothing measured. */
export function durationText(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return durationParts(seconds).map((p) => t(`reports.units.${p.unit}`, { n: p.n })).join(' ');
}

/** Median, p90 and mean in the chosen hours (business hours are the team's, else the shop's opening hours). */
export function pick(stats: DurationStats, hours: HoursMode): { median: number | null; p90: number | null; mean: number | null } {
  return hours === 'business'
    ? { median: stats.businessMedian, p90: stats.businessP90, mean: stats.businessMean }
    : { median: stats.median, p90: stats.p90, mean: stats.mean };
}
