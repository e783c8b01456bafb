import { formatMoney, formatNumber } from '../../lib/format.ts';

/**
 * Integer đồng for display: "1.234.568 ₫" in Vietnamese (vi-VN), "₫1,234,568" in English.
 * Amounts from the server are whole đồng; anything else is rounded rather than shown with decimals.
 */
export function formatVnd(amount: number | null | undefined, lang = 'vi', currency = 'VND'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return formatMoney(Math.round(amount), currency || 'VND', lang);
}

export function formatPoints(points: number, lang = 'vi'): string {
  return formatNumber(points, lang);
}

/** A NumberInput value ('' while empty, a number otherwise) as whole, non-negative đồng; null when empty or invalid. */
export function toAmount(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[.\s,₫]/g, ''));
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n);
}

/** A signed whole number (points adjustments may be negative); null when empty or invalid. */
export function toInteger(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}
