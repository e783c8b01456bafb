import type { LoyaltyDto, LoyaltyEntryDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder } from '../commerce/order.ts';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { expirePoints, grantPoints, loyaltyForVisitor, syncOrderPoints } from './service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const DAY = 86_400_000;
let seq = 0;

/** A paid VND order of 1,000,000đ (100 points with the default 1 point per 10,000đ) placed now. */
function buildOrder(overrides: Partial<NormalizedOrder> = {}): NormalizedOrder {
  const n = ++seq;
  return {
    externalId: `ext-${n}`, orderNumber: `#${1000 + n}`, email: 'lan@shop.test', phone: null, customerName: 'Nguyễn Thị Lan', customerExternalId: null,
    currency: 'VND', total: 1_000_000, subtotal: null, discount: null, shipping: null, refunded: null,
    paymentState: 'paid', fulfilmentState: 'unfulfilled', cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: null,
    placedAt: new Date(), cancelledAt: null, updatedAt: null, trackingNumber: null, carrier: null, trackingUrl: null,
    shippingAddress: null, lines: [], note: null, tags: [], ...overrides,
  };
}

async function seed(workspaceId: string, ...orders: NormalizedOrder[]) {
  return upsertOrders(systemCtx(t.deps, workspaceId), 'shopify', null, orders);
}

/** A workspace, an agent, and a customer holding the points of one 1,000,000đ order. */
async function customerWith(points = 100) {
  const ws = await t.workspace();
  const agent = await t.addAgent(ws.owner, 'agent');
  const [row] = await seed(ws.workspaceId, buildOrder({ total: points * 10_000 }));
  return { ...ws, agent, contactId: row!.contact_id! };
}

const loyaltyOf = async (client: AgentClient, contactId: string) => (await client.get<LoyaltyDto>(`/api/v1/loyalty/contacts/${contactId}`)).body;
const sumOf = (entries: LoyaltyEntryDto[]) => entries.reduce((s, e) => s + e.points, 0);

describe('earning from orders', () => {
  it('earns on paid orders, not on unpaid undelivered ones, and once however often an order is replayed', async () => {
    const { workspaceId, agent } = await customerWith(0);
    const placedAt = new Date(Date.UTC(2026, 0, 31, 3));
    const paid = buildOrder({ total: 1_234_567, refunded: 34_567, placedAt, email: 'hoa@shop.test' });
    const rows = await seed(workspaceId, paid);
    const contactId = rows[0]!.contact_id!;
    const cod = buildOrder({ paymentState: 'pending', rawFinancialStatus: 'pending', email: 'hoa@shop.test' });
    await seed(workspaceId, cod);

    let view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(120); // floor(1,200,000 / 10,000)
    expect(view.entries).toEqual([expect.objectContaining({ kind: 'earn', points: 120, orderId: rows[0]!.id, expiresAt: '2027-01-31T03:00:00.000Z' })]);

    await seed(workspaceId, paid);
    await syncOrderPoints(systemCtx(t.deps, workspaceId), rows);
    await syncOrderPoints(systemCtx(t.deps, workspaceId), [...rows, ...rows]);
    expect((await loyaltyOf(agent, contactId)).entries).toHaveLength(1);

    // Cash on delivery counts once delivered.
    await seed(workspaceId, { ...cod, fulfilmentState: 'fulfilled', updatedAt: new Date(Date.now() + 1000) });
    view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(220);
    expect(view.entries.map((e) => e.kind)).toEqual(['earn', 'earn']);
  });

  it('takes points back when an order stops counting, never below zero', async () => {
    const { workspaceId, agent, contactId } = await customerWith(100);
    const second = buildOrder({ total: 500_000 });
    await seed(workspaceId, second);
    expect((await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 120 })).status).toBe(200);

    const cancelled = { ...second, cancelled: true, paymentState: 'voided' as const, updatedAt: new Date(Date.now() + 1000) };
    await seed(workspaceId, cancelled);
    await seed(workspaceId, { ...cancelled, updatedAt: new Date(Date.now() + 2000), note: 'again' });
    const view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(0);
    const reverses = view.entries.filter((e) => e.kind === 'reverse');
    expect(reverses).toEqual([expect.objectContaining({ points: -30, reason: expect.stringContaining('20 of 50 points were already spent') })]);
  });

  it('earns nothing while the programme is off, and tiers follow the last 12 months of spend', async () => {
    const { workspaceId, owner, agent } = await customerWith(0);
    const [old] = await seed(workspaceId, buildOrder({ email: 'vy@shop.test', total: 30_000_000, placedAt: new Date(Date.now() - 500 * DAY) }));
    await seed(workspaceId, buildOrder({ email: 'vy@shop.test', total: 2_500_000 }));
    let view = await loyaltyOf(agent, old!.contact_id!);
    expect(view).toMatchObject({ enabled: true, spend12m: 2_500_000, tier: { name: 'Bạc' }, nextTier: { name: 'Vàng', minSpend: 5_000_000 } });

    const settings = (await owner.get('/api/v1/loyalty/settings')).body;
    expect((await owner.send('PUT', '/api/v1/loyalty/settings', { ...settings, enabled: false })).status).toBe(200);
    await seed(workspaceId, buildOrder({ email: 'vy@shop.test', total: 9_000_000 }));
    view = await loyaltyOf(agent, old!.contact_id!);
    expect(view).toMatchObject({ enabled: false, balance: 3250, tier: null });
    expect(await loyaltyForVisitor(systemCtx(t.deps, workspaceId), old!.contact_id!)).toEqual({ balance: 3250, tier: null });
  });
});

describe('redeeming', () => {
  it('redeems, refuses more than the balance without writing, and honours idempotency keys', async () => {
    const { agent, contactId } = await customerWith(100);
    const ok = await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 40, reason: 'Đổi quà' });
    expect(ok.status).toBe(200);
    expect(ok.body.balance).toBe(60);
    expect(ok.body.entries[0]).toMatchObject({ kind: 'redeem', points: -40, reason: 'Đổi quà', agentName: 'Trần Văn Minh' });

    const tooMuch = await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 61 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'conflict', details: { balance: 60 } });
    expect((await loyaltyOf(agent, contactId)).entries).toHaveLength(2);

    const key = 'retry-key-0001';
    const first = await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 50, idempotencyKey: key });
    const again = await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 50, idempotencyKey: key });
    expect([first.status, again.status, again.body.balance]).toEqual([200, 200, 10]);
    expect((await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 5, idempotencyKey: key })).status).toBe(409);
    expect((await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 0 })).status).toBe(400);
    expect((await agent.post('/api/v1/loyalty/contacts/ct_missing/redeem', { points: 1 })).status).toBe(404);
  });

  it('20 parallel redemptions never overdraw: what succeeded is exactly what the ledger shows', async () => {
    const { agent, contactId } = await customerWith(100);
    const replies = await Promise.all(Array.from({ length: 20 }, () => agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 15 })));
    const won = replies.filter((r) => r.status === 200).length;
    expect(replies.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'conflict'))).toBe(true);
    expect(won).toBe(6);
    const view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(10);
    expect(view.entries.filter((e) => e.kind === 'redeem')).toHaveLength(won);
    expect(sumOf(view.entries)).toBe(view.balance);
  });

  it('parallel earning and redeeming stay consistent', async () => {
    const { workspaceId, agent, contactId } = await customerWith(100);
    const earns = Array.from({ length: 10 }, () => seed(workspaceId, buildOrder({ total: 100_000 })).then(() => 'earned'));
    // 10 × 25 is more than the 200 points there will ever be: some must be refused.
    const redeems = Array.from({ length: 10 }, () => agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 25 }));
    const results = await Promise.all([...earns, ...redeems]);
    const won = results.filter((r) => typeof r !== 'string' && r.status === 200).length;
    expect(won).toBeGreaterThanOrEqual(4);
    expect(won).toBeLessThanOrEqual(8);
    const view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(200 - 25 * won);
    expect(view.balance).toBeGreaterThanOrEqual(0);
    expect(sumOf(view.entries)).toBe(view.balance);
  });
});

describe('adjusting and settings', () => {
  it('supervisors adjust with a reason; agents neither adjust nor change settings; admins do, audited', async () => {
    const { owner, agent, contactId } = await customerWith(100);
    const supervisor = await t.addAgent(owner, 'supervisor', 'Lê Thu Hà');
    const path = `/api/v1/loyalty/contacts/${contactId}/adjust`;
    expect((await agent.post(path, { points: 10, reason: 'Tặng' })).status).toBe(403);
    expect((await supervisor.post(path, { points: 10 })).status).toBe(400);
    const up = await supervisor.post(path, { points: 25, reason: 'Khách thân thiết' });
    expect(up.body).toMatchObject({ balance: 125 });
    expect(up.body.entries[0]).toMatchObject({ kind: 'adjust', points: 25, reason: 'Khách thân thiết', agentName: 'Lê Thu Hà' });
    const down = await supervisor.post(path, { points: -126, reason: 'Nhầm' });
    expect(down.status).toBe(409);
    expect(down.body.error.details).toEqual({ balance: 125 });
    expect((await supervisor.post(path, { points: -125, reason: 'Nhầm' })).body.balance).toBe(0);

    const settings = (await agent.get('/api/v1/loyalty/settings')).body;
    expect(settings.earnPoints).toBe(1);
    const changed = { ...settings, perAmount: 5_000, tiers: [{ name: 'Vàng', minSpend: 5_000_000, benefits: 'Giảm 5%' }, { name: 'Bạc', minSpend: 1_000_000 }] };
    expect((await agent.send('PUT', '/api/v1/loyalty/settings', changed)).status).toBe(403);
    expect((await supervisor.send('PUT', '/api/v1/loyalty/settings', changed)).status).toBe(403);
    const saved = await owner.send('PUT', '/api/v1/loyalty/settings', changed);
    expect(saved.body.tiers).toEqual([{ name: 'Bạc', minSpend: 1_000_000, benefits: '' }, { name: 'Vàng', minSpend: 5_000_000, benefits: 'Giảm 5%' }]);
    expect((await agent.get('/api/v1/loyalty/settings')).body.perAmount).toBe(5_000);
    const actions = ((await owner.get('/api/v1/audit-log')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['loyalty.settings_updated', 'loyalty.adjusted']));
  });

  it('grants compensation points once per source key', async () => {
    const { workspaceId, agent, contactId } = await customerWith(0);
    const ctx = systemCtx(t.deps, workspaceId);
    const input = { contactId, points: 30, reason: 'Giao trễ', agentId: agent.id, sourceKey: 'compensation:cmp_1' };
    const first = await grantPoints(ctx, input);
    const again = await grantPoints(ctx, input);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ kind: 'compensation', points: 30, agentName: 'Trần Văn Minh' });
    expect((await loyaltyOf(agent, contactId)).balance).toBe(30);
  });
});

describe('expiry and merged contacts', () => {
  it('expires what is left of old points, oldest spent first, once however often the job runs', async () => {
    const { workspaceId, owner, agent } = await customerWith(0);
    const settings = (await owner.get('/api/v1/loyalty/settings')).body;
    await owner.send('PUT', '/api/v1/loyalty/settings', { ...settings, expiryMonths: 2 });
    const [old] = await seed(workspaceId, buildOrder({ email: 'old@shop.test', placedAt: new Date(Date.now() - 120 * DAY) }));
    const contactId = old!.contact_id!;
    await seed(workspaceId, buildOrder({ email: 'old@shop.test', total: 500_000 }));
    await agent.post(`/api/v1/loyalty/contacts/${contactId}/redeem`, { points: 30 });
    expect((await loyaltyOf(agent, contactId)).expiringSoon).toBe(70);

    const ctx = systemCtx(t.deps, workspaceId);
    expect(await expirePoints(ctx)).toBe(1);
    expect(await expirePoints(ctx)).toBe(0);
    const view = await loyaltyOf(agent, contactId);
    expect(view.balance).toBe(50);
    expect(view.entries.filter((e) => e.kind === 'expire').map((e) => e.points)).toEqual([-70]);
    expect(sumOf(view.entries)).toBe(50);
  });

  it('a merged customer has one balance, spent on the surviving contact; reversals respect it', async () => {
    const { workspaceId, owner, agent } = await customerWith(0);
    const [a] = await seed(workspaceId, buildOrder({ email: 'a@shop.test' }));
    const bOrder = buildOrder({ email: 'b@shop.test' });
    const [b] = await seed(workspaceId, bOrder);
    const survivor = a!.contact_id!;
    const merged = b!.contact_id!;
    expect((await owner.post('/api/v1/contacts/merge', { survivorId: survivor, mergedId: merged })).status).toBe(200);
    expect((await loyaltyOf(agent, survivor)).balance).toBe(200);
    const onMerged = await agent.post(`/api/v1/loyalty/contacts/${merged}/redeem`, { points: 10 });
    expect(onMerged.body.error).toMatchObject({ code: 'conflict', details: { mergedIntoId: survivor } });
    expect((await agent.post(`/api/v1/loyalty/contacts/${survivor}/redeem`, { points: 200 })).body.balance).toBe(0);

    await seed(workspaceId, { ...bOrder, paymentState: 'refunded', updatedAt: new Date(Date.now() + 1000) });
    const view = await loyaltyOf(agent, survivor);
    expect(view.balance).toBe(0);
    expect(view.entries.find((e) => e.kind === 'reverse')).toMatchObject({ points: 0, reason: expect.stringContaining('100 of 100') });
  });
});
