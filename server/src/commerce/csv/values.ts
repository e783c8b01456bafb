/**
 * Cell-level readers for order CSVs: amounts, quantities, phones and text. They never throw; they
 * return a value plus warnings, or an error code the importer turns into a rejection.
 * Warnings are strings `code: detail` so callers can match on the code prefix.
 */
import { currencyExponent, MoneyError, parseMoney } from '../order.ts';
import { isInvalidPhone, legacyMobilePrefixes, normalizePhoneVN } from '../../contacts/phone.ts';

export type AmountResult = { value: number; warnings: string[] } | { error: string };

const currencyMarks = /^(?:₫|vnđ|vnd|đ|\$|us\$|€|£)\s*|\s*(?:₫|vnđ|vnd|đ|d|\$|€|£)$/giu;
const spaces = /[\s\u00a0\u202f\u2009]/g;
const plainDecimal = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Read an amount into integer minor units. Platform decimal strings (`150000.00`) go straight to
 * `parseMoney`; Excel-edited cells follow vietnam.md §2.3 rule 5: a separator followed by exactly
 * three digits groups thousands (`150.000`, `150,000`, `1.500.000`), anything else is a decimal mark.
 * For currencies with three minor digits (KWD…) `1.500` could be either: read as decimal, warned.
 */
export function parseAmount(raw: string, currency: string, label = 'amount'): AmountResult {
  const fast = plainDecimal.exec(raw);
  if (fast) {
    // The platform's own format (`150000.00`) with nothing to round: plain integer arithmetic.
    const exp = currencyExponent(currency);
    const fraction = fast[2] ?? '';
    if (fraction.length <= exp || /^0+$/.test(fraction.slice(exp))) {
      const value = Number(fast[1]) * 10 ** exp + Number(fraction.slice(0, exp).padEnd(exp, '0'));
      if (Number.isSafeInteger(value)) return { value, warnings: [] };
    }
  }
  let s = raw.trim().replace(/^'/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) { negative = true; s = paren[1]!; }
  s = s.replace(currencyMarks, '').replace(spaces, '');
  if (s.startsWith('-')) { negative = !negative; s = s.slice(1); }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { error: `${label} "${raw}" is not a number` };
  const warnings: string[] = [];
  let canonical: string;
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (lastSep === -1) {
    canonical = s;
  } else {
    const hasDot = s.includes('.');
    const hasComma = s.includes(',');
    if (hasDot && hasComma) {
      // `1.500.000,50` or `1,500,000.50`: the last separator is the decimal mark, the other groups.
      const group = s[lastSep] === '.' ? ',' : '.';
      const whole = s.slice(0, lastSep);
      if (!isGrouped(whole, group)) return { error: `${label} "${raw}" has inconsistent separators` };
      canonical = `${whole.split(group).join('')}.${s.slice(lastSep + 1)}`;
    } else {
      const sep = hasDot ? '.' : ',';
      const parts = s.split(sep);
      if (parts.length > 2) {
        if (!isGrouped(s, sep)) return { error: `${label} "${raw}" has separators in odd places` };
        canonical = parts.join('');
      } else if (isGrouped(s, sep) && currencyExponent(currency) < 3) {
        canonical = parts.join('');
      } else {
        canonical = `${parts[0]}.${parts[1]}`;
        if (isGrouped(s, sep)) warnings.push(`ambiguous_amount: ${label} "${raw}" read as ${canonical} ${currency}`);
      }
    }
  }
  try {
    const value = parseMoney(`${negative ? '-' : ''}${canonical}`, currency, () => warnings.push(`amount_rounded: ${label} "${raw}" rounded to whole ${currency} units`));
    return { value, warnings };
  } catch (e) {
    if (e instanceof MoneyError) return { error: `${label} "${raw}" is out of range` };
    throw e;
  }
}

/** `1.500`, `12,345,678`: groups of three after a 1–3 digit head that isn't a lone leading zero. */
function isGrouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length < 2) return false;
  const head = parts[0]!;
  if (head.length < 1 || head.length > 3 || (head[0] === '0')) return false;
  return parts.slice(1).every((p) => p.length === 3 && /^\d{3}$/.test(p));
}

export type QuantityResult = { value: number } | { error: 'negative_quantity' | 'bad_quantity' } | null;

/** Whole quantities, also as `2.00` / `2,0` after a spreadsheet round trip. Null when the cell is empty. */
export function parseQuantity(raw: string): QuantityResult {
  const s = raw.trim();
  if (s === '') return null;
  const m = /^(-?)(\d+)(?:[.,]0+)?$/.exec(s);
  if (!m) return { error: /^-\d/.test(s) ? 'negative_quantity' : 'bad_quantity' };
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n > 1_000_000) return { error: 'bad_quantity' };
  if (m[1] === '-' && n !== 0) return { error: 'negative_quantity' };
  return { value: n };
}

export interface PhoneCell {
  /** What to store (still raw; the service normalizes to E.164), or null when unusable. */
  phone: string | null;
  warning?: string;
}

const scientific = /^[+-]?\d+(?:[.,]\d+)?e\+?\d+$/i;
const plainMobile = /^(?:\+84|84|0)[35789]\d{8}$/;

/**
 * Repair what Excel does to phone cells (vietnam.md §1.3): a lost leading zero is restored (warned),
 * scientific notation has lost digits and is dropped (warned). Old 11-digit mobiles are kept raw:
 * the contact service converts them. Obvious good numbers skip libphonenumber, which is slow in bulk.
 */
export function cleanPhone(raw: string, label = 'phone'): PhoneCell {
  const s = raw.trim().replace(/^'/, '');
  if (s === '') return { phone: null };
  if (scientific.test(s.replace(spaces, ''))) {
    return { phone: null, warning: `excel_scientific: ${label} "${s}" lost digits in Excel; phone dropped` };
  }
  const digits = s.replace(/[\s.\-()\u00a0]/g, '');
  if (plainMobile.test(digits) || /^0[12]\d{9}$/.test(digits)) return { phone: s };
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits) || (/^1\d{9}$/.test(digits) && legacyMobilePrefixes[`0${digits.slice(0, 3)}`])) {
    const restored = `0${digits}`;
    return { phone: restored, warning: `phone_restored_zero: ${label} "${s}" lost its leading 0 in Excel; stored as ${restored}` };
  }
  const result = normalizePhoneVN(s);
  if (isInvalidPhone(result)) {
    if (result.flags.includes('excel_scientific')) return { phone: null, warning: `excel_scientific: ${label} "${s}" lost digits in Excel; phone dropped` };
    return { phone: s, warning: `invalid_phone: ${label} "${s}" is not a valid phone number; kept as is` };
  }
  return { phone: s };
}

/** Trimmed NFC text, or null when empty. Only strings outside Latin-1 pay for `normalize`. */
export function text(raw: string | undefined): string | null {
  if (raw === undefined || raw.length === 0) return null;
  const s = raw.trim();
  if (s === '') return null;
  return /[^\u0000-\u00ff]/.test(s) ? s.normalize('NFC') : s;
}
