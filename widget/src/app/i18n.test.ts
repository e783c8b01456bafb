import { describe, expect, it } from 'vitest';
import { formatTime, pickLocale, toLocale, translate } from './i18n.ts';

describe('pickLocale', () => {
  it('prefers an explicit setLocale, then the inbox, then the snippet hint, then the browser', () => {
    expect(pickLocale({ override: 'en', config: 'vi', hint: 'vi', browser: ['vi-VN'] })).toBe('en');
    expect(pickLocale({ config: 'en', hint: 'vi', browser: ['vi-VN'] })).toBe('en');
    expect(pickLocale({ config: 'auto', hint: 'en', browser: ['vi-VN'] })).toBe('en');
    expect(pickLocale({ config: null, hint: null, browser: ['fr-FR', 'en-US'] })).toBe('en');
  });

  it('falls back to Vietnamese', () => {
    expect(pickLocale({ browser: ['fr-FR', 'de'] })).toBe('vi');
    expect(pickLocale({})).toBe('vi');
  });
});

describe('toLocale', () => {
  it('accepts language tags and rejects look-alikes', () => {
    expect(toLocale('vi-VN')).toBe('vi');
    expect(toLocale('EN_gb')).toBe('en');
    expect(toLocale('vie')).toBeNull();
    expect(toLocale(undefined)).toBeNull();
  });
});

describe('translate', () => {
  it('fills variables and keeps unknown placeholders', () => {
    expect(translate('vi', 'typing', { name: 'Lan' })).toBe('Lan đang soạn tin…');
    expect(translate('en', 'typing', { name: 'Lan' })).toBe('Lan is typing…');
    expect(translate('en', 'typing')).toBe('{name} is typing…');
  });

  it('uses the English singular for a count of one', () => {
    expect(translate('en', 'orderItems', { count: 1 })).toBe('1 item');
    expect(translate('en', 'orderItems', { count: 3 })).toBe('3 items');
    expect(translate('en', 'orderItems', { count: 0 })).toBe('0 items');
    expect(translate('vi', 'orderItems', { count: 1 })).toBe('1 sản phẩm');
  });

  it('formats times and tolerates bad dates', () => {
    expect(formatTime('vi', 'not a date')).toBe('');
    expect(formatTime('en', '2025-01-02T03:04:05Z')).toMatch(/\d{2}:\d{2}/);
  });
});
