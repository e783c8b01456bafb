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

/** Collapse whitespace and trim; used for names and short labels. */
export function cleanLine(input: string): string {
  return input.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}
