/** "Where is my order?": checks, wording and formatting for the order lookup, free of UI. */
import type { WidgetLocale } from '../shared/protocol.ts';
import type { MessageKey } from './i18n.ts';
import { normalizePhone } from './validate.ts';

export interface LookupValues {
  orderNumber: string;
  phone: string;
}
export type LookupErrors = Partial<Record<keyof LookupValues, MessageKey>>;

/** "#1001 " → "1001"; the phone as E.164 (the server normalizes again). */
export function validateLookup(values: LookupValues): { errors: LookupErrors; clean: LookupValues } {
  const errors: LookupErrors = {};
  const orderNumber = values.orderNumber.trim().replace(/^#/, '').trim();
  const raw = values.phone.trim();
  const phone = raw ? normalizePhone(raw) : null;
  if (!orderNumber) errors.orderNumber = 'required';
  if (!raw) errors.phone = 'required';
  else if (!phone) errors.phone = 'invalidPhone';
  return { errors, clean: { orderNumber: orderNumber.slice(0, 64), phone: phone ?? raw } };
}

/** One message for every wrong pair (no hint whether the number or the phone was wrong). */
export function lookupErrorKey(code: string): MessageKey {
  if (code === 'not_found') return 'orderNotFound';
  if (code === 'rate_limited' || code === 'locked_out') return 'orderTooMany';
  return code === 'network' ? 'err_network' : 'err_generic';
}

/** Only http(s) tracking links are shown; anything else (javascript:, data:) is dropped. */
export function safeLink(url: string | null | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const intlLocale = (locale: WidgetLocale) => (locale === 'vi' ? 'vi-VN' : 'en-US');

/** Minor units of `currency` (whole đồng for VND, cents for USD) → "1.250.000 ₫", "$12.50". */
export function formatMoney(locale: WidgetLocale, amount: number, currency: string): string {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatNumber(locale: WidgetLocale, value: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

export function formatDate(locale: WidgetLocale, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(locale === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' });
}
