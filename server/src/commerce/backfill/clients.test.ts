import { afterEach, describe, expect, it } from 'vitest';
import { fakeOrderCreatedAt, startFakeShopApi, type FakeShopApi, type FakeShopPlatform } from '../../test/fakes/shop-api.ts';
import { fetchOrderPages, nextPageInfo, type FetchOrderPagesOptions, type OrderPage, type ShopConnection } from './clients.ts';
import { ShopApiError } from './http.ts';

const TOKEN = 'tok_live_0123456789abcdef';
const PLATFORMS: FakeShopPlatform[] = ['shopify', 'haravan', 'sapo', 'woocommerce'];

let fake: FakeShopApi | null = null;
afterEach(async () => { await fake?.close(); fake = null; });

async function start(platform: FakeShopPlatform, orders: number) {
  fake = await startFakeShopApi({ platform, orders, token: TOKEN, seed: 7 });
  const conn: ShopConnection = platform === 'woocommerce'
    ? { platform, baseUrl: `${fake.url}/`, accessToken: '', apiKey: 'ck_fake', apiSecret: TOKEN }
    : { platform, baseUrl: fake.url, accessToken: TOKEN };
  return { api: fake, conn };
}

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => { sleeps.push(ms); } };
}

async function collect(conn: ShopConnection, opts: FetchOrderPagesOptions, stopAfter = Infinity): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of fetchOrderPages(conn, { http: { random: () => 0 }, ...opts })) {
    pages.push(page);
    if (pages.length >= stopAfter) break;
  }
  return pages;
}

const ids = (pages: OrderPage[]) => pages.flatMap((p) => p.orders.map((o) => String((o as { id: unknown }).id)));
const fakeIds = (api: FakeShopApi) => api.orders.map((o) => String((o as { id: unknown }).id));

describe.each(PLATFORMS)('fetchOrderPages: %s', (platform) => {
  it('walks 3+ pages and collects every order exactly once', async () => {
    const { api, conn } = await start(platform, 23);
    const { sleep, sleeps } = recorder();
    const pages = await collect(conn, { pageSize: 5, sleep });
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.orders.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.slice(0, -1).every((p) => typeof p.nextCursor === 'string')).toBe(true);
    expect(ids(pages)).toEqual(fakeIds(api));
    expect(new Set(ids(pages)).size).toBe(23);
    expect(api.requests).toHaveLength(5);
    expect(sleeps).toEqual([]);
  });

  it('ends cleanly when the last page is exactly full', async () => {
    const { api, conn } = await start(platform, 10);
    const pages = await collect(conn, { pageSize: 5 });
    expect(ids(pages)).toEqual(fakeIds(api));
    expect(pages.at(-1)?.nextCursor).toBeNull();
    // Shopify's Link header and Woo's X-WP-TotalPages say "no more"; Haravan/Sapo need one empty page to know.
    const expected = platform === 'haravan' || platform === 'sapo' ? 3 : 2;
    expect(api.requests).toHaveLength(expected);
    expect(api.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('resumes from a stored cursor without repeating or skipping orders', async () => {
    const { api, conn } = await start(platform, 17);
    const first = await collect(conn, { pageSize: 4 }, 2);
    const cursor = first.at(-1)?.nextCursor ?? null;
    expect(cursor).not.toBeNull();
    const rest = await collect(conn, { pageSize: 4, cursor });
    expect([...ids(first), ...ids(rest)]).toEqual(fakeIds(api));
    if (platform !== 'shopify') expect(cursor).toBe('3');
  });

  it('waits Retry-After on 429 via the injected sleep, then succeeds', async () => {
    const { api, conn } = await start(platform, 6);
    api.failNext(429, 2, '1.5');
    const { sleep, sleeps } = recorder();
    const pages = await collect(conn, { pageSize: 5, sleep });
    expect(ids(pages)).toEqual(fakeIds(api));
    expect(sleeps).toEqual([1500, 1500]);
  });

  it('retries a 500 once with backoff', async () => {
    const { api, conn } = await start(platform, 6);
    api.failNext(500, 1);
    const { sleep, sleeps } = recorder();
    const pages = await collect(conn, { pageSize: 5, sleep });
    expect(ids(pages)).toEqual(fakeIds(api));
    expect(sleeps).toEqual([250]);
    expect(api.requests[0]?.query).toEqual(api.requests[1]?.query);
  });

  it('surfaces a wrong token as a non-retryable 401 ShopApiError', async () => {
    const { conn } = await start(platform, 3);
    const bad = platform === 'woocommerce' ? { ...conn, apiSecret: 'cs_wrong' } : { ...conn, accessToken: 'tok_wrong' };
    const { sleep, sleeps } = recorder();
    const err = await collect(bad, { sleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShopApiError);
    expect(err).toMatchObject({ status: 401, platform, retryable: false });
    expect((err as Error).message).not.toContain('tok_wrong');
    expect(sleeps).toEqual([]);
  });

  it('filters by since (created at or after)', async () => {
    const { api, conn } = await start(platform, 20);
    const pages = await collect(conn, { pageSize: 5, since: fakeOrderCreatedAt(12) });
    expect(ids(pages)).toEqual(fakeIds(api).slice(12));
    const q = api.requests[0]?.query ?? {};
    if (platform === 'woocommerce') expect(q).toMatchObject({ after: '2024-03-01T12:59:59', dates_are_gmt: 'true', orderby: 'id', order: 'asc' });
    else expect(q.created_at_min).toBe('2024-03-01T13:00:00+00:00');
  });
});

describe('platform specifics', () => {
  it('Shopify: asks for status=any first, then sends page_info with only limit, and the auth header', async () => {
    const { api, conn } = await start('shopify', 12);
    await collect(conn, { pageSize: 5, since: new Date('2024-01-01T00:00:00Z') });
    const [first, second] = api.requests;
    expect(first?.path).toBe('/admin/api/2026-07/orders.json');
    expect(first?.query).toMatchObject({ status: 'any', limit: '5' });
    expect(Object.keys(second?.query ?? {}).sort()).toEqual(['limit', 'page_info']);
    expect(first?.headers['x-shopify-access-token']).toBe(TOKEN);
  });

  it('Shopify: slows down when the call-limit header says the bucket is 80% full', async () => {
    const { api, conn } = await start('shopify', 3);
    api.setBucket(33);
    const { sleep, sleeps } = recorder();
    await collect(conn, { sleep });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBe(1500); // 34/40 → 3 calls over the threshold at 2 calls/s
  });

  it.each(['shopify', 'haravan'] as const)('%s: int64 ids above 2^53 stay exact', async (platform) => {
    const { api, conn } = await start(platform, 10);
    const orders = (await collect(conn, {})).flatMap((p) => p.orders) as Array<{ id: unknown; line_items: Array<{ id: unknown }>; customer: { id: unknown } }>;
    const truth = api.orders[4] as { id: bigint; line_items: Array<{ id: bigint }>; customer: { id: bigint } };
    expect(truth.id > 2n ** 53n && truth.id % 2n === 1n).toBe(true); // odd: a double cannot hold it
    expect(orders[4]?.id).toBe(String(truth.id));
    expect(orders[4]?.line_items[0]?.id).toBe(String(truth.line_items[0]?.id));
    expect(orders[4]?.customer.id).toBe(String(truth.customer.id));
    expect(typeof orders[0]?.id).toBe('number');
    expect(String(orders[0]?.id)).toBe(String((api.orders[0] as { id: bigint }).id));
  });

  it('Haravan: sends the Bearer token and caps the page size at 50', async () => {
    const { api, conn } = await start('haravan', 3);
    await collect(conn, { pageSize: 500 });
    expect(api.requests[0]?.query).toEqual({ page: '1', limit: '50' });
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('WooCommerce: basic auth, ordered by id, and never asks past X-WP-TotalPages', async () => {
    const { api, conn } = await start('woocommerce', 9);
    const pages = await collect(conn, { pageSize: 3 });
    expect(pages.map((p) => p.nextCursor)).toEqual(['2', '3', null]);
    expect(api.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
    expect(api.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`ck_fake:${TOKEN}`).toString('base64')}`);
  });

  it('rejects a malformed page cursor', async () => {
    const { conn } = await start('sapo', 3);
    await expect(collect(conn, { cursor: 'abc' })).rejects.toMatchObject({ name: 'ShopApiError', retryable: false });
  });

  it('reads rel="next" from a Link header that also has rel="previous"', () => {
    const link = '<https://s.myshopify.com/admin/api/2026-07/orders.json?limit=5&page_info=prevXYZ>; rel="previous", '
      + '<https://s.myshopify.com/admin/api/2026-07/orders.json?limit=5&page_info=nextABC>; rel="next"';
    expect(nextPageInfo(link)).toBe('nextABC');
    expect(nextPageInfo('<https://s/x.json?page_info=p>; rel="previous"')).toBeNull();
    expect(nextPageInfo(null)).toBeNull();
  });
});
