import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, bucketValue, histogramOf, percentileCont, percentileOfHistogram } from './histogram.ts';
import { dayKey, dayOfKey, formatLocal, localDayOf, localSlotOf, startOfLocalDay, weekdayOf } from './local-time.ts';
import { messageIdFloor, timeOfMessageId } from './refresh.ts';
import { newId } from '../platform/ids.ts';

/** A small deterministic generator (tests must not depend on luck). */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('log-scale histograms', () => {
  it('puts 0 s alone and each value in [r^(k−1), r^k) with r = 2^(1/4)', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(2)).toBe(5); // 2 = r^4 starts bucket 5
    expect(bucketOf(1.99)).toBe(4);
    expect(bucketOf(3600)).toBe(1 + Math.floor(4 * Math.log2(3600)));
    expect(bucketOf(10 ** 12)).toBe(BUCKETS - 1);
    for (const v of [1, 7, 60, 599, 3600, 86_400, 2_000_000]) {
      const middle = bucketValue(bucketOf(v));
      expect(Math.max(middle / v, v / middle)).toBeLessThanOrEqual(2 ** 0.125 + 1e-12);
    }
  });

  it('percentile_cont as PostgreSQL computes it', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([60, 120, 300, 1800, 37_200], 0.5)).toBe(300);
    expect(percentileCont([60, 120, 300, 1800, 37_200], 0.9)).toBeCloseTo(23_040, 6);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('estimates medians and p90 within the stated bound (−8.3 % / +9.05 %) of the exact values', () => {
    const next = random(42);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(next() * 3000);
      const values = Array.from({ length: n }, () => Math.round(Math.exp(next() * Math.log(400_000))));
      const sorted = [...values].sort((a, b) => a - b);
      const hist = histogramOf(values);
      for (const p of [0.5, 0.9]) {
        const exact = percentileCont(sorted, p)!;
        const estimate = percentileOfHistogram(hist, p)!;
        expect(estimate / exact).toBeGreaterThanOrEqual(2 ** -0.125 - 1e-9);
        expect(estimate / exact).toBeLessThanOrEqual(2 ** 0.125 + 1e-9);
      }
    }
    expect(percentileOfHistogram({}, 0.5)).toBeNull();
    expect(percentileOfHistogram(histogramOf([0, 0, 0]), 0.9)).toBe(0);
  });
});

describe('local days and hours, and message-id watermarks', () => {
  it('counts days and hours on the zone’s calendar', () => {
    const t = Date.parse('2025-03-10T16:30:00Z'); // 23:30 on Monday 10 March in Vietnam
    expect(dayKey(localDayOf('Asia/Ho_Chi_Minh', t))).toBe('2025-03-10');
    expect(localSlotOf('Asia/Ho_Chi_Minh', t) % 24).toBe(23);
    expect(dayKey(localDayOf('Asia/Ho_Chi_Minh', Date.parse('2025-03-10T17:00:00Z')))).toBe('2025-03-11');
    expect(weekdayOf(dayOfKey('2025-03-10'))).toBe(0);
    expect(weekdayOf(dayOfKey('2025-03-16'))).toBe(6);
    expect(formatLocal('Asia/Ho_Chi_Minh', new Date(t))).toBe('2025-03-10 23:30:00');
    expect(startOfLocalDay('Asia/Ho_Chi_Minh', dayOfKey('2025-03-11')).toISOString()).toBe('2025-03-10T17:00:00.000Z');
    // Daylight saving: New York's day of the spring change is 23 hours long.
    const ny = dayOfKey('2025-03-09');
    expect(startOfLocalDay('America/New_York', ny + 1).getTime() - startOfLocalDay('America/New_York', ny).getTime()).toBe(23 * 3_600_000);
  });

  it('reads the time back from message ids and makes the smallest id of an instant', () => {
    const before = Date.now();
    const id = newId('message');
    expect(timeOfMessageId(id)).toBeGreaterThanOrEqual(before);
    expect(messageIdFloor(before) <= id).toBe(true);
    expect(messageIdFloor(before + 1000) > id).toBe(true);
    expect(timeOfMessageId(messageIdFloor(1_741_600_000_000))).toBe(1_741_600_000_000);
    expect(timeOfMessageId('cv_01ABC')).toBeNull();
  });
});
