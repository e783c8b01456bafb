/**
 * Vietnamese text keys (see shared/specs/vietnam.md §4).
 * fold(): diacritic-insensitive key — "Đơn hàng" → "don hang". đ/Đ do not decompose
 * under NFD, so they are mapped explicitly.
 */
export function fold(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

export function nfc(input: string): string {
  return input.normalize('NFC');
}

/** True when the text carries Vietnamese diacritics (then accent-sensitive matches rank first). */
export function hasDiacritics(input: string): boolean {
  return fold(input) !== input.toLowerCase().normalize('NFC');
}

/** New-style pair → old-style pair, e.g. "oà" → "òa" (tones: huyền, sắc, hỏi, ngã, nặng). */
const newToOld: Record<string, string> = {};
for (const [first, second, oldFirst, newSecond] of [
  ['o', 'a', 'òóỏõọ', 'àáảãạ'], ['o', 'e', 'òóỏõọ', 'èéẻẽẹ'], ['u', 'y', 'ùúủũụ', 'ỳýỷỹỵ'],
] as const) {
  for (let i = 0; i < 5; i++) newToOld[first + newSecond.charAt(i)] = oldFirst.charAt(i) + second;
}

/**
 * Accent-sensitive search key: NFC, lower case, new-style tone placement rewritten to
 * old style when the vowel pair ends the word ("hoà" → "hòa"); "quý" is never touched.
 */
export function toneKey(input: string): string {
  const lower = input.normalize('NFC').toLowerCase();
  return lower.replace(/(q?)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![\p{L}])/gu, (match, q: string, pair: string) =>
    q ? match : newToOld[pair] ?? match,
  );
}

/** Collapse whitespace and trim; used for names and short labels. */
export function cleanLine(input: string): string {
  return nfc(input).replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}
