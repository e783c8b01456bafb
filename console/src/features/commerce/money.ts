import { formatMoney, formatNumber } from '../../lib/format.ts';

/**
 * Integer đồng for display: "1.234.568 ₫" in Vietnamese (vi-VN), "₫1,234,568" in English.
 * Amounts from the server are whole đồng; anything else is rounded rather than shown with decimals.
 */
export function formatVnd(amount: number | null | undefined, lang = 'vi', currency = 'VND'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return formatMoney(Math.round(amount), currency || 'VND', lang);
}

const fractionCache = new Map<string, number>();

/** Digits after the decimal point of a currency's minor unit (VND 0, USD 2, KWD 3); throws for a code Intl rejects. */
function minorDigits(currency: string): number {
  let digits = fractionCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionCache.set(currency, digits);
  }
  return digits;
}

/**
 * An amount in minor units of `currency` (whole đồng for VND, cents for USD), as the server stores order
 * totals and line prices: 450000 VND → "450.000 ₫" (vi), 1250 USD → "$12.50" (en).
 */
export function formatMinor(amount: number | null | undefined, currency: string | null | undefined, lang = 'vi'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const code = (currency || 'VND').toUpperCase();
  try {
    return formatMoney(amount / 10 ** minorDigits(code), code, lang);
  } catch {
    return `${formatNumber(amount, lang)} ${code}`;
  }
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

/** Whether a redemption, or a negative adjustment, would take more points than the customer has. */
export function overdraws(mode: 'redeem' | 'adjust', points: number | null, balance: number): boolean {
  if (points === null) return false;
  return (mode === 'redeem' ? points : -points) > balance;
}
