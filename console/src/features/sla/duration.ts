import type { TFunction } from 'i18next';

/** Units a duration is written in, largest first; labels are `sla.units.<unit>` ("{{n}} phút" / "{{n}} min"). */
export const durationUnits = ['day', 'hour', 'minute', 'second'] as const;
export type DurationUnit = (typeof durationUnits)[number];
const unitSeconds: Record<DurationUnit, number> = { day: 86_400, hour: 3_600, minute: 60, second: 1 };

export interface DurationPart { unit: DurationUnit; n: number }

/** 5400 → [1 hour, 30 minutes]; every non-zero unit, largest first. 0 → [0 seconds]. */
export function durationParts(totalSeconds: number): DurationPart[] {
  let left = Math.max(0, Math.round(totalSeconds));
  const parts: DurationPart[] = [];
  for (const unit of durationUnits) {
    const n = Math.floor(left / unitSeconds[unit]);
    left -= n * unitSeconds[unit];
    if (n > 0) parts.push({ unit, n });
  }
  return parts.length ? parts : [{ unit: 'second', n: 0 }];
}

const join = (parts: DurationPart[], t: TFunction) => parts.map((p) => t(`sla.units.${p.unit}`, { n: p.n })).join(' ');

/** A policy target exactly: 600 → "10 phút", 3600 → "1 giờ", 30 → "30 giây", 5400 → "1 giờ 30 phút". */
export function durationText(seconds: number, t: TFunction): string {
  return join(durationParts(seconds), t);
}

/**
 * A countdown, as precise as it is useful: seconds only in the last ten minutes, then minutes, then
 * hours and minutes, then days and hours ("4 phút 12 giây", "34 phút", "3 giờ 5 phút", "2 ngày 3 giờ").
 * `seconds: false` leaves the seconds out once there is a minute ("Quá hạn 3 phút").
 */
export function countdownParts(totalSeconds: number, { seconds = true } = {}): DurationPart[] {
  const all = durationParts(totalSeconds);
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return all;
  const keep = (units: DurationUnit[]) => {
    const kept = all.filter((p) => units.includes(p.unit));
    return kept.length ? kept : [{ unit: units[units.length - 1]!, n: 0 }];
  };
  if (s < 600) return keep(seconds ? ['minute', 'second'] : ['minute']);
  if (s < 3_600) return keep(['minute']);
  if (s < 86_400) return keep(['hour', 'minute']);
  return keep(['day', 'hour']);
}

export function countdownText(totalSeconds: number, t: TFunction, opts: { seconds?: boolean } = {}): string {
  return join(countdownParts(totalSeconds, opts), t);
}
