import { describe, expect, it } from 'vitest';
import { isStatsCheckpoint } from './stats.ts';

describe('isStatsCheckpoint', () => {
  it('refreshes statistics each time the table has grown fourfold', () => {
    expect(Array.from({ length: 600 }, (_, i) => i + 1).filter(isStatsCheckpoint)).toEqual([2, 8, 32, 128, 512]);
  });
});
