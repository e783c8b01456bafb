import { defaultCompensationSettings } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import type { Suggestion } from './suggestion.ts';
import { label, offer, shopCase } from '../test/compensation-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const DAY = 86_400_000;
const suggest = async (client: AgentClient, conversationId: string) =>
  (await client.get<Suggestion | null>(`/api/v1/compensation/suggestion?conversationId=${conversationId}`)).body;

describe('offer before they ask', () => {
  it('suggests nothing without a complaint or late-delivery label', async () => {
    const c = await shopCase(t, { orders: [{ total: 400_000 }], labels: ['hoi-size'] });
    expect(await suggest(c.owner, c.conversationId)).toBeNull();
    expect((await c.owner.get('/api/v1/compensation/suggestion')).status).toBe(400);
  });

  it('a complaint gets a voucher of a tenth of the latest order, rounded to 1.000 ₫, at least 20.000 ₫', async () => {
    const c = await shopCase(t, { orders: [{ total: 900_000, placedAt: new Date(Date.now() - 30 * DAY) }, { total: 434_600 }], labels: ['Khiếu nại'] });
    const agent = await t.addAgent(c.owner, 'agent');
    const suggestion = (await suggest(agent, c.conversationId))!;
    expect(suggestion).toMatchObject({
      trigger: 'complaint', cost: 43_000, withinAuthority: true, also: [],
      offer: { kind: 'voucher', voucherType: 'fixed', value: 43_000, conversationId: c.conversationId, orderId: c.orders[1]!.id },
      basis: { orderId: c.orders[1]!.id, orderTotal: 434_600, lifetimeSpend: 1_334_600, orderCount: 2 },
    });
    // The console offers it as it stands.
    expect((await offer(agent, suggestion.offer)).status).toBe(201);

    const small = await shopCase(t, { orders: [{ total: 90_000 }], labels: ['complaint'] });
    expect(await suggest(small.owner, small.conversationId)).toMatchObject({ cost: 20_000, offer: { value: 20_000 } });
    const none = await shopCase(t, { labels: ['KHIEU_NAI'] });
    expect(await suggest(none.owner, none.conversationId)).toMatchObject({ cost: 20_000, basis: { orderId: null, orderTotal: null, orderCount: 0 } });
  });

  it('a valued customer gets half as much again, capped at the viewer\'s authority', async () => {
    const c = await shopCase(t, { orders: [{ total: 4_000_000, placedAt: new Date(Date.now() - 60 * DAY) }, { total: 1_200_000 }], labels: ['khieu-nai'] });
    const agent = await t.addAgent(c.owner, 'agent');
    const supervisor = await t.addAgent(c.owner, 'supervisor');
    expect(await suggest(supervisor, c.conversationId)).toMatchObject({ cost: 180_000, withinAuthority: true, basis: { lifetimeSpend: 5_200_000 } });
    expect(await suggest(agent, c.conversationId)).toMatchObject({ cost: 100_000, withinAuthority: true, offer: { value: 100_000 } });

    await c.owner.send('PUT', '/api/v1/compensation/settings', { ...defaultCompensationSettings, limits: { ...defaultCompensationSettings.limits, agent: 0 } });
    expect(await suggest(agent, c.conversationId)).toMatchObject({ cost: 180_000, withinAuthority: false });
    expect((await offer(agent, (await suggest(agent, c.conversationId))!.offer)).status).toBe(202);
  });

  it('a late delivery gets free shipping plus points, within authority', async () => {
    const c = await shopCase(t, { orders: [{ total: 800_000 }], labels: ['giao trễ'] });
    const agent = await t.addAgent(c.owner, 'agent');
    const suggestion = (await suggest(agent, c.conversationId))!;
    // Free shipping 30.000 ₫ + 5 % of 800.000 ₫ = 40.000 ₫ of points (400 × 100 ₫).
    expect(suggestion).toMatchObject({
      trigger: 'late_delivery', cost: 70_000, withinAuthority: true,
      offer: { kind: 'free_shipping', conversationId: c.conversationId, orderId: c.orders[0]!.id },
      also: [{ kind: 'points', points: 400 }],
    });
    for (const item of [suggestion.offer, ...suggestion.also]) expect((await offer(agent, item)).status).toBe(201);

    await label(c.owner, c.conversationId, ['late_delivery']);
    await c.owner.send('PUT', '/api/v1/compensation/settings', { ...defaultCompensationSettings, limits: { ...defaultCompensationSettings.limits, agent: 50_000 } });
    expect(await suggest(agent, c.conversationId)).toMatchObject({ cost: 50_000, withinAuthority: true, also: [{ points: 200 }] });
    await c.owner.send('PUT', '/api/v1/compensation/settings', { ...defaultCompensationSettings, limits: { ...defaultCompensationSettings.limits, agent: 10_000 } });
    expect(await suggest(agent, c.conversationId)).toMatchObject({ cost: 30_000, withinAuthority: false, also: [] });
  });
});
