import { segmentNames } from '@careloop/contracts';
import { describe, expect, it } from 'vitest';
import { frequencyScore, scoreRfm, segmentOf, topShare } from './rfm.ts';

describe('RFM (spec §9)', () => {
  it('maps every cell of the R × F grid to exactly one of the ten segments', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(segmentOf(r, f));
    expect([...seen].sort()).toEqual([...segmentNames].sort());
    expect([segmentOf(5, 5), segmentOf(5, 1), segmentOf(4, 1), segmentOf(3, 3), segmentOf(1, 5), segmentOf(2, 4), segmentOf(1, 1)])
      .toEqual(['champions', 'new', 'promising', 'need_attention', 'cant_lose', 'at_risk', 'hibernating']);
  });

  it('uses fixed F thresholds', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map(frequencyScore)).toEqual([1, 2, 3, 4, 4, 5, 5]);
  });

  it('gives tied customers the same R and M, the most recent R = 5', () => {
    const scores = scoreRfm([
      { daysSinceLast: 10, occasions: 1, revenue: 100 },
      { daysSinceLast: 10, occasions: 1, revenue: 100 },
      { daysSinceLast: 300, occasions: 6, revenue: 900 },
      { daysSinceLast: 50, occasions: 2, revenue: 50 },
      { daysSinceLast: 200, occasions: 4, revenue: 400 },
    ]);
    // R = ceil(5·(#{days_j > days_i} + 1)/N): 300 → 1, 200 → 2, 50 → 3, 10 and 10 → 4 (three are less recent).
    expect(scores.map((s) => s.r)).toEqual([4, 4, 1, 3, 2]);
    // M = ceil(5·(#{M_j < M_i} + 1)/N): 50 → 1, 100 and 100 → 2, 400 → 4, 900 → 5.
    expect(scores.map((s) => s.m)).toEqual([2, 2, 5, 1, 4]);
    expect(scores.map((s) => s.segment)).toEqual(['promising', 'promising', 'cant_lose', 'about_to_sleep', 'at_risk']);
  });

  it('takes the top ⌈20 %⌉ by value', () => {
    const items = [5, 1, 9, 3, 7, 2];
    expect([...topShare(items, (v) => v)]).toEqual([9, 7]);
    expect(topShare([], (v: number) => v).size).toBe(0);
  });
});
