import type { CompensationBudgetDto, CompensationDto, CompensationSettings, LoyaltyDto, MessageDto } from '@careloop/contracts';
import { defaultCompensationSettings } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import * as store from './store.ts';
import { auditActions, offer, shopCase } from '../test/compensation-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const codeFormat = /^CL-[A-HJKMNP-Z2-9]{10}$/;
const monthInSaigon = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

describe('offering compensation within authority', () => {
  it('grants every kind at once, with its cost in đồng, on the ledger linked to conversation, contact, order and agent', async () => {
    const c = await shopCase(t, { orders: [{ total: 400_000 }] });
    const agent = await t.addAgent(c.owner, 'agent', 'Đào Văn Nhân');
    const order = c.orders[0]!;
    const base = { conversationId: c.conversationId };

    const apology = await offer(agent, { ...base, kind: 'apology', message: 'Dạ shop thành thật xin lỗi chị vì sự bất tiện này ạ' });
    expect(apology.status).toBe(201);
    expect(apology.body).toMatchObject({ status: 'granted', compensation: { kind: 'apology', cost: 0, agentName: 'Đào Văn Nhân', voucher: null } });
    const messages = (await agent.get<{ items: MessageDto[] }>(`/api/v1/conversations/${c.conversationId}/messages`)).body.items;
    const sent = messages.find((m) => m.body.startsWith('Dạ shop thành thật xin lỗi'));
    expect(sent).toMatchObject({ kind: 'outgoing' });
    expect(apology.body.compensation.details.messageId).toBe(sent!.id);
    expect((await c.visitor.messages()).body.map((m: { body: string }) => m.body)).toContain('Dạ shop thành thật xin lỗi chị vì sự bất tiện này ạ');

    const fixed = await offer(agent, { ...base, kind: 'voucher', voucherType: 'fixed', value: 50_000, minOrder: 200_000, expiresInDays: 14, orderId: order.id, reason: 'Giao thiếu quà tặng' });
    expect(fixed.status).toBe(201);
    const fixedDto = fixed.body.compensation as CompensationDto;
    expect(fixedDto).toMatchObject({ kind: 'voucher', cost: 50_000, orderId: order.id, contactId: c.contactId, conversationId: c.conversationId, agentId: agent.id });
    expect(fixedDto.details).toMatchObject({ voucherType: 'fixed', value: 50_000, reason: 'Giao thiếu quà tặng' });
    expect(fixedDto.voucher).toMatchObject({ kind: 'fixed', value: 50_000, minOrder: 200_000, contactId: c.contactId, redeemedAt: null, pushStatus: 'none' });
    expect(fixedDto.voucher!.code).toMatch(codeFormat);
    const days = (Date.parse(fixedDto.voucher!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const percentOfOrder = await offer(agent, { ...base, kind: 'voucher', voucherType: 'percent', value: 10, orderId: order.id });
    expect(percentOfOrder.body.compensation).toMatchObject({ cost: 40_000, voucher: { kind: 'percent', value: 10 } });
    const percentOfLatest = await offer(agent, { ...base, kind: 'voucher', voucherType: 'percent', value: 15 });
    expect(percentOfLatest.body.compensation).toMatchObject({ cost: 60_000, orderId: null, details: { basisOrderId: order.id, basisOrderTotal: 400_000 } });
    const capped = await offer(agent, { ...base, kind: 'voucher', voucherType: 'percent', value: 50, maxDiscount: 25_000 });
    expect(capped.body.compensation.cost).toBe(25_000);

    const shipping = await offer(agent, { ...base, kind: 'free_shipping' });
    expect(shipping.body.compensation).toMatchObject({ kind: 'free_shipping', cost: 30_000, voucher: { kind: 'free_shipping', value: 30_000 } });
    const shippingValued = await offer(agent, { ...base, kind: 'free_shipping', value: 45_000 });
    expect(shippingValued.body.compensation.cost).toBe(45_000);

    const points = await offer(agent, { ...base, kind: 'points', points: 500, reason: 'Xin lỗi vì giao trễ' });
    expect(points.body.compensation).toMatchObject({ kind: 'points', cost: 50_000 });
    const loyalty = (await agent.get<LoyaltyDto>(`/api/v1/loyalty/contacts/${c.contactId}`)).body;
    expect(loyalty.entries).toContainEqual(expect.objectContaining({ kind: 'compensation', points: 500, reason: 'Xin lỗi vì giao trễ', agentName: 'Đào Văn Nhân' }));

    const replacement = await offer(agent, { ...base, kind: 'replacement', cost: 80_000, items: 'Áo thun size M', orderId: order.id });
    expect(replacement.body.compensation).toMatchObject({ kind: 'replacement', cost: 80_000, details: { items: 'Áo thun size M' } });
    const refund = await offer(agent, { ...base, kind: 'refund', amount: 90_000, orderId: order.id });
    expect(refund.body.compensation).toMatchObject({ kind: 'refund', cost: 90_000 });

    const ledger = (await agent.get<CompensationDto[]>(`/api/v1/compensation/ledger?conversationId=${c.conversationId}`)).body;
    expect(ledger.map((e) => e.kind)).toEqual(['refund', 'replacement', 'points', 'free_shipping', 'free_shipping', 'voucher', 'voucher', 'voucher', 'voucher', 'apology']);
    expect(ledger.every((e) => e.agentName === 'Đào Văn Nhân' && e.approvalId === null)).toBe(true);
    expect((await agent.get(`/api/v1/compensation/ledger?contactId=${c.contactId}`)).body).toEqual(ledger);
    expect(await auditActions(c.owner, fixedDto.id)).toEqual(['compensation.granted']);
  });

  it('writes a timeline line for a replacement and a refund request', async () => {
    const c = await shopCase(t);
    await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 90_000 });
    const messages = (await c.owner.get<{ items: MessageDto[] }>(`/api/v1/conversations/${c.conversationId}/messages`)).body.items;
    expect(messages.find((m) => m.kind === 'activity' && m.body.includes('90.000'))).toBeTruthy();
  });

  it('refuses offers it cannot size or that are not valid', async () => {
    const c = await shopCase(t);
    const base = { conversationId: c.conversationId };
    const noOrder = await offer(c.owner, { ...base, kind: 'voucher', voucherType: 'percent', value: 10 });
    expect(noOrder.status).toBe(400);
    expect(noOrder.body.error.code).toBe('validation_failed');
    expect((await offer(c.owner, { ...base, kind: 'voucher', voucherType: 'percent', value: 150, maxDiscount: 10_000 })).status).toBe(400);
    expect((await offer(c.owner, { ...base, kind: 'refund', amount: 0 })).status).toBe(400);
    expect((await offer(c.owner, { ...base, kind: 'gift' })).status).toBe(400);
    expect((await offer(c.owner, { ...base, kind: 'refund', amount: 10_000, orderId: 'ord_missing' })).status).toBe(404);
    const other = await shopCase(t);
    expect((await offer(other.owner, { ...base, kind: 'refund', amount: 10_000 })).status).toBe(404);
    expect((await c.owner.get('/api/v1/compensation/ledger')).body).toEqual([]);
  });

  it('gives the first result again for a retried offer with the same idempotency key, granted or sent for approval', async () => {
    const c = await shopCase(t, { orders: [{ total: 900_000 }] });
    const agent = await t.addAgent(c.owner, 'agent');
    const base = { conversationId: c.conversationId, idempotencyKey: 'offer-key-0001' };
    const [a, b] = await Promise.all([
      offer(agent, { ...base, kind: 'voucher', voucherType: 'fixed', value: 50_000 }),
      offer(agent, { ...base, kind: 'voucher', voucherType: 'fixed', value: 50_000 }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.compensation.id).toBe(b.body.compensation.id);
    const refund = { conversationId: c.conversationId, idempotencyKey: 'offer-key-0002', kind: 'refund', amount: 500_000 };
    const first = await offer(agent, refund);
    const again = await offer(agent, refund);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.approval.id).toBe(first.body.approval.id);
    expect((await c.owner.get(`/api/v1/compensation/ledger?conversationId=${c.conversationId}`)).body).toHaveLength(1);
    expect((await c.owner.get('/api/v1/compensation/approvals?status=all')).body).toHaveLength(1);
    // Someone else's key is not a way to read their offer.
    expect((await offer(c.owner, refund)).status).toBe(403);
  });

  it("refuses a refund above what is left of the order, or against another customer's order", async () => {
    const c = await shopCase(t, { orders: [{ total: 300_000 }] });
    const orderId = c.orders[0]!.id;
    const tooMuch = await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 300_001, orderId });
    expect(tooMuch.status).toBe(400);
    expect((await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 300_000, orderId })).status).toBe(201);
    // A second customer of the same shop, whose conversation must not be compensated on the first one's order.
    const visitor = t.visitor(c.inbox.widgetToken);
    await visitor.start({ name: 'Khách khác', email: 'khac@example.vn' });
    await visitor.say('Xin chào');
    const theirs = (await c.owner.get('/api/v1/conversations')).body.items.find((x: { id: string }) => x.id !== c.conversationId);
    const foreign = await offer(c.owner, { conversationId: theirs.id, kind: 'refund', amount: 1_000, orderId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('validation_failed');
  });
});

describe('settings', () => {
  it('admins change the limits (audited); the new limits decide what needs approval', async () => {
    const c = await shopCase(t);
    const agent = await t.addAgent(c.owner, 'agent');
    const admin = await t.addAgent(c.owner, 'admin');
    expect((await agent.get('/api/v1/compensation/settings')).body).toEqual(defaultCompensationSettings);
    const lower: CompensationSettings = { ...defaultCompensationSettings, limits: { ...defaultCompensationSettings.limits, agent: 20_000 } };
    expect((await agent.send('PUT', '/api/v1/compensation/settings', lower)).status).toBe(403);
    expect((await (await t.addAgent(c.owner, 'supervisor')).send('PUT', '/api/v1/compensation/settings', lower)).status).toBe(403);
    expect((await admin.send('PUT', '/api/v1/compensation/settings', { ...lower, pointValue: -1 })).status).toBe(400);
    const saved = await admin.send('PUT', '/api/v1/compensation/settings', lower);
    expect(saved.status).toBe(200);
    expect((await agent.get('/api/v1/compensation/settings')).body.limits.agent).toBe(20_000);
    expect(await auditActions(c.owner, c.workspaceId)).toContain('compensation.settings_updated');

    const base = { conversationId: c.conversationId, kind: 'voucher', voucherType: 'fixed', value: 50_000 };
    expect((await offer(agent, base)).status).toBe(202);
    await admin.send('PUT', '/api/v1/compensation/settings', { ...lower, limits: { ...lower.limits, agent: 200_000 }, pointValue: 10 });
    expect((await offer(agent, { ...base, value: 150_000 })).status).toBe(201);
    expect((await offer(agent, { conversationId: c.conversationId, kind: 'points', points: 15_000 })).body.compensation.cost).toBe(150_000);
  });
});

describe('monthly budget', () => {
  it('warns once when the month passes the budget, and reports the month in the shop\'s zone', async () => {
    const c = await shopCase(t);
    await c.owner.send('PUT', '/api/v1/compensation/settings', { ...defaultCompensationSettings, monthlyBudget: 100_000 });
    const base = { conversationId: c.conversationId, kind: 'refund' };
    await offer(c.owner, { ...base, amount: 60_000 });
    let budget = (await c.owner.get<CompensationBudgetDto>('/api/v1/compensation/budget')).body;
    expect(budget).toEqual({ month: monthInSaigon(), spent: 60_000, budget: 100_000, exceeded: false, entries: 1 });
    await offer(c.owner, { ...base, amount: 40_000 });
    expect((await c.owner.get('/api/v1/compensation/budget')).body.exceeded).toBe(false);
    await offer(c.owner, { ...base, amount: 1_000 });
    await offer(c.owner, { ...base, amount: 5_000 });
    budget = (await c.owner.get<CompensationBudgetDto>('/api/v1/compensation/budget')).body;
    expect(budget).toMatchObject({ spent: 106_000, exceeded: true, entries: 4 });
    expect((await auditActions(c.owner, c.workspaceId)).filter((a) => a === 'compensation.budget_exceeded')).toHaveLength(1);
  });
});

describe('the ledger is append-only', () => {
  it('has no route to change or remove an entry, and redeeming a voucher leaves its entry as it was', async () => {
    const c = await shopCase(t);
    const granted = (await offer(c.owner, { conversationId: c.conversationId, kind: 'voucher', voucherType: 'fixed', value: 30_000 })).body.compensation as CompensationDto;
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      expect((await c.owner.send(method, `/api/v1/compensation/ledger/${granted.id}`, method === 'DELETE' ? undefined : { cost: 0 })).status).toBe(404);
    }
    expect(Object.keys(store).filter((name) => /ledger/i.test(name) && /^(update|delete|set|remove)/.test(name))).toEqual([]);
    const before = await t.deps.db.selectFrom('compensation_ledger').selectAll().where('id', '=', granted.id).executeTakeFirstOrThrow();
    expect((await c.owner.post('/api/v1/vouchers/redeem', { code: granted.voucher!.code, orderRef: '#9001' })).status).toBe(200);
    const after = await t.deps.db.selectFrom('compensation_ledger').selectAll().where('id', '=', granted.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});
