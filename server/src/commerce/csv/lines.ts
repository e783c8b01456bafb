/**
 * Line items in the three shapes exports use: one row per item (Shopify, generic), items packed into
 * `line_item_N` cells (Woo Import Export Suite), or a product list in one cell (Woo Analytics).
 */
import type { OrderLine } from '../order.ts';
import type { CsvRow } from './parse.ts';
import type { ColumnPlan } from './presets.ts';
import { parseAmount, parseQuantity, text } from './values.ts';

export type LinesResult = { lines: OrderLine[] } | { code: 'negative_quantity' | 'bad_quantity'; message: string };

const line = (title: string, quantity: number, price: number, sku: string | null = null, productId: string | null = null, variantId: string | null = null, externalId: string | null = null): OrderLine =>
  ({ externalId, productId, variantId, sku, title, quantity, price });

export const cell = (row: CsvRow, i: number | undefined): string => (i === undefined ? '' : row.cells[i] ?? '');

function quantityOf(raw: string, where: string, warnings: string[]): number | { code: 'negative_quantity' | 'bad_quantity'; message: string } {
  const q = parseQuantity(raw);
  if (q === null) {
    warnings.push(`missing_quantity: ${where} has no quantity; read as 1`);
    return 1;
  }
  if ('error' in q) return { code: q.error, message: `${where} quantity "${raw.trim()}"` };
  return q.value;
}

/** Shopify / generic: every row with a line name, SKU, quantity or price is one item. */
export function linesFromRows(rows: CsvRow[], plan: ColumnPlan, currency: string, warnings: string[]): LinesResult {
  const lines: OrderLine[] = [];
  const [iName, iQty, iPrice, iSku] = [plan.lineName[0], plan.lineQuantity[0], plan.linePrice[0], plan.lineSku[0]];
  if (iName === undefined && iQty === undefined && iPrice === undefined && iSku === undefined) return { lines };
  for (const row of rows) {
    const name = text(cell(row, iName));
    const sku = text(cell(row, iSku));
    const qtyRaw = cell(row, iQty);
    const priceRaw = cell(row, iPrice).trim();
    if (name === null && sku === null && qtyRaw.trim() === '' && priceRaw === '') continue;
    const where = `line ${row.line}`;
    const quantity = quantityOf(qtyRaw, where, warnings);
    if (typeof quantity !== 'number') return quantity;
    let price = 0;
    if (priceRaw !== '') {
      const p = parseAmount(priceRaw, currency, `${where} price`);
      if ('error' in p) warnings.push(`bad_line_price: ${p.error}; read as 0`);
      else { price = p.value; warnings.push(...p.warnings); }
    }
    lines.push(line(name ?? sku ?? 'Item', quantity, price, sku));
  }
  return { lines };
}

/**
 * Woo Import Export Suite: `name:Áo thun|product_id:12|sku:AT-1|quantity:2|total:300000`. The packing
 * is unverified, so it is read leniently: `key:value` pairs split on `|`, a piece without a key joins
 * the previous value (a `|` inside a name), unknown keys are ignored.
 */
export function parsePackedLine(raw: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  let last: string | null = null;
  for (const part of raw.split('|')) {
    const colon = part.indexOf(':');
    const key = colon > 0 ? part.slice(0, colon).trim().toLowerCase() : '';
    if (/^[a-z][a-z0-9_ -]*$/.test(key)) {
      last = key.replace(/[\s-]+/g, '_');
      pairs[last] = part.slice(colon + 1);
    } else if (last !== null) {
      pairs[last] += `|${part}`;
    } else if (part.trim() !== '') {
      pairs.name = part;
      last = 'name';
    }
  }
  for (const key of Object.keys(pairs)) pairs[key] = pairs[key]!.trim();
  return pairs;
}

export function linesFromPacked(rows: CsvRow[], plan: ColumnPlan, currency: string, warnings: string[]): LinesResult {
  const lines: OrderLine[] = [];
  for (const row of rows) {
    for (const i of plan.packedLines) {
      const raw = cell(row, i).trim();
      if (raw === '') continue;
      const kv = parsePackedLine(raw);
      const where = `line ${row.line} item ${lines.length + 1}`;
      const title = text(kv.name ?? kv.product_name) ?? text(kv.sku) ?? raw;
      const quantity = quantityOf(kv.quantity ?? kv.qty ?? '', where, warnings);
      if (typeof quantity !== 'number') return quantity;
      const unitRaw = kv.price ?? kv.item_price;
      const totalRaw = kv.subtotal ?? kv.sub_total ?? kv.total ?? kv.line_total;
      let price = 0;
      const amount = unitRaw ?? totalRaw;
      if (amount !== undefined && amount !== '') {
        const p = parseAmount(amount, currency, `${where} price`);
        if ('error' in p) warnings.push(`bad_line_price: ${p.error}; read as 0`);
        else {
          warnings.push(...p.warnings);
          price = p.value;
          if (unitRaw === undefined && quantity > 1) {
            price = Math.round(p.value / quantity);
            if (p.value % quantity !== 0) warnings.push(`line_price_rounded: ${where} total ${amount} / ${quantity} is not whole; unit price rounded`);
          }
        }
      }
      lines.push(line(title, quantity, price, text(kv.sku), text(kv.product_id), text(kv.variation_id), text(kv.id ?? kv.item_id)));
    }
  }
  return { lines };
}

/**
 * Woo Analytics `Product(s)`: `2× Áo thun, 1× Quần jean` (woocommerce analytics/report/orders/table.js).
 * Prices are not in the file, so lines carry price 0. A plain name takes the `Items sold` count.
 */
export function linesFromProducts(rows: CsvRow[], plan: ColumnPlan): LinesResult {
  const lines: OrderLine[] = [];
  const row = rows[0]!;
  const raw = text(cell(row, plan.products[0]));
  if (raw === null) return { lines };
  const parts = raw.split(/,\s*(?=\d+\s*[×xX]\s)/);
  for (const part of parts) {
    const m = /^(\d+)\s*[×xX]\s+(.+)$/.exec(part.trim());
    if (m) lines.push(line(m[2]!.trim(), Number(m[1]), 0));
    else {
      const sold = parseQuantity(cell(row, plan.itemsSold[0]));
      lines.push(line(part.trim(), parts.length === 1 && sold !== null && 'value' in sold ? sold.value : 1, 0));
    }
  }
  return { lines };
}
