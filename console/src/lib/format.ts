import { wallClock } from './time.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/MM/yyyy HH:mm` in the workspace zone for Vietnamese; `dd MMM yyyy, HH:mm` for English. */
export function formatDateTime(iso: string | Date | null | undefined, timeZone: string, lang: string): string {
  if (!iso) return '';
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  if (lang.startsWith('vi')) {
    const c = wallClock(date, timeZone);
    return `${pad(c.day)}/${pad(c.month)}/${c.year} ${pad(c.hour)}:${pad(c.minute)}`;
  }
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

export function formatDate(iso: string | null | undefined, timeZone: string, lang: string): string {
  if (!iso) return '';
  const c = wallClock(new Date(iso), timeZone);
  return lang.startsWith('vi') ? `${pad(c.day)}/${pad(c.month)}/${c.year}` : formatDateTime(iso, timeZone, lang).split(',')[0] ?? '';
}

export function formatTime(iso: string, timeZone: string): string {
  const c = wallClock(new Date(iso), timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();

/** "5 phút trước" / "5 min. ago" for the last week, then the date. */
export function formatRelative(iso: string | null | undefined, now: number, timeZone: string, lang: string): string {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs > 7 * 86400) return formatDate(iso, timeZone, lang);
  let rtf = relativeCache.get(lang);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(lang.startsWith('vi') ? 'vi' : 'en', { numeric: 'auto', style: 'short' });
    relativeCache.set(lang, rtf);
  }
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** Integer đồng → "1.234.568 ₫" (vi-VN, no decimals; the space before ₫ is U+00A0). */
export function formatMoney(amount: number, currency = 'VND', lang = 'vi'): string {
  return new Intl.NumberFormat(lang.startsWith('vi') ? 'vi-VN' : 'en-US', { style: 'currency', currency }).format(amount);
}

export function formatNumber(value: number, lang = 'vi'): string {
  return new Intl.NumberFormat(lang.startsWith('vi') ? 'vi-VN' : 'en-US').format(value);
}

export function formatBytes(bytes: number, lang = 'vi'): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${formatNumber(Math.round(kb), lang)} KB`;
  return `${new Intl.NumberFormat(lang.startsWith('vi') ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

/** Initials for avatars: "Nguyễn Thị Lan" → "NL". */
export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}
