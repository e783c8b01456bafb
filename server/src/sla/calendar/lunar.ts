/**
 * The Vietnamese lunisolar calendar (âm lịch), computed rather than tabulated.
 *
 * Method (Hồ Ngọc Đức's published description of the rules Vietnam uses):
 * - a month starts on the local day of a new moon (astronomical new moons from Meeus's series);
 * - month 11 is the month that contains the winter solstice;
 * - when 13 months lie between two months 11, the first month (after month 11) in which the sun does
 *   not enter a new 30° sector of longitude (a month without a "major term") is a leap month and
 *   repeats the number of the month before it;
 * - days are counted in the civil time zone: UTC+7 in Vietnam since 1968. The Chinese calendar is the
 *   same rules at UTC+8, which is why Tết differs in some years (1985, 2007, 2030…). Before 1968 the
 *   calendar used in Vietnam was computed at UTC+8; pass `utcOffset` 8 for historical dates.
 *
 * Accuracy: the astronomical series are good to minutes over 1900–2100; a new moon that falls within
 * minutes of local midnight could in principle land on the neighbouring day.
 */

/** A lunar date. `leap` marks the repeated (intercalary) month, e.g. 2023's "tháng 2 nhuận". */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** A solar (Gregorian) date. */
export interface SolarDate {
  day: number;
  month: number;
  year: number;
}

export const VIETNAM_UTC_OFFSET = 7;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const DAY_MS = 86_400_000;
/** Julian day number of 1970-01-01 (Unix epoch). */
const JDN_UNIX_EPOCH = 2_440_588;
/** Mean synodic month, in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon numbered 0 (January 1900) in the series below. */
const NEW_MOON_EPOCH = 2_415_021.076998695;
const RAD = Math.PI / 180;

// ---------------------------------------------------------------------------------------------
// Day numbers

/** Julian day number (integer, noon-based) of a proleptic Gregorian date. */
export function julianDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS) + JDN_UNIX_EPOCH;
}

/** Inverse of {@link julianDay}. */
export function fromJulianDay(jdn: number): SolarDate {
  const d = new Date((jdn - JDN_UNIX_EPOCH) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------
// Astronomy

/** Julian date (UT) of the k-th mean new moon after January 1900, corrected for the main periodic terms. */
function newMoonJd(k: number): number {
  const t = k / 1236.85; // Julian centuries from 1900
  const t2 = t * t;
  const t3 = t2 * t;
  const sun = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moon = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const lat = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const mean =
    2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sun) +
    0.0021 * Math.sin(2 * sun) -
    0.4068 * Math.sin(moon) +
    0.0161 * Math.sin(2 * moon) -
    0.0004 * Math.sin(3 * moon) +
    0.0104 * Math.sin(2 * lat) -
    0.0051 * Math.sin(sun + moon) -
    0.0074 * Math.sin(sun - moon) +
    0.0004 * Math.sin(2 * lat + sun) -
    0.0004 * Math.sin(2 * lat - sun) -
    0.0006 * Math.sin(2 * lat + moon) +
    0.001 * Math.sin(2 * lat - moon) +
    0.0005 * Math.sin(2 * moon + sun);
  // ΔT (terrestrial minus universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Apparent longitude of the sun, in radians [0, 2π), at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545.0) / 36525; // Julian centuries from J2000
  const t2 = t * t;
  const anomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const longitude = (meanLongitude + centre) * RAD;
  const turn = 2 * Math.PI;
  return longitude - turn * Math.floor(longitude / turn);
}

/** The local day (JDN) on which the k-th new moon falls. */
function newMoonDay(k: number, utcOffset: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + utcOffset / 24);
}

/** Which 30° sector (0–11) the sun is in at the local midnight that starts day `jdn`; 9 starts at the winter solstice. */
function sunSector(jdn: number, utcOffset: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - utcOffset / 24) / Math.PI) * 6);
}

/** Index k of the new moon that starts the month beginning on day `jdn`. */
function newMoonIndex(jdn: number): number {
  return Math.round((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
}

const month11Cache = new Map<string, number>();

/** First day (JDN) of month 11 — the month containing the winter solstice of solar year `year`. */
function month11Start(year: number, utcOffset: number): number {
  const key = `${utcOffset}:${year}`;
  let start = month11Cache.get(key);
  if (start === undefined) {
    start = findMonth11Start(year, utcOffset);
    month11Cache.set(key, start);
  }
  return start;
}

function findMonth11Start(year: number, utcOffset: number): number {
  const dec31 = julianDay(year, 12, 31);
  let k = Math.floor((dec31 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k + 1, utcOffset) <= dec31) k++;
  while (newMoonDay(k, utcOffset) > dec31) k--;
  // The last new moon of December may already be past the solstice: then month 11 began one moon earlier.
  if (sunSector(newMoonDay(k, utcOffset), utcOffset) >= 9) k--;
  return newMoonDay(k, utcOffset);
}

// ---------------------------------------------------------------------------------------------
// Month tables

interface LunarMonth {
  start: number; // JDN of day 1
  length: number; // 29 or 30
  month: number;
  leap: boolean;
  year: number; // lunar year (the solar year in which its Tết falls)
}

/**
 * The months from month 11 before solar year `year` up to (not including) month 11 of `year`:
 * 12 or 13 months. Cached: holiday and business-hour lookups hit the same few years over and over.
 */
const spanCache = new Map<string, LunarMonth[]>();

function solsticeSpan(year: number, utcOffset: number): LunarMonth[] {
  const key = `${utcOffset}:${year}`;
  const cached = spanCache.get(key);
  if (cached) return cached;
  const from = newMoonIndex(month11Start(year - 1, utcOffset));
  const to = newMoonIndex(month11Start(year, utcOffset));
  const starts: number[] = [];
  for (let k = from; k <= to; k++) starts.push(newMoonDay(k, utcOffset));
  const count = to - from;
  let leapAt = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (sunSector(starts[i]!, utcOffset) === sunSector(starts[i + 1]!, utcOffset)) {
        leapAt = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapAt >= 0 && i >= leapAt ? i - 1 : i; // 0 = month 11, 1 = month 12, 2 = month 1…
    const month = ((ordinal + 10) % 12) + 1;
    months.push({
      start: starts[i]!,
      length: starts[i + 1]! - starts[i]!,
      month,
      leap: i === leapAt,
      // Months 11 and 12 at the head of the span still belong to the previous lunar year.
      year: ordinal < 2 ? year - 1 : year,
    });
  }
  spanCache.set(key, months);
  return months;
}

/** Solar years 1900–2100; lunar years start one earlier, as 1900-01-01 falls in lunar year 1899. */
function checkYear(year: number, lunar = false): void {
  const min = lunar ? MIN_YEAR - 1 : MIN_YEAR;
  if (!Number.isInteger(year) || year < min || year > MAX_YEAR) {
    throw new RangeError(`Lunar calendar supports years ${min}–${MAX_YEAR}, got ${year}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Conversions

/** Solar (Gregorian) date → Vietnamese lunar date. */
export function solarToLunar(year: number, month: number, day: number, utcOffset = VIETNAM_UTC_OFFSET): LunarDate {
  checkYear(year);
  const jdn = julianDay(year, month, day);
  const spanYear = jdn >= month11Start(year, utcOffset) ? year + 1 : year;
  const months = solsticeSpan(spanYear, utcOffset);
  for (let i = months.length - 1; i >= 0; i--) {
    const m = months[i]!;
    if (m.start <= jdn) return { day: jdn - m.start + 1, month: m.month, year: m.year, leap: m.leap };
  }
  throw new Error(`No lunar month found for ${year}-${month}-${day}`); // unreachable: spans tile the timeline
}

/**
 * Vietnamese lunar date → solar date, or null when the date does not exist (a leap month the year
 * does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate, utcOffset = VIETNAM_UTC_OFFSET): SolarDate | null {
  const { day, month, year, leap } = lunar;
  checkYear(year, true);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  // Months 11 and 12 of lunar year Y sit at the head of the span that ends with solar year Y + 1.
  const months = solsticeSpan(month >= 11 ? year + 1 : year, utcOffset);
  const m = months.find((x) => x.month === month && x.leap === leap && x.year === year);
  if (!m || day > m.length) return null;
  return fromJulianDay(m.start + day - 1);
}

/** Which month (1–12) of lunar year `year` is doubled, or 0 when the year has no leap month. */
export function leapMonthOf(year: number, utcOffset = VIETNAM_UTC_OFFSET): number {
  checkYear(year, true);
  const candidates = [...solsticeSpan(year, utcOffset), ...solsticeSpan(year + 1, utcOffset)];
  return candidates.find((m) => m.leap && m.year === year)?.month ?? 0;
}

/** Solar date of Tết (1/1 of lunar year `year`). */
export function tetDate(year: number, utcOffset = VIETNAM_UTC_OFFSET): SolarDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, utcOffset)!;
}

/** 'YYYY-MM-DD'. */
export function dateKey(date: SolarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
