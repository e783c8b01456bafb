import { describe, expect, it } from 'vitest';
import { daysFromToday, nextMonday, parseLocalInput, toLocalInput, wallClock, zonedInstant } from './time.ts';

const hcm = 'Asia/Ho_Chi_Minh';

describe('wallClock', () => {
  it('reads the time where the shop is', () => {
    // 2026-03-01 20:30 UTC is 03:30 on Monday 2 March in Hồ Chí Minh City (UTC+7).
    expect(wallClock(new Date('2026-03-01T20:30:15Z'), hcm)).toEqual({ year: 2026, month: 3, day: 2, hour: 3, minute: 30, second: 15, weekday: 1 });
    expect(wallClock(new Date('2026-03-01T17:00:00Z'), hcm).hour).toBe(0);
  });
});

describe('zonedInstant', () => {
  it('finds the instant a wall clock shows a given time', () => {
    expect(zonedInstant(2026, 3, 2, 9, 0, hcm).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(zonedInstant(2026, 12, 32, 9, 0, hcm).toISOString()).toBe('2027-01-01T02:00:00.000Z'); // day overflow rolls over
  });

  it('handles zones with daylight saving time', () => {
    expect(zonedInstant(2026, 7, 1, 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedInstant(2026, 1, 15, 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });
});

describe('snooze presets', () => {
  it('"tomorrow 9:00" is tomorrow in the shop, even late in the evening UTC', () => {
    const now = new Date('2026-03-01T20:30:00Z'); // already 2 March, 03:30 in Việt Nam
    expect(daysFromToday(1, 9, 0, hcm, now).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(daysFromToday(0, 18, 0, hcm, now).toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });

  it('"next Monday" is never today', () => {
    const monday = new Date('2026-03-02T03:00:00Z'); // Monday 10:00 in Việt Nam
    expect(nextMonday(9, 0, hcm, monday).toISOString()).toBe('2026-03-09T02:00:00.000Z');
    const sunday = new Date('2026-03-01T03:00:00Z');
    expect(nextMonday(9, 0, hcm, sunday).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    const saturday = new Date('2026-02-28T03:00:00Z');
    expect(nextMonday(9, 0, hcm, saturday).toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });
});

describe('datetime-local inputs', () => {
  it('round-trip through wall time in the zone', () => {
    const date = parseLocalInput('2026-03-02T09:05', hcm)!;
    expect(date.toISOString()).toBe('2026-03-02T02:05:00.000Z');
    expect(toLocalInput(date, hcm)).toBe('2026-03-02T09:05');
  });

  it('refuse anything else', () => {
    expect(parseLocalInput('02/03/2026 09:05', hcm)).toBeNull();
    expect(parseLocalInput('2026-03-02T09:05:00', hcm)).toBeNull();
    expect(parseLocalInput('', hcm)).toBeNull();
  });
});
