import type { BusinessHoursInput } from '@careloop/contracts';

/**
 * Business hours as the editor changes them: `week` is one flat list of intervals (day 0 = Sunday), a
 * day with none is closed, and a day may have several (a lunch break is two intervals). Pure helpers,
 * so the editor's changes are tested without a DOM.
 */
export type BusinessHours = BusinessHoursInput;
export type Interval = BusinessHours['week'][number];
export type CustomDay = BusinessHours['holidays']['custom'][number];

/** Monday first, as Vietnamese calendars show the week. */
export const weekOrder = [1, 2, 3, 4, 5, 6, 0] as const;

const pad = (n: number) => String(n).padStart(2, '0');
/** Every quarter hour of a day; closing times may also be 24:00 (open until midnight). */
export const openChoices = Array.from({ length: 96 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`);
export const closeChoices = [...openChoices.slice(1), '24:00'];

/** Mondays to Fridays 08:00–17:30 with a lunch break, Saturdays mornings: what a new team starts from. */
export const defaultHours: BusinessHours = {
  timeZone: 'Asia/Ho_Chi_Minh',
  week: [1, 2, 3, 4, 5].flatMap((day) => [{ day, open: '08:00', close: '12:00' }, { day, open: '13:30', close: '17:30' }]).concat([{ day: 6, open: '08:00', close: '12:00' }]),
  alwaysOpen: false,
  holidays: { statutory: true, custom: [] },
};

/** The intervals of one day with their index in `week`, earliest first. */
export function intervalsOf(hours: BusinessHours, day: number): { index: number; interval: Interval }[] {
  return hours.week
    .map((interval, index) => ({ index, interval }))
    .filter((x) => x.interval.day === day)
    .sort((a, b) => a.interval.open.localeCompare(b.interval.open));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => (m >= 24 * 60 ? '24:00' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

/** Another interval on a day: after the last one (a 1 h break, then until 4 h later or midnight), else 08:00–17:00. */
export function addInterval(hours: BusinessHours, day: number): BusinessHours {
  const last = intervalsOf(hours, day).at(-1)?.interval;
  let next: Interval = { day, open: '08:00', close: '17:00' };
  if (last) {
    const from = minutes(last.close) + 60;
    if (from >= 24 * 60) return hours;
    next = { day, open: hhmm(from), close: hhmm(Math.min(24 * 60, from + 4 * 60)) };
  }
  return { ...hours, week: [...hours.week, next] };
}

export function removeInterval(hours: BusinessHours, index: number): BusinessHours {
  return { ...hours, week: hours.week.filter((_, i) => i !== index) };
}

export function updateInterval(hours: BusinessHours, index: number, patch: Partial<Pick<Interval, 'open' | 'close'>>): BusinessHours {
  return { ...hours, week: hours.week.map((x, i) => (i === index ? { ...x, ...patch } : x)) };
}

/** Monday's intervals on every other working day (Tuesday to Friday), replacing theirs. */
export function copyToWeekdays(hours: BusinessHours, from = 1): BusinessHours {
  const source = intervalsOf(hours, from).map((x) => x.interval);
  const targets = [1, 2, 3, 4, 5].filter((d) => d !== from);
  const kept = hours.week.filter((x) => !targets.includes(x.day));
  return { ...hours, week: [...kept, ...targets.flatMap((day) => source.map((x) => ({ ...x, day })))] };
}

/**
 * The intervals the server would refuse or that make no sense: closing not after opening (the server's
 * rule), or overlapping another interval of the same day. Indexes into `week`.
 */
export function invalidIntervals(hours: BusinessHours): Set<number> {
  const bad = new Set<number>();
  hours.week.forEach((x, i) => {
    if (x.close !== '24:00' && x.close <= x.open) bad.add(i);
  });
  for (const day of weekOrder) {
    const list = intervalsOf(hours, day);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1]!;
      if (minutes(list[k]!.interval.open) < minutes(prev.interval.close)) bad.add(list[k]!.index);
    }
  }
  return bad;
}

/** A closed day (a shop holiday) or an extra working day, dated today in the zone unless given. */
export function newCustomDay(date: string, workingDay: boolean): CustomDay {
  return workingDay ? { date, workingDay: true } : { date, name: '', yearly: false };
}

export function setCustomDay(hours: BusinessHours, index: number, patch: Partial<CustomDay>): BusinessHours {
  const custom = hours.holidays.custom.map((d, i) => (i === index ? { ...d, ...patch } : d));
  return { ...hours, holidays: { ...hours.holidays, custom } };
}

/** Custom days without empty names (the API keeps `name` optional), sorted by date. */
export function cleanHours(hours: BusinessHours): BusinessHours {
  const custom = hours.holidays.custom
    .map(({ name, ...rest }) => (name?.trim() ? { ...rest, name: name.trim() } : rest))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { ...hours, holidays: { ...hours.holidays, custom } };
}

/** Zones the browser knows, the workspace's usual one first; a stored zone is always offered. */
export function timeZoneChoices(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const first = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Asia/Singapore', 'UTC'];
  return [...new Set([current, ...first, ...zones])].filter(Boolean);
}
