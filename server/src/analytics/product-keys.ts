import { fold } from '@careloop/contracts';

/**
 * How an order line names its product: `sku:<SKU>` when the line has one, else `title:<folded title>`
 * (diacritics and case removed, spaces collapsed), so "Cà Phê Sữa Đá" and "cà phê sữa đá" are one product.
 * A product sold with a SKU on some orders and without on others (a CSV import) counts as two.
 */
export function productKeyOf(line: { sku?: string | null; title?: string | null }): string | null {
  const sku = line.sku?.trim();
  if (sku) return `sku:${sku}`;
  const title = fold(line.title ?? '').replace(/\s+/g, ' ').trim();
  return title ? `title:${title}` : null;
}

/**
 * The same folding in SQL, for the refresh and the due list: `translate` with a map built from `fold`
 * itself over the Latin letters (Latin-1, Extended-A/B and Extended Additional, where all of Vietnamese
 * lives), then `lower` for ASCII. Stored titles are NFC; combining marks of any that are not are dropped.
 * `translate` walks the map for every character, so the refresh applies it to distinct titles only.
 */
function buildFoldMap(): { from: string; to: string } {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [[0xc0, 0x24f], [0x1e00, 0x1eff]];
  for (const [lo, hi] of ranges) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      const folded = fold(ch);
      if (folded !== ch && [...folded].length === 1) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
}

export const sqlFoldMap = { ...buildFoldMap(), marks: '[\u0300-\u036f]' };
