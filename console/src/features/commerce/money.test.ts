import { describe, expect, it } from 'vitest';
import { formatMinor, formatPoints, formatVnd, overdraws, toAmount, toInteger } from './money.ts';

const nbsp = '\u00a0';

describe('formatVnd', () => {
  it('formats integer đồng the Vietnamese way in vi', () => {
    expect(formatVnd(1_234_568, 'vi')).toBe(`1.234.568${nbsp}₫`);
    expect(formatVnd(0, 'vi')).toBe(`0${nbsp}₫`);
    expect(formatVnd(30_000, 'vi-VN')).toBe(`30.000${nbsp}₫`);
  });

  it('formats for English readers without decimals', () => {
    expect(formatVnd(1_234_568, 'en')).toBe('₫1,234,568');
  });

  it('rounds stray fractions instead of showing decimals, and shows a dash for nothing', () => {
    expect(formatVnd(99_999.6, 'vi')).toBe(`100.000${nbsp}₫`);
    expect(formatVnd(null, 'vi')).toBe('—');
    expect(formatVnd(Number.NaN, 'vi')).toBe('—');
  });

  it('keeps another currency when an order has one', () => {
    expect(formatVnd(25, 'en', 'USD')).toBe('$25.00');
  });

  it('formats points with the locale grouping', () => {
    expect(formatPoints(12_500, 'vi')).toBe('12.500');
    expect(formatPoints(12_500, 'en')).toBe('12,500');
  });
});

describe('formatMinor', () => {
  it('shows whole đồng as they are', () => {
    expect(formatMinor(450_000, 'VND', 'vi')).toBe(`450.000${nbsp}₫`);
    expect(formatMinor(450_000, 'VND', 'en')).toBe('₫450,000');
    expect(formatMinor(450_000, '', 'vi')).toBe(`450.000${nbsp}₫`);
  });

  it('divides cents and other minor units by the currency\'s fraction digits', () => {
    expect(formatMinor(1250, 'USD', 'en')).toBe('$12.50');
    expect(formatMinor(1250, 'usd', 'en')).toBe('$12.50');
    expect(formatMinor(1250, 'USD', 'vi')).toBe(`12,50${nbsp}US$`);
    expect(formatMinor(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMinor(1234, 'KWD', 'en')).toBe('KWD 1.234');
  });

  it('shows a dash for nothing and the raw amount for a code Intl rejects', () => {
    expect(formatMinor(null, 'USD', 'en')).toBe('—');
    expect(formatMinor(Number.NaN, 'VND', 'vi')).toBe('—');
    expect(formatMinor(1500, 'not a currency', 'en')).toBe('1,500 NOT A CURRENCY');
  });
});

describe('number inputs', () => {
  it('reads whole non-negative đồng', () => {
    expect(toAmount(50_000)).toBe(50_000);
    expect(toAmount('50.000')).toBe(50_000);
    expect(toAmount('')).toBeNull();
    expect(toAmount(-1)).toBeNull();
    expect(toAmount('abc')).toBeNull();
  });

  it('reads signed integers for adjustments', () => {
    expect(toInteger(-200)).toBe(-200);
    expect(toInteger('15')).toBe(15);
    expect(toInteger('')).toBeNull();
  });
});

describe('overdraws', () => {
  it('stops redemptions and negative adjustments beyond the balance', () => {
    expect(overdraws('redeem', 500, 500)).toBe(false);
    expect(overdraws('redeem', 501, 500)).toBe(true);
    expect(overdraws('adjust', -500, 500)).toBe(false);
    expect(overdraws('adjust', -501, 500)).toBe(true);
    expect(overdraws('adjust', 10_000, 0)).toBe(false);
    expect(overdraws('adjust', null, 0)).toBe(false);
  });
});
