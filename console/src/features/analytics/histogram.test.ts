import { describe, expect, it } from 'vitest';
import { histogram, niceStep } from './histogram.ts';

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(2.1)).toBe(2.5);
    expect(niceStep(40_000)).toBe(50_000);
    expect(niceStep(600_000)).toBe(1_000_000);
    expect(niceStep(0)).toBe(1);
  });
});

describe('histogram', () => {
  it('puts every value in one bin with round edges', () => {
    const bins = histogram([0, 90_000, 120_000, 480_000, 1_000_000, null, Number.NaN], 4);
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 250_000, 3],
      [250_000, 500_000, 1],
      [500_000, 750_000, 0],
      [750_000, 1_000_000, 1],
    ]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5);
  });

  it('starts at a round edge below the smallest value', () => {
    const bins = histogram([130, 170, 260], 3);
    expect(bins[0]!.from).toBe(100);
    expect(bins.at(-1)!.to).toBeGreaterThanOrEqual(260);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it('handles no values and equal values', () => {
    expect(histogram([])).toEqual([]);
    expect(histogram([null, undefined])).toEqual([]);
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
  });
});
