import { describe, expect, it } from 'vitest';
import { assertTimeZone, parseCsvDate, zonedWallToUtc, zoneOffsetAt } from './dates.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const iso = (raw: string, tz = HCM) => parseCsvDate(raw, tz)?.date.toISOString() ?? null;

describe('parseCsvDate', () => {
  it('reads Shopify dates with a ±hhmm offset', () => {
    expect(iso('2026-05-01 10:00:00 +0200')).toBe('2026-05-01T08:00:00.000Z');
    expect(iso('2026-05-01 10:00:00 -0530')).toBe('2026-05-01T15:30:00.000Z');
    expect(iso('2026-05-01 10:00:00 +07:00')).toBe('2026-05-01T03:00:00.000Z');
  });

  it('reads ISO 8601 with Z, offsets and fractions', () => {
    expect(iso('2026-05-01T10:00:00Z')).toBe('2026-05-01T10:00:00.000Z');
    expect(iso('2026-05-01T10:00:00.123456+07:00')).toBe('2026-05-01T03:00:00.123Z');
    expect(iso('2026-05-01 10:00 UTC')).toBe('2026-05-01T10:00:00.000Z');
  });

  it('reads offset-less values in the shop zone (Asia/Ho_Chi_Minh, UTC+7, no DST)', () => {
    expect(iso('2026-05-01 10:00:00')).toBe('2026-05-01T03:00:00.000Z');
    expect(iso('2026-01-01T00:30:00')).toBe('2025-12-31T17:30:00.000Z');
    expect(iso('2026-05-01')).toBe('2026-04-30T17:00:00.000Z');
  });

  it('applies daylight saving time in a DST zone', () => {
    const ny = 'America/New_York';
    expect(iso('2026-07-01 10:00:00', ny)).toBe('2026-07-01T14:00:00.000Z');
    expect(iso('2026-01-15 10:00:00', ny)).toBe('2026-01-15T15:00:00.000Z');
    // 02:30 does not exist on 8 March 2026: moved forward by the gap, to 03:30 EDT.
    expect(iso('2026-03-08 02:30:00', ny)).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the earlier (EDT) one.
    expect(iso('2026-11-01 01:30:00', ny)).toBe('2026-11-01T05:30:00.000Z');
    // East of UTC too: 02:30 twice in Berlin on 25 October 2026, the CEST one first.
    expect(iso('2026-10-25 02:30:00', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('2026-03-29 02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads Excel-rewritten day/month dates, warning when the order is a guess', () => {
    expect(parseCsvDate('13/05/2026 10:00', HCM)).toEqual({ date: new Date('2026-05-13T03:00:00Z') });
    expect(parseCsvDate('05/13/2026 10:00', HCM)).toEqual({ date: new Date('2026-05-13T03:00:00Z') });
    const guessed = parseCsvDate('01/05/2026 10:00:00', HCM);
    expect(guessed?.date.toISOString()).toBe('2026-05-01T03:00:00.000Z');
    expect(guessed?.warning).toMatch(/^ambiguous_date: /);
    expect(iso('1/5/2026 2:30 PM')).toBe('2026-05-01T07:30:00.000Z');
    expect(iso('1/5/2026 12:15 SA')).toBe('2026-04-30T17:15:00.000Z');
  });

  it('rejects what is not a real date', () => {
    for (const raw of ['hôm qua', '', '2026-02-30 10:00:00', '2026-13-01', '2026-05-01 24:00:00', '31/31/2026', '0026-05-01', '45384.347']) {
      expect(parseCsvDate(raw, HCM), raw).toBeNull();
    }
  });
});

describe('zones', () => {
  it('knows the offsets', () => {
    expect(zoneOffsetAt(Date.UTC(2026, 4, 1), HCM)).toBe(7 * 3_600_000);
    expect(zoneOffsetAt(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetAt(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('round-trips wall time for every hour of a DST year', () => {
    const tz = 'Europe/London';
    const moved: number[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const back = zonedWallToUtc(t + zoneOffsetAt(t, tz), tz);
      if (back !== t) moved.push(t);
      expect([t, t - 3_600_000]).toContain(back);
    }
    // Only the repeated hour of the autumn change maps back to its earlier twin.
    expect(moved.map((t) => new Date(t).toISOString())).toEqual(['2026-10-25T01:00:00.000Z']);
  });

  it('rejects unknown zones', () => {
    expect(() => assertTimeZone('Asia/Saigon_Typo')).toThrow(RangeError);
    expect(() => assertTimeZone(HCM)).not.toThrow();
  });
});
