import { describe, expect, it } from 'vitest';
import { formatMinor } from '../commerce/money.ts';
import { compactMoney, formatCount, formatDay, formatDecimal, formatPercent, minorDigits, progressPercent, toMajor } from './format.ts';

const nbsp = '\u00a0';

describe('formatPercent and formatDecimal', () => {
  it('follows the language', () => {
    expect(formatPercent(0.2345, 'vi')).toBe('23,5%');
    expect(formatPercent(0.2345, 'en')).toBe('23.5%');
    expect(formatPercent(1, 'en', 0)).toBe('100%');
    expect(formatDecimal(1.2345, 'vi')).toBe('1,23');
    expect(formatDecimal(1.2345, 'en')).toBe('1.23');
    expect(formatCount(12_500, 'vi')).toBe('12.500');
  });

  it('shows a dash when a ratio has no denominator', () => {
    expect(formatPercent(null, 'vi')).toBe('—');
    expect(formatDecimal(Number.NaN, 'en')).toBe('—');
    expect(formatCount(undefined, 'en')).toBe('—');
  });
});

describe('money in minor units', () => {
  it('knows each currency\'s minor unit', () => {
    expect(minorDigits('VND')).toBe(0);
    expect(minorDigits('usd')).toBe(2);
    expect(minorDigits('GBP')).toBe(2);
    expect(minorDigits('not a code')).toBe(0);
    expect(toMajor(1250, 'USD')).toBe(12.5);
    expect(toMajor(450_000, 'VND')).toBe(450_000);
  });

  it('formats full amounts with the commerce helper and axes compactly', () => {
    expect(formatMinor(1_234_500, 'VND', 'vi')).toBe(`1.234.500${nbsp}₫`);
    expect(formatMinor(1999, 'GBP', 'en')).toBe('£19.99');
    expect(compactMoney(12_345_678, 'VND', 'vi')).toBe(`12,3${nbsp}Tr${nbsp}₫`);
    expect(compactMoney(12_345_678, 'VND', 'en')).toBe('₫12.3M');
    expect(compactMoney(1234.5, 'USD', 'en')).toBe('$1.2K');
  });
});

describe('progressPercent', () => {
  it('turns a 0–1 progress into a bounded whole percentage', () => {
    expect(progressPercent(0.4)).toBe(40);
    expect(progressPercent(1.2)).toBe(100);
    expect(progressPercent(null)).toBe(0);
  });
});

describe('formatDay', () => {
  it('shows a calendar day as it is, whatever the time zone', () => {
    expect(formatDay('2026-03-05', 'vi')).toBe('05/03/2026');
    expect(formatDay('2026-03-05', 'en')).toBe('05 Mar 2026');
    expect(formatDay(null, 'vi')).toBe('—');
    expect(formatDay('soon', 'en')).toBe('—');
  });
});
