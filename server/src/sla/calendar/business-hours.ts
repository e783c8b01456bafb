/**
 * Business-time arithmetic for SLA timers: weekly opening hours in a time zone, minus holidays.
 *
 * Instants are UTC (Date or epoch ms); opening hours are wall-clock times in the schedule's zone,
 * converted per local day with Intl, so zones with daylight saving work. Each local day's open
 * intervals are computed once and cached per schedule object: treat schedules as immutable.
 *
 * Wall times that do not exist (a DST gap) move forward by the gap; wall times that happen twice
 * (DST fall-back) take the first occurrence — the same rule as Temporal's 'compatible'.
 */
import {
  holidayOn,
  validateHolidayOptions,
  workingDayOverride,
  type CalendarIssue,
  type HolidayOptions,
  type Weekday,
} from './holidays.ts';

export interface OpeningInterval {
  day: Weekday; // 0 = Sunday
  open: string; // 'HH:MM'
  close: string; // 'HH:MM', '24:00' allowed
}

export interface Schedule {
  timeZone: string; // IANA, e.g. 'Asia/Ho_Chi_Minh'
  /** Several intervals per day are allowed (a lunch break is two intervals); a missing day is closed. */
  week: readonly OpeningInterval[];
  /** Closed days. Omitted: Vietnam's statutory holidays with default options. `{ statutory: false }`: none. */
  holidays?: HolidayOptions;
  /** Open every instant, holidays included: business time equals elapsed time. */
  alwaysOpen?: boolean;
}

export type Instant = Date | number;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Closed stretches longer than this mean "never opens again" (guards the loops). */
const MAX_CLOSED_DAYS = 3 * 366;
const DAY_CACHE_LIMIT = 20_000;

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset (ms, east positive) at instant `t`. */
function offsetAt(timeZone: string, t: number): number {
  const fields: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t)) if (p.type !== 'literal') fields[p.type] = Number(p.value);
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The instant of wall-clock time `wall` (local time expressed as if it were UTC ms). */
function wallToInstant(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(timeZone, early) === before;
  const lateValid = offsetAt(timeZone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late); // fall-back overlap: first occurrence
  if (lateValid) return late;
  return early; // valid, or in a spring-forward gap: the pre-transition offset moves it past the gap
}

/** Local calendar day (days since 1970-01-01 in the zone) containing instant `t`. */
function localDay(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

function isValidTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation and compilation

const HHMM = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight, or null when malformed. '24:00' only when `allow24`. */
function parseClock(value: unknown, allow24: boolean): number | null {
  const m = typeof value === 'string' ? HHMM.exec(value) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && (!allow24 || min !== 0))) return null;
  return h * 60 + min;
}

/** Everything wrong with a schedule, as `{ path, message }` (empty when valid). */
export function validateSchedule(schedule: Schedule): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!isValidTimeZone(schedule.timeZone)) {
    issues.push({ path: 'timeZone', message: `unknown time zone '${String(schedule.timeZone)}' (use an IANA name such as Asia/Ho_Chi_Minh)` });
  }
  const perDay = new Map<number, Array<{ open: number; close: number; index: number }>>();
  schedule.week.forEach((iv, index) => {
    const path = `week[${index}]`;
    const okDay = Number.isInteger(iv.day) && iv.day >= 0 && iv.day <= 6;
    if (!okDay) issues.push({ path: `${path}.day`, message: 'day must be 0 (Sunday) to 6 (Saturday)' });
    const open = parseClock(iv.open, false);
    const close = parseClock(iv.close, true);
    if (open === null) issues.push({ path: `${path}.open`, message: `'${String(iv.open)}' is not a time from 00:00 to 23:59` });
    if (close === null) issues.push({ path: `${path}.close`, message: `'${String(iv.close)}' is not a time from 00:00 to 24:00` });
    if (open === null || close === null || !okDay) return;
    if (close <= open) {
      issues.push({ path, message: `closes (${iv.close}) at or before it opens (${iv.open}); split overnight hours across two days` });
      return;
    }
    const list = perDay.get(iv.day) ?? [];
    list.push({ open, close, index });
    perDay.set(iv.day, list);
  });
  for (const list of perDay.values()) {
    list.sort((a, b) => a.open - b.open);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.open < list[i - 1]!.close) {
        issues.push({ path: `week[${list[i]!.index}]`, message: `overlaps week[${list[i - 1]!.index}] on the same day` });
      }
    }
  }
  if (schedule.holidays) issues.push(...validateHolidayOptions(schedule.holidays));
  return issues;
}

interface Compiled {
  timeZone: string;
  alwaysOpen: boolean;
  /** Per weekday: sorted [open, close] minute pairs. */
  week: Array<Array<[number, number]>>;
  hasHours: boolean;
  holidays: HolidayOptions | undefined;
  /** Local day → flat [start, end, start, end…] instants. */
  days: Map<number, number[]>;
}

const compiled = new WeakMap<Schedule, Compiled>();
const NO_INTERVALS: number[] = [];

function compile(schedule: Schedule): Compiled {
  const hit = compiled.get(schedule);
  if (hit) return hit;
  const issues = validateSchedule(schedule);
  if (issues.length > 0) {
    throw new RangeError(`Invalid schedule: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  const week: Array<Array<[number, number]>> = Array.from({ length: 7 }, () => []);
  for (const iv of schedule.week) week[iv.day]!.push([parseClock(iv.open, false)!, parseClock(iv.close, true)!]);
  for (const day of week) day.sort((a, b) => a[0] - b[0]);
  const c: Compiled = {
    timeZone: schedule.timeZone,
    alwaysOpen: schedule.alwaysOpen === true,
    week,
    hasHours: week.some((d) => d.length > 0),
    holidays: schedule.holidays,
    days: new Map(),
  };
  compiled.set(schedule, c);
  return c;
}

function dayKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Open intervals of one local day as UTC instants, computed once per schedule and day. */
function intervalsOf(c: Compiled, day: number): number[] {
  const cached = c.days.get(day);
  if (cached) return cached;
  let weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const key = dayKeyOf(day);
  const override = workingDayOverride(key, c.holidays);
  if (override !== undefined) weekday = override;
  else if (holidayOn(key, c.holidays)) weekday = -1;
  const spec = c.week[weekday] ?? [];
  let out = NO_INTERVALS;
  if (spec.length > 0) {
    out = [];
    const midnight = day * DAY_MS;
    // Same offset a day either side: no transition near this day, so every wall time maps directly.
    const offset = offsetAt(c.timeZone, midnight - DAY_MS);
    const steady = offset === offsetAt(c.timeZone, midnight + 2 * DAY_MS);
    const toInstant = (min: number) =>
      steady ? midnight + min * MINUTE_MS - offset : wallToInstant(c.timeZone, midnight + min * MINUTE_MS);
    for (const [open, close] of spec) {
      const last = out.length > 0 ? out[out.length - 1]! : -Infinity;
      const start = Math.max(toInstant(open), last); // a DST gap can make converted intervals overlap
      const end = toInstant(close);
      if (end <= start) continue;
      if (start === last) out[out.length - 1] = end;
      else out.push(start, end);
    }
  }
  if (c.days.size >= DAY_CACHE_LIMIT) c.days.clear();
  c.days.set(day, out);
  return out;
}

function toMs(t: Instant, name: string): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid instant`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Queries

export function isOpenAt(schedule: Schedule, at: Instant): boolean {
  const c = compile(schedule);
  const t = toMs(at, 'at');
  if (c.alwaysOpen) return true;
  if (!c.hasHours) return false;
  const today = localDay(c.timeZone, t);
  for (let day = today - 1; day <= today; day++) {
    const iv = intervalsOf(c, day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= t && t < iv[i + 1]!) return true;
  }
  return false;
}

/** The first open instant at or after `at` (`at` itself when open); null when the schedule never opens. */
export function nextOpening(schedule: Schedule, at: Instant): Date | null {
  const c = compile(schedule);
  const t = toMs(at, 'at');
  if (c.alwaysOpen) return new Date(t);
  if (!c.hasHours) return null;
  const first = localDay(c.timeZone, t) - 1;
  for (let day = first; day - first <= MAX_CLOSED_DAYS; day++) {
    const iv = intervalsOf(c, day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i + 1]! > t) return new Date(Math.max(iv[i]!, t));
  }
  return null;
}

/**
 * The earliest instant by which `ms` of business time have elapsed since `start` (an SLA due time).
 * `ms` = 0 gives `start`; a target that exactly fills an interval ends at its close, not at the next
 * opening. Null when the schedule never (or, past a three-year closure, no longer) opens.
 */
export function addBusinessTime(schedule: Schedule, start: Instant, ms: number): Date | null {
  const c = compile(schedule);
  const t0 = toMs(start, 'start');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`business time must be a finite, non-negative number of ms, got ${ms}`);
  if (c.alwaysOpen || ms === 0) return new Date(t0 + ms);
  if (!c.hasHours) return null;
  let remaining = ms;
  let cursor = t0;
  let closedDays = 0;
  for (let day = localDay(c.timeZone, t0) - 1; closedDays <= MAX_CLOSED_DAYS; day++) {
    const iv = intervalsOf(c, day);
    let used = false;
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= cursor) continue;
      const from = Math.max(iv[i]!, cursor);
      if (end - from >= remaining) return new Date(from + remaining);
      remaining -= end - from;
      cursor = end;
      used = true;
    }
    closedDays = used ? 0 : closedDays + 1;
  }
  return null;
}

/** Business time (ms) inside [a, b); 0 when b ≤ a. Inverse of {@link addBusinessTime}. */
export function businessTimeBetween(schedule: Schedule, a: Instant, b: Instant): number {
  const c = compile(schedule);
  const from = toMs(a, 'a');
  const to = toMs(b, 'b');
  if (to <= from) return 0;
  if (c.alwaysOpen) return to - from;
  if (!c.hasHours) return 0;
  let total = 0;
  let cursor = from;
  const lastDay = localDay(c.timeZone, to);
  for (let day = localDay(c.timeZone, from) - 1; day <= lastDay; day++) {
    const iv = intervalsOf(c, day);
    for (let i = 0; i < iv.length; i += 2) {
      const lo = Math.max(iv[i]!, cursor);
      const hi = Math.min(iv[i + 1]!, to);
      if (hi > lo) {
        total += hi - lo;
        cursor = hi;
      }
    }
  }
  return total;
}

/** One local date's open intervals (after holidays and working-day overrides), e.g. for "today's hours". */
export function openingHoursOn(schedule: Schedule, date: string): Array<{ start: Date; end: Date }> {
  const c = compile(schedule);
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  if (!Number.isFinite(day)) throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  if (c.alwaysOpen) {
    const start = wallToInstant(c.timeZone, day * DAY_MS);
    return [{ start: new Date(start), end: new Date(wallToInstant(c.timeZone, (day + 1) * DAY_MS)) }];
  }
  const iv = intervalsOf(c, day);
  const out: Array<{ start: Date; end: Date }> = [];
  for (let i = 0; i < iv.length; i += 2) out.push({ start: new Date(iv[i]!), end: new Date(iv[i + 1]!) });
  return out;
}
