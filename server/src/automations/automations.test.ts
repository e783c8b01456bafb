import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { AutomationRuleDto, AutomationRunDto, ConversationDto } from '@careloop/contracts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { runAutomations, type AutomationJob } from './service.ts';
import { isPrivateAddress } from './actions.ts';
import { connectShop, deliver, shopifyOrderJson } from '../test/shops.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ config: { allowPrivateWebhooks: true } }); });
afterAll(async () => { await t.close(); });

/** Run (as the worker would) every queued rule run of a conversation, including the ones they cause, then forget them. */
async function drain(conversationId: string, rounds = 10): Promise<number> {
  let ran = 0;
  for (let i = 0; i < rounds; i++) {
    const jobs = await sql<{ id: string; data: AutomationJob }>`select id, data from careloop_jobs.job where name = 'automations.run' and data->>'conversationId' = ${conversationId} order by created_on`.execute(t.deps.db);
    if (jobs.rows.length === 0) break;
    for (const job of jobs.rows) {
      await sql`delete from careloop_jobs.job where id = ${job.id}`.execute(t.deps.db);
      await runAutomations(t.deps, job.data, job.id);
      ran++;
    }
  }
  return ran;
}

const rule = (over: Record<string, unknown>) => ({ name: 'Quy tắc', trigger: 'message.received', conditions: { all: [] }, actions: [{ type: 'add_label', label: 'x' }], ...over });
const conv = async (ws: Awaited<ReturnType<TestApp['workspace']>>, id: string) => (await ws.owner.get<ConversationDto>(`/api/v1/conversations/${id}`)).body;

describe('automation rules API', () => {
  it('admins create, describe, patch, reorder and delete rules; agents read; bad rules are typed errors', async () => {
    const ws = await t.workspace();
    const created = await ws.owner.post<AutomationRuleDto>('/api/v1/automations/rules', rule({
      name: 'Hoàn tiền → ưu tiên', conditions: { all: [{ field: 'message.text', op: 'contains', value: 'hoàn tiền' }, { field: 'channel', op: 'in', value: ['zalo'] }] },
      actions: [{ type: 'set_priority', priority: 'high' }, { type: 'add_label', label: 'refund' }],
    }));
    expect(created.status).toBe(201);
    expect(created.body.description.vi).toContain('hoàn tiền');
    expect(created.body.description.en).toMatch(/refund/);

    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.get('/api/v1/automations/rules')).body).toHaveLength(1);
    expect((await agent.post('/api/v1/automations/rules', rule({}))).status).toBe(403);

    const bad = await ws.owner.post('/api/v1/automations/rules', rule({ actions: [{ type: 'call_webhook', url: 'javascript:alert(1)' }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const wrongTrigger = await ws.owner.patch(`/api/v1/automations/rules/${created.body.id}`, { trigger: 'sla.breached' });
    expect(wrongTrigger.status).toBe(400); // message.text cannot be tested on an SLA breach

    const off = await ws.owner.patch<AutomationRuleDto>(`/api/v1/automations/rules/${created.body.id}`, { enabled: false });
    expect(off.body.enabled).toBe(false);
    expect(off.body.name).toBe('Hoàn tiền → ưu tiên');
    const second = await ws.owner.post<AutomationRuleDto>('/api/v1/automations/rules', rule({ name: 'Hai' }));
    const reordered = await ws.owner.put<AutomationRuleDto[]>('/api/v1/automations/rules/order', { ids: [second.body.id, created.body.id] });
    expect(reordered.body.map((r) => r.name)).toEqual(['Hai', 'Hoàn tiền → ưu tiên']);
    expect((await ws.owner.delete(`/api/v1/automations/rules/${second.body.id}`)).status).toBe(200);
    expect((await ws.owner.delete(`/api/v1/automations/rules/${second.body.id}`)).status).toBe(404);
  });
});

describe('automation rules at work', () => {
  it('a matching customer message runs the actions in order, with variables, and logs the run', async () => {
    const ws = await t.workspace();
    await ws.owner.post('/api/v1/automations/rules', rule({
      name: 'Giờ mở cửa', conditions: { any: [{ field: 'message.text', op: 'contains', value: 'GIỜ MỞ CỬA' }, { field: 'message.text', op: 'contains', value: 'opening hours' }] },
      actions: [{ type: 'add_label', label: 'hours' }, { type: 'send_message', text: 'Chào {{contact.name}}, shop mở cửa 8:00–22:00 ạ.' }],
    }));
    const { conversation, visitor } = await customerInChat(t, ws, 'Phạm Hồng Nhung');
    await visitor.say('Cho mình hỏi gio mo cua cua shop vay?');
    expect(await drain(conversation.id)).toBeGreaterThanOrEqual(2);
    const after = await conv(ws, conversation.id);
    expect(after.labels).toEqual(['hours']);
    const messages = (await ws.owner.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items as { kind: string; body: string }[];
    expect(messages.filter((m) => m.body === 'Chào Phạm Hồng Nhung, shop mở cửa 8:00–22:00 ạ.')).toHaveLength(1);
    const runs = (await ws.owner.get<AutomationRunDto[]>(`/api/v1/automations/runs?conversationId=${conversation.id}`)).body;
    expect(runs.filter((r) => r.outcome === 'applied').map((r) => r.ruleName)).toEqual(['Giờ mở cửa']); // the first message did not match
    expect(runs[0]!.actions).toEqual(['label + hours', 'message sent']);
  });

  it('an upset customer gets no automatic reply: the rule holds it back and a human is fast-tracked', async () => {
    const ws = await t.workspace();
    await ws.owner.post('/api/v1/automations/rules', rule({ name: 'Trả lời tự động', actions: [{ type: 'send_message', text: 'Cảm ơn bạn đã nhắn tin!' }] }));
    const visitor = t.visitor(ws.inbox.widgetToken);
    await visitor.start({ name: 'Khách bực' });
    await visitor.say('Shop làm ăn kiểu gì vậy, giao sai hàng mà không ai trả lời, mình rất bực!!!');
    const [c] = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items;
    expect(c!.upsetAt).not.toBeNull();
    expect(['high', 'urgent']).toContain(c!.priority);
    await drain(c!.id);
    const messages = (await ws.owner.get(`/api/v1/conversations/${c!.id}/messages`)).body.items as { body: string }[];
    expect(messages.some((m) => m.body === 'Cảm ơn bạn đã nhắn tin!')).toBe(false);
    const [run] = (await ws.owner.get<AutomationRunDto[]>(`/api/v1/automations/runs?conversationId=${c!.id}`)).body;
    expect(run!.actions[0]).toMatch(/held back/);
  });

  it('rules that trigger each other stop: a rule fires once per chain (loop protection in the log)', async () => {
    const ws = await t.workspace();
    await ws.owner.post('/api/v1/automations/rules', rule({
      name: 'Đóng thì hoãn', trigger: 'conversation.statusChanged', conditions: { all: [{ field: 'conversation.status', op: 'in', value: ['resolved'] }] }, actions: [{ type: 'snooze', minutes: 30 }],
    }));
    await ws.owner.post('/api/v1/automations/rules', rule({
      name: 'Hoãn thì đóng', trigger: 'conversation.statusChanged', conditions: { all: [{ field: 'conversation.status', op: 'in', value: ['snoozed'] }] }, actions: [{ type: 'resolve' }],
    }));
    const { conversation } = await customerInChat(t, ws, 'Vòng Lặp');
    await drain(conversation.id);
    const current = await conv(ws, conversation.id);
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: current.version, status: 'resolved' });
    const ran = await drain(conversation.id);
    expect(ran).toBeLessThanOrEqual(4);
    const runs = (await ws.owner.get<AutomationRunDto[]>(`/api/v1/automations/runs?conversationId=${conversation.id}`)).body;
    expect(runs.filter((r) => r.outcome === 'applied').map((r) => r.ruleName).sort()).toEqual(['Hoãn thì đóng', 'Đóng thì hoãn']);
    expect(runs.some((r) => r.outcome === 'skipped_loop')).toBe(true);
    expect((await conv(ws, conversation.id)).status).toBe('resolved');
  });

  it('a dry run lists which recent conversations would match, and changes nothing', async () => {
    const ws = await t.workspace();
    for (const [name, text] of [['A', 'Đơn hàng của mình giao chưa tới'], ['B', 'Áo này còn size L không shop'], ['C', 'Khi nào giao hàng vậy shop']] as const) {
      const visitor = t.visitor(ws.inbox.widgetToken);
      await visitor.start({ name });
      await visitor.say(text);
    }
    const dry = await ws.owner.post('/api/v1/automations/dry-run', { rule: rule({ conditions: { all: [{ field: 'message.text', op: 'contains_any', value: ['giao hang', 'chua toi'] }] }, actions: [{ type: 'set_priority', priority: 'high' }] }) });
    expect(dry.status).toBe(200);
    expect(dry.body.checked).toBe(3);
    expect(dry.body.matched.map((m: { contactName: string }) => m.contactName).sort()).toEqual(['A', 'C']);
    const list = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items;
    expect(list.filter((c) => c.priority === 'high' && c.upsetAt === null)).toHaveLength(0);
  });

  it('calls a webhook with a signed body; a failing action is logged with its reason', async () => {
    const received: { body: string; signature: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => { received.push({ body, signature: req.headers['x-careloop-signature'] as string | undefined }); res.statusCode = received.length > 1 ? 500 : 200; res.end(); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
      const ws = await t.workspace();
      await ws.owner.post('/api/v1/automations/rules', rule({ name: 'Báo CRM', actions: [{ type: 'call_webhook', url, secret: 'bi-mat-12345' }] }));
      const { conversation, visitor } = await customerInChat(t, ws, 'Webhook');
      expect(received).toHaveLength(0);
      await drain(conversation.id);
      expect(received).toHaveLength(1);
      expect(received[0]!.signature).toBe(`sha256=${createHmac('sha256', 'bi-mat-12345').update(received[0]!.body).digest('hex')}`);
      expect(JSON.parse(received[0]!.body).conversation.number).toBe(conversation.number);
      await visitor.say('Thêm một tin nữa');
      await drain(conversation.id);
      const runs = (await ws.owner.get<AutomationRunDto[]>(`/api/v1/automations/runs?conversationId=${conversation.id}`)).body;
      expect(runs[0]!.outcome).toBe('failed');
      expect(runs[0]!.error).toContain('500');
    } finally {
      server.close();
    }
  });

  it('an order event runs the rules on the customer\'s latest conversation (order status condition)', async () => {
    const ws = await t.workspace();
    await ws.owner.post('/api/v1/automations/rules', rule({
      name: 'Đơn đã giao', trigger: 'order.updated', conditions: { all: [{ field: 'order.status', op: 'in', value: ['shipped'] }] }, actions: [{ type: 'add_label', label: 'da-giao' }],
    }));
    const visitor = t.visitor(ws.inbox.widgetToken);
    await visitor.start({ name: 'Người Mua', email: 'nguoimua@khach.vn' });
    await visitor.say('Đơn của mình sao rồi shop?');
    const [c] = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items;
    await drain(c!.id);
    const shop = await connectShop(ws.owner, 'shopify');
    expect((await deliver(t, shop, 'orders/fulfilled', shopifyOrderJson({ id: 990001, email: 'nguoimua@khach.vn', fulfillment: 'fulfilled', financial: 'paid' }))).status).toBe(200);
    await drain(c!.id);
    expect((await conv(ws, c!.id)).labels).toEqual(['da-giao']);
  });

  it('knows private addresses (webhooks may not reach them unless the server allows it)', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(ip)).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888']) expect(isPrivateAddress(ip)).toBe(false);
  });
});
