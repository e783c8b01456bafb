/**
 * Business calendars for SLA timers: Vietnamese lunar dates, public holidays and opening-hours arithmetic.
 * Pure code (no database); schedules and holiday options are cached per object, so treat them as immutable.
 */
import type { OpeningInterval, Schedule } from './business-hours.ts';
import type { Weekday } from './holidays.ts';

export {
  addBusinessTime,
  businessTimeBetween,
  isOpenAt,
  nextOpening,
  openingHoursOn,
  validateSchedule,
  type Instant,
  type OpeningInterval,
  type Schedule,
} from './business-hours.ts';
export {
  defaultHolidayOptions,
  holidayOn,
  holidaysFor,
  isHoliday,
  parseDateKey,
  validateHolidayOptions,
  workingDayOverride,
  type CalendarIssue,
  type CustomDay,
  type Holiday,
  type HolidayKind,
  type HolidayOptions,
  type LocalizedName,
  type NationalDayExtra,
  type Weekday,
} from './holidays.ts';
export {
  dateKey,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
  VIETNAM_UTC_OFFSET,
  type LunarDate,
  type SolarDate,
} from './lunar.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const everyDay = (open: string, close: string): OpeningInterval[] =>
  ([0, 1, 2, 3, 4, 5, 6] as Weekday[]).map((day) => Object.freeze({ day, open, close }));

/**
 * A new workspace's hours: every day 08:00–22:00 Vietnam time, closed on Vietnam's statutory holidays.
 * Online shops sell and answer chats seven days a week; 22:00 matches when shops stop replying and
 * when Zalo starts restricting proactive messages (22:00–06:00).
 */
export const defaultSchedule: Schedule = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  week: Object.freeze(everyDay('08:00', '22:00')),
  holidays: Object.freeze({}),
});

/** 24/7, holidays included: business time is elapsed time. */
export const alwaysOpen: Schedule = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  week: Object.freeze([]),
  alwaysOpen: true,
});
