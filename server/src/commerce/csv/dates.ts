/**
 * Dates in order exports. Shopify writes `2026-05-01 10:00:00 +0200`; WooCommerce writes site-local
 * times without an offset (channels.md §8.2), and Excel may rewrite either as `01/05/2026 10:00`.
 * Offset-less values are wall-clock times in the shop's zone, converted with Intl so zones with
 * daylight saving time work too (vietnam.md §3: Asia/Ho_Chi_Minh has none, but shops abroad do).
 */
export interface ParsedDate {
  date: Date;
  /** Set when the reading is a guess (day/month order). */
  warning?: string;
}

const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|SA|CH)?)?$/i;

/** Throws RangeError for a zone Intl does not know, so options are checked before reading a file. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Parse a CSV date cell; offset-less values are read in `timeZone`. Null when unreadable. */
export function parseCsvDate(raw: string, timeZone: string): ParsedDate | null {
  const s = raw.trim();
  let m = iso.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
    const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
    const wall = wallClock(+y!, +mo!, +d!, +h, +mi, +sec, ms);
    if (wall === null) return null;
    if (zone === undefined) return { date: new Date(zonedWallToUtc(wall, timeZone)) };
    return { date: new Date(wall - offsetOfSuffix(zone)) };
  }
  m = slashed.exec(s);
  if (!m) return null;
  const [, a, b, y, h = '0', mi = '0', sec = '0', half] = m;
  let day = +a!;
  let month = +b!;
  let warning: string | undefined;
  if (month > 12 && day <= 12) [day, month] = [month, day]; // only month/day order fits (US Excel)
  else if (day <= 12 && month <= 12 && day !== month) warning = `ambiguous_date: "${s}" read as day/month (vi-VN)`;
  let hour = +h;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    const pm = /^(PM|CH)$/i.test(half);
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const wall = wallClock(+y!, month, day, hour, +mi, +sec, 0);
  if (wall === null) return null;
  const date = new Date(zonedWallToUtc(wall, timeZone));
  return warning ? { date, warning } : { date };
}

/** Wall-clock fields as a UTC timestamp, or null if any field is out of range (no rollover, no year < 1900). */
function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : null;
}

function offsetOfSuffix(zone: string): number {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's UTC offset (ms) at an instant. Cached per 15-minute bucket: since 1970 every zone
 * changes offset on a quarter hour, and one import hits the same few buckets again and again.
 */
export function zoneOffsetAt(utcMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(utcMs / 900_000);
  const cacheable = utcMs >= 0;
  if (cacheable) {
    const hit = cache.get(bucket);
    if (hit !== undefined) return hit;
  }
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  const base = Math.floor(utcMs / 1000) * 1000;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = asUtc - base;
  if (cacheable) {
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

/**
 * The instant when the clocks in `timeZone` show `wall` (wall-clock fields encoded as UTC ms).
 * Like Temporal's "compatible": a time skipped by a spring-forward gap moves forward by the gap,
 * and a time that occurs twice (fall back) is the earlier of the two.
 */
export function zonedWallToUtc(wall: number, timeZone: string): number {
  const day = 86_400_000;
  const before = zoneOffsetAt(wall - day, timeZone);
  const after = zoneOffsetAt(wall + day, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t, i) => zoneOffsetAt(t, timeZone) === (i === 0 ? before : after));
  if (candidates.length === 0) return wall - before; // in the gap
  return Math.min(...candidates);
}
