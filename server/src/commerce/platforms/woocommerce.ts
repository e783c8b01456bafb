/**
 * WooCommerce REST v3 order (the webhook payload) → NormalizedOrder (§7.3). Woo has one `status` for payment and
 * fulfilment, site-local dates beside UTC `_gmt` ones, and tracking only through the Shipment Tracking plugin.
 */
import { statesOfWoo } from '../order.ts';
import type { NormalizedOrder, OrderAddress, OrderLine } from '../order.ts';
import {
  LIMITS, ShopPayloadError, arr, currencyOf, httpUrl, isoDate, joinName, money, nonZeroId, obj, optionalId,
  optionalMoney, quantityOf, requiredDate, requiredId, requiredMoney, text,
} from './fields.ts';
import type { Json, NormalizeOptions } from './fields.ts';

export function normalizeWooOrder(json: unknown, opts: NormalizeOptions = {}): NormalizedOrder {
  const o = obj(json);
  if (!o) throw new ShopPayloadError('woocommerce order: not a JSON object');
  const externalId = requiredId(o.id, 'id');
  const currency = currencyOf(o.currency);
  const amount = (v: unknown, field: string) => money(v, currency, field, opts);
  const billing = obj(o.billing);
  const shipping = obj(o.shipping);
  const status = text(o.status, 50);
  const woo = statesOfWoo(status);
  // Cash on delivery: `processing` means packed, not paid; the order counts once it is completed (§7.4).
  const states = text(o.payment_method, 50) === 'cod' && woo.paymentState === 'paid' && woo.fulfilmentState !== 'fulfilled'
    ? { ...woo, paymentState: 'pending' as const } : woo;
  // `_gmt` fields are UTC without a suffix (§0.2); the plain ones are site-local and unusable without the site zone.
  const placedAt = requiredDate(o.date_created_gmt, 'date_created_gmt', 'utc');
  const updatedAt = isoDate(o.date_modified_gmt, 'date_modified_gmt', 'utc');
  const lines = linesOf(o.line_items, amount);
  const tracking = latestTracking(o.meta_data);

  return {
    externalId,
    orderNumber: text(o.number, LIMITS.orderNumber) ?? externalId,
    email: text(billing?.email, LIMITS.email),
    phone: text(billing?.phone, LIMITS.phone) ?? text(shipping?.phone, LIMITS.phone),
    customerName: joinName(billing?.first_name, billing?.last_name) ?? joinName(shipping?.first_name, shipping?.last_name),
    customerExternalId: nonZeroId(o.customer_id, 'customer_id'),
    currency,
    total: requiredMoney(o.total, currency, 'total', opts),
    // Woo has no order subtotal; the pre-discount line subtotals add up to it.
    subtotal: lines.subtotal,
    discount: optionalMoney(o.discount_total, currency, 'discount_total', opts),
    shipping: optionalMoney(o.shipping_total, currency, 'shipping_total', opts),
    refunded: refundedOf(o.refunds, amount),
    ...states,
    rawFinancialStatus: status,
    rawFulfillmentStatus: status,
    placedAt,
    // Woo records no cancellation time; the last modification is the closest it tells.
    cancelledAt: states.cancelled ? (updatedAt ?? placedAt) : null,
    updatedAt,
    trackingNumber: tracking.number,
    carrier: tracking.carrier,
    trackingUrl: tracking.url,
    shippingAddress: addressOf(shipping) ?? addressOf(billing),
    lines: lines.lines,
    note: text(o.customer_note, LIMITS.note),
    tags: [],
  };
}

/** Woo sends `shipping` with every field blank when the order ships nowhere; then billing is the address. */
function addressOf(a: Json | null): OrderAddress | null {
  if (!a || (text(a.address_1, LIMITS.address) === null && text(a.city, LIMITS.place) === null)) return null;
  const country = text(a.country, LIMITS.place);
  return {
    name: joinName(a.first_name, a.last_name),
    phone: text(a.phone, LIMITS.phone),
    address1: text(a.address_1, LIMITS.address),
    address2: text(a.address_2, LIMITS.address),
    ward: null,
    district: null,
    province: text(a.state, LIMITS.place),
    city: text(a.city, LIMITS.place),
    zip: text(a.postcode, LIMITS.zip),
    countryCode: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
  };
}

/**
 * Unit price = line `subtotal` / quantity (before discounts, like Shopify's `price`); Woo's own `price` is
 * after discounts and a float. Falls back to `price` when there is no subtotal.
 */
function linesOf(items: unknown, amount: (v: unknown, f: string) => number): { lines: OrderLine[]; subtotal: number | null } {
  let subtotal: number | null = null;
  const all = arr(items);
  const lines = all.map((raw, i): OrderLine => {
    const l = obj(raw);
    const f = `line_items[${i}]`;
    if (!l) throw new ShopPayloadError(`${f}: not an object`);
    const quantity = quantityOf(l.quantity, `${f}.quantity`);
    const lineSubtotal = l.subtotal === undefined || l.subtotal === null || l.subtotal === '' ? null : amount(l.subtotal, `${f}.subtotal`);
    if (lineSubtotal !== null) subtotal = (subtotal ?? 0) + lineSubtotal;
    return {
      externalId: optionalId(l.id, `${f}.id`),
      productId: nonZeroId(l.product_id, `${f}.product_id`),
      variantId: nonZeroId(l.variation_id, `${f}.variation_id`),
      sku: text(l.sku, LIMITS.sku),
      title: text(l.name, LIMITS.title) ?? '',
      quantity,
      price: lineSubtotal !== null && quantity > 0 ? Math.round(lineSubtotal / quantity) : amount(l.price, `${f}.price`),
    };
  });
  // Every line counts toward the subtotal; only the first LIMITS.lines are kept.
  return { lines: lines.slice(0, LIMITS.lines), subtotal };
}

/** Woo refunds carry negative totals (`"-50000.00"`); CareLoop stores the refunded amount as positive. */
function refundedOf(refunds: unknown, amount: (v: unknown, f: string) => number): number | null {
  if (!Array.isArray(refunds)) return null;
  return refunds.reduce<number>((sum, r, i) => sum + Math.abs(amount(obj(r)?.total, `refunds[${i}].total`)), 0);
}

/** Shipment Tracking plugin: `meta_data[{key:'_wc_shipment_tracking_items', value:[…]}]`; the newest `date_shipped` wins. */
function latestTracking(meta: unknown): { number: string | null; carrier: string | null; url: string | null } {
  const entry = arr(meta).map(obj).find((m) => m?.key === '_wc_shipment_tracking_items');
  let best: Json | null = null;
  let bestAt = -Infinity;
  for (const raw of arr(entry?.value)) {
    const t = obj(raw);
    if (!t || text(t.tracking_number, LIMITS.tracking) === null) continue;
    const shipped = Number(t.date_shipped);
    const at = Number.isFinite(shipped) ? shipped : -Infinity;
    if (best === null || at >= bestAt) [best, bestAt] = [t, at];
  }
  const t = best;
  if (!t) return { number: null, carrier: null, url: null };
  return {
    number: text(t.tracking_number, LIMITS.tracking),
    carrier: text(t.tracking_provider, LIMITS.tracking) ?? text(t.custom_tracking_provider, LIMITS.tracking),
    url: httpUrl(t.custom_tracking_link),
  };
}
