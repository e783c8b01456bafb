import { describe, expect, it } from 'vitest';
import { checkSummary, compress, dayNumber, dayOfDate, summarize, toOccasions } from './summary.ts';

const d = (iso: string) => dayOfDate(iso);

describe('purchase occasions', () => {
  it('merges same-day transactions and sums their values', () => {
    const occasions = toOccasions([
      { customerId: 'a', at: 10, value: 5 },
      { customerId: 'a', at: 10, value: 7 },
      { customerId: 'a', at: 3, value: 1 },
      { customerId: 'b', at: 4, value: 2 },
    ]);
    expect(occasions.get('a')).toEqual([{ day: 3, value: 1 }, { day: 10, value: 12 }]);
    expect(occasions.get('b')).toEqual([{ day: 4, value: 2 }]);
  });

  it('uses the calendar day of the shop time zone', () => {
    // 23:30 UTC on 1 Jan is already 2 Jan in Ho Chi Minh City (UTC+7), but still 1 Jan in UTC.
    const late = new Date('2024-01-01T23:30:00Z');
    const morning = new Date('2024-01-02T02:00:00Z');
    expect(dayNumber(late, 'Asia/Ho_Chi_Minh')).toBe(d('2024-01-02'));
    expect(dayNumber(late)).toBe(d('2024-01-01'));
    expect(toOccasions([{ customerId: 'a', at: late, value: 1 }, { customerId: 'a', at: morning, value: 2 }], 'Asia/Ho_Chi_Minh').get('a')).toHaveLength(1);
    expect(toOccasions([{ customerId: 'a', at: late, value: 1 }, { customerId: 'a', at: morning, value: 2 }], 'UTC').get('a')).toHaveLength(2);
    // Across a DST change in London the local day is still right.
    expect(dayNumber(new Date('2011-03-27T00:30:00Z'), 'Europe/London')).toBe(d('2011-03-27'));
    expect(dayNumber(new Date('2011-06-30T23:30:00Z'), 'Europe/London')).toBe(d('2011-07-01'));
  });

  it('parses calendar dates and rejects impossible ones', () => {
    expect(d('1970-01-02')).toBe(1);
    expect(dayOfDate('19970930')).toBe(d('1997-09-30'));
    expect(dayOfDate('1997-02-30')).toBeNaN();
    expect(dayOfDate('30/09/1997')).toBeNaN();
  });
});

describe('customer summaries', () => {
  const tx = [
    { customerId: 'one', at: d('1997-01-01'), value: 10 },
    { customerId: 'rep', at: d('1997-01-01'), value: 10 },
    { customerId: 'rep', at: d('1997-01-15'), value: 20 },
    { customerId: 'rep', at: d('1997-01-15'), value: 4 },
    { customerId: 'rep', at: d('1997-03-01'), value: 6 },
    { customerId: 'rep', at: d('1997-10-05'), value: 50 },
    { customerId: 'rep', at: d('1998-01-05'), value: 50 },
    { customerId: 'late', at: d('1997-10-01'), value: 9 },
  ];

  it('gives x, t_x, T in weeks with m over repeat occasions only', () => {
    const rows = summarize(tx, { unit: 'week', calibrationEnd: d('1997-09-30') });
    expect(rows.map((r) => r.customerId)).toEqual(['one', 'rep']); // 'late' is not born by t_end
    const [one, rep] = rows;
    expect(one).toMatchObject({ x: 0, tx: 0, T: 272 / 7, m: null, holdout: 0 });
    expect(rep).toMatchObject({ x: 2, tx: 59 / 7, T: 272 / 7, m: (24 + 6) / 2, holdout: 2, holdoutValue: 100, firstAt: d('1997-01-01'), lastAt: d('1997-03-01') });
    for (const r of rows) expect(checkSummary(r)).toBeNull();
  });

  it('counts holdout occasions in (t_end, t_end + H] and works in days', () => {
    const [, rep] = summarize(tx, { unit: 'day', calibrationEnd: d('1997-09-30'), holdoutDays: 30 });
    expect(rep).toMatchObject({ x: 2, tx: 59, T: 272, holdout: 1, holdoutValue: 50 });
    const onEnd = summarize([{ customerId: 'z', at: d('1997-09-30'), value: 1 }], { unit: 'day', calibrationEnd: d('1997-09-30') });
    expect(onEnd[0]).toMatchObject({ x: 0, T: 0 });
  });

  it('accepts occasion lists directly', () => {
    const rows = summarize(new Map([['c', [{ day: 0, value: 3 }, { day: 14, value: 5 }]]]), { unit: 'week', calibrationEnd: 28 });
    expect(rows[0]).toMatchObject({ x: 1, tx: 2, T: 4, m: 5 });
  });

  it('checks the invariants of spec §1.4', () => {
    expect(checkSummary({ x: 1.5, tx: 1, T: 2 })).toMatch(/integer/);
    expect(checkSummary({ x: 1, tx: 3, T: 2 })).toMatch(/t_x ≤ T/);
    expect(checkSummary({ x: 0, tx: 1, T: 2 })).toMatch(/x = 0/);
    expect(checkSummary({ x: 1, tx: 1, T: 2, m: 0 })).toMatch(/m must be/);
    expect(checkSummary({ x: 1, tx: 1, T: 2, m: 3 })).toBeNull();
  });
});

describe('compress', () => {
  it('keeps unique (x, t_x, T) rows with summed weights', () => {
    const rows = compress([{ x: 0, tx: 0, T: 5 }, { x: 0, tx: 0, T: 5 }, { x: 1, tx: 2, T: 5, weight: 3 }, { x: 1, tx: 2, T: 5 }, { x: 0, tx: 0, T: 6 }]);
    expect(rows).toEqual([{ x: 0, tx: 0, T: 5, weight: 2 }, { x: 1, tx: 2, T: 5, weight: 4 }, { x: 0, tx: 0, T: 6, weight: 1 }]);
  });
});
