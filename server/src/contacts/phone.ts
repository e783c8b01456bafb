import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Vietnamese phone normalisation (shared/specs/vietnam.md §1.3). E.164 is the key that matches a
 * customer across channels (orders, Zalo, widget), so every phone is reduced to it on the way in.
 * The `max` metadata is used because the spec asks libphonenumber, not a prefix list, to decide validity.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service' | 'foreign';
export interface NormalizedPhone { e164: string; national: string; display: string; kind: PhoneKind; flags: string[]; extra: string[] }
export interface InvalidPhone { invalid: true; raw: string; flags: string[] }
export type PhoneResult = NormalizedPhone | InvalidPhone;

/** The 2018 conversion of 11-digit mobiles (§1.2): old 4-digit prefix → new 3-digit prefix. */
export const legacyMobilePrefixes: Readonly<Record<string, string>> = {
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0186': '056', '0188': '058',
  '0199': '059',
};

const separators = /\s*(?:[/,;]|\s-\s|\s(?:hoặc|hoac)\s)\s*/iu;
const scientific = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
/** Before the 2017 area-code change, TP.HCM landlines were written `08 xxxx xxxx` (§1.1). */
const areaCodeChange = new Date('2017-06-17T00:00:00+07:00');

export function isInvalidPhone(result: PhoneResult): result is InvalidPhone {
  return 'invalid' in result;
}

/**
 * Normalise what a person typed. `recordedAt` is when the source record was written: a 10-digit
 * `08…` number from before 2017 may be an old TP.HCM landline, which only the date can hint at.
 */
export function normalizePhoneVN(input: string, opts: { recordedAt?: Date } = {}): PhoneResult {
  // Imports meet the same numbers again and again (and normalize each twice: contact, order); the
  // result depends on the input and, for old `08…` numbers only, on whether it predates 2017.
  const key = `${opts.recordedAt && opts.recordedAt < areaCodeChange ? 'o' : 'n'}${input}`;
  const hit = memo.get(key);
  if (hit) return copyOf(hit);
  const result = normalizeUncached(input, opts);
  if (memo.size >= memoSize) memo.clear();
  memo.set(key, result);
  return copyOf(result);
}

const memo = new Map<string, PhoneResult>();
const memoSize = 20_000;
/** Callers may change what they get; the memo keeps its own. */
const copyOf = (r: PhoneResult): PhoneResult => ('invalid' in r ? { ...r, flags: [...r.flags] } : { ...r, flags: [...r.flags], extra: [...r.extra] });

function normalizeUncached(input: string, opts: { recordedAt?: Date }): PhoneResult {
  const text = input.normalize('NFKC').trim();
  if (scientific.test(text.replace(/\s/g, ''))) return { invalid: true, raw: text, flags: ['excel_scientific'] };
  const [primary, ...rest] = text.split(separators).map((p) => p.trim()).filter(Boolean);
  if (!primary) return { invalid: true, raw: text, flags: [] };
  const result = normalizeOne(primary, opts);
  if (rest.length === 0) return result;
  if (isInvalidPhone(result)) return { invalid: true, raw: text, flags: [...result.flags, 'multiple'] };
  const extra = rest.map((part) => {
    const other = normalizeOne(part, opts);
    return isInvalidPhone(other) ? part : other.e164;
  });
  return { ...result, flags: [...result.flags, 'multiple'], extra };
}

function normalizeOne(raw: string, opts: { recordedAt?: Date }): PhoneResult {
  const invalid = (flags: string[] = []): InvalidPhone => ({ invalid: true, raw, flags });
  if (scientific.test(raw.replace(/\s/g, ''))) return invalid(['excel_scientific']);
  const withoutTrunk = raw.replace(/^([\s(]*(?:\+|00)\s*\d{1,3}\)?)\s*\(\s*0\s*\)/, '$1');
  const plus = /^[\s(]*\+/.test(withoutTrunk);
  const digits = withoutTrunk.replace(/\D/g, '');
  if (digits.length === 0) return invalid();
  const flags: string[] = [];

  let national: string;
  const international = plus ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    if (!international.startsWith('84')) return foreign(international, raw);
    national = nationalAfterCountryCode(international.slice(2));
  } else if (digits.startsWith('84') && (digits.length === 11 || (digits.length === 12 && /^[12]$/.test(digits.charAt(2))))) {
    national = `0${digits.slice(2)}`;
  } else if (/^[35789]\d{8}$/.test(digits)) {
    national = `0${digits}`;
    flags.push('restored_zero');
  } else {
    national = digits;
  }

  let kind: PhoneKind;
  if (/^0[35789]\d{8}$/.test(national)) {
    kind = 'mobile';
    if (national.startsWith('08') && opts.recordedAt && opts.recordedAt < areaCodeChange) flags.push('legacy_landline_08');
  } else if (/^01\d{9}$/.test(national)) {
    const prefix = legacyMobilePrefixes[national.slice(0, 4)];
    if (!prefix) return invalid(flags);
    national = prefix + national.slice(4);
    kind = 'mobile';
    flags.push('converted_2018');
  } else if (/^02\d{9}$/.test(national)) {
    kind = 'landline';
  } else if (/^1[89]00\d{4}(?:\d{2})?$/.test(national)) {
    kind = 'service';
  } else {
    return invalid(flags);
  }

  if (kind === 'mobile') {
    const shape = mobileShape(national);
    if (!shape) return invalid(flags);
    return { e164: `+84${national.slice(1)}`, national, display: applyShape(shape, national), kind, flags, extra: [] };
  }
  const parsed = parsePhoneNumberFromString(national, 'VN');
  if (!parsed?.isValid()) return invalid(flags);
  return { e164: parsed.number, national, display: parsed.formatNational(), kind, flags, extra: [] };
}

/**
 * Whether a 10-digit mobile number is valid, and how it is displayed, depends only on its first four
 * digits in libphonenumber's Vietnamese metadata (checked for every prefix 0300–0999 by
 * phone.test.ts): libphonenumber answers once per prefix, and imports of hundreds of thousands of
 * orders skip its per-number parse (a tenth of their time). `null` for an invalid prefix; otherwise the
 * display form with `d` for each digit ("dddd ddd ddd").
 */
function mobileShape(national: string): string | null {
  const prefix = national.slice(0, 4);
  let shape = mobileShapes.get(prefix);
  if (shape === undefined) {
    const parsed = parsePhoneNumberFromString(national, 'VN');
    shape = parsed?.isValid() && parsed.number === `+84${national.slice(1)}` ? parsed.formatNational().replace(/\d/g, 'd') : null;
    mobileShapes.set(prefix, shape);
  }
  return shape;
}
const mobileShapes = new Map<string, string | null>();

function applyShape(shape: string, digits: string): string {
  let i = 0;
  let out = '';
  for (const ch of shape) out += ch === 'd' ? digits.charAt(i++) : ch;
  return out;
}

/** For tests: libphonenumber's own answer for a national number, without the per-prefix shortcut. */
export function libphonenumberAnswer(national: string): { e164: string; display: string } | null {
  const parsed = parsePhoneNumberFromString(national, 'VN');
  return parsed?.isValid() ? { e164: parsed.number, display: parsed.formatNational() } : null;
}

/** `+84 …` followed by the national number; a stray trunk `0` (`+84 0912…`) is the `(0)` habit without brackets. */
function nationalAfterCountryCode(rest: string): string {
  if (/^1[89]00/.test(rest)) return rest;
  return `0${rest.startsWith('0') ? rest.slice(1) : rest}`;
}

function foreign(international: string, raw: string): PhoneResult {
  const parsed = parsePhoneNumberFromString(`+${international}`);
  if (!parsed?.isValid()) return { invalid: true, raw, flags: [] };
  return { e164: parsed.number, national: parsed.nationalNumber, display: parsed.formatInternational(), kind: 'foreign', flags: [], extra: [] };
}

function parseStored(e164: string): PhoneNumber | undefined {
  return parsePhoneNumberFromString(e164);
}

/** How a stored E.164 number is shown: Vietnamese numbers in national form, others international. */
export function displayPhone(e164: string): string {
  const parsed = parseStored(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === '84' ? parsed.formatNational() : parsed.formatInternational();
}

/** The national digits of a stored number (`0912345678`, `19001234`), for search. */
export function nationalDigits(e164: string): string {
  // Vietnamese numbers need no parse (imports build this for every new contact): the national form
  // is the trunk 0 and the subscriber digits, except 1800/1900 service numbers, which have no trunk.
  if (/^\+84\d{8,10}$/.test(e164)) {
    const rest = e164.slice(3);
    return /^1[89]00/.test(rest) ? rest : `0${rest}`;
  }
  const parsed = parseStored(e164);
  if (!parsed) return e164.replace(/\D/g, '');
  return parsed.countryCallingCode === '84' ? parsed.formatNational().replace(/\D/g, '') : parsed.nationalNumber;
}
