/**
 * Local calendar days and hours in a time zone, as plain integers: a "day" is the number of days
 * since 1970-01-01 on the zone's calendar, a "slot" the number of local hours since then. Offsets
 * are looked up with Intl once per UTC hour and cached, so a refresh of thousands of messages
 * costs a few map lookups each.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's offset from UTC (ms, east positive) at `ms`, read at the start of its UTC hour: a
 * daylight-saving change inside an hour (rare: most happen on the hour) moves to that hour's start.
 */
export function offsetAt(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const at = hour * HOUR_MS;
  const fields: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') fields[p.type] = Number(p.value);
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  const offset = wall - at;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export const localDayOf = (timeZone: string, ms: number) => Math.floor((ms + offsetAt(timeZone, ms)) / DAY_MS);
export const localSlotOf = (timeZone: string, ms: number) => Math.floor((ms + offsetAt(timeZone, ms)) / HOUR_MS);
export const slotDay = (slot: number) => Math.floor(slot / 24);
export const slotHour = (slot: number) => ((slot % 24) + 24) % 24;

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

export const dayKey = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOfKey = (key: string) => Math.round(Date.parse(`${key}T00:00:00Z`) / DAY_MS);

/** `YYYY-MM-DD HH:MM:SS` on the zone's clock (spreadsheets read it as a date and time). */
export function formatLocal(timeZone: string, at: Date | null): string {
  if (!at) return '';
  const ms = at.getTime();
  return new Date(ms + offsetAt(timeZone, ms)).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant a local day starts (its midnight in the zone), for live queries by day. */
export function startOfLocalDay(timeZone: string, day: number): Date {
  const wall = day * DAY_MS;
  let t = wall - offsetAt(timeZone, wall);
  t = wall - offsetAt(timeZone, t);
  return new Date(t);
}
