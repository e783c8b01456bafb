/**
 * Column plans for order CSVs (shared/specs/channels.md §8.3). Columns are always found by header
 * name, case-, space- and underscore-insensitively, never by position: exports add, drop and
 * reorder columns between versions (Shopify's old "Variant" first column, "Fulfillment Date"…).
 * A plan lists, for each thing the importer reads, the candidate columns in priority order; the
 * first non-empty cell wins.
 */
import { CsvError } from './parse.ts';

export type DetectedPreset = 'shopify' | 'woo_ies' | 'woo_analytics';
export type CsvPreset = DetectedPreset | 'generic';

/** Fields a user can map by hand for the `generic` preset. */
export const genericFields = [
  'orderRef', 'createdAt', 'status', 'total', 'currency', 'email', 'phone', 'name', 'lineName', 'lineQuantity', 'linePrice', 'lineSku',
  'trackingNumber', 'carrier', 'province', 'district', 'ward', 'address',
] as const;
export type GenericField = (typeof genericFields)[number];
/** `{ field → header }` as chosen on the mapping screen. */
export type GenericMapping = Partial<Record<GenericField, string>>;

/** How the status columns are read: Shopify's three columns, Woo's one, or anything (generic). */
export type StatusMode = 'shopify' | 'woo' | 'generic';

/** Column indexes (candidates in priority order) for everything the importer reads. */
export interface ColumnPlan {
  preset: CsvPreset;
  /** The file's header row, to name columns in warnings. */
  headers: string[];
  statusMode: StatusMode;
  ref: number[]; createdAt: number[]; status: number[]; financialStatus: number[]; fulfillmentStatus: number[]; cancelledAt: number[];
  total: number[]; subtotal: number[]; shipping: number[]; discount: number[]; refunded: number[]; currency: number[];
  email: number[]; phone: number[]; name: number[]; firstName: number[]; lastName: number[]; customerId: number[];
  note: number[]; tags: number[]; trackingNumber: number[]; carrier: number[];
  shipName: number[]; shipFirstName: number[]; shipLastName: number[]; shipPhone: number[]; address1: number[]; address2: number[];
  ward: number[]; district: number[]; province: number[]; city: number[]; zip: number[]; country: number[];
  lineName: number[]; lineQuantity: number[]; linePrice: number[]; lineSku: number[];
  /** Woo Import Export Suite `line_item_1 … line_item_N`, in N order. */
  packedLines: number[];
  /** Woo Analytics `Product(s)` and `Items sold`. */
  products: number[]; itemsSold: number[];
  /** The customer is known by name only (Woo Analytics). */
  lowConfidence: boolean;
}

type Slot = Exclude<keyof ColumnPlan, 'preset' | 'headers' | 'statusMode' | 'lowConfidence' | 'packedLines'>;
type Spec = Partial<Record<Slot, string[]>>;

/** Header key: NFC, lower case, `_` as space, runs of whitespace collapsed, trimmed. */
export function headerKey(header: string): string {
  return header.normalize('NFC').replace(/[\u200b\ufeff]/g, '').toLowerCase().replace(/[\s_]+/g, ' ').trim();
}

const shopify: Spec = {
  ref: ['Name', 'Id'], createdAt: ['Created at'], financialStatus: ['Financial Status'], fulfillmentStatus: ['Fulfillment Status'],
  cancelledAt: ['Cancelled at'], total: ['Total'], subtotal: ['Subtotal'], shipping: ['Shipping'], discount: ['Discount Amount'],
  refunded: ['Refunded Amount'], currency: ['Currency'], email: ['Email'], phone: ['Phone', 'Billing Phone', 'Shipping Phone'],
  name: ['Billing Name', 'Shipping Name'], note: ['Notes'], tags: ['Tags'],
  shipName: ['Shipping Name'], shipPhone: ['Shipping Phone'], address1: ['Shipping Address1', 'Shipping Street'], address2: ['Shipping Address2'],
  province: ['Shipping Province Name', 'Shipping Province'], city: ['Shipping City'], zip: ['Shipping Zip'], country: ['Shipping Country'],
  lineName: ['Lineitem name'], lineQuantity: ['Lineitem quantity'], linePrice: ['Lineitem price'], lineSku: ['Lineitem sku'],
};

const wooIes: Spec = {
  ref: ['order_number', 'order_id'], createdAt: ['order_date'], status: ['status'], total: ['order_total'], subtotal: ['order_subtotal'],
  shipping: ['shipping_total'], discount: ['discount_total', 'cart_discount'], currency: ['order_currency'],
  email: ['customer_email', 'billing_email'], phone: ['billing_phone', 'shipping_phone'], firstName: ['billing_first_name'], lastName: ['billing_last_name'],
  customerId: ['customer_id', 'customer_user'], note: ['customer_note'],
  shipFirstName: ['shipping_first_name'], shipLastName: ['shipping_last_name'], shipPhone: ['shipping_phone'],
  address1: ['shipping_address_1'], address2: ['shipping_address_2'], city: ['shipping_city'], province: ['shipping_state'],
  zip: ['shipping_postcode'], country: ['shipping_country'],
};

const wooAnalytics: Spec = {
  ref: ['Order #'], createdAt: ['Date'], status: ['Status'], total: ['Net sales'], name: ['Customer'], products: ['Product(s)'], itemsSold: ['Items sold'],
};

const specs: Record<DetectedPreset, Spec> = { shopify, woo_ies: wooIes, woo_analytics: wooAnalytics };

/** What must be present, as alternatives: at least one header of each group. */
const required: Record<DetectedPreset, Slot[]> = {
  shopify: ['ref', 'createdAt', 'total'],
  woo_ies: ['ref', 'createdAt', 'total'],
  woo_analytics: ['ref', 'createdAt', 'total'],
};

const markers: Record<DetectedPreset, string[]> = {
  shopify: ['name', 'financial status', 'fulfillment status', 'lineitem name', 'lineitem quantity', 'billing name', 'created at', 'total'],
  woo_ies: ['order id', 'order number', 'order date', 'order total', 'order currency', 'billing first name', 'customer email', 'line item 1'],
  woo_analytics: ['date', 'order #', 'status', 'customer', 'customer type', 'product(s)', 'items sold', 'net sales'],
};

/** The export a header row most likely comes from, or null (then ask for a manual mapping). */
export function detectPreset(headers: string[]): DetectedPreset | null {
  const keys = new Set(headers.map(headerKey));
  let best: DetectedPreset | null = null;
  let bestScore = 0;
  for (const preset of Object.keys(markers) as DetectedPreset[]) {
    const score = markers[preset].filter((k) => keys.has(k)).length;
    const hasRequired = required[preset].every((slot) => specs[preset][slot]!.some((h) => keys.has(headerKey(h))));
    if (hasRequired && score >= 4 && score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}

/** Header key → first column index with that key. */
function indexHeaders(headers: string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}

const emptyPlan = (preset: CsvPreset, statusMode: StatusMode, headers: string[]): ColumnPlan => ({
  preset, headers, statusMode, lowConfidence: false, packedLines: [],
  ref: [], createdAt: [], status: [], financialStatus: [], fulfillmentStatus: [], cancelledAt: [], total: [], subtotal: [], shipping: [],
  discount: [], refunded: [], currency: [], email: [], phone: [], name: [], firstName: [], lastName: [], customerId: [], note: [], tags: [],
  trackingNumber: [], carrier: [], shipName: [], shipFirstName: [], shipLastName: [], shipPhone: [], address1: [], address2: [], ward: [],
  district: [], province: [], city: [], zip: [], country: [], lineName: [], lineQuantity: [], linePrice: [], lineSku: [], products: [], itemsSold: [],
});

/**
 * Resolve a preset (or a generic mapping) against a file's header row. Throws `CsvError`
 * (`missing_column`, `bad_mapping`) when the file can't be read with it at all.
 */
export function planColumns(preset: CsvPreset, headers: string[], mapping: GenericMapping = {}): ColumnPlan {
  const index = indexHeaders(headers);
  const find = (names: string[]): number[] => names.map((n) => index.get(headerKey(n))).filter((i): i is number => i !== undefined);
  if (preset === 'generic') return planGeneric(mapping, headers, find);
  const plan = emptyPlan(preset, preset === 'shopify' ? 'shopify' : 'woo', headers);
  for (const [slot, names] of Object.entries(specs[preset]) as [Slot, string[]][]) plan[slot] = find(names);
  const missing = required[preset].filter((slot) => plan[slot].length === 0).map((slot) => specs[preset][slot]!.join(' or '));
  if (missing.length > 0) throw new CsvError('missing_column', `Not a ${preset} export: missing column ${missing.join(', ')}`, 1);
  if (preset === 'woo_ies') {
    plan.packedLines = headers
      .map((h, i) => ({ n: /^line item (\d+)$/.exec(headerKey(h))?.[1], i }))
      .filter((c): c is { n: string; i: number } => c.n !== undefined)
      .sort((a, b) => Number(a.n) - Number(b.n))
      .map((c) => c.i);
  }
  plan.lowConfidence = preset === 'woo_analytics';
  return plan;
}

function planGeneric(mapping: GenericMapping, headers: string[], find: (names: string[]) => number[]): ColumnPlan {
  const plan = emptyPlan('generic', 'generic', headers);
  const unknown = Object.keys(mapping).filter((f) => !(genericFields as readonly string[]).includes(f));
  if (unknown.length > 0) throw new CsvError('bad_mapping', `Unknown field(s) in mapping: ${unknown.join(', ')}`);
  for (const field of ['orderRef', 'createdAt'] as const) {
    if (!mapping[field]) throw new CsvError('bad_mapping', `Map a column to ${field}`);
  }
  if (!mapping.total && !mapping.linePrice) throw new CsvError('bad_mapping', 'Map a column to total (or to linePrice so totals can be computed)');
  const slots: Record<GenericField, Slot> = {
    orderRef: 'ref', createdAt: 'createdAt', status: 'status', total: 'total', currency: 'currency', email: 'email', phone: 'phone', name: 'name',
    lineName: 'lineName', lineQuantity: 'lineQuantity', linePrice: 'linePrice', lineSku: 'lineSku', trackingNumber: 'trackingNumber',
    carrier: 'carrier', province: 'province', district: 'district', ward: 'ward', address: 'address1',
  };
  const missing: string[] = [];
  for (const field of genericFields) {
    const header = mapping[field];
    if (!header) continue;
    const found = find([header]);
    if (found.length === 0) missing.push(`"${header}" (${field})`);
    plan[slots[field]] = found;
  }
  if (missing.length > 0) throw new CsvError('missing_column', `Mapped column(s) not in the file: ${missing.join(', ')}`, 1);
  plan.shipName = plan.name;
  plan.shipPhone = plan.phone;
  return plan;
}
