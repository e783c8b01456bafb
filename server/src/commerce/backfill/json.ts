/**
 * Big-int-safe JSON parsing for shop API responses (channels.md §0.1.5, §7.3).
 *
 * Shopify and Haravan ids are int64. `JSON.parse` turns a literal above 2^53 into the nearest double, so two
 * orders can collapse onto one id and an upsert silently overwrites the wrong row. Node 20 has no
 * `JSON.parse` source-text access, so before parsing we wrap every *integer* literal that is not a safe
 * integer in quotes. Safe integers and decimals (Haravan money such as `240000.0000`) stay numbers.
 * Callers should read ids with `String(value)`, which is right for both shapes.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** A run of 16+ digits is the only way to write an unsafe integer; texts without one take the fast path. */
const LONG_DIGITS = /\d{16,}/;

export function parseJsonKeepingBigInts(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(quoteUnsafeIntegers(text));
}

/**
 * Rewrites the JSON text so unsafe integer literals become strings. A tiny scanner, not a regex, because
 * digits inside string values (phone numbers, tracking codes, page_info cursors) must be left alone.
 * Malformed input is passed through unchanged for `JSON.parse` to reject with its usual error.
 */
export function quoteUnsafeIntegers(text: string): string {
  const out: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22) { i++; break; } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      let integer = true;
      while (i < n && isNumberTail(text.charCodeAt(i))) { integer = false; i++; }
      const literal = text.slice(start, i);
      if (integer && literal.length > 15 && isUnsafe(literal)) {
        out.push(text.slice(last, start), '"', literal, '"');
        last = i;
      }
      continue;
    }
    i++;
  }
  if (last === 0) return text;
  out.push(text.slice(last));
  return out.join('');
}

function isDigit(c: number) { return c >= 0x30 && c <= 0x39; }
/** `.`, `e`, `E`, `+`, `-` or more digits after the integer part: a decimal or exponent literal. */
function isNumberTail(c: number) { return isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d; }

function isUnsafe(literal: string): boolean {
  try {
    const v = BigInt(literal);
    return v > MAX_SAFE || v < -MAX_SAFE;
  } catch {
    return false;
  }
}
