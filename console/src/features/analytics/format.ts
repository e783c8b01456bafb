import { formatNumber } from '../../lib/format.ts';

/**
 * Number formatting for analytics figures. Money stays in the currency's minor units until shown:
 * `formatMinor` (commerce/money.ts) for full amounts, `toMajor` + `compactMoney` for chart axes.
 */
const locale = (lang: string) => (lang.startsWith('vi') ? 'vi-VN' : 'en-US');
const dash = '—';
const usable = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** 0.2345 → "23,5%" (vi) / "23.5%" (en). */
export function formatPercent(value: number | null | undefined, lang: string, digits = 1): string {
  if (!usable(value)) return dash;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** 1.2345 → "1,23" (vi) / "1.23" (en). */
export function formatDecimal(value: number | null | undefined, lang: string, digits = 2): string {
  if (!usable(value)) return dash;
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value);
}

export function formatCount(value: number | null | undefined, lang: string): string {
  return usable(value) ? formatNumber(value, lang) : dash;
}

const digitsCache = new Map<string, number>();

/** Digits of the currency's minor unit (VND 0, USD 2); 0 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  const code = (currency || 'VND').toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 0;
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/** Minor units → the currency's main unit: 1250 USD cents → 12.5; VND is unchanged. */
export function toMajor(amount: number, currency: string): number {
  return amount / 10 ** minorDigits(currency);
}

/** An amount in main units, short for chart axes: "12 Tr ₫" (vi), "₫12M" (en), "$1.2K". */
export function compactMoney(major: number, currency: string, lang: string): string {
  if (!Number.isFinite(major)) return dash;
  try {
    return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: (currency || 'VND').toUpperCase(), notation: 'compact', maximumFractionDigits: 1 }).format(major);
  } catch {
    return new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(major);
  }
}

/** A 0–1 progress as a whole percentage for a progress bar. */
export function progressPercent(progress: number | null | undefined): number {
  if (!usable(progress)) return 0;
  return Math.max(0, Math.min(100, Math.round(progress * 100)));
}

/**
 * A calendar day (`YYYY-MM-DD`, already in the shop's zone) as "05/03/2026" (vi) or "05 Mar 2026" (en),
 * without shifting it through a time zone.
 */
export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}/.test(day)) return dash;
  const [y, m, d] = day.slice(0, 10).split('-');
  if (lang.startsWith('vi')) return `${d}/${m}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: '2-digit', month: 'short', year: 'numeric' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** An amount already in main units (a chart value), in full: 12.5 USD → "$12.50". */
export function formatMajor(major: number, currency: string, lang: string): string {
  if (!Number.isFinite(major)) return dash;
  try {
    return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: (currency || 'VND').toUpperCase() }).format(major);
  } catch {
    return `${new Intl.NumberFormat(locale(lang)).format(major)} ${currency}`;
  }
}
