import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  alwaysOpen,
  businessTimeBetween,
  dateKey,
  defaultSchedule,
  holidayOn,
  holidaysFor,
  isHoliday,
  isOpenAt,
  leapMonthOf,
  lunarToSolar,
  nextOpening,
  openingHoursOn,
  solarToLunar,
  tetDate,
  validateHolidayOptions,
  validateSchedule,
  type HolidayOptions,
  type OpeningInterval,
  type Schedule,
  type Weekday,
} from './index.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A Vietnam wall-clock time as an instant: vn('2025-03-07 17:00'). */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const days = (list: number[], open: string, close: string): OpeningInterval[] =>
  list.map((day) => ({ day: day as Weekday, open, close }));
const lunar = (year: number, month: number, day: number, leap = false) => {
  const s = lunarToSolar({ year, month, day, leap });
  return s && dateKey(s);
};

/** Mon–Fri 08:00–12:00 + 13:30–17:30, Sat 08:00–12:00, Vietnam's holidays. 8 h a weekday. */
const office: Schedule = {
  timeZone: 'Asia/Ho_Chi_Minh',
  week: [...days([1, 2, 3, 4, 5], '08:00', '12:00'), ...days([1, 2, 3, 4, 5], '13:30', '17:30'), ...days([6], '08:00', '12:00')],
  holidays: {},
};

describe('lunar calendar (UTC+7)', () => {
  it('finds Tết, including the years Vietnam and China differ', () => {
    const tet: Record<number, string> = {
      1985: '1985-01-21', 2007: '2007-02-17', 2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01',
      2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06',
      2028: '2028-01-26', 2029: '2029-02-13',
      // The new moon of 2 Feb 2030 is at 23:07 in Hanoi and 00:07 in Beijing: Tết is a day earlier than China's.
      2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(tet)) expect(dateKey(tetDate(Number(year)))).toBe(date);
    // The same rules at UTC+8 give the Chinese dates; 1968 is the year North and South Vietnam differed.
    expect([1968, 1985, 2007, 2030].map((y) => dateKey(tetDate(y, 8)))).toEqual(['1968-01-30', '1985-02-20', '2007-02-18', '2030-02-03']);
    expect(dateKey(tetDate(1968))).toBe('1968-01-29');
  });

  it('finds Giỗ Tổ Hùng Vương (10/3) and Trung thu (15/8)', () => {
    expect([2024, 2025, 2026].map((y) => lunar(y, 3, 10))).toEqual(['2024-04-18', '2025-04-07', '2026-04-26']);
    expect([2024, 2025].map((y) => lunar(y, 8, 15))).toEqual(['2024-09-17', '2025-10-06']);
  });

  it('places leap months', () => {
    expect([2020, 2023, 2024, 2025].map((y) => leapMonthOf(y))).toEqual([4, 2, 0, 6]);
    expect(solarToLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar(2023, 4, 20)).toEqual({ year: 2023, month: 3, day: 1, leap: false });
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(lunar(2024, 6, 1, true)).toBeNull(); // 2024 has no leap month
    expect(lunar(2024, 12, 30)).toBeNull(); // the last month of Giáp Thìn had 29 days
    expect(solarToLunar(2025, 1, 28)).toEqual({ year: 2024, month: 12, day: 29, leap: false });
  });

  it('round-trips every day of 2000–2060 and every lunar date of those years', () => {
    const start = Date.UTC(2000, 0, 1);
    const end = Date.UTC(2060, 11, 31);
    let prev = solarToLunar(1999, 12, 31);
    let count = 0;
    for (let t = start; t <= end; t += 86_400_000) {
      const d = new Date(t);
      const l = solarToLunar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      expect(lunarToSolar(l)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
      // Consecutive days: the next day of the month, or day 1 after a month of 29 or 30 days.
      if (l.day === 1) expect([29, 30]).toContain(prev.day);
      else expect(l).toEqual({ ...prev, day: prev.day + 1 });
      prev = l;
      count++;
    }
    expect(count).toBe(22_281);
    for (let year = 2000; year <= 2060; year++) {
      const leap = leapMonthOf(year);
      for (let month = 1; month <= 12; month++) {
        for (const isLeap of month === leap ? [false, true] : [false]) {
          for (let day = 1; day <= 30; day++) {
            const s = lunarToSolar({ year, month, day, leap: isLeap });
            if (s) expect(solarToLunar(s.year, s.month, s.day)).toEqual({ year, month, day, leap: isLeap });
            else expect(day).toBe(30);
          }
        }
      }
    }
  });

  it('supports 1900–2100 and refuses other years', () => {
    expect(lunarToSolar(solarToLunar(1900, 1, 1))).toEqual({ year: 1900, month: 1, day: 1 });
    expect(lunarToSolar(solarToLunar(2100, 12, 31))).toEqual({ year: 2100, month: 12, day: 31 });
    expect(() => solarToLunar(1899, 12, 31)).toThrow(RangeError);
    expect(() => tetDate(2101)).toThrow(RangeError);
  });
});

const list = (year: number, options?: HolidayOptions) => holidaysFor(year, options).map((h) => `${h.date} ${h.kind}`);

describe('Vietnamese public holidays', () => {
  it('lists 2025', () => {
    expect(list(2025)).toEqual([
      '2025-01-01 new_year',
      '2025-01-28 tet', '2025-01-29 tet', '2025-01-30 tet', '2025-01-31 tet', '2025-02-01 tet',
      '2025-04-07 hung_kings',
      '2025-04-30 reunification',
      '2025-05-01 labour_day',
      '2025-09-01 national_day', // 2/9/2025 is a Tuesday: the Monday bridges to the weekend
      '2025-09-02 national_day',
    ]);
    expect(holidayOn('2025-01-29')?.name).toEqual({ vi: 'Tết Nguyên Đán', en: 'Lunar New Year (Tết)' });
  });

  it('lists 2026, with Hùng Kings on a Sunday moved to Monday', () => {
    expect(list(2026)).toEqual([
      '2026-01-01 new_year',
      '2026-02-16 tet', '2026-02-17 tet', '2026-02-18 tet', '2026-02-19 tet', '2026-02-20 tet',
      '2026-04-26 hung_kings',
      '2026-04-27 compensatory',
      '2026-04-30 reunification',
      '2026-05-01 labour_day',
      '2026-09-02 national_day', // a Wednesday: neither side bridges, the default takes the day after
      '2026-09-03 national_day',
    ]);
    expect(holidayOn('2026-04-27')?.name.vi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  it('moves a Sunday holiday past the next holiday (30/4/2028 → Tuesday 2/5)', () => {
    expect(list(2028).filter((d) => /2028-0[45]-/.test(d))).toEqual([
      '2028-04-04 hung_kings', '2028-04-30 reunification', '2028-05-01 labour_day', '2028-05-02 compensatory',
    ]);
  });

  it('follows a Saturday + Sunday rest week like the government calendar (2023)', () => {
    const civil = list(2023, { restDays: [0, 6] });
    expect(civil.filter((d) => /2023-0[45]-/.test(d))).toEqual([
      '2023-04-29 hung_kings', '2023-04-30 reunification', '2023-05-01 labour_day',
      '2023-05-02 compensatory', '2023-05-03 compensatory',
    ]);
    expect(civil).toContain('2023-09-04 compensatory'); // 2/9/2023 was a Saturday
  });

  it('configures the Tết span, the National Day side and compensation', () => {
    const wide = list(2026, { tet: { daysBefore: 2, daysAfter: 4 } }).filter((d) => d.startsWith('2026-02'));
    // 15/2 is a Sunday: its day off in lieu goes after the break and after Sunday 22/2.
    expect(wide).toEqual([
      '2026-02-15 tet', '2026-02-16 tet', '2026-02-17 tet', '2026-02-18 tet', '2026-02-19 tet', '2026-02-20 tet', '2026-02-21 tet',
      '2026-02-23 compensatory',
    ]);
    expect(isHoliday('2025-09-03', { nationalDayExtra: 'after' })).toBe(true);
    expect(isHoliday('2025-09-01', { nationalDayExtraByYear: { 2025: 'after' } })).toBe(false);
    expect(list(2026, { compensatory: false })).not.toContain('2026-04-27 compensatory');
    expect(list(2026, { restDays: [0, 1, 2, 3, 4, 5, 6] }).some((d) => d.includes('compensatory'))).toBe(false);
    expect(list(2020).filter((d) => d.includes('national_day'))).toEqual(['2020-09-02 national_day']); // before the 2019 Code
    expect(list(2006).some((d) => d.includes('hung_kings'))).toBe(false); // a holiday since 2007
  });

  it('takes an explicit Tết break as final', () => {
    const tetDates = { 2026: ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'] };
    const feb = list(2026, { tetDates }).filter((d) => d.startsWith('2026-02'));
    expect(feb).toEqual(tetDates[2026].map((d) => `${d} tet`)); // no day in lieu for the Sundays inside
  });

  it('adds custom closed days, yearly ones and working-day overrides', () => {
    const options: HolidayOptions = {
      custom: [
        { date: '2025-03-10', name: 'Kiểm kho' },
        { date: '2020-06-15', yearly: true, name: { vi: 'Sinh nhật shop', en: 'Shop birthday' } },
        { date: '2025-02-08', workingDay: true },
        { date: '2025-04-30', workingDay: true, hoursOf: 3 },
      ],
    };
    expect(holidayOn('2025-03-10', options)).toEqual({ date: '2025-03-10', name: { vi: 'Kiểm kho', en: 'Kiểm kho' }, kind: 'custom' });
    expect(isHoliday('2031-06-15', options)).toBe(true);
    expect(isHoliday('2025-04-30', options)).toBe(false);
    expect(holidaysFor(2025, options).map((h) => h.date)).not.toContain('2025-02-08');
    expect(holidaysFor(2025, { statutory: false, custom: options.custom })).toHaveLength(2);
  });

  it('validates options', () => {
    expect(validateHolidayOptions({})).toEqual([]);
    const issues = validateHolidayOptions({
      tet: { daysBefore: -1 },
      tetDates: { 2026: ['2027-01-01'] },
      restDays: [7 as Weekday],
      custom: [{ date: '2025-02-30' }],
    });
    expect(issues.map((i) => i.path)).toEqual(['holidays.tet', 'holidays.tetDates.2026', 'holidays.restDays', 'holidays.custom[0].date']);
  });
});

describe('business hours', () => {
  it('knows when a schedule is open, boundaries included', () => {
    expect(isOpenAt(office, vn('2025-03-07 08:00'))).toBe(true); // Friday, at open
    expect(isOpenAt(office, vn('2025-03-07 07:59'))).toBe(false);
    expect(isOpenAt(office, vn('2025-03-07 12:00'))).toBe(false); // lunch break starts at close
    expect(isOpenAt(office, vn('2025-03-07 13:30'))).toBe(true);
    expect(isOpenAt(office, vn('2025-03-07 17:30'))).toBe(false);
    expect(isOpenAt(office, vn('2025-03-09 10:00'))).toBe(false); // Sunday
    expect(isOpenAt(office, vn('2025-04-30 10:00'))).toBe(false); // Reunification Day
  });

  it('finds the next opening', () => {
    expect(iso(nextOpening(office, vn('2025-03-07 10:15')))).toBe(iso(vn('2025-03-07 10:15')));
    expect(iso(nextOpening(office, vn('2025-03-07 12:00')))).toBe(iso(vn('2025-03-07 13:30')));
    expect(iso(nextOpening(office, vn('2025-03-07 18:00')))).toBe(iso(vn('2025-03-08 08:00')));
    expect(iso(nextOpening(office, vn('2025-03-08 12:00')))).toBe(iso(vn('2025-03-10 08:00')));
    expect(iso(nextOpening(office, vn('2026-02-16 09:00')))).toBe(iso(vn('2026-02-21 08:00'))); // Tết Mon–Fri
  });

  it('adds business time across lunch, nights, weekends and Tết', () => {
    const add = (start: string, ms: number) => iso(addBusinessTime(office, vn(start), ms));
    expect(add('2025-03-07 11:55', 10 * MIN)).toBe(iso(vn('2025-03-07 13:35'))); // chat, over lunch
    expect(add('2025-03-07 17:00', HOUR)).toBe(iso(vn('2025-03-08 08:30'))); // email, Friday evening
    expect(add('2025-03-08 11:30', HOUR)).toBe(iso(vn('2025-03-10 08:30'))); // Saturday → Monday
    expect(add('2025-03-07 17:30', HOUR)).toBe(iso(vn('2025-03-08 09:00'))); // start exactly at close
    expect(add('2025-03-07 08:00', HOUR)).toBe(iso(vn('2025-03-07 09:00'))); // start exactly at open
    expect(add('2025-03-07 03:00', 30_000)).toBe(iso(new Date(vn('2025-03-07 08:00').getTime() + 30_000))); // phone, 30 s
    expect(add('2025-03-10 08:00', 20 * HOUR)).toBe(iso(vn('2025-03-12 12:00'))); // ends at a close, not the reopening
    expect(add('2026-02-13 17:00', 5 * HOUR)).toBe(iso(vn('2026-02-21 08:30'))); // Fri ½ h, Sat 4 h, Tết, Sat ½ h
    expect(add('2025-03-07 10:00', 0)).toBe(iso(vn('2025-03-07 10:00')));
    expect(() => addBusinessTime(office, vn('2025-03-07 10:00'), -1)).toThrow(RangeError);
  });

  it('measures business time between two instants', () => {
    expect(businessTimeBetween(office, vn('2025-03-07 11:00'), vn('2025-03-07 14:00'))).toBe(1.5 * HOUR);
    expect(businessTimeBetween(office, vn('2025-03-03 00:00'), vn('2025-03-10 00:00'))).toBe(44 * HOUR); // a full week
    expect(businessTimeBetween(office, vn('2025-03-07 14:00'), vn('2025-03-07 11:00'))).toBe(0);
    expect(businessTimeBetween(office, vn('2026-02-14 12:00'), vn('2026-02-21 00:00'))).toBe(0); // Tết week
  });

  it('closes on custom holidays and opens working-day overrides', () => {
    const weekdays: Schedule = { timeZone: 'Asia/Ho_Chi_Minh', week: days([1, 2, 3, 4, 5], '09:00', '18:00'), holidays: {} };
    const swapped: Schedule = {
      ...weekdays,
      holidays: { custom: [{ date: '2025-03-10', name: 'Kiểm kho' }, { date: '2025-03-15', workingDay: true }] },
    };
    expect(iso(nextOpening(swapped, vn('2025-03-07 18:00')))).toBe(iso(vn('2025-03-11 09:00'))); // Monday closed
    expect(isOpenAt(weekdays, vn('2025-03-15 10:00'))).toBe(false);
    expect(isOpenAt(swapped, vn('2025-03-15 10:00'))).toBe(true); // a working Saturday, with Monday's hours
    expect(openingHoursOn(swapped, '2025-03-15').map((i) => [iso(i.start), iso(i.end)])).toEqual([
      [iso(vn('2025-03-15 09:00')), iso(vn('2025-03-15 18:00'))],
    ]);
    expect(openingHoursOn(swapped, '2025-03-10')).toEqual([]);
  });

  it('follows daylight saving time (Europe/Berlin)', () => {
    const noHolidays = { statutory: false };
    const allDay: Schedule = { timeZone: 'Europe/Berlin', week: days([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00'), holidays: noHolidays };
    const at = (s: string) => new Date(s);
    expect(businessTimeBetween(allDay, at('2025-03-29T23:00Z'), at('2025-03-30T22:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(allDay, at('2025-10-25T22:00Z'), at('2025-10-26T23:00Z'))).toBe(25 * HOUR);

    const office9to5: Schedule = { timeZone: 'Europe/Berlin', week: days([1, 2, 3, 4, 5], '09:00', '17:00'), holidays: noHolidays };
    // Friday 16:00 CET + 2 h → Monday 10:00 CEST (08:00Z): the clocks moved on Sunday.
    expect(iso(addBusinessTime(office9to5, at('2025-03-28T15:00Z'), 2 * HOUR))).toBe('2025-03-31T08:00:00.000Z');
    expect(businessTimeBetween(office9to5, at('2025-03-24T00:00Z'), at('2025-04-05T00:00Z'))).toBe(80 * HOUR);

    // 02:30 does not exist on 30 March (it becomes 03:30) and happens twice on 26 October (the first counts).
    const night: Schedule = { timeZone: 'Europe/Berlin', week: days([0], '02:30', '04:00'), holidays: noHolidays };
    expect(openingHoursOn(night, '2025-03-30').map((i) => [iso(i.start), iso(i.end)])).toEqual([['2025-03-30T01:30:00.000Z', '2025-03-30T02:00:00.000Z']]);
    expect(openingHoursOn(night, '2025-10-26').map((i) => [iso(i.start), iso(i.end)])).toEqual([['2025-10-26T00:30:00.000Z', '2025-10-26T03:00:00.000Z']]);
    expect(openingHoursOn(night, '2025-10-19').map((i) => [iso(i.start), iso(i.end)])).toEqual([['2025-10-19T00:30:00.000Z', '2025-10-19T02:00:00.000Z']]);
  });

  it('keeps addBusinessTime and businessTimeBetween inverse on random inputs', () => {
    let seed = 20250429;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0; // a plain LCG: deterministic across runs
      return seed / 2 ** 32;
    };
    const berlin: Schedule = {
      timeZone: 'Europe/Berlin',
      week: [...days([1, 2, 3, 4, 5], '08:30', '12:00'), ...days([1, 2, 3, 4, 5], '13:00', '18:15'), ...days([6], '10:00', '14:00')],
      holidays: { statutory: false, custom: [{ date: '2025-12-25', yearly: true }] },
    };
    const from = Date.UTC(2024, 0, 1);
    const span = Date.UTC(2027, 11, 1) - from;
    for (const schedule of [office, berlin, defaultSchedule]) {
      for (let i = 0; i < 1500; i++) {
        const start = from + Math.floor(random() * span);
        const ms = random() < 0.3 ? Math.floor(random() * 60_000) : Math.floor(random() * 5 * 24 * HOUR);
        const due = addBusinessTime(schedule, start, ms)!;
        expect(businessTimeBetween(schedule, start, due)).toBe(ms);
        if (ms > 0) expect(isOpenAt(schedule, due.getTime() - 1)).toBe(true);

        const end = start + Math.floor(random() * 10 * 24 * HOUR);
        const mid = start + Math.floor(random() * (end - start));
        const worked = businessTimeBetween(schedule, start, end);
        expect(worked).toBe(businessTimeBetween(schedule, start, mid) + businessTimeBetween(schedule, mid, end));
        const back = addBusinessTime(schedule, start, worked)!.getTime();
        expect(back).toBeLessThanOrEqual(end);
        expect(businessTimeBetween(schedule, back, end)).toBe(0);
      }
    }
  });

  it('returns null, never loops, when a schedule has no open hours', () => {
    const never: Schedule = { timeZone: 'Asia/Ho_Chi_Minh', week: [], holidays: {} };
    expect(isOpenAt(never, vn('2025-03-07 10:00'))).toBe(false);
    expect(nextOpening(never, vn('2025-03-07 10:00'))).toBeNull();
    expect(addBusinessTime(never, vn('2025-03-07 10:00'), HOUR)).toBeNull();
    expect(businessTimeBetween(never, vn('2025-03-01 00:00'), vn('2026-03-01 00:00'))).toBe(0);
    // Hours on paper, but every date of the year is a closed day: the search gives up after three years.
    const everyDate = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10));
    const closedAllYear: Schedule = { ...office, holidays: { custom: everyDate.map((date) => ({ date, yearly: true })) } };
    expect(nextOpening(closedAllYear, vn('2025-03-07 10:00'))).toBeNull();
    expect(addBusinessTime(closedAllYear, vn('2025-03-07 10:00'), HOUR)).toBeNull();
  });

  it('ships defaults: every day 08:00–22:00 in Vietnam, and 24/7', () => {
    expect(validateSchedule(defaultSchedule)).toEqual([]);
    expect(isOpenAt(defaultSchedule, vn('2025-03-09 21:59'))).toBe(true); // Sunday
    expect(isOpenAt(defaultSchedule, vn('2025-03-09 22:00'))).toBe(false);
    expect(isOpenAt(defaultSchedule, vn('2025-09-02 10:00'))).toBe(false); // National Day
    expect(iso(addBusinessTime(defaultSchedule, vn('2025-03-09 21:30'), HOUR))).toBe(iso(vn('2025-03-10 08:30')));
    expect(iso(addBusinessTime(alwaysOpen, vn('2025-04-30 10:00'), HOUR))).toBe(iso(vn('2025-04-30 11:00')));
    expect(businessTimeBetween(alwaysOpen, vn('2025-04-30 10:00'), vn('2025-05-01 10:00'))).toBe(24 * HOUR);
    expect(isOpenAt(alwaysOpen, vn('2026-02-17 03:00'))).toBe(true);
  });

  it('explains what is wrong with a schedule', () => {
    const bad: Schedule = {
      timeZone: 'Asia/Saigon_Typo',
      week: [
        { day: 1, open: '8:00', close: '12:00' },
        { day: 1, open: '13:00', close: '12:30' },
        { day: 2, open: '08:00', close: '12:00' },
        { day: 2, open: '11:00', close: '24:00' },
        { day: 3, open: '24:00', close: '24:00' },
        { day: 7 as Weekday, open: '08:00', close: '09:00' },
      ],
    };
    expect(validateSchedule(bad).map((i) => i.path)).toEqual([
      'timeZone', 'week[0].open', 'week[1]', 'week[4].open', 'week[5].day', 'week[3]',
    ]);
    expect(validateSchedule(bad)[0]!.message).toContain("unknown time zone 'Asia/Saigon_Typo'");
    expect(() => isOpenAt(bad, Date.now())).toThrow(/Invalid schedule: timeZone/);
    expect(validateSchedule({ timeZone: 'UTC', week: days([5], '20:00', '24:00') })).toEqual([]);
  });
});
