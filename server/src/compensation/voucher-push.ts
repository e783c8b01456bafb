/**
 * Push a voucher to a shop platform as a one-use discount code, one adapter per platform. Each
 * adapter throws on failure; the caller records it on the voucher and carries on.
 *
 * - Shopify: `POST /admin/api/2025-01/price_rules.json`, then `/price_rules/{id}/discount_codes.json`,
 *   with `X-Shopify-Access-Token`.
 * - Sapo: the same price-rule pair without the API version, with `X-Sapo-Access-Token`.
 * - WooCommerce: `POST /wp-json/wc/v3/coupons` with basic auth (consumer key and secret).
 * - Haravan: `POST /com/discounts.json` with a Bearer token.
 */
import type { Row } from '../platform/db/schema.ts';

export interface PushTarget {
  platform: 'shopify' | 'woocommerce' | 'haravan' | 'sapo';
  baseUrl: string;
  accessToken: string | null;
  apiKey: string | null;
  apiSecret: string | null;
}

type Voucher = Pick<Row<'vouchers'>, 'code' | 'kind' | 'value' | 'min_order' | 'expires_at' | 'created_at'>;

const timeoutMs = 10_000;
const trimBase = (url: string) => url.replace(/\/+$/, '');

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
    // The access token is in the headers: a redirect must not carry it to another host.
    redirect: 'manual',
  });
  if (res.status >= 300 && res.status < 400) throw new Error(`HTTP ${res.status} redirect from ${new URL(url).pathname}; use the final address as the API address`);
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).pathname}: ${text.slice(0, 200)}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`not JSON from ${new URL(url).pathname}`);
  }
}

const need = (value: string | null, what: string): string => {
  if (!value) throw new Error(`the connection has no ${what}`);
  return value;
};

/** Shopify's price rule (Sapo copies it): one use, whole cart or shipping, optional minimum subtotal. */
export function priceRuleOf(v: Voucher) {
  const shipping = v.kind === 'free_shipping';
  return {
    price_rule: {
      title: v.code,
      target_type: shipping ? 'shipping_line' : 'line_item',
      target_selection: 'all',
      allocation_method: shipping ? 'each' : 'across',
      value_type: v.kind === 'fixed' ? 'fixed_amount' : 'percentage',
      value: shipping ? '-100.0' : v.kind === 'percent' ? `-${v.value}.0` : `-${v.value}`,
      customer_selection: 'all',
      usage_limit: 1,
      once_per_customer: true,
      starts_at: v.created_at.toISOString(),
      ...(v.expires_at ? { ends_at: v.expires_at.toISOString() } : {}),
      ...(v.min_order > 0 ? { prerequisite_subtotal_range: { greater_than_or_equal_to: String(v.min_order) } } : {}),
      // Free shipping covers rates up to what it cost us, not any rate.
      ...(shipping ? { prerequisite_shipping_price_range: { less_than_or_equal_to: String(v.value) } } : {}),
    },
  };
}

async function priceRulePair(base: string, headers: Record<string, string>, v: Voucher): Promise<void> {
  const created = await post(`${base}/price_rules.json`, headers, priceRuleOf(v)) as { price_rule?: { id?: number | string } } | null;
  const id = created?.price_rule?.id;
  if (id === undefined || id === null) throw new Error('the price rule came back without an id');
  await post(`${base}/price_rules/${encodeURIComponent(String(id))}/discount_codes.json`, headers, { discount_code: { code: v.code } });
}

const wooDate = (at: Date) => at.toISOString().slice(0, 19);

export function wooCouponOf(v: Voucher) {
  return {
    code: v.code,
    discount_type: v.kind === 'percent' ? 'percent' : 'fixed_cart',
    amount: v.kind === 'free_shipping' ? '0' : String(v.value),
    free_shipping: v.kind === 'free_shipping',
    individual_use: true,
    usage_limit: 1,
    usage_limit_per_user: 1,
    ...(v.min_order > 0 ? { minimum_amount: String(v.min_order) } : {}),
    ...(v.expires_at ? { date_expires_gmt: wooDate(v.expires_at) } : {}),
    description: 'CareLoop',
  };
}

const adapters: Record<PushTarget['platform'], (t: PushTarget, v: Voucher) => Promise<void>> = {
  shopify: (t, v) => priceRulePair(`${trimBase(t.baseUrl)}/admin/api/2025-01`, { 'x-shopify-access-token': need(t.accessToken, 'access token') }, v),
  sapo: (t, v) => priceRulePair(`${trimBase(t.baseUrl)}/admin`, { 'x-sapo-access-token': need(t.accessToken, 'access token') }, v),
  woocommerce: async (t, v) => {
    const auth = Buffer.from(`${need(t.apiKey, 'consumer key')}:${need(t.apiSecret, 'consumer secret')}`).toString('base64');
    await post(`${trimBase(t.baseUrl)}/wp-json/wc/v3/coupons`, { authorization: `Basic ${auth}` }, wooCouponOf(v));
  },
  // UNVERIFIED: written from Haravan's public docs, not yet tried against a real store.
  haravan: async (t, v) => {
    await post(`${trimBase(t.baseUrl)}/com/discounts.json`, { authorization: `Bearer ${need(t.accessToken, 'access token')}` }, {
      discount: {
        code: v.code,
        discount_type: v.kind === 'free_shipping' ? 'shipping' : v.kind === 'percent' ? 'percentage' : 'fixed_amount',
        value: v.value,
        usage_limit: 1,
        minimum_order_amount: v.min_order,
        starts_at: v.created_at.toISOString(),
        ...(v.expires_at ? { ends_at: v.expires_at.toISOString() } : {}),
      },
    });
  },
};

export const pushDiscount = (target: PushTarget, voucher: Voucher): Promise<void> => adapters[target.platform](target, voucher);
