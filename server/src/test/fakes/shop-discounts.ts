/**
 * A local fake of the shop platforms' discount-code endpoints, for tests: it checks each
 * platform's credentials, answers with the platform's shape and records every request.
 *
 * - Shopify `POST /admin/api/2025-01/price_rules.json`, `.../price_rules/{id}/discount_codes.json` (`X-Shopify-Access-Token`)
 * - Sapo `POST /admin/price_rules.json`, `/admin/price_rules/{id}/discount_codes.json` (`X-Sapo-Access-Token`)
 * - WooCommerce `POST /wp-json/wc/v3/coupons` (basic auth)
 * - Haravan `POST /com/discounts.json` (Bearer)
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiscountRequest { method: string; path: string; headers: Record<string, string>; body: any }

export interface FakeShopDiscounts {
  url: string;
  requests: DiscountRequest[];
  /** Answer every following request with this status (null: answer normally). */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try { return text ? JSON.parse(text) : null; } catch { return text; }
}

export async function startFakeShopDiscounts(opts: { token?: string; consumerKey?: string; consumerSecret?: string } = {}): Promise<FakeShopDiscounts> {
  const token = opts.token ?? 'shpat_fake';
  const basic = `Basic ${Buffer.from(`${opts.consumerKey ?? 'ck_fake'}:${opts.consumerSecret ?? 'cs_fake'}`).toString('base64')}`;
  const requests: DiscountRequest[] = [];
  let failing: number | null = null;
  let nextId = 900_000_000_001;

  const route = (path: string, headers: Record<string, string>, body: any): [number, unknown] => {
    let m: RegExpExecArray | null;
    if ((m = /^\/admin(\/api\/2025-01)?\/price_rules\.json$/.exec(path))) {
      const header = m[1] ? 'x-shopify-access-token' : 'x-sapo-access-token';
      if (headers[header] !== token) return [401, { errors: 'Invalid API key or access token' }];
      if (!body?.price_rule?.title) return [422, { errors: { title: ["can't be blank"] } }];
      return [201, { price_rule: { id: nextId++, ...body.price_rule } }];
    }
    if ((m = /^\/admin(\/api\/2025-01)?\/price_rules\/(\d+)\/discount_codes\.json$/.exec(path))) {
      const header = m[1] ? 'x-shopify-access-token' : 'x-sapo-access-token';
      if (headers[header] !== token) return [401, { errors: 'Invalid API key or access token' }];
      return [201, { discount_code: { id: nextId++, price_rule_id: Number(m[2]), code: body?.discount_code?.code, usage_count: 0 } }];
    }
    if (path === '/wp-json/wc/v3/coupons') {
      if (headers.authorization !== basic) return [401, { code: 'woocommerce_rest_cannot_create', message: 'Sorry, you are not allowed to create resources.' }];
      return [201, { id: nextId++, ...body }];
    }
    if (path === '/com/discounts.json') {
      if (headers.authorization !== `Bearer ${token}`) return [401, { error: 'unauthorized' }];
      return [201, { discount: { id: nextId++, ...body?.discount } }];
    }
    return [404, { errors: 'Not Found' }];
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
    requests.push({ method: req.method ?? 'GET', path, headers, body });
    const [status, reply] = failing !== null ? [failing, { errors: 'Internal Server Error' }] : req.method === 'POST' ? route(path, headers, body) : [405, { errors: 'Method Not Allowed' }];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith: (status) => { failing = status; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
