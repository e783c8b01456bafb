/**
 * Readers shared by the platform normalizers. Webhook payloads are untrusted input: every reader checks the
 * shape, cleans text at the boundary (vietnam.md §4: NFC) and throws ShopPayloadError naming the field, so a
 * broken payload is reported as `malformed` instead of being half-stored.
 */
import { MoneyError, parseMoney } from '../order.ts';

/** A payload that is well-signed but cannot be turned into an order (missing id, bad amount or date…). */
export class ShopPayloadError extends Error {
  override readonly name = 'ShopPayloadError';
}

/** Length caps in code points; keeps one hostile payload from bloating rows and the console. */
export const LIMITS = {
  title: 500, name: 200, note: 2000, address: 500, place: 200, email: 320, phone: 64, zip: 32, sku: 200,
  tag: 100, tags: 50, tracking: 200, url: 2000, orderNumber: 100, id: 100, lines: 500,
} as const;

export type Json = Record<string, unknown>;
export interface NormalizeOptions {
  /** Hears of an amount whose fraction went beyond the currency's exponent and was rounded (§7.5: log it). */
  onRounded?: (field: string, raw: string) => void;
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Json | null => (isObject(v) ? v : null);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Clean a text field: NFC, trim, drop NUL (Postgres text cannot hold it), cap by code points. Numbers are read as
 * text (zip codes and phones sometimes arrive as numbers). Empty or not text → null.
 */
export function text(v: unknown, max: number): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return null;
  // Pre-cut so a multi-megabyte field costs little to normalize; the real cap is applied after NFC.
  let s = v.slice(0, max * 4).replace(/\u0000/g, '').normalize('NFC').trim();
  if (s.length > max) s = Array.from(s).slice(0, max).join('').trim();
  return s === '' ? null : s;
}

/** "first last" with whichever parts exist, as Shopify formats `name`. */
export function joinName(first: unknown, last: unknown): string | null {
  return text([text(first, LIMITS.name), text(last, LIMITS.name)].filter(Boolean).join(' '), LIMITS.name);
}

/** Only http(s) links: a tracking URL is rendered as a link in the console, so `javascript:` must not pass. */
export function httpUrl(v: unknown): string | null {
  const s = text(v, LIMITS.url);
  return s !== null && /^https?:\/\/[^\s]+$/i.test(s) ? s : null;
}

/** An id kept as a string: safe integers (the JSON parser leaves bigger ones as exact strings) or plain text. */
export function optionalId(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new ShopPayloadError(`${field}: not an integer id`);
    return String(v);
  }
  if (typeof v !== 'string') throw new ShopPayloadError(`${field}: not an id`);
  const s = v.trim();
  if (s === '') return null;
  if (s.length > LIMITS.id || /[\u0000-\u001f]/.test(s)) throw new ShopPayloadError(`${field}: not an id`);
  return s;
}

export function requiredId(v: unknown, field: string): string {
  const id = optionalId(v, field);
  if (id === null) throw new ShopPayloadError(`${field} is missing`);
  return id;
}

/** Woo uses 0 for "none" (guest customer, simple product without variation). */
export const nonZeroId = (v: unknown, field: string): string | null => {
  const id = optionalId(v, field);
  return id === '0' ? null : id;
};

export function currencyOf(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'VND';
  if (typeof v !== 'string' || !/^[A-Za-z]{3}$/.test(v.trim())) throw new ShopPayloadError('currency: not an ISO 4217 code');
  return v.trim().toUpperCase();
}

/** Money in minor units via order.ts parseMoney; absent → 0. */
export function money(v: unknown, currency: string, field: string, opts: NormalizeOptions = {}): number {
  if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number') {
    throw new ShopPayloadError(`${field}: not an amount`);
  }
  try {
    return parseMoney(v, currency, opts.onRounded && ((raw) => opts.onRounded!(field, raw)));
  } catch (e) {
    if (e instanceof MoneyError) throw new ShopPayloadError(`${field}: not an amount: ${e.raw.slice(0, 40)}`);
    throw e;
  }
}

export const isAbsent = (v: unknown): boolean => v === null || v === undefined || v === '';

export function requiredMoney(v: unknown, currency: string, field: string, opts?: NormalizeOptions): number {
  if (isAbsent(v)) throw new ShopPayloadError(`${field} is missing`);
  return money(v, currency, field, opts);
}

export const optionalMoney = (v: unknown, currency: string, field: string, opts?: NormalizeOptions): number | null =>
  isAbsent(v) ? null : money(v, currency, field, opts);

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * Strict ISO 8601 (§0.2). `zone: 'required'` for the Shopify family (an offset-less time would be read in the
 * server's zone, silently wrong); `zone: 'utc'` for Woo `_gmt` fields, which are UTC without a suffix.
 * Calendar checked by hand: `new Date('2024-02-30')` rolls over to March instead of failing.
 */
export function isoDate(v: unknown, field: string, zone: 'required' | 'utc'): Date | null {
  if (isAbsent(v)) return null;
  const m = typeof v === 'string' ? ISO.exec(v.trim()) : null;
  if (!m) throw new ShopPayloadError(`${field}: not an ISO date`);
  const [, y, mo, d, h, mi, s = '0', frac = '', z, sign, oh, om] = m;
  if (z === undefined && zone === 'required') throw new ShopPayloadError(`${field}: date has no UTC offset`);
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +frac.padEnd(3, '0').slice(0, 3));
  const check = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  const offsetMin = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s! > 59 || +(oh ?? 0) > 14 || +(om ?? 0) > 59) {
    throw new ShopPayloadError(`${field}: not a valid date`);
  }
  return new Date(utc - offsetMin * 60_000);
}

export function requiredDate(v: unknown, field: string, zone: 'required' | 'utc'): Date {
  const d = isoDate(v, field, zone);
  if (d === null) throw new ShopPayloadError(`${field} is missing`);
  return d;
}

/** Quantities are whole, non-negative numbers (sometimes sent as strings). */
export function quantityOf(v: unknown, field: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new ShopPayloadError(`${field}: not a quantity`);
  return n;
}

/** Tags as Shopify sends them ("vip, cod") or as an array; cleaned, de-duplicated, capped. */
export function tagsOf(v: unknown): string[] {
  const raw = typeof v === 'string' ? v.split(',') : arr(v);
  const out = new Set<string>();
  for (const t of raw) {
    const s = text(t, LIMITS.tag);
    if (s !== null && out.size < LIMITS.tags) out.add(s);
  }
  return [...out];
}
