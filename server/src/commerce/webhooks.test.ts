import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { connectShop, deliver, shopifyOrderJson } from '../test/shops.ts';
import { signLikeWoo } from './platforms/index.ts';
import { fixtureBytes, wooWireBody } from './platforms/fixtures/load.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const ordersOf = async (owner: Awaited<ReturnType<TestApp['workspace']>>['owner'], contactId: string) =>
  (await owner.get(`/api/v1/commerce/contacts/${contactId}/orders`)).body;

async function contactByPhone(owner: Awaited<ReturnType<TestApp['workspace']>>['owner'], phone: string) {
  const list = await owner.get(`/api/v1/contacts?q=${encodeURIComponent(phone)}`);
  return list.body.items[0];
}

describe('shop webhooks', () => {
  it('stores a signed Shopify order once, links it to a contact by phone, and ignores a replayed webhook id', async () => {
    const { owner } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    expect(shop.webhookUrl).toMatch(/\/api\/hooks\/shops\/shop_/);
    const payload = shopifyOrderJson({ id: '5123456789012345678', phone: '0912 345 678', email: 'lan@example.vn', tracking: 'GHN123' });
    const first = await deliver(t, shop, 'orders/create', payload, { webhookId: 'wh-1' });
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('processed');
    const again = await deliver(t, shop, 'orders/create', payload, { webhookId: 'wh-1' });
    expect(again.body.outcome).toBe('duplicate');

    const contact = await contactByPhone(owner, '0912345678');
    expect(contact.phone).toBe('+84912345678');
    const orders = await ordersOf(owner, contact.id);
    expect(orders.orderCount).toBe(1);
    expect(orders.orders[0]).toMatchObject({
      externalId: '5123456789012345678', number: '#5123456789012345678', total: 450000, currency: 'VND', paymentState: 'paid',
      trackingNumber: 'GHN123', carrier: 'GHN', deliveryState: 'processing',
    });
    expect(orders.lifetimeSpend).toBe(450000);
    expect(orders.orders[0].shippingAddress.ward).toBe('Phường Bến Nghé');
  });

  it('rejects a forged, tampered or missing signature with 401 and stores nothing', async () => {
    const { owner } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    const payload = shopifyOrderJson({ id: 777001, phone: '0903111222' });
    const forged = await deliver(t, shop, 'orders/create', payload, { secret: 'not-the-secret-at-all' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_signature');
    const missing = await deliver(t, shop, 'orders/create', payload, { signature: null });
    expect(missing.status).toBe(401);
    const good = JSON.stringify(payload);
    const tampered = await deliver(t, shop, 'orders/create', good.replace('450000.00', '1.00'), {
      signature: (await import('./platforms/index.ts')).signShopBody('shopify', good, shop.webhookSecret!),
    });
    expect(tampered.status).toBe(401);
    expect(await contactByPhone(owner, '0903111222')).toBeUndefined();
  });

  it('keeps the newest state when updates arrive out of order', async () => {
    const { owner } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    const base = { id: 880001, phone: '0938000111' };
    await deliver(t, shop, 'orders/fulfilled', shopifyOrderJson({ ...base, financial: 'paid', fulfillment: 'fulfilled', tracking: 'GHTK9', updatedAt: '2026-11-03T10:00:00+07:00' }));
    await deliver(t, shop, 'orders/create', shopifyOrderJson({ ...base, financial: 'pending', updatedAt: '2026-11-01T10:00:00+07:00' }));
    const contact = await contactByPhone(owner, '0938000111');
    const [order] = (await ordersOf(owner, contact.id)).orders;
    expect(order).toMatchObject({ paymentState: 'paid', fulfilmentState: 'fulfilled', deliveryState: 'shipped', trackingNumber: 'GHTK9' });
    await deliver(t, shop, 'orders/cancelled', shopifyOrderJson({ ...base, financial: 'voided', cancelledAt: '2026-11-04T09:00:00+07:00', updatedAt: '2026-11-04T09:00:00+07:00' }));
    const [cancelled] = (await ordersOf(owner, contact.id)).orders;
    expect(cancelled).toMatchObject({ cancelled: true, deliveryState: 'cancelled', countsAsPurchase: false });
  });

  it('converts an old 11-digit mobile on an order and links it to the chat contact with the new number', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start({ name: 'Trần Văn Hùng', phone: '0384567890' });
    await visitor.say('Đơn của em đâu rồi ạ?');
    const shop = await connectShop(owner, 'haravan');
    const payload = { ...shopifyOrderJson({ id: 1200345, phone: '01684567890' }), total_price: 250000, subtotal_price: 250000 };
    const reply = await deliver(t, shop, 'orders/create', payload);
    expect(reply.body.outcome).toBe('processed');
    const contact = await contactByPhone(owner, '0384567890');
    expect(contact.name).toBe('Trần Văn Hùng');
    const orders = await ordersOf(owner, contact.id);
    expect(orders.orderCount).toBe(1);
    expect(orders.orders[0].total).toBe(250000);
  });

  it('verifies Sapo under either header spelling and Haravan fixtures', async () => {
    const { owner } = await t.workspace();
    const sapo = await connectShop(owner, 'sapo');
    const body = fixtureBytes('sapo-order.json').toString('utf8');
    const { signShopBody } = await import('./platforms/index.ts');
    const sig = signShopBody('sapo', body, sapo.webhookSecret!);
    const a = await deliver(t, sapo, 'orders/create', body, { signature: null, headers: { 'X-Sapo-Hmac-SHA256': sig } });
    expect(a.status).toBe(200);
    const haravan = await connectShop(owner, 'haravan');
    const h = await deliver(t, haravan, 'orders/create', fixtureBytes('haravan-order.json').toString('utf8'));
    expect(h.body.outcome).toBe('processed');
  });

  it('answers the unsigned WooCommerce creation ping, and stores signed Woo orders and deletions', async () => {
    const { owner } = await t.workspace();
    const woo = await connectShop(owner, 'woocommerce');
    const ping = await t.request('POST', new URL(woo.webhookUrl).pathname, {
      body: 'webhook_id=15', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ping.status).toBe(200);
    expect(ping.body.outcome).toBe('ping');
    const body = wooWireBody('woo-order-completed.json');
    const order = await deliver(t, woo, 'order.updated', body.toString('utf8'), { signature: signLikeWoo(body, woo.webhookSecret!) });
    expect(order.body.outcome).toBe('processed');
    const unsigned = await deliver(t, woo, 'order.updated', body.toString('utf8'), { signature: null });
    expect(unsigned.status).toBe(401);
  });

  it('keeps workspaces apart: a connection id of one shop cannot feed another, and orders stay in their workspace', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const shopA = await connectShop(a.owner, 'shopify');
    await deliver(t, shopA, 'orders/create', shopifyOrderJson({ id: 990001, phone: '0977000999' }));
    expect(await contactByPhone(b.owner, '0977000999')).toBeUndefined();
    const contact = await contactByPhone(a.owner, '0977000999');
    const cross = await b.owner.get(`/api/v1/commerce/contacts/${contact.id}/orders`);
    expect(cross.status).toBe(404);
    const unknown = await t.request('POST', '/api/hooks/shops/shop_DOESNOTEXIST000000', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(unknown.status).toBe(404);
  });

  it('lets only admins manage connections and hides the secret from agents', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    expect((await agent.post('/api/v1/commerce/connections', { platform: 'shopify', name: 'X' })).status).toBe(403);
    const shop = await connectShop(owner, 'shopify');
    const seen = (await agent.get('/api/v1/commerce/connections')).body;
    expect(seen[0].webhookSecret).toBeNull();
    const rotated = await owner.patch(`/api/v1/commerce/connections/${shop.id}`, { rotateSecret: true });
    expect(rotated.body.webhookSecret).not.toBe(shop.webhookSecret);
    const stale = await deliver(t, shop, 'orders/create', shopifyOrderJson({ id: 12, phone: '0911000222' }));
    expect(stale.status).toBe(401);
  });

  it('ignores an order body replayed under a delete topic, and keeps two shops\' equal order ids apart', async () => {
    const { owner } = await t.workspace();
    const a = await connectShop(owner, 'shopify');
    const b = await connectShop(owner, 'shopify');
    const body = shopifyOrderJson({ id: 123, phone: '0966000123', total: '100000.00' });
    await deliver(t, a, 'orders/create', body);
    await deliver(t, b, 'orders/create', { ...shopifyOrderJson({ id: 123, phone: '0966000123', total: '200000.00' }) });
    const replay = await deliver(t, a, 'orders/delete', body);
    expect(replay.body.outcome).toBe('ignored');
    const contact = await contactByPhone(owner, '0966000123');
    const orders = await ordersOf(owner, contact.id);
    expect(orders.orderCount).toBe(2);
    expect(orders.orders.map((o: { total: number }) => o.total).sort()).toEqual([100000, 200000]);
    const deleted = await deliver(t, a, 'orders/delete', { id: 123 });
    expect(deleted.body.outcome).toBe('processed');
    const after = await ordersOf(owner, contact.id);
    expect(after.orders.map((o: { total: number }) => o.total)).toEqual([200000]);
  });

  it('makes one contact when two webhooks for a new customer arrive at once', async () => {
    const { owner } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    await Promise.all([
      deliver(t, shop, 'orders/create', shopifyOrderJson({ id: 5551, phone: '0977555111', email: 'moi@example.vn' })),
      deliver(t, shop, 'orders/create', shopifyOrderJson({ id: 5552, phone: '0977555111', email: 'moi@example.vn' })),
      deliver(t, shop, 'orders/paid', shopifyOrderJson({ id: 5553, phone: '0977555111' })),
    ]);
    const found = (await owner.get('/api/v1/contacts?q=0977555111')).body.items;
    expect(found).toHaveLength(1);
    expect((await ordersOf(owner, found[0].id)).orderCount).toBe(3);
  });

  it('drops stored API credentials when the API address changes', async () => {
    const { owner } = await t.workspace();
    const shop = await connectShop(owner, 'shopify', { baseUrl: 'https://hoa-mai.myshopify.com', accessToken: 'shpat_secret' });
    expect(shop.hasAccessToken).toBe(true);
    const renamed = await owner.patch(`/api/v1/commerce/connections/${shop.id}`, { name: 'Hoa Mai' });
    expect(renamed.body.hasAccessToken).toBe(true);
    const moved = await owner.patch(`/api/v1/commerce/connections/${shop.id}`, { baseUrl: 'https://attacker.example' });
    expect(moved.body.hasAccessToken).toBe(false);
  });
});

