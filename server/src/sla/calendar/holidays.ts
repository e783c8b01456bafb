/**
 * Vietnam's public holidays (Labour Code 2019, Art. 112; compensatory days per Art. 111(3)), plus a
 * workspace's own closed days and working-day swaps.
 *
 * The law fixes the rules but the Prime Minister picks the exact Tết days and the National Day's extra
 * day every year, and often swaps working days to make longer breaks. The defaults below follow the
 * law; per-year `tetDates`, `nationalDayExtraByYear` and `custom` entries carry each year's decision.
 */
import { dateKey, fromJulianDay, julianDay, lunarToSolar, tetDate } from './lunar.ts';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday
export type HolidayKind =
  | 'new_year'
  | 'tet'
  | 'hung_kings'
  | 'reunification'
  | 'labour_day'
  | 'national_day'
  | 'compensatory'
  | 'custom';

export interface LocalizedName {
  vi: string;
  en: string;
}

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: LocalizedName;
  kind: HolidayKind;
}

/** A workspace's own day: closed (default) or, with `workingDay`, open although it would be closed. */
export interface CustomDay {
  date: string; // YYYY-MM-DD; with `yearly`, only the month and day are used
  name?: string | LocalizedName;
  yearly?: boolean;
  /** Open this date even if it is a rest day or holiday (the government's "làm bù" Saturdays). */
  workingDay?: boolean;
  /** Whose opening hours a working day uses; default Monday (1). */
  hoursOf?: Weekday;
}

export type NationalDayExtra = 'before' | 'after' | 'bridge';

export interface HolidayOptions {
  /** Vietnam's statutory holidays; default true. False leaves only `custom` closed days. */
  statutory?: boolean;
  /** Tết break around mùng 1: `daysBefore` days before it and `daysAfter` days after it. Default 1 and 3 (5 days). */
  tet?: { daysBefore?: number; daysAfter?: number };
  /** The exact Tết break for a solar year, replacing the computed span. Taken as final: no compensatory days. */
  tetDates?: Record<number, string[]>;
  /**
   * Which neighbour of 2 Sep is the second National Day holiday (from 2021). 'bridge' (default) picks the
   * side that links the holiday to the weekend, which is what the government chose in 2021–2025.
   */
  nationalDayExtra?: NationalDayExtra;
  nationalDayExtraByYear?: Record<number, 'before' | 'after'>;
  /** Give a day off on the next working day when a statutory holiday falls on a weekly rest day; default true. */
  compensatory?: boolean;
  /** Weekly rest days for the compensatory rule; default [0] (Sunday, the Labour Code's usual rest day). */
  restDays?: Weekday[];
  custom?: CustomDay[];
}

export const defaultHolidayOptions: HolidayOptions = Object.freeze({});

const NAMES: Record<Exclude<HolidayKind, 'compensatory' | 'custom'>, LocalizedName> = {
  new_year: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên Đán', en: 'Lunar New Year (Tết)' },
  hung_kings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  reunification: { vi: 'Ngày Giải phóng miền Nam, thống nhất đất nước', en: 'Reunification Day' },
  labour_day: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  national_day: { vi: 'Quốc khánh', en: 'National Day' },
};
const CUSTOM_NAME: LocalizedName = { vi: 'Ngày nghỉ riêng', en: 'Closed day' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' strictly (rejects 2025-02-30). */
export function parseDateKey(key: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(key);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = fromJulianDay(julianDay(year, month, day));
  return back.year === year && back.month === month && back.day === day ? { year, month, day } : null;
}

function weekdayOf(jdn: number): Weekday {
  return ((jdn + 1) % 7) as Weekday; // JDN 0 was a Monday
}

function keyOf(jdn: number): string {
  return dateKey(fromJulianDay(jdn));
}

interface YearTable {
  holidays: Map<string, Holiday>;
  /** Working-day overrides: date → the weekday whose hours apply. */
  working: Map<string, Weekday>;
}

const tables = new WeakMap<HolidayOptions, Map<number, YearTable>>();

function customFor(year: number, options: HolidayOptions): { closed: Holiday[]; working: Map<string, Weekday> } {
  const closed: Holiday[] = [];
  const working = new Map<string, Weekday>();
  for (const c of options.custom ?? []) {
    const parsed = parseDateKey(c.date);
    if (!parsed || (!c.yearly && parsed.year !== year)) continue;
    const date = c.yearly ? `${year}-${c.date.slice(5)}` : c.date;
    if (c.yearly && !parseDateKey(date)) continue; // 29 Feb in a common year
    if (c.workingDay) {
      working.set(date, c.hoursOf ?? 1);
      continue;
    }
    const name = typeof c.name === 'string' ? { vi: c.name, en: c.name } : (c.name ?? CUSTOM_NAME);
    closed.push({ date, name, kind: 'custom' });
  }
  return { closed, working };
}

function statutoryFor(year: number, options: HolidayOptions): { days: Holiday[]; final: Set<string> } {
  const days: Holiday[] = [];
  const final = new Set<string>(); // dates the government already fixed: never compensated
  const add = (jdn: number, kind: Exclude<HolidayKind, 'compensatory' | 'custom'>) =>
    days.push({ date: keyOf(jdn), name: NAMES[kind], kind });

  add(julianDay(year, 1, 1), 'new_year');

  const explicitTet = options.tetDates?.[year];
  if (explicitTet) {
    for (const date of explicitTet) {
      if (!parseDateKey(date)) continue;
      days.push({ date, name: NAMES.tet, kind: 'tet' });
      final.add(date);
    }
  } else {
    const t = tetDate(year);
    const mung1 = julianDay(t.year, t.month, t.day);
    const before = options.tet?.daysBefore ?? 1;
    const after = options.tet?.daysAfter ?? 3;
    for (let d = mung1 - before; d <= mung1 + after; d++) add(d, 'tet');
  }

  // Giỗ Tổ Hùng Vương became a paid holiday in 2007. In a year with a leap 3rd month, the first 3rd month counts.
  if (year >= 2007) {
    const hung = lunarToSolar({ day: 10, month: 3, year, leap: false })!;
    add(julianDay(hung.year, hung.month, hung.day), 'hung_kings');
  }
  add(julianDay(year, 4, 30), 'reunification');
  add(julianDay(year, 5, 1), 'labour_day');

  const sep2 = julianDay(year, 9, 2);
  add(sep2, 'national_day');
  // The second National Day holiday exists since the 2019 Labour Code took effect (2021).
  if (year >= 2021) add(sep2 + (nationalDayExtraSide(year, options) === 'before' ? -1 : 1), 'national_day');

  return { days, final };
}

/**
 * 'bridge': pick the neighbour that closes the gap to the weekend (Tue → Mon, Thu → Fri, Fri/Sat → the day
 * before, Sun/Mon → the day after), so the extra day never lands on Saturday or Sunday. For a Wednesday,
 * neither side bridges; we take the day after.
 */
function nationalDayExtraSide(year: number, options: HolidayOptions): 'before' | 'after' {
  const explicit = options.nationalDayExtraByYear?.[year];
  if (explicit) return explicit;
  const mode = options.nationalDayExtra ?? 'bridge';
  if (mode !== 'bridge') return mode;
  const weekday = weekdayOf(julianDay(year, 9, 2));
  return weekday === 2 || weekday === 5 || weekday === 6 ? 'before' : 'after';
}

function buildYear(year: number, options: HolidayOptions): YearTable {
  const custom = customFor(year, options);
  const holidays = new Map<string, Holiday>();
  if (options.statutory !== false) {
    const { days, final } = statutoryFor(year, options);
    // When two statutory holidays share a date (Hùng Kings can meet 30/4), the first one listed names it.
    for (const h of days) if (!holidays.has(h.date)) holidays.set(h.date, h);
    if (options.compensatory !== false) addCompensatory(holidays, final, custom, options);
  }
  for (const h of custom.closed) if (!holidays.has(h.date)) holidays.set(h.date, h);
  for (const date of custom.working.keys()) holidays.delete(date);
  return { holidays, working: custom.working };
}

/** Art. 111(3): a holiday on a weekly rest day moves to the next working day that is not itself a day off. */
function addCompensatory(
  holidays: Map<string, Holiday>,
  final: Set<string>,
  custom: { closed: Holiday[]; working: Map<string, Weekday> },
  options: HolidayOptions,
): void {
  const rest = new Set<number>(options.restDays ?? [0]);
  const closedCustom = new Set(custom.closed.map((h) => h.date));
  // A working-day override is skipped too: it is the date an employer explicitly kept open.
  const isFreeWorkingDay = (jdn: number) => {
    const key = keyOf(jdn);
    return !holidays.has(key) && !closedCustom.has(key) && !custom.working.has(key) && !rest.has(weekdayOf(jdn));
  };
  const statutory = [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const h of statutory) {
    if (final.has(h.date) || custom.working.has(h.date)) continue;
    const p = parseDateKey(h.date)!;
    const jdn = julianDay(p.year, p.month, p.day);
    if (!rest.has(weekdayOf(jdn))) continue;
    let d = jdn + 1;
    while (!isFreeWorkingDay(d) && d - jdn < 31) d++; // bounded: restDays may list all seven days
    if (!isFreeWorkingDay(d)) continue;
    holidays.set(keyOf(d), {
      date: keyOf(d),
      name: { vi: `Nghỉ bù ${h.name.vi}`, en: `${h.name.en} (day off in lieu)` },
      kind: 'compensatory',
    });
  }
}

function yearTable(year: number, options: HolidayOptions): YearTable {
  let byYear = tables.get(options);
  if (!byYear) {
    byYear = new Map();
    tables.set(options, byYear);
  }
  let table = byYear.get(year);
  if (!table) {
    table = buildYear(year, options);
    byYear.set(year, table);
  }
  return table;
}

/**
 * The closed days of a solar year, sorted by date. Results are cached per options object, so treat
 * options as immutable (make a new object to change them).
 */
export function holidaysFor(year: number, options: HolidayOptions = defaultHolidayOptions): Holiday[] {
  return [...yearTable(year, options).holidays.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The holiday on a 'YYYY-MM-DD' date, if any. */
export function holidayOn(date: string, options: HolidayOptions = defaultHolidayOptions): Holiday | undefined {
  return yearTable(Number(date.slice(0, 4)), options).holidays.get(date);
}

export function isHoliday(date: string, options: HolidayOptions = defaultHolidayOptions): boolean {
  return yearTable(Number(date.slice(0, 4)), options).holidays.has(date);
}

/** For a working-day override, the weekday whose opening hours apply; otherwise undefined. */
export function workingDayOverride(date: string, options: HolidayOptions = defaultHolidayOptions): Weekday | undefined {
  return yearTable(Number(date.slice(0, 4)), options).working.get(date);
}

const isWeekday = (v: unknown): v is Weekday => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 6;
const isSpan = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 15);

/** One problem found by a validator: where (a dotted path into the input) and what, in English. */
export interface CalendarIssue {
  path: string;
  message: string;
}

/** Problems with the options (empty when valid). */
export function validateHolidayOptions(options: HolidayOptions, path = 'holidays'): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const fail = (at: string, message: string) => issues.push({ path: `${path}.${at}`, message });
  if (!isSpan(options.tet?.daysBefore) || !isSpan(options.tet?.daysAfter)) {
    fail('tet', 'daysBefore and daysAfter must be whole numbers from 0 to 15');
  }
  if (options.nationalDayExtra !== undefined && !['before', 'after', 'bridge'].includes(options.nationalDayExtra)) {
    fail('nationalDayExtra', "must be 'before', 'after' or 'bridge'");
  }
  for (const [year, side] of Object.entries(options.nationalDayExtraByYear ?? {})) {
    if (side !== 'before' && side !== 'after') fail(`nationalDayExtraByYear.${year}`, "must be 'before' or 'after'");
  }
  for (const [year, dates] of Object.entries(options.tetDates ?? {})) {
    for (const d of dates) if (parseDateKey(d)?.year !== Number(year)) fail(`tetDates.${year}`, `'${d}' is not a date in ${year}`);
  }
  if (options.restDays && !options.restDays.every(isWeekday)) fail('restDays', 'weekdays are 0 (Sunday) to 6');
  (options.custom ?? []).forEach((c, i) => {
    if (!parseDateKey(c.date)) fail(`custom[${i}].date`, `'${c.date}' is not a YYYY-MM-DD date`);
    if (c.hoursOf !== undefined && !isWeekday(c.hoursOf)) fail(`custom[${i}].hoursOf`, 'weekdays are 0 (Sunday) to 6');
  });
  return issues;
}
