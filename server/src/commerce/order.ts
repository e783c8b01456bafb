/**
 * The one normalized Order every source (webhook, REST backfill, CSV) produces before it is stored
 * (shared/specs/channels.md §7.3–7.5). Pure: no database, no HTTP.
 */
export type ShopPlatform = 'shopify' | 'woocommerce' | 'haravan' | 'sapo';
export type OrderSource = ShopPlatform | 'csv';
export type PaymentState = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided' | 'failed';
export type FulfilmentState = 'unfulfilled' | 'partial' | 'fulfilled' | 'returned';

export interface OrderLine {
  externalId: string | null;
  productId: string | null;
  variantId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  /** Unit price in minor units of the order currency (integer đồng for VND). */
  price: number;
}

export interface OrderAddress {
  name: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  ward: string | null;
  district: string | null;
  province: string | null;
  city: string | null;
  zip: string | null;
  countryCode: string | null;
}

export interface NormalizedOrder {
  externalId: string;
  /** What the shop and the customer call it: `#1001`, `1001`. */
  orderNumber: string;
  email: string | null;
  /** Raw phone as the source gave it; the service normalizes it to E.164. */
  phone: string | null;
  customerName: string | null;
  customerExternalId: string | null;
  currency: string;
  /** Minor units (integer đồng for VND). */
  total: number;
  subtotal: number | null;
  discount: number | null;
  shipping: number | null;
  refunded: number | null;
  paymentState: PaymentState;
  fulfilmentState: FulfilmentState;
  cancelled: boolean;
  rawFinancialStatus: string | null;
  rawFulfillmentStatus: string | null;
  placedAt: Date;
  cancelledAt: Date | null;
  /** The source's own last-modified time; newer wins on upsert. Null: treat as placedAt. */
  updatedAt: Date | null;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  shippingAddress: OrderAddress | null;
  lines: OrderLine[];
  note: string | null;
  tags: string[];
  /** Set by the CSV Woo Analytics preset: the customer is known by name only. */
  lowConfidence?: boolean;
}

/** ISO 4217 exponents for the currencies we meet; anything else defaults to 2. */
const exponents: Record<string, number> = { VND: 0, JPY: 0, KRW: 0, CLP: 0, ISK: 0, XAF: 0, XOF: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };
export const currencyExponent = (currency: string): number => exponents[currency.toUpperCase()] ?? 2;

export class MoneyError extends Error {
  constructor(readonly raw: string) {
    super(`Not an amount: ${raw}`);
  }
}

/**
 * Parse a decimal string (or a JSON number) into integer minor units without floats (§7.5).
 * A fraction beyond the currency's exponent is rounded half away from zero; `onRounded` hears of it.
 */
export function parseMoney(value: string | number | null | undefined, currency = 'VND', onRounded?: (raw: string) => void): number {
  if (value === null || value === undefined || value === '') return 0;
  const raw = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!m) throw new MoneyError(raw);
  const [, sign, whole, fraction = ''] = m;
  const exp = currencyExponent(currency);
  const kept = fraction.slice(0, exp).padEnd(exp, '0');
  const dropped = fraction.slice(exp);
  let units = BigInt(whole! + kept);
  if (/[1-9]/.test(dropped)) {
    onRounded?.(raw);
    if (dropped[0]! >= '5') units += 1n;
  }
  const result = Number(sign === '-' ? -units : units);
  if (!Number.isSafeInteger(result)) throw new MoneyError(raw);
  return result === 0 ? 0 : result;
}

/** `String(1e21)` is exponential; plain digits are what the parser reads. */
function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new MoneyError(String(n));
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Does this order count as a purchase for retention (§7.4, retention.md §1)? Not cancelled, voided,
 * failed or fully refunded, and either paid or delivered (cash on delivery stays `pending` until then).
 */
export function countsAsPurchase(o: Pick<NormalizedOrder, 'cancelled' | 'paymentState' | 'fulfilmentState'>): boolean {
  if (o.cancelled) return false;
  if (o.paymentState === 'voided' || o.paymentState === 'failed' || o.paymentState === 'refunded') return false;
  return o.paymentState === 'paid' || o.paymentState === 'partially_refunded' || o.fulfilmentState === 'fulfilled' || o.fulfilmentState === 'partial';
}

/** Shopify-family `financial_status` (Shopify, Haravan, Sapo) → CareLoop payment state. */
export function paymentStateOfShopify(status: string | null | undefined): PaymentState {
  switch ((status ?? '').toLowerCase()) {
    case 'paid': return 'paid';
    case 'authorized': return 'authorized';
    case 'partially_paid': return 'pending';
    case 'partially_refunded': return 'partially_refunded';
    case 'refunded': return 'refunded';
    case 'voided': case 'expired': return 'voided';
    default: return 'pending';
  }
}

/** Shopify-family `fulfillment_status` → CareLoop fulfilment state (`null` means unfulfilled). */
export function fulfilmentStateOfShopify(status: string | null | undefined): FulfilmentState {
  switch ((status ?? '').toLowerCase()) {
    case 'fulfilled': return 'fulfilled';
    case 'partial': return 'partial';
    case 'restocked': return 'returned';
    default: return 'unfulfilled';
  }
}

/** WooCommerce's single `status` → payment, fulfilment and cancellation. */
export function statesOfWoo(status: string | null | undefined): { paymentState: PaymentState; fulfilmentState: FulfilmentState; cancelled: boolean } {
  switch ((status ?? '').toLowerCase()) {
    case 'processing': return { paymentState: 'paid', fulfilmentState: 'unfulfilled', cancelled: false };
    case 'completed': return { paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false };
    case 'cancelled': return { paymentState: 'voided', fulfilmentState: 'unfulfilled', cancelled: true };
    case 'refunded': return { paymentState: 'refunded', fulfilmentState: 'returned', cancelled: false };
    case 'failed': return { paymentState: 'failed', fulfilmentState: 'unfulfilled', cancelled: false };
    default: return { paymentState: 'pending', fulfilmentState: 'unfulfilled', cancelled: false };
  }
}

export const emptyAddress = (): OrderAddress => ({
  name: null, phone: null, address1: null, address2: null, ward: null, district: null, province: null, city: null, zip: null, countryCode: null,
});
