import { randomUUID } from 'node:crypto';
import type { ShopConnectionDto } from '@careloop/contracts';
import { signShopBody } from '../commerce/platforms/index.ts';
import type { AgentClient, TestApp } from './harness.ts';

/** A Shopify-family order payload (Shopify, Haravan and Sapo share the shape). */
export function shopifyOrderJson(over: {
  id: string | number; name?: string; phone?: string | null; email?: string | null; total?: string | number; financial?: string;
  fulfillment?: string | null; updatedAt?: string; createdAt?: string; cancelledAt?: string | null; tracking?: string; firstName?: string; lastName?: string;
}) {
  const createdAt = over.createdAt ?? '2026-11-01T10:00:00+07:00';
  return {
    id: over.id,
    name: over.name ?? `#${over.id}`,
    order_number: Number(String(over.id).slice(-6)),
    email: over.email ?? null,
    phone: over.phone ?? null,
    created_at: createdAt,
    updated_at: over.updatedAt ?? createdAt,
    cancelled_at: over.cancelledAt ?? null,
    currency: 'VND',
    financial_status: over.financial ?? 'paid',
    fulfillment_status: over.fulfillment ?? null,
    subtotal_price: String(over.total ?? '450000.00'),
    total_discounts: '0.00',
    total_price: over.total ?? '450000.00',
    customer: { id: 9000 + Number(String(over.id).slice(-4)), email: over.email ?? null, phone: over.phone ?? null, first_name: over.firstName ?? 'Lan', last_name: over.lastName ?? 'Nguyễn Thị' },
    shipping_address: { name: 'Nguyễn Thị Lan', phone: over.phone ?? null, address1: '12 Lý Tự Trọng', province: 'Hồ Chí Minh', district: 'Quận 1', ward: 'Phường Bến Nghé', country_code: 'VN' },
    line_items: [{ id: 1, product_id: 2, variant_id: 3, sku: 'AO-01', title: 'Áo dài lụa', quantity: 1, price: over.total ?? '450000.00' }],
    fulfillments: over.tracking ? [{ id: 1, status: 'success', tracking_number: over.tracking, tracking_company: 'GHN', tracking_url: `https://donhang.ghn.vn/?order_code=${over.tracking}`, created_at: createdAt }] : [],
  };
}

const topicHeader = { shopify: 'x-shopify-topic', haravan: 'x-haravan-topic', sapo: 'x-sapo-topic', woocommerce: 'x-wc-webhook-topic' } as const;
const signatureHeader = { shopify: 'x-shopify-hmac-sha256', haravan: 'x-haravan-hmacsha256', sapo: 'x-sapo-hmac-sha256', woocommerce: 'x-wc-webhook-signature' } as const;

/** Deliver a webhook the way the platform does: raw bytes, base64 HMAC, topic and id headers. */
export function deliver(t: TestApp, connection: ShopConnectionDto, topic: string, payload: unknown, opts: { secret?: string; webhookId?: string; signature?: string | null; headers?: Record<string, string> } = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const platform = connection.platform;
  const headers: Record<string, string> = { 'content-type': 'application/json', [topicHeader[platform]]: topic, ...opts.headers };
  const signature = opts.signature === undefined ? signShopBody(platform, body, opts.secret ?? connection.webhookSecret!) : opts.signature;
  if (signature !== null) headers[signatureHeader[platform]] = signature;
  if (platform === 'shopify') headers['x-shopify-webhook-id'] = opts.webhookId ?? randomUUID();
  if (platform === 'woocommerce') headers['x-wc-webhook-delivery-id'] = opts.webhookId ?? randomUUID();
  return t.request('POST', new URL(connection.webhookUrl).pathname, { body, headers });
}

export async function connectShop(owner: AgentClient, platform: ShopConnectionDto['platform'], extra: Record<string, unknown> = {}): Promise<ShopConnectionDto> {
  const reply = await owner.post('/api/v1/commerce/connections', { platform, name: `Shop ${platform}`, ...extra });
  if (reply.status !== 201) throw new Error(`connect failed: ${JSON.stringify(reply.body)}`);
  return reply.body;
}
