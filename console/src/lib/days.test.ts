import { describe, expect, it } from 'vitest';
import { isUsableDay } from './days.ts';

describe('isUsableDay', () => {
  it('takes whole, plausible days and nothing a half-typed year passes through', () => {
    expect(isUsableDay('2026-12-06')).toBe(true);
    expect(isUsableDay('2024-02-29')).toBe(true);
    expect(isUsableDay('0002-06-30')).toBe(false);
    expect(isUsableDay('2026-13-01')).toBe(false);
    expect(isUsableDay('2026-12-6')).toBe(false);
    expect(isUsableDay('')).toBe(false);
    expect(isUsableDay(null)).toBe(false);
  });
});
