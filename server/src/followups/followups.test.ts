import type { CustomerAnalyticsDto, FollowupRuleDto, FollowupSendDto, MessageDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import { refreshAnalytics } from '../analytics/service.ts';
import { buildOrder } from '../test/compensation-kit.ts';
import { customerInChat, startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { subscribers } from '../worker.ts';
import { runFollowups } from './jobs.ts';

let t: TestApp;
let unsubscribe: () => void;
beforeAll(async () => {
  t = await startTestApp();
  // The worker's subscribers, as a running server has them (tests run without the worker's timers).
  unsubscribe = t.deps.bus.subscribe((envelope) => { for (const s of subscribers) void s.handle(t.deps, envelope); });
});
afterAll(async () => { unsubscribe(); await t.close(); });

const DAY = 86_400_000;
/** 10:00 in Hồ Chí Minh City today: outside quiet hours. */
const morning = () => { const d = new Date(); d.setUTCHours(3, 0, 0, 0); return d; };
const settle = () => new Promise((r) => setTimeout(r, 150));
const message = { vi: 'Chào {{contact.first_name | bạn}}, đơn {{order.number}} đã đến tay bạn chưa ạ?', en: 'Hi {{contact.first_name | there}}, did order {{order.number}} arrive well?' };

const messagesOf = async (owner: AgentClient, conversationId: string) => (await owner.get<{ items: MessageDto[] }>(`/api/v1/conversations/${conversationId}/messages`)).body.items;
const rules = async (owner: AgentClient) => (await owner.get<FollowupRuleDto[]>('/api/v1/followups/rules')).body;

describe('follow-ups', () => {
  it('checks in after delivery through the customer\'s own channel, once, within caps and quiet hours, and tracks the result', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const now = morning();
    const lan = await customerInChat(t, ws, 'Nguyễn Thị Lan');
    const [order] = await upsertOrders(ctx, 'shopify', null, [
      buildOrder(lan.email, { placedAt: new Date(now.getTime() - 6 * DAY), updatedAt: new Date(now.getTime() - 4 * DAY), orderNumber: '#7001' }),
      buildOrder('only.orders@shop.test', { placedAt: new Date(now.getTime() - 6 * DAY), updatedAt: new Date(now.getTime() - 4 * DAY) }),
    ]);
    const created = await ws.owner.post('/api/v1/followups/rules', { kind: 'post_purchase', name: 'Hỏi thăm sau giao hàng', days: 3, message });
    expect(created.status).toBe(201);

    expect(await runFollowups(ctx, new Date(now.getTime() + 13 * 3_600_000))).toEqual({ quiet: true, sent: 0, skipped: 0 }); // 23:00 local
    expect(await runFollowups(ctx, now)).toEqual({ quiet: false, sent: 1, skipped: 1 });
    expect(await runFollowups(ctx, now)).toEqual({ quiet: false, sent: 0, skipped: 0 }); // each order once

    const sent = (await messagesOf(ws.owner, lan.conversation.id)).filter((m) => m.sender.type === 'system' && m.kind === 'outgoing');
    expect(sent.map((m) => m.body)).toEqual(['Chào Lan, đơn #7001 đã đến tay bạn chưa ạ?']);
    expect(((await lan.visitor.messages()).body.items ?? (await lan.visitor.messages()).body).map((m: { body: string }) => m.body)).toContain('Chào Lan, đơn #7001 đã đến tay bạn chưa ạ?');
    const sends = (await ws.owner.get<FollowupSendDto[]>(`/api/v1/followups/rules/${created.body.id}/sends`)).body;
    expect(sends.map((s) => s.status).sort()).toEqual(['no_channel', 'sent']);
    expect(sends.find((s) => s.status === 'sent')).toMatchObject({ orderId: order!.id, conversationId: lan.conversation.id });

    // A second rule would reach Lan too, but the frequency cap (one follow-up per 14 days) holds it back.
    await ws.owner.post('/api/v1/followups/rules', { kind: 'post_purchase', name: 'Lần hai', days: 3, message });
    expect(await runFollowups(ctx, now)).toMatchObject({ sent: 0 });

    // Lan answers, then buys again: both count for the rule.
    await lan.visitor.say('Dạ nhận rồi, cảm ơn shop');
    await settle();
    await upsertOrders(ctx, 'shopify', null, [buildOrder(lan.email, { placedAt: new Date(Date.now() + 60_000) })]);
    expect((await rules(ws.owner)).find((r) => r.id === created.body.id)!.results).toEqual({ sent: 1, replied: 1, purchased: 1, skipped: 1 });

    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.post('/api/v1/followups/run')).status).toBe(403);
    expect((await agent.post('/api/v1/followups/rules', { kind: 'post_purchase', name: 'x', days: 3, message })).status).toBe(403);
    expect((await ws.owner.post('/api/v1/followups/rules', { kind: 'post_purchase', name: 'x', days: 0, message })).status).toBe(400);
  });

  it('stops for a customer who answers STOP or whom an agent opts out', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const now = morning();
    const hoa = await customerInChat(t, ws, 'Trần Thị Hoa');
    await hoa.visitor.say('  Hủy!  ');
    await settle();
    const contactId = hoa.conversation.contact.id;
    expect((await ws.owner.get(`/api/v1/followups/contacts/${contactId}`)).body).toEqual({ optedOut: true, via: 'reply' });
    await upsertOrders(ctx, 'shopify', null, [buildOrder(hoa.email, { placedAt: new Date(now.getTime() - 6 * DAY), updatedAt: new Date(now.getTime() - 4 * DAY) })]);
    await ws.owner.post('/api/v1/followups/rules', { kind: 'post_purchase', name: 'Hỏi thăm', days: 3, message });
    expect(await runFollowups(ctx, now)).toEqual({ quiet: false, sent: 0, skipped: 1 });

    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.send('PUT', `/api/v1/followups/contacts/${contactId}`, { optedOut: false })).body).toEqual({ optedOut: false });
    expect((await agent.get(`/api/v1/followups/contacts/${contactId}`)).body).toEqual({ optedOut: false, via: null });
  });

  it('reminds a customer on their expected next order date and wins back a segment', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const now = morning();
    const minh = await customerInChat(t, ws, 'Lê Văn Minh');
    const tu = await customerInChat(t, ws, 'Đỗ Văn Tú');
    // Both buy every 20 days: their next order is expected today (a heuristic below the model minimums).
    await upsertOrders(ctx, 'shopify', null, [minh, tu].flatMap((c) => [40, 20].map((d) => buildOrder(c.email, { placedAt: new Date(now.getTime() - d * DAY) }))));
    await refreshAnalytics(ctx, 'test', { now });
    const customers = (await ws.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers')).body;
    expect(customers).toHaveLength(2);
    expect(customers[0]!.segment).toBe(customers[1]!.segment);
    const customer = customers[0]!;
    expect(customer.expectedNextOrderOn).toBe(new Date(now).toISOString().slice(0, 10));

    await ws.owner.post('/api/v1/followups/rules', { kind: 'repurchase', name: 'Nhắc mua lại', days: 1, minPAlive: 0.3, message: { vi: 'Chào {{contact.first_name}}, đã đến lúc mua thêm chưa ạ?', en: 'Time for more?' } });
    expect(await runFollowups(ctx, now)).toMatchObject({ sent: 2 }); // one each: the same day does not make them one reason
    await ws.owner.post('/api/v1/followups/rules', { kind: 'winback', name: 'Gọi khách quay lại', days: 90, segments: [customer.segment], message: { vi: 'Nhớ bạn!', en: 'We miss you!' } });
    expect(await runFollowups(ctx, new Date(now.getTime() + 15 * DAY))).toMatchObject({ sent: 2 }); // after the 14-day cap
    expect(await runFollowups(ctx, new Date(now.getTime() + 30 * DAY))).toMatchObject({ sent: 0 }); // once per 90-day period
    const bodies = (await messagesOf(ws.owner, minh.conversation.id)).filter((m) => m.sender.type === 'system').map((m) => m.body);
    expect(bodies).toEqual(['Chào Minh, đã đến lúc mua thêm chưa ạ?', 'Nhớ bạn!']);
  });
});
