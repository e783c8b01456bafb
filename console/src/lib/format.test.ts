import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatMoney, formatNumber, formatRelative, formatTime, initials } from './format.ts';

const hcm = 'Asia/Ho_Chi_Minh';
const iso = '2026-03-01T20:05:00Z'; // 03:05 on 2 March in Việt Nam

describe('dates in the workspace zone', () => {
  it('Vietnamese: dd/MM/yyyy HH:mm', () => {
    expect(formatDateTime(iso, hcm, 'vi')).toBe('02/03/2026 03:05');
    expect(formatDate(iso, hcm, 'vi')).toBe('02/03/2026');
    expect(formatTime(iso, hcm)).toBe('03:05');
  });

  it('English: dd MMM yyyy, HH:mm', () => {
    expect(formatDateTime(iso, hcm, 'en')).toBe('02 Mar 2026, 03:05');
    expect(formatDate(iso, hcm, 'en')).toBe('02 Mar 2026');
  });

  it('nothing for a missing or invalid date', () => {
    expect(formatDateTime(null, hcm, 'vi')).toBe('');
    expect(formatDateTime('not a date', hcm, 'vi')).toBe('');
    expect(formatDate(undefined, hcm, 'vi')).toBe('');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  // The wording comes from the runtime's ICU data; what this code decides is the unit and the number.
  const rtf = (lang: string, value: number, unit: Intl.RelativeTimeFormatUnit) =>
    new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }).format(value, unit);

  it('counts seconds, minutes, hours and days for the last week', () => {
    expect(formatRelative(ago(10), now, hcm, 'en')).toBe(rtf('en', 0, 'second'));
    expect(formatRelative(ago(5 * 60), now, hcm, 'vi')).toBe(rtf('vi', -5, 'minute'));
    expect(formatRelative(ago(5 * 60), now, hcm, 'vi')).toMatch(/^5 phút/);
    expect(formatRelative(ago(59 * 60), now, hcm, 'en')).toBe(rtf('en', -59, 'minute'));
    expect(formatRelative(ago(61 * 60), now, hcm, 'en')).toBe(rtf('en', -1, 'hour'));
    expect(formatRelative(ago(3 * 3600), now, hcm, 'en-US')).toBe(rtf('en', -3, 'hour'));
    expect(formatRelative(ago(2 * 86400), now, hcm, 'vi')).toBe(rtf('vi', -2, 'day'));
    expect(formatRelative(new Date(now + 3 * 3600 * 1000).toISOString(), now, hcm, 'en')).toBe(rtf('en', 3, 'hour'));
  });

  it('shows the date after a week', () => {
    expect(formatRelative(ago(8 * 86400), now, hcm, 'vi')).toBe('02/03/2026');
    expect(formatRelative(null, now, hcm, 'vi')).toBe('');
  });
});

describe('numbers', () => {
  it('money in đồng without decimals', () => {
    expect(formatMoney(1234567.8)).toBe('1.234.568\u00a0₫');
    expect(formatMoney(25, 'USD', 'en')).toBe('$25.00');
  });

  it('counts and sizes', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5.5 * 1024 * 1024)).toBe('5,5 MB');
    expect(formatBytes(5.5 * 1024 * 1024, 'en')).toBe('5.5 MB');
  });
});

describe('initials', () => {
  it('first and last word', () => {
    expect(initials('Nguyễn Thị Lan')).toBe('NL');
    expect(initials('  đỗ   hằng ')).toBe('ĐH');
    expect(initials('Minh')).toBe('M');
    expect(initials('')).toBe('?');
    expect(initials(null)).toBe('?');
  });
});
