/**
 * A local fake of the four shop platforms' order-listing endpoints (channels.md §7, §9 "Shops"), so the
 * backfill clients are tested against the real wire formats instead of mocks of our own making:
 *
 * - Shopify `GET /admin/api/{v}/orders.json`: `X-Shopify-Access-Token`; `status` defaults to `open` (a
 *   client that forgets `status=any` misses closed orders, as in production); `Link` header with opaque
 *   `page_info` cursors that reject repeated filters; `X-Shopify-Shop-Api-Call-Limit` leaky bucket (40, 2/s).
 * - Haravan `GET /com/orders.json` (Bearer, `page`/`limit` ≤ 50) and Sapo `GET /admin/orders.json`
 *   (`X-Sapo-Access-Token`, `page`/`limit` ≤ 250): `{ orders: [...] }`, a short or empty page at the end.
 * - WooCommerce `GET /wp-json/wc/v3/orders`: basic auth, `page`/`per_page` ≤ 100, `orderby`/`order`,
 *   `after` (+ `dates_are_gmt`), `X-WP-Total`/`X-WP-TotalPages`, and 400 for a page past the end.
 *
 * Int64 ids go out as bare JSON numbers (see `toWireJson`). Every request is recorded, and `failNext` queues
 * 429s (with `Retry-After`) or 500s ahead of normal answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeHaravanOrder, fakeShopifyOrder, fakeWooOrder, toWireJson } from './shop-orders.ts';

export { fakeHaravanOrder, fakeShopifyOrder, fakeWooOrder, fakeOrderCreatedAt, toWireJson, vnTime } from './shop-orders.ts';

export type FakeShopPlatform = 'shopify' | 'haravan' | 'sapo' | 'woocommerce';

export interface Rec {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as node:http gives them. */
  headers: Record<string, string>;
}

export interface FakeShopApiOptions {
  platform: FakeShopPlatform;
  /** How many orders to seed. Default 25. */
  orders?: number;
  /** The access token (Shopify/Haravan/Sapo) or the consumer secret (WooCommerce). */
  token: string;
  seed?: number;
  /** WooCommerce consumer key paired with `token`. Default `ck_fake`. */
  consumerKey?: string;
}

export interface FakeShopApi {
  url: string;
  requests: Rec[];
  /** The seeded orders as generated (int64 ids are `bigint`), in creation order. */
  orders: unknown[];
  /** Answer the next `count` requests with `status`; 429s carry `Retry-After: retryAfter` (default `2.0`). */
  failNext(status: 429 | 500, count: number, retryAfter?: string): void;
  /** Shopify only: set the leaky bucket's fill level, to test client slowdown. */
  setBucket(used: number): void;
  close(): Promise<void>;
}

const BUCKET_SIZE = 40;
const LEAK_PER_SECOND = 2;

type Reply = { status: number; headers?: Record<string, string>; body: string };
type ShopifyFamily = ReturnType<typeof fakeShopifyOrder>;
type WooOrder = ReturnType<typeof fakeWooOrder>;

export async function startFakeShopApi(opts: FakeShopApiOptions): Promise<FakeShopApi> {
  const { platform, token } = opts;
  const seed = opts.seed ?? 1;
  const count = opts.orders ?? 25;
  const make = platform === 'woocommerce' ? fakeWooOrder : platform === 'haravan' ? fakeHaravanOrder : fakeShopifyOrder;
  const orders: unknown[] = Array.from({ length: count }, (_, i) => make(i, seed));
  const requests: Rec[] = [];
  const failures: { status: 429 | 500; retryAfter: string }[] = [];
  const consumerKey = opts.consumerKey ?? 'ck_fake';
  let bucket = 0;
  let bucketAt = Date.now();

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers, body: toWireJson(body) });

  function leak(): number {
    const now = Date.now();
    bucket = Math.max(0, bucket - ((now - bucketAt) / 1000) * LEAK_PER_SECOND);
    bucketAt = now;
    return bucket;
  }

  function route(req: IncomingMessage, url: URL, base: string): Reply {
    const failure = failures.shift();
    if (failure?.status === 429) return json(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': failure.retryAfter });
    if (failure?.status === 500) return json(500, { errors: 'Internal Server Error' });
    const q = url.searchParams;
    const h = req.headers;
    switch (platform) {
      case 'shopify': {
        if (req.method !== 'GET' || !/^\/admin\/api\/[\w-]+\/orders\.json$/.test(url.pathname)) return json(404, { errors: 'Not Found' });
        if (h['x-shopify-access-token'] !== token) return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
        if (leak() + 1 > BUCKET_SIZE) return json(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': '2.0' });
        bucket += 1;
        const reply = shopifyList(q, `${base}${url.pathname}`);
        reply.headers = { ...reply.headers, 'x-shopify-shop-api-call-limit': `${Math.ceil(bucket)}/${BUCKET_SIZE}` };
        return reply;
      }
      case 'haravan':
        if (req.method !== 'GET' || url.pathname !== '/com/orders.json') return json(404, { error: 'Not Found' });
        if (h.authorization !== `Bearer ${token}`) return json(401, { error: 'invalid_token', error_description: 'The access token is invalid' });
        return numbered(q, 50);
      case 'sapo':
        if (req.method !== 'GET' || url.pathname !== '/admin/orders.json') return json(404, { errors: 'Not Found' });
        if (h['x-sapo-access-token'] !== token) return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
        return numbered(q, 250);
      case 'woocommerce': {
        if (req.method !== 'GET' || url.pathname !== '/wp-json/wc/v3/orders') return json(404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
        const expected = `Basic ${Buffer.from(`${consumerKey}:${token}`).toString('base64')}`;
        if (h.authorization !== expected) return json(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
        return wooList(q);
      }
    }
  }

  /** Shopify cursor pagination: page_info encodes the filters and the offset, and must travel alone. */
  function shopifyList(q: URLSearchParams, endpoint: string): Reply {
    const limit = clamp(q.get('limit'), 50, 250);
    let offset = 0;
    let status = q.get('status') ?? 'open';
    let min = q.get('created_at_min');
    const pageInfo = q.get('page_info');
    if (pageInfo) {
      const extra = [...q.keys()].filter((k) => !['page_info', 'limit', 'fields'].includes(k));
      if (extra.length > 0) return json(400, { errors: { page_info: `Invalid value. ${extra.join(', ')} cannot be passed with page_info.` } });
      try {
        const c = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as { o: number; s: string; m: string | null };
        offset = c.o; status = c.s; min = c.m;
      } catch {
        return json(400, { errors: { page_info: 'Invalid value.' } });
      }
    }
    const all = (orders as ShopifyFamily[]).filter((o) => shopifyStatusMatches(o, status) && createdAfter(o.created_at, min));
    const cursor = (o: number) => Buffer.from(JSON.stringify({ o, s: status, m: min })).toString('base64url');
    const links: string[] = [];
    if (offset > 0) links.push(`<${endpoint}?limit=${limit}&page_info=${cursor(Math.max(0, offset - limit))}>; rel="previous"`);
    if (offset + limit < all.length) links.push(`<${endpoint}?limit=${limit}&page_info=${cursor(offset + limit)}>; rel="next"`);
    return json(200, { orders: all.slice(offset, offset + limit) }, links.length ? { link: links.join(', ') } : {});
  }

  /** Haravan/Sapo: plain page numbers; past the end is an empty page. */
  function numbered(q: URLSearchParams, max: number): Reply {
    const limit = clamp(q.get('limit'), 50, max);
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const min = q.get('created_at_min');
    const all = (orders as ShopifyFamily[]).filter((o) => createdAfter(o.created_at, min));
    return json(200, { orders: all.slice((page - 1) * limit, page * limit) });
  }

  function wooList(q: URLSearchParams): Reply {
    const perPage = Number(q.get('per_page') ?? 10);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return json(400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } });
    }
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const after = q.get('after');
    const gmt = q.get('dates_are_gmt') === 'true';
    // WordPress compares `after` with the naive stored date: local unless dates_are_gmt.
    const afterMs = after ? Date.parse(`${after.slice(0, 19)}Z`) : null;
    const byId = q.get('orderby') === 'id';
    const asc = q.get('order') === 'asc';
    const all = (orders as WooOrder[])
      .filter((o) => afterMs === null || Date.parse(`${gmt ? o.date_created_gmt : o.date_created}Z`) > afterMs)
      .sort((a, b) => (asc ? 1 : -1) * (byId ? a.id - b.id : a.date_created_gmt.localeCompare(b.date_created_gmt) || a.id - b.id));
    const totalPages = Math.ceil(all.length / perPage);
    if (page > totalPages && all.length > 0) {
      return json(400, { code: 'woocommerce_rest_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } });
    }
    return json(200, all.slice((page - 1) * perPage, page * perPage), { 'x-wp-total': String(all.length), 'x-wp-totalpages': String(totalPages) });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers });
    let reply: Reply;
    try {
      reply = route(req, url, `http://${req.headers.host ?? '127.0.0.1'}`);
    } catch (err) {
      reply = json(500, { errors: `fake shop api crashed: ${(err as Error).message}` });
    }
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    orders,
    failNext(status, n, retryAfter = '2.0') {
      for (let k = 0; k < n; k++) failures.push({ status, retryAfter });
    },
    setBucket(used) {
      bucket = used;
      bucketAt = Date.now();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function clamp(value: string | null, fallback: number, max: number): number {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

function shopifyStatusMatches(o: ShopifyFamily, status: string): boolean {
  if (status === 'any') return true;
  if (status === 'cancelled') return o.cancelled_at !== null;
  if (status === 'closed') return o.closed_at !== null;
  return o.closed_at === null && o.cancelled_at === null;
}

function createdAfter(createdAt: string, min: string | null): boolean {
  return min === null || Date.parse(createdAt) >= Date.parse(min);
}
