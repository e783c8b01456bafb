import { afterEach, describe, expect, it } from 'vitest';
import { fakeHaravanOrder, fakeShopifyOrder, fakeWooOrder, startFakeShopApi, toWireJson, type FakeShopApi } from './shop-api.ts';

let fake: FakeShopApi | null = null;
afterEach(async () => { await fake?.close(); fake = null; });

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

describe('fake shop API', () => {
  it('Shopify: default status=open hides closed and cancelled orders, like the real API', async () => {
    fake = await startFakeShopApi({ platform: 'shopify', orders: 30, token: 't' });
    const auth = { 'x-shopify-access-token': 't' };
    const open = await (await get(`${fake.url}/admin/api/2026-07/orders.json?limit=250`, auth)).json() as { orders: unknown[] };
    const any = await (await get(`${fake.url}/admin/api/2026-07/orders.json?limit=250&status=any`, auth)).json() as { orders: unknown[] };
    expect(any.orders).toHaveLength(30);
    expect(open.orders.length).toBeGreaterThan(0);
    expect(open.orders.length).toBeLessThan(30);
  });

  it('Shopify: Link header cursors, call-limit header, and 400 when filters ride along with page_info', async () => {
    fake = await startFakeShopApi({ platform: 'shopify', orders: 7, token: 't' });
    const auth = { 'x-shopify-access-token': 't' };
    const first = await get(`${fake.url}/admin/api/2026-07/orders.json?limit=3&status=any`, auth);
    expect(first.headers.get('x-shopify-shop-api-call-limit')).toBe('1/40');
    const next = first.headers.get('link')?.match(/<([^>]+)>; rel="next"/)?.[1];
    expect(next).toMatch(/page_info=/);
    const second = await get(next!, auth);
    expect(second.headers.get('link')).toMatch(/rel="previous", <[^>]+>; rel="next"$/);
    expect((await get(`${next}&status=any`, auth)).status).toBe(400);
    expect((await get(`${fake.url}/admin/api/2026-07/orders.json`, { 'x-shopify-access-token': 'nope' })).status).toBe(401);
  });

  it('WooCommerce: totals headers, per_page limit and 400 past the last page', async () => {
    fake = await startFakeShopApi({ platform: 'woocommerce', orders: 5, token: 'cs_x', consumerKey: 'ck_x' });
    const auth = { authorization: `Basic ${Buffer.from('ck_x:cs_x').toString('base64')}` };
    const res = await get(`${fake.url}/wp-json/wc/v3/orders?per_page=2&page=3`, auth);
    expect([res.headers.get('x-wp-total'), res.headers.get('x-wp-totalpages')]).toEqual(['5', '3']);
    expect(await res.json()).toHaveLength(1);
    expect(await (await get(`${fake.url}/wp-json/wc/v3/orders?per_page=2&page=4`, auth)).json()).toMatchObject({ code: 'woocommerce_rest_invalid_page_number' });
    expect((await get(`${fake.url}/wp-json/wc/v3/orders?per_page=101`, auth)).status).toBe(400);
    expect((await get(`${fake.url}/wp-json/wc/v3/orders`)).status).toBe(401);
  });

  it('queues 429s with Retry-After and a 500, and records every request', async () => {
    fake = await startFakeShopApi({ platform: 'haravan', orders: 2, token: 't' });
    fake.failNext(429, 1, '0.5');
    fake.failNext(500, 1);
    const url = `${fake.url}/com/orders.json?page=1&limit=50`;
    const auth = { authorization: 'Bearer t' };
    const limited = await get(url, auth);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0.5']);
    expect((await get(url, auth)).status).toBe(500);
    expect((await get(url, auth)).status).toBe(200);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/com/orders.json', query: { page: '1', limit: '50' } });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer t');
  });
});

describe('fake order generators', () => {
  it('are deterministic per (i, seed) and differ across seeds', () => {
    expect(toWireJson(fakeShopifyOrder(3, 9))).toBe(toWireJson(fakeShopifyOrder(3, 9)));
    expect(toWireJson(fakeShopifyOrder(3, 9))).not.toBe(toWireJson(fakeShopifyOrder(3, 10)));
  });

  it('write VND the way each platform does', () => {
    expect(fakeShopifyOrder(0).total_price).toMatch(/^\d+\.00$/);
    expect(typeof fakeHaravanOrder(0).total_price).toBe('number');
    expect(fakeWooOrder(0).total).toMatch(/^\d+$/);
    expect(fakeShopifyOrder(0).currency).toBe('VND');
  });

  it('send int64 ids as bare numbers and every 4th name decomposed (NFD)', () => {
    const wire = toWireJson(fakeHaravanOrder(4));
    expect(wire).toMatch(/^\{"id":9007199254\d{6},/);
    const nfd = fakeShopifyOrder(3).customer.last_name;
    const nfc = fakeShopifyOrder(2).customer.last_name;
    expect(nfd).toBe(nfd.normalize('NFD'));
    expect(nfc).toBe(nfc.normalize('NFC'));
  });

  it('include cancelled, refunded and fulfilled orders with tracking in a small set', () => {
    const set = Array.from({ length: 15 }, (_, i) => fakeShopifyOrder(i));
    expect(set.some((o) => o.cancelled_at !== null && o.financial_status === 'voided')).toBe(true);
    expect(set.some((o) => o.financial_status === 'refunded')).toBe(true);
    const shipped = set.find((o) => o.fulfillments.length > 0);
    expect(shipped?.fulfillments[0]).toMatchObject({ status: 'success', tracking_number: expect.any(String), tracking_company: expect.any(String) });
  });
});
