/**
 * Vietnamese text keys (see shared/specs/vietnam.md §4).
 * fold(): diacritic-insensitive key — "Đơn hàng" → "don hang". đ/Đ do not decompose
 * under NFD, so they are mapped explicitly.
 */
export function fold(input: string): string {
  // Text in Latin letters (Vietnamese, English) is folded a character at a time through a table;
  // anything else takes the whole-string path, where context matters (Greek final sigma, Hangul).
  const n = input.length;
  const table = (foldTable ??= tableOf(0, 0x2070, (c) => c <= 0x24f || (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) || c >= 0x2000));
  const codes = n <= 16_384 ? (scratch ??= new Uint16Array(16_384)) : new Uint16Array(n);
  let length = 0;
  for (let i = 0; i < n; i++) {
    const code = input.charCodeAt(i);
    const folded = code < table.length ? table[code]! : unfoldable;
    if (folded === unfoldable) return foldWhole(input);
    if (folded !== dropped) codes[length++] = folded;
  }
  let out = '';
  for (let i = 0; i < length; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 4096)) as unknown as number[]);
  return out;
}

const unfoldable = 0xffff;
const dropped = 0xfffe;
let scratch: Uint16Array | null = null;
/** What a character folds to, built on first use: one character or none, for ASCII to Latin Extended-B, marks, punctuation (… “ ” –) and Vietnamese's ạ…ỹ. */
let foldTable: Uint16Array | null = null;

function tableOf(from: number, to: number, only: (code: number) => boolean): Uint16Array {
  const table = new Uint16Array(to - from);
  for (let code = from; code < to; code++) {
    const folded = only(code) ? foldWhole(String.fromCharCode(code)) : null;
    table[code - from] = folded === null || folded.length > 1 ? unfoldable : folded.length === 0 ? dropped : folded.charCodeAt(0);
  }
  return table;
}

function foldWhole(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

/** Collapse whitespace and trim; used for names and short labels. */
export function cleanLine(input: string): string {
  return input.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}
