/**
 * Wall-clock arithmetic in the workspace time zone (Asia/Ho_Chi_Minh by default) without a date
 * library: snooze presets such as "tomorrow 9:00" mean 9:00 where the shop is, not where the browser is.
 */
export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partsCache.set(timeZone, format);
  }
  return format;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(date: Date, timeZone: string): WallClock & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: Math.max(0, weekdays.indexOf(parts.weekday ?? 'Sun')),
  };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows the given local date and time. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

/** Local date `days` after today in the zone, at hour:minute. */
export function daysFromToday(days: number, hour: number, minute: number, timeZone: string, now = new Date()): Date {
  const c = wallClock(now, timeZone);
  return zonedInstant(c.year, c.month, c.day + days, hour, minute, timeZone);
}

/** Next Monday (never today) at hour:minute in the zone. */
export function nextMonday(hour: number, minute: number, timeZone: string, now = new Date()): Date {
  const c = wallClock(now, timeZone);
  const ahead = ((8 - c.weekday) % 7) || 7;
  return zonedInstant(c.year, c.month, c.day + ahead, hour, minute, timeZone);
}

/** `yyyy-MM-ddTHH:mm` (a datetime-local input value) read as wall time in the zone. */
export function parseLocalInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return zonedInstant(y, mo, d, h, mi, timeZone);
}

export function toLocalInput(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}
