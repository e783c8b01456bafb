/**
 * Order-history readers for the four shop platforms (channels.md §7). Each yields RAW order objects one
 * page at a time with a cursor the caller stores, so a backfill killed half way resumes where it stopped
 * instead of starting over. Normalization into `NormalizedOrder` happens elsewhere.
 *
 * - Shopify: `GET /admin/api/{v}/orders.json?status=any&limit=250`, then the `page_info` from the `Link`
 *   header's rel="next" (cursor = that page_info). Filters are baked into page_info and may not be repeated.
 * - Sapo: Shopify-like `GET /admin/orders.json?page=N&limit=250` (cursor = next page number).
 * - Haravan: `GET /com/orders.json?page=N&limit=50` with a Bearer token (cursor = next page number).
 * - WooCommerce: `GET /wp-json/wc/v3/orders?page=N&per_page=100&orderby=id&order=asc` with basic auth;
 *   stops at `X-WP-TotalPages` because WordPress answers 400 for a page past the end.
 */
import { ShopApiError, shopGet, type ShopApiPlatform, type ShopRequestOptions } from './http.ts';

export interface ShopConnection {
  platform: ShopApiPlatform;
  /** Shopify `https://x.myshopify.com`, Haravan `https://apis.haravan.com`, Sapo `https://x.mysapo.net`, Woo the site URL. Configurable so tests use fakes (§0.1.6). */
  baseUrl: string;
  accessToken: string;
  /** WooCommerce consumer key (`ck_…`); Sapo private-app API key when there is no access token. */
  apiKey?: string;
  /** WooCommerce consumer secret (`cs_…`); Sapo private-app password. */
  apiSecret?: string;
  /** Shopify Admin API version. */
  apiVersion?: string;
}

export interface FetchOrderPagesOptions {
  /** Only orders created at or after this instant. Ignored when resuming a Shopify cursor (it carries its filters). */
  since?: Date;
  /** A `nextCursor` from an earlier page; null/undefined starts from the beginning. */
  cursor?: string | null;
  /** Clamped to the platform maximum (Shopify/Sapo 250, Woo 100, Haravan 50). */
  pageSize?: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /** Passed through to `shopGet` (fetch, timeoutMs, retries, log…) for tests and tuning. */
  http?: Omit<ShopRequestOptions, 'platform' | 'headers' | 'signal' | 'sleep'>;
}

export interface OrderPage {
  /** Raw platform JSON; integers above 2^53 arrive as strings. */
  orders: unknown[];
  /** Where to resume after this page; null when this was the last one. */
  nextCursor: string | null;
}

/** Shopify versions are supported ~12 months and rotate quarterly; bump this, or pin per connection. */
export const DEFAULT_SHOPIFY_API_VERSION = '2026-07';
export const MAX_PAGE_SIZE: Record<ShopApiPlatform, number> = { shopify: 250, sapo: 250, woocommerce: 100, haravan: 50 };

/**
 * Every page of orders, oldest cursor first. Every fetched page is yielded, even a final empty one, so
 * the caller always sees `nextCursor: null` at the end and can mark the backfill complete.
 */
export async function* fetchOrderPages(conn: ShopConnection, opts: FetchOrderPagesOptions = {}): AsyncGenerator<OrderPage> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE[conn.platform], Math.floor(opts.pageSize ?? MAX_PAGE_SIZE[conn.platform])));
  const request: ShopRequestOptions = {
    ...opts.http, platform: conn.platform, headers: authHeaders(conn),
    ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}),
  };
  if (conn.platform === 'shopify') yield* shopifyPages(conn, limit, opts, request);
  else yield* numberedPages(conn, limit, opts, request);
}

async function* shopifyPages(conn: ShopConnection, limit: number, opts: FetchOrderPagesOptions, request: ShopRequestOptions): AsyncGenerator<OrderPage> {
  const endpoint = `${trimBase(conn.baseUrl)}/admin/api/${conn.apiVersion ?? DEFAULT_SHOPIFY_API_VERSION}/orders.json`;
  let pageInfo = opts.cursor ?? null;
  for (;;) {
    // Only limit (and fields) may accompany page_info; repeating status or dates is a 400 on Shopify.
    const params: Record<string, string> = pageInfo
      ? { limit: String(limit), page_info: pageInfo }
      : { status: 'any', limit: String(limit), ...(opts.since ? { created_at_min: isoWithOffset(opts.since) } : {}) };
    const res = await shopGet(withQuery(endpoint, params), request);
    const orders = ordersField(res.body, conn.platform);
    // The next URL is rebuilt on our own base from page_info alone, so the token never follows a host
    // named in a response header.
    pageInfo = nextPageInfo(res.headers.get('link'));
    yield { orders, nextCursor: pageInfo };
    if (!pageInfo) return;
  }
}

async function* numberedPages(conn: ShopConnection, limit: number, opts: FetchOrderPagesOptions, request: ShopRequestOptions): AsyncGenerator<OrderPage> {
  const base = trimBase(conn.baseUrl);
  const woo = conn.platform === 'woocommerce';
  const endpoint = woo ? `${base}/wp-json/wc/v3/orders` : conn.platform === 'haravan' ? `${base}/com/orders.json` : `${base}/admin/orders.json`;
  let page = parsePageCursor(opts.cursor, conn.platform);
  let previousFirstId: string | null = null;
  for (;;) {
    const params: Record<string, string> = woo
      ? { page: String(page), per_page: String(limit), orderby: 'id', order: 'asc',
          // Woo compares `after` with site-local dates unless told the value is GMT, and strictly: step
          // back one second so orders placed exactly at `since` are included, as on the other platforms.
          ...(opts.since ? { after: new Date(opts.since.getTime() - 1000).toISOString().slice(0, 19), dates_are_gmt: 'true' } : {}) }
      : { page: String(page), limit: String(limit), ...(opts.since ? { created_at_min: isoWithOffset(opts.since) } : {}) };
    const res = await shopGet(withQuery(endpoint, params), request);
    const orders = woo ? arrayBody(res.body, conn.platform) : ordersField(res.body, conn.platform);

    // A server that ignores `page` would otherwise hand us page 1 forever.
    const firstId = orders.length > 0 ? idOf(orders[0]) : null;
    if (firstId !== null && firstId === previousFirstId) {
      throw new ShopApiError(res.status, conn.platform, false, `${conn.platform}: page ${page} repeated the previous page; pagination is not supported by this endpoint`);
    }
    previousFirstId = firstId;

    const totalPages = woo ? Number(res.headers.get('x-wp-totalpages') ?? NaN) : NaN;
    const more = Number.isFinite(totalPages) ? page < totalPages : orders.length >= limit;
    const nextCursor = more ? String(page + 1) : null;
    yield { orders, nextCursor };
    if (!more) return;
    page += 1;
  }
}

function authHeaders(conn: ShopConnection): Record<string, string> {
  switch (conn.platform) {
    case 'shopify': return { 'x-shopify-access-token': conn.accessToken };
    case 'haravan': return { authorization: `Bearer ${conn.accessToken}` };
    case 'sapo':
      if (conn.accessToken) return { 'x-sapo-access-token': conn.accessToken };
      return { authorization: basic(required(conn, 'apiKey'), required(conn, 'apiSecret')) };
    case 'woocommerce': return { authorization: basic(required(conn, 'apiKey'), required(conn, 'apiSecret')) };
  }
}

function required(conn: ShopConnection, field: 'apiKey' | 'apiSecret'): string {
  const value = conn[field];
  if (!value) throw new ShopApiError(null, conn.platform, false, `${conn.platform}: ${field} is required for this connection`);
  return value;
}

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
const trimBase = (url: string) => url.replace(/\/+$/, '');

function withQuery(endpoint: string, params: Record<string, string>): string {
  return `${endpoint}?${new URLSearchParams(params).toString()}`;
}

/** `2024-05-01T00:00:00+00:00`: the documented Shopify/Haravan shape (ISO 8601 with an offset, no millis). */
function isoWithOffset(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

/** The page_info of the rel="next" entry in an RFC 8288 Link header, or null. */
export function nextPageInfo(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    const m = part.match(/^\s*<([^>]*)>\s*;(.*)$/);
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2] ?? '')) continue;
    try {
      return new URL(m[1] ?? '', 'http://link.invalid').searchParams.get('page_info');
    } catch {
      return null;
    }
  }
  return null;
}

function parsePageCursor(cursor: string | null | undefined, platform: ShopApiPlatform): number {
  if (cursor == null || cursor === '') return 1;
  if (!/^[1-9]\d{0,8}$/.test(cursor)) throw new ShopApiError(null, platform, false, `${platform}: invalid page cursor`);
  return Number(cursor);
}

function ordersField(body: unknown, platform: ShopApiPlatform): unknown[] {
  const orders = body && typeof body === 'object' ? (body as { orders?: unknown }).orders : undefined;
  if (!Array.isArray(orders)) throw new ShopApiError(200, platform, false, `${platform}: response has no orders array`);
  return orders;
}

function arrayBody(body: unknown, platform: ShopApiPlatform): unknown[] {
  if (!Array.isArray(body)) throw new ShopApiError(200, platform, false, `${platform}: response is not an array of orders`);
  return body;
}

function idOf(order: unknown): string | null {
  const id = order && typeof order === 'object' ? (order as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
