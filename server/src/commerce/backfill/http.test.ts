import { describe, expect, it } from 'vitest';
import { backoffMs, bucketPauseMs, retryAfterMs, ShopApiError, shopGet, type ShopRequestOptions } from './http.ts';

const TOKEN = 'shpat_secret_token_123';
const URL_ = 'https://shop.example/admin/api/2026-07/orders.json?status=any&limit=250&page_info=abc';

/** A scripted fetch: each call takes the next step; a step is a Response factory or an Error to throw. */
function scripted(steps: Array<(() => Response) | Error>) {
  const calls: RequestInit[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    const step = steps.shift();
    if (!step) throw new Error('no more steps');
    if (step instanceof Error) throw step;
    return step();
  }) as unknown as typeof fetch;
  return { fetchFn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function harness(steps: Array<(() => Response) | Error>, extra: Partial<ShopRequestOptions> = {}) {
  const sleeps: number[] = [];
  const logged: unknown[] = [];
  const { fetchFn, calls } = scripted(steps);
  const opts: ShopRequestOptions = {
    platform: 'shopify', headers: { 'x-shopify-access-token': TOKEN }, fetch: fetchFn, random: () => 0,
    sleep: async (ms) => { sleeps.push(ms); }, log: { warn: (msg, data) => logged.push({ msg, data }) }, ...extra,
  };
  return { sleeps, logged, calls, run: () => shopGet(URL_, opts) };
}

describe('shopGet', () => {
  it('waits Retry-After (float seconds) on 429, then succeeds', async () => {
    const h = harness([json(429, { errors: 'slow down' }, { 'retry-after': '1.5' }), json(200, { orders: [] })]);
    await expect(h.run()).resolves.toMatchObject({ status: 200, body: { orders: [] } });
    expect(h.sleeps).toEqual([1500]);
  });

  it('waits 2 s on a 429 without Retry-After', async () => {
    const h = harness([json(429, {}), json(200, { orders: [] })]);
    await h.run();
    expect(h.sleeps).toEqual([2000]);
  });

  it('gives a retryable error with the wait when Retry-After is longer than it will sleep', async () => {
    const h = harness([json(429, {}, { 'retry-after': '600' })]);
    const err = await h.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShopApiError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 600_000 });
    expect(h.sleeps).toEqual([]);
  });

  it('retries 5xx with exponential backoff and gives up after 5 retries', async () => {
    const h = harness(Array.from({ length: 6 }, () => json(503, { errors: 'down' })));
    const err = await h.run().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ShopApiError', status: 503, platform: 'shopify', retryable: true });
    expect(h.calls).toHaveLength(6);
    expect(h.sleeps).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('retries network errors and then succeeds', async () => {
    const h = harness([new TypeError('fetch failed'), json(200, { orders: [{ id: 1 }] })]);
    await expect(h.run()).resolves.toMatchObject({ body: { orders: [{ id: 1 }] } });
    expect(h.sleeps).toEqual([250]);
  });

  it('times out a hung attempt and reports it as retryable after the retries', async () => {
    const hang = (async (_u: string, init: RequestInit) => new Promise((_r, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as unknown as typeof fetch;
    const sleeps: number[] = [];
    const err = await shopGet(URL_, { platform: 'haravan', fetch: hang, timeoutMs: 20, maxRetries: 1, sleep: async (ms) => { sleeps.push(ms); } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ShopApiError', status: null, retryable: true });
    expect((err as Error).message).toContain('timeout');
    expect(sleeps).toHaveLength(1);
  });

  it('stops at once when the caller aborts', async () => {
    const ctrl = new AbortController();
    const h = harness([json(500, {}), json(200, {})], {
      signal: ctrl.signal,
      sleep: async () => { ctrl.abort(new Error('shutdown')); },
    });
    await expect(h.run()).rejects.toThrow('shutdown');
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    [401, 'access token was rejected'],
    [403, 'scope'],
    [404, 'base URL'],
    [301, 'redirect'],
    [422, 'HTTP 422'],
  ])('surfaces %i as a non-retryable ShopApiError without leaking the token', async (status, text) => {
    const h = harness([json(status, { errors: `[API] Invalid API key or access token ${TOKEN}` }, { location: 'https://elsewhere.example/' })]);
    const err = await h.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShopApiError);
    expect(err).toMatchObject({ status, retryable: false });
    expect((err as Error).message).toContain(text);
    expect((err as Error).message).not.toContain(TOKEN);
    expect((err as Error).message).not.toContain('page_info');
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.redirect).toBe('manual');
  });

  it('never logs the token or the query string', async () => {
    const h = harness([new TypeError('fetch failed'), json(500, {}), json(429, {}), json(200, {})]);
    await h.run();
    expect(h.logged).toHaveLength(3);
    expect(JSON.stringify(h.logged)).not.toContain(TOKEN);
    expect(JSON.stringify(h.logged)).not.toContain('page_info');
  });

  it('rejects a 200 that is not JSON without retrying (usually a wrong base URL)', async () => {
    const h = harness([json(200, '<!doctype html><p>WordPress</p>')]);
    await expect(h.run()).rejects.toMatchObject({ status: 200, retryable: false });
  });

  it('parses big ids exactly', async () => {
    const h = harness([json(200, '{"orders":[{"id":9007199254740993}]}')]);
    expect((await h.run()).body).toEqual({ orders: [{ id: '9007199254740993' }] });
  });

  it('slows down when the Shopify bucket is at least 80% full', async () => {
    const h = harness([json(200, {}, { 'x-shopify-shop-api-call-limit': '36/40' })]);
    await h.run();
    expect(h.sleeps).toEqual([2500]);
  });
});

describe('timing helpers', () => {
  it('reads Retry-After as float seconds or an HTTP date', () => {
    expect(retryAfterMs('2.0')).toBe(2000);
    expect(retryAfterMs('0.25')).toBe(250);
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:05 GMT', Date.parse('2026-12-02T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });

  it('pauses for the bucket to leak below 80%', () => {
    expect(bucketPauseMs('31/40')).toBe(0);
    expect(bucketPauseMs('32/40')).toBe(500);
    expect(bucketPauseMs('40/40')).toBe(4500);
    expect(bucketPauseMs('320/400')).toBe(50);
    expect(bucketPauseMs('garbage')).toBe(0);
    expect(bucketPauseMs(null)).toBe(0);
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});
