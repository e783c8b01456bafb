import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { ShopPlatform } from '../order.ts';
import { headerLookup, parseShopWebhook } from './parse.ts';
import type { ShopWebhookEvent, ShopWebhookResult } from './parse.ts';
import { SIGNATURE_HEADER, signShopBody } from './signature.ts';
import { fixtureBytes, wooWireBody } from './fixtures/load.ts';

const secret = 'Zr7hN2vKq9wLx4Tb';
const TOPIC: Record<ShopPlatform, string> = { shopify: 'X-Shopify-Topic', woocommerce: 'X-WC-Webhook-Topic', haravan: 'X-Haravan-Topic', sapo: 'X-Sapo-Topic' };

/** Sign and deliver like the platform would; `headers` may override or drop (undefined) anything. */
function deliver(platform: ShopPlatform, topic: string, body: Buffer | string, headers: Record<string, string | undefined> = {}): ShopWebhookResult {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const all = { 'Content-Type': 'application/json', [TOPIC[platform]]: topic, [SIGNATURE_HEADER[platform]]: signShopBody(platform, raw, secret), ...headers };
  return parseShopWebhook(platform, headerLookup(all), raw, secret);
}
const event = (r: ShopWebhookResult): ShopWebhookEvent => {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason} ${r.detail ?? ''}`);
  return r.event;
};
const sha = (topic: string, body: Buffer) => createHash('sha256').update(`${topic}\n`).update(body).digest('hex');

const shopifyBody = fixtureBytes('shopify-order.json');
const shopifyHeaders = { 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'X-Shopify-Shop-Domain': 'Ao-Dai-Shop.myshopify.com' };

describe('parseShopWebhook: orders', () => {
  it('Shopify orders/create: normalized order, big ids exact in order and payload, webhook id as dedupe key', () => {
    const e = event(deliver('shopify', 'orders/create', shopifyBody, shopifyHeaders));
    expect(e).toMatchObject({ kind: 'order', topic: 'orders/create', dedupeKey: shopifyHeaders['X-Shopify-Webhook-Id'], shopDomain: 'ao-dai-shop.myshopify.com', externalId: '5123456789012345678' });
    expect(e.order!.lines[0]!.externalId).toBe('9123456789012345678');
    expect((e.payload as { line_items: Array<{ id: unknown }> }).line_items[0]!.id).toBe('9123456789012345678');
  });

  it.each(['orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled', 'orders/partially_fulfilled', 'Orders/Create'])('Shopify %s is an order event', (topic) => {
    expect(event(deliver('shopify', topic, shopifyBody)).kind).toBe('order');
  });

  it('Shopify NFD body: names come out NFC', () => {
    expect(event(deliver('shopify', 'orders/updated', fixtureBytes('shopify-order-nfd.json'))).order!.customerName).toBe('Nguyễn Thị Minh Khai');
  });

  it('Haravan and Sapo orders, shop identified by org id / domain', () => {
    const h = event(deliver('haravan', 'orders/paid', fixtureBytes('haravan-order.json'), { 'X-Haravan-Org-Id': '200000123456' }));
    expect([h.kind, h.externalId, h.order!.refunded, h.shopDomain]).toEqual(['order', '1087654321', 50000, '200000123456']);
    const s = event(deliver('sapo', 'orders/cancelled', fixtureBytes('sapo-order.json'), { 'X-Sapo-Shop-Domain': 'traviet.mysapo.net' }));
    expect([s.kind, s.externalId, s.order!.cancelled, s.shopDomain]).toEqual(['order', '21045678', true, 'traviet.mysapo.net']);
  });

  it('WooCommerce order.created|updated|restored with wp_json_encode bytes (\\u escapes, \\/)', () => {
    const body = wooWireBody('woo-order-completed.json');
    expect(body.toString()).toContain('21 \\u0110\\u01b0\\u1eddng 30\\/4');
    for (const topic of ['order.created', 'order.updated', 'order.restored']) {
      const e = event(deliver('woocommerce', topic, body, { 'X-WC-Webhook-Source': 'https://nuocmam.example.vn/' }));
      expect([e.kind, e.externalId, e.order!.customerName, e.order!.shippingAddress!.address1, e.shopDomain]).toEqual(['order', '4522', 'Võ Quốc Bảo', '21 Đường 30/4', 'nuocmam.example.vn']);
    }
  });

  it('Woo topic falls back to resource.event headers', () => {
    const e = event(deliver('woocommerce', '', wooWireBody('woo-order-processing.json'), { 'X-WC-Webhook-Topic': undefined, 'X-WC-Webhook-Resource': 'order', 'X-WC-Webhook-Event': 'updated' }));
    expect([e.topic, e.kind]).toEqual(['order.updated', 'order']);
  });

  it('deletions carry the order id', () => {
    expect(event(deliver('shopify', 'orders/delete', '{"id":5123456789012345678}'))).toMatchObject({ kind: 'order_deleted', externalId: '5123456789012345678' });
    expect(event(deliver('haravan', 'orders/delete', '{"id":1087654321}'))).toMatchObject({ kind: 'order_deleted', externalId: '1087654321' });
    expect(event(deliver('woocommerce', 'order.deleted', fixtureBytes('woo-order-deleted.json')))).toMatchObject({ kind: 'order_deleted', externalId: '4523' });
  });

  it('Shopify orders/edited (an order_edit summary): order event without an order, to refetch', () => {
    const e = event(deliver('shopify', 'orders/edited', '{"order_edit":{"id":11,"order_id":5123456789012345678,"line_items":{"additions":[],"removals":[]}}}'));
    expect([e.kind, e.externalId, e.order]).toEqual(['order', '5123456789012345678', undefined]);
  });
});

describe('parseShopWebhook: other topics', () => {
  it.each([
    ['customers/data_request', '{"shop_id":954889,"shop_domain":"x.myshopify.com","customer":{"id":191167,"email":"a@example.vn","phone":"0912345678"},"data_request":{"id":9999}}', '191167'],
    ['customers/redact', '{"shop_id":954889,"customer":{"id":7234567890123456789},"orders_to_redact":[5123456789012345678]}', '7234567890123456789'],
    ['shop/redact', '{"shop_id":954889,"shop_domain":"x.myshopify.com"}', '954889'],
  ])('Shopify GDPR %s → gdpr', (topic, body, id) => {
    const e = event(deliver('shopify', topic, body));
    expect([e.kind, e.externalId]).toEqual(['gdpr', id]);
  });

  it('customers, uninstall and unknown topics', () => {
    expect(event(deliver('shopify', 'customers/update', '{"id":7234567890123456789}'))).toMatchObject({ kind: 'customer', externalId: '7234567890123456789' });
    expect(event(deliver('haravan', 'customers/create', '{"id":1000123456}'))).toMatchObject({ kind: 'customer', externalId: '1000123456' });
    expect(event(deliver('woocommerce', 'customer.updated', '{"id":17}'))).toMatchObject({ kind: 'customer', externalId: '17' });
    expect(event(deliver('shopify', 'app/uninstalled', '{"id":954889,"domain":"aodai.vn"}')).kind).toBe('uninstalled');
    expect(event(deliver('haravan', 'app/uninstalled', '{"org_id":200000123456}')).kind).toBe('uninstalled');
    expect(event(deliver('shopify', 'products/update', '{"id":1}')).kind).toBe('ignored');
    expect(event(deliver('woocommerce', 'product.updated', '{"id":1}')).kind).toBe('ignored');
  });
});

describe('parseShopWebhook: WooCommerce ping', () => {
  it.each(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8'])('unsigned webhook_id=N with %s → ping', (type) => {
    const r = parseShopWebhook('woocommerce', headerLookup({ 'Content-Type': type, 'User-Agent': 'WooCommerce/8.6.1 Hookshot (WordPress/6.4.3)' }), Buffer.from('webhook_id=12'), secret);
    expect(event(r)).toMatchObject({ kind: 'ping', topic: 'ping', externalId: '12' });
  });

  it('only Woo, only the form ping, skips the signature', () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect(parseShopWebhook('shopify', headerLookup(form), Buffer.from('webhook_id=12'), secret)).toEqual({ ok: false, reason: 'signature' });
    expect(parseShopWebhook('woocommerce', headerLookup(form), Buffer.from('webhook_id=12&x=1'), secret)).toEqual({ ok: false, reason: 'signature' });
    expect(parseShopWebhook('woocommerce', headerLookup({ 'Content-Type': 'application/json' }), Buffer.from('webhook_id=12'), secret)).toEqual({ ok: false, reason: 'signature' });
  });
});

describe('parseShopWebhook: rejection', () => {
  it('checks the signature before reading JSON', () => {
    const bad = { [SIGNATURE_HEADER.shopify]: signShopBody('shopify', 'other', secret) };
    expect(deliver('shopify', 'orders/create', '{not json', bad)).toEqual({ ok: false, reason: 'signature' });
    expect(deliver('shopify', 'orders/create', shopifyBody, { [SIGNATURE_HEADER.shopify]: undefined })).toEqual({ ok: false, reason: 'signature' });
    expect(deliver('shopify', 'orders/create', '{not json')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('a forged or tampered delivery is a signature failure for every platform', () => {
    for (const platform of ['shopify', 'woocommerce', 'haravan', 'sapo'] as const) {
      const forged = { [SIGNATURE_HEADER[platform]]: signShopBody(platform, shopifyBody, 'guess') };
      expect(deliver(platform, 'orders/create', shopifyBody, forged)).toEqual({ ok: false, reason: 'signature' });
      const sig = { [SIGNATURE_HEADER[platform]]: signShopBody(platform, shopifyBody, secret) };
      expect(deliver(platform, 'orders/create', Buffer.from(shopifyBody.toString().replace('430000', '43000')), sig)).toEqual({ ok: false, reason: 'signature' });
    }
  });

  it('Woo: a secret with `&amp;` never verifies, though WordPress signed with it', () => {
    const body = wooWireBody('woo-order-processing.json');
    const entitySecret = 'Ab3&amp;Cd';
    const headers = headerLookup({ 'X-WC-Webhook-Topic': 'order.created', 'X-WC-Webhook-Signature': signShopBody('woocommerce', body, entitySecret) });
    expect(parseShopWebhook('woocommerce', headers, body, entitySecret)).toEqual({ ok: false, reason: 'signature' });
  });

  it('signed but malformed payloads are reported with the reason', () => {
    expect(deliver('shopify', 'orders/create', '{"name":"#1"}')).toEqual({ ok: false, reason: 'malformed', detail: 'id is missing' });
    expect(deliver('shopify', 'orders/delete', '{}')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(deliver('woocommerce', 'order.created', '{"id":1,"date_created_gmt":"yesterday","total":"1"}')).toMatchObject({ ok: false, reason: 'malformed', detail: expect.stringMatching(/date_created_gmt/) });
    expect(deliver('haravan', 'orders/create', Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(deliver('sapo', 'orders/create', '[1,2]')).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('parseShopWebhook: dedupe keys', () => {
  it('Shopify: a retried delivery has the same key; another delivery of the same body does not', () => {
    const a = event(deliver('shopify', 'orders/updated', shopifyBody, shopifyHeaders));
    const b = event(deliver('shopify', 'orders/updated', shopifyBody, shopifyHeaders));
    const c = event(deliver('shopify', 'orders/updated', shopifyBody, { ...shopifyHeaders, 'X-Shopify-Webhook-Id': 'e1c0a9d2-0000-4b37-8a5f-bf7d70bcd044' }));
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
  });

  it('Haravan, Sapo and a Shopify delivery without the id header: sha256(topic \\n body)', () => {
    const body = fixtureBytes('haravan-order.json');
    const a = event(deliver('haravan', 'orders/updated', body));
    expect(a.dedupeKey).toBe(sha('orders/updated', body));
    expect(event(deliver('haravan', 'orders/updated', body)).dedupeKey).toBe(a.dedupeKey);
    expect(event(deliver('haravan', 'orders/paid', body)).dedupeKey).not.toBe(a.dedupeKey);
    expect(event(deliver('sapo', 'orders/create', fixtureBytes('sapo-order.json'))).dedupeKey).toBe(sha('orders/create', fixtureBytes('sapo-order.json')));
    expect(event(deliver('shopify', 'orders/create', shopifyBody)).dedupeKey).toBe(sha('orders/create', shopifyBody));
  });

  it('Woo: delivery id (per webhook per second) plus the body, so two updates in one second both land', () => {
    const delivery = { 'X-WC-Webhook-Delivery-ID': 'e5f9c1a0b3d24c6e8f7a9b1c2d3e4f50' };
    const first = wooWireBody('woo-order-processing.json');
    const second = wooWireBody('woo-order-completed.json');
    const a = event(deliver('woocommerce', 'order.updated', first, delivery));
    expect(event(deliver('woocommerce', 'order.updated', first, delivery)).dedupeKey).toBe(a.dedupeKey);
    expect(a.dedupeKey.startsWith(`${delivery['X-WC-Webhook-Delivery-ID']}:`)).toBe(true);
    expect(event(deliver('woocommerce', 'order.updated', second, delivery)).dedupeKey).not.toBe(a.dedupeKey);
    expect(event(deliver('woocommerce', 'order.updated', first)).dedupeKey).toBe(sha('order.updated', first));
  });
});
