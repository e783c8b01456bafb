import type { AnalyticsSettings, FollowupRuleDto, FollowupSendDto, MessageDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { OrderLine } from '../commerce/order.ts';
import { refreshAnalytics } from '../analytics/service.ts';
import { buildOrder } from '../test/compensation-kit.ts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { runFollowups } from './jobs.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const DAY = 86_400_000;
/** 10:00 in Hồ Chí Minh City today: outside quiet hours. */
const morning = () => { const d = new Date(); d.setUTCHours(3, 0, 0, 0); return d; };
const coffee: OrderLine = { externalId: null, productId: null, variantId: null, sku: null, title: 'Cà phê hạt Cầu Đất 500g', quantity: 1, price: 180_000 };
const socks: OrderLine = { ...coffee, title: 'Tất cổ ngắn', price: 40_000 };
const message = { vi: 'Chào {{contact.first_name | bạn}}, {{product.title | sản phẩm}} bạn mua lần trước sắp hết chưa ạ?', en: 'Hi {{contact.first_name | there}}, running low on {{product.title | it}}?' };


describe('repurchase reminders on product cycles', () => {
  it('reminds once per cycle of a product, through the customer\'s own conversation, with the product in the message', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const now = morning();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    // A small shop: two customers are enough to call a cycle here.
    const settings = (await ws.owner.get<AnalyticsSettings>('/api/v1/analytics/settings')).body;
    await ws.owner.send('PUT', '/api/v1/analytics/settings', { ...settings, productCycles: { minGaps: 4, minCustomers: 2, maxSpread: 1 } });
    const mai = await customerInChat(t, ws, 'Phạm Thị Mai');
    const bao = await customerInChat(t, ws, 'Võ Quốc Bảo');
    // Both buy the coffee every 30 days, last 30 days ago; Bảo's socks (bought 30 days ago too) have no cycle.
    const orders = await upsertOrders(ctx, 'shopify', null, [
      ...[90, 60, 30].map((d) => buildOrder(mai.email, { placedAt: ago(d), lines: [coffee], orderNumber: `#M${d}` })),
      ...[90, 60].map((d) => buildOrder(bao.email, { placedAt: ago(d), lines: [coffee] })),
      buildOrder(bao.email, { placedAt: ago(30), lines: [coffee, socks], orderNumber: '#B30' }),
    ]);
    await refreshAnalytics(ctx, 'test', { now });

    const created = await ws.owner.post<FollowupRuleDto>('/api/v1/followups/rules', { kind: 'repurchase', name: 'Nhắc mua cà phê', days: 30, basis: 'product', message });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'repurchase', basis: 'product' });
    expect(await runFollowups(ctx, now)).toEqual({ quiet: false, sent: 2, skipped: 0 });
    expect(await runFollowups(ctx, now)).toEqual({ quiet: false, sent: 0, skipped: 0 }); // each cycle once

    const bodies = async (conversationId: string) => (await ws.owner.get<{ items: MessageDto[] }>(`/api/v1/conversations/${conversationId}/messages`)).body.items
      .filter((m) => m.sender.type === 'system' && m.kind === 'outgoing').map((m) => m.body);
    expect(await bodies(mai.conversation.id)).toEqual(['Chào Mai, Cà phê hạt Cầu Đất 500g bạn mua lần trước sắp hết chưa ạ?']);
    const sends = (await ws.owner.get<FollowupSendDto[]>(`/api/v1/followups/rules/${created.body.id}/sends`)).body;
    const lastOf = (n: string) => orders.find((o) => o.order_number === n)!.id;
    expect(sends.map((s) => [s.contactId, s.orderId, s.status]).sort()).toEqual([
      [mai.conversation.contact.id, lastOf('#M30'), 'sent'], [bao.conversation.contact.id, lastOf('#B30'), 'sent'],
    ].sort());

    // Mai buys again today: the next cycle runs from that purchase and reminds her again 30 days later; Bảo has
    // not bought since, so his cycle is long past the window and nothing more goes to him.
    await upsertOrders(ctx, 'shopify', null, [buildOrder(mai.email, { placedAt: now, lines: [coffee] })]);
    const later = new Date(now.getTime() + 30 * DAY);
    await refreshAnalytics(ctx, 'test', { now: later });
    expect(await runFollowups(ctx, later)).toEqual({ quiet: false, sent: 1, skipped: 0 });
    expect(await runFollowups(ctx, later)).toEqual({ quiet: false, sent: 0, skipped: 0 });
    expect(await bodies(mai.conversation.id)).toHaveLength(2);
    expect(await bodies(bao.conversation.id)).toHaveLength(1);
  });

  it('keeps the customer basis the default, and validates the basis', async () => {
    const ws = await t.workspace();
    const created = await ws.owner.post<FollowupRuleDto>('/api/v1/followups/rules', { kind: 'repurchase', name: 'Nhắc mua lại', days: 30, message });
    expect(created.body.basis).toBe('customer');
    expect((await ws.owner.get<FollowupRuleDto[]>('/api/v1/followups/rules')).body[0]!.basis).toBe('customer');
    expect((await ws.owner.post('/api/v1/followups/rules', { kind: 'repurchase', name: 'x', days: 30, basis: 'sku', message })).status).toBe(400);
    const updated = await ws.owner.send<FollowupRuleDto>('PUT', `/api/v1/followups/rules/${created.body.id}`, { ...created.body, basis: 'product' });
    expect(updated.body.basis).toBe('product');
  });
});
