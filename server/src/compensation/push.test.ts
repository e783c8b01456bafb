import type { CompensationDto, VoucherDto } from '@careloop/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { startFakeShopDiscounts, type FakeShopDiscounts } from '../test/fakes/shop-discounts.ts';
import { offer, shopCase } from '../test/compensation-kit.ts';

let t: TestApp;
let shop: FakeShopDiscounts;
beforeAll(async () => { t = await startTestApp(); shop = await startFakeShopDiscounts(); });
afterAll(async () => { await shop.close(); await t.close(); });
afterEach(() => { shop.failWith(null); shop.requests.length = 0; });

const connect = async (owner: AgentClient, body: Record<string, unknown>) => {
  const reply = await owner.post('/api/v1/commerce/connections', { name: 'Cửa hàng chính', baseUrl: shop.url, ...body });
  if (reply.status !== 201) throw new Error(`connection failed: ${JSON.stringify(reply.body)}`);
};
const grant = async (client: AgentClient, conversationId: string, body: Record<string, unknown>) => {
  const reply = await offer(client, { conversationId, kind: 'voucher', voucherType: 'fixed', value: 50_000, ...body });
  expect(reply.status).toBe(201);
  return (reply.body.compensation as CompensationDto).voucher!;
};

describe('pushing vouchers to the shop', () => {
  it('creates a Shopify price rule and its discount code with the access token', async () => {
    const c = await shopCase(t);
    await connect(c.owner, { platform: 'shopify', accessToken: 'shpat_fake' });
    const voucher = await grant(c.owner, c.conversationId, { minOrder: 200_000, expiresInDays: 7 });
    expect(voucher.pushStatus).toBe('pushed');
    expect(shop.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /admin/api/2025-01/price_rules.json',
      expect.stringMatching(/^POST \/admin\/api\/2025-01\/price_rules\/\d+\/discount_codes\.json$/),
    ]);
    const [rule, code] = shop.requests;
    expect(rule!.headers['x-shopify-access-token']).toBe('shpat_fake');
    expect(rule!.body.price_rule).toMatchObject({
      title: voucher.code, target_type: 'line_item', value_type: 'fixed_amount', value: '-50000', usage_limit: 1,
      prerequisite_subtotal_range: { greater_than_or_equal_to: '200000' }, ends_at: voucher.expiresAt,
    });
    expect(code!.body).toEqual({ discount_code: { code: voucher.code } });

    shop.requests.length = 0;
    const shipping = ((await offer(c.owner, { conversationId: c.conversationId, kind: 'free_shipping' })).body.compensation as CompensationDto).voucher!;
    expect(shipping.pushStatus).toBe('pushed');
    expect(shop.requests[0]!.body.price_rule).toMatchObject({ target_type: 'shipping_line', value_type: 'percentage', value: '-100.0', allocation_method: 'each' });
  });

  it('creates a WooCommerce coupon with basic auth', async () => {
    const c = await shopCase(t, { orders: [{ total: 600_000 }] });
    await connect(c.owner, { platform: 'woocommerce', apiKey: 'ck_fake', apiSecret: 'cs_fake' });
    const voucher = await grant(c.owner, c.conversationId, { voucherType: 'fixed', value: 60_000, minOrder: 150_000 });
    expect(voucher.pushStatus).toBe('pushed');
    expect(shop.requests).toHaveLength(1);
    const [coupon] = shop.requests;
    expect(coupon).toMatchObject({ method: 'POST', path: '/wp-json/wc/v3/coupons' });
    expect(coupon!.headers.authorization).toBe(`Basic ${Buffer.from('ck_fake:cs_fake').toString('base64')}`);
    expect(coupon!.body).toMatchObject({ code: voucher.code, discount_type: 'fixed_cart', amount: '60000', minimum_amount: '150000', usage_limit: 1, free_shipping: false });
    expect(coupon!.body.date_expires_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    // A percentage capped at its cost cannot be a shop coupon (platforms have no cap): it stays ours.
    const percent = await grant(c.owner, c.conversationId, { voucherType: 'percent', value: 10, minOrder: 150_000 });
    expect(percent.pushStatus).toBe('none');
    expect(shop.requests).toHaveLength(1);
  });

  it('speaks Sapo\'s and Haravan\'s dialects', async () => {
    const sapo = await shopCase(t);
    await connect(sapo.owner, { platform: 'sapo', accessToken: 'shpat_fake' });
    expect((await grant(sapo.owner, sapo.conversationId, {})).pushStatus).toBe('pushed');
    expect(shop.requests.map((r) => r.path)).toEqual(['/admin/price_rules.json', expect.stringMatching(/^\/admin\/price_rules\/\d+\/discount_codes\.json$/)]);
    expect(shop.requests[0]!.headers['x-sapo-access-token']).toBe('shpat_fake');

    shop.requests.length = 0;
    const haravan = await shopCase(t);
    await connect(haravan.owner, { platform: 'haravan', accessToken: 'shpat_fake' });
    const voucher = await grant(haravan.owner, haravan.conversationId, {});
    expect(voucher.pushStatus).toBe('pushed');
    expect(shop.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/com/discounts.json', 'Bearer shpat_fake']]);
    expect(shop.requests[0]!.body.discount).toMatchObject({ code: voucher.code, discount_type: 'fixed_amount', value: 50_000 });
  });

  it('a failing push marks the voucher failed and leaves it valid; the grant stands', async () => {
    const c = await shopCase(t);
    await connect(c.owner, { platform: 'shopify', accessToken: 'shpat_fake' });
    shop.failWith(500);
    const voucher = await grant(c.owner, c.conversationId, {});
    expect(voucher.pushStatus).toBe('failed');
    const row = await t.deps.db.selectFrom('vouchers').select(['push_status', 'push_error']).where('id', '=', voucher.id).executeTakeFirstOrThrow();
    expect(row.push_error).toContain('shopify: HTTP 500');
    expect((await c.owner.post('/api/v1/vouchers/check', { code: voucher.code })).body).toMatchObject({ valid: true, reason: 'ok' });
    expect((await c.owner.get(`/api/v1/compensation/ledger?conversationId=${c.conversationId}`)).body).toHaveLength(1);

    shop.failWith(null);
    const wrongToken = await shopCase(t);
    await connect(wrongToken.owner, { platform: 'shopify', accessToken: 'shpat_wrong' });
    const refused = await grant(wrongToken.owner, wrongToken.conversationId, {});
    expect(refused.pushStatus).toBe('failed');
    expect((await wrongToken.owner.get<VoucherDto[]>(`/api/v1/vouchers?contactId=${wrongToken.contactId}`)).body[0]!.pushStatus).toBe('failed');
  });

  it('without a connection that takes discount codes nothing is pushed', async () => {
    const c = await shopCase(t);
    await connect(c.owner, { platform: 'shopify', baseUrl: null });
    expect((await grant(c.owner, c.conversationId, {})).pushStatus).toBe('none');
    expect(shop.requests).toEqual([]);
  });
});
