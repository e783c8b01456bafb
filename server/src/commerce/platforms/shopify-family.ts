/**
 * Shopify, Haravan and Sapo share one order shape (§7.3): Shopify sends amounts as decimal strings, Haravan as JSON
 * numbers, Haravan adds Vietnamese ward/district/province to addresses. One normalizer serves all three.
 */
import { fulfilmentStateOfShopify, paymentStateOfShopify } from '../order.ts';
import type { NormalizedOrder, OrderAddress, OrderLine } from '../order.ts';
import {
  LIMITS, ShopPayloadError, arr, currencyOf, httpUrl, isoDate, joinName, money, obj, optionalId, optionalMoney,
  quantityOf, requiredDate, requiredId, requiredMoney, tagsOf, text,
} from './fields.ts';
import type { Json, NormalizeOptions } from './fields.ts';

export type ShopifyFamily = 'shopify' | 'haravan' | 'sapo';

export function normalizeShopifyFamilyOrder(json: unknown, platform: ShopifyFamily, opts: NormalizeOptions = {}): NormalizedOrder {
  const o = obj(json);
  if (!o) throw new ShopPayloadError(`${platform} order: not a JSON object`);
  const externalId = requiredId(o.id, 'id');
  const currency = currencyOf(o.currency);
  const amount = (v: unknown, field: string) => money(v, currency, field, opts);
  const customer = obj(o.customer);
  const ship = obj(o.shipping_address);
  const bill = obj(o.billing_address);
  const cancelledAt = isoDate(o.cancelled_at, 'cancelled_at', 'required');
  const tracking = latestTracking(o.fulfillments);

  return {
    externalId,
    orderNumber: text(o.name, LIMITS.orderNumber) ?? text(o.order_number, LIMITS.orderNumber) ?? externalId,
    email: text(o.email, LIMITS.email) ?? text(o.contact_email, LIMITS.email) ?? text(customer?.email, LIMITS.email),
    phone: text(o.phone, LIMITS.phone) ?? text(customer?.phone, LIMITS.phone) ?? text(ship?.phone, LIMITS.phone) ?? text(bill?.phone, LIMITS.phone),
    customerName: joinName(customer?.first_name, customer?.last_name) ?? addressName(ship) ?? addressName(bill),
    customerExternalId: optionalId(customer?.id, 'customer.id'),
    currency,
    total: requiredMoney(o.total_price, currency, 'total_price', opts),
    subtotal: optionalMoney(o.subtotal_price, currency, 'subtotal_price', opts),
    discount: optionalMoney(o.total_discounts, currency, 'total_discounts', opts),
    shipping: shippingOf(o, amount),
    refunded: refundedOf(o.refunds, amount),
    paymentState: paymentStateOfShopify(text(o.financial_status, 50)),
    fulfilmentState: fulfilmentStateOfShopify(text(o.fulfillment_status, 50)),
    cancelled: cancelledAt !== null,
    rawFinancialStatus: text(o.financial_status, 50),
    rawFulfillmentStatus: text(o.fulfillment_status, 50),
    placedAt: requiredDate(o.created_at, 'created_at', 'required'),
    cancelledAt,
    updatedAt: isoDate(o.updated_at, 'updated_at', 'required'),
    trackingNumber: tracking.number,
    carrier: tracking.carrier,
    trackingUrl: tracking.url,
    shippingAddress: addressOf(ship),
    lines: linesOf(o.line_items, amount),
    note: text(o.note, LIMITS.note),
    tags: tagsOf(o.tags),
  };
}

const addressName = (a: Json | null): string | null => (a ? text(a.name, LIMITS.name) ?? joinName(a.first_name, a.last_name) : null);

/** Haravan's *_code fields have no place in OrderAddress yet; the names are kept. */
function addressOf(a: Json | null): OrderAddress | null {
  if (!a) return null;
  const country = text(a.country_code, LIMITS.place);
  const address: OrderAddress = {
    name: addressName(a),
    phone: text(a.phone, LIMITS.phone),
    address1: text(a.address1, LIMITS.address),
    address2: text(a.address2, LIMITS.address),
    ward: text(a.ward, LIMITS.place),
    district: text(a.district, LIMITS.place),
    province: text(a.province, LIMITS.place),
    city: text(a.city, LIMITS.place),
    zip: text(a.zip, LIMITS.zip),
    countryCode: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
  };
  return Object.values(address).every((v) => v === null) ? null : address;
}

/** `total_shipping_price_set` (Shopify) if present, else the sum of `shipping_lines[].price`, else unknown. */
function shippingOf(o: Json, amount: (v: unknown, f: string) => number): number | null {
  const set = obj(obj(o.total_shipping_price_set)?.shop_money);
  if (set && set.amount !== undefined) return amount(set.amount, 'total_shipping_price_set.shop_money.amount');
  if (!Array.isArray(o.shipping_lines)) return null;
  return o.shipping_lines.reduce<number>((sum, l, i) => sum + amount(obj(l)?.price, `shipping_lines[${i}].price`), 0);
}

/** Sum of successful `kind: refund` transactions, as a positive amount; null when the payload has no `refunds`. */
function refundedOf(refunds: unknown, amount: (v: unknown, f: string) => number): number | null {
  if (!Array.isArray(refunds)) return null;
  let sum = 0;
  refunds.forEach((r, i) => {
    arr(obj(r)?.transactions).forEach((t, j) => {
      const tx = obj(t);
      if (!tx || String(tx.kind ?? '').toLowerCase() !== 'refund') return;
      if (['failure', 'error', 'pending'].includes(String(tx.status ?? '').toLowerCase())) return;
      sum += Math.abs(amount(tx.amount, `refunds[${i}].transactions[${j}].amount`));
    });
  });
  return sum;
}

/**
 * Tracking of the latest fulfillment that has a tracking number (a later one without, e.g. a digital item, must
 * not hide the parcel). Cancelled or failed fulfillments are skipped; ties go to the later array entry.
 */
function latestTracking(fulfillments: unknown): { number: string | null; carrier: string | null; url: string | null } {
  let best: Json | null = null;
  let bestAt = -Infinity;
  for (const [i, raw] of arr(fulfillments).entries()) {
    const f = obj(raw);
    if (!f || ['cancelled', 'error', 'failure'].includes(String(f.status ?? '').toLowerCase())) continue;
    if (text(f.tracking_number, LIMITS.tracking) === null) continue;
    const at = isoDate(f.updated_at ?? f.created_at, `fulfillments[${i}].updated_at`, 'required')?.getTime() ?? -Infinity;
    if (best === null || at >= bestAt) [best, bestAt] = [f, at];
  }
  const f = best;
  if (!f) return { number: null, carrier: null, url: null };
  return {
    number: text(f.tracking_number, LIMITS.tracking),
    carrier: text(f.tracking_company, LIMITS.tracking),
    url: httpUrl(f.tracking_url) ?? httpUrl(arr(f.tracking_urls)[0]),
  };
}

/** At most LIMITS.lines lines are kept: a huge order still lands instead of being rejected. */
function linesOf(items: unknown, amount: (v: unknown, f: string) => number): OrderLine[] {
  return arr(items).slice(0, LIMITS.lines).map((raw, i) => {
    const l = obj(raw);
    const f = `line_items[${i}]`;
    if (!l) throw new ShopPayloadError(`${f}: not an object`);
    return {
      externalId: optionalId(l.id, `${f}.id`),
      productId: optionalId(l.product_id, `${f}.product_id`),
      variantId: optionalId(l.variant_id, `${f}.variant_id`),
      sku: text(l.sku, LIMITS.sku),
      title: text(l.title, LIMITS.title) ?? text(l.name, LIMITS.title) ?? '',
      quantity: quantityOf(l.quantity, `${f}.quantity`),
      price: amount(l.price, `${f}.price`),
    };
  });
}
