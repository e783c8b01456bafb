import type { ApprovalDto, CompensationDto, LoyaltyDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, startTestApp, type TestApp } from '../test/harness.ts';
import { isEvent, openSocket } from '../test/sockets.ts';
import { auditActions, decide, offer, shopCase } from '../test/compensation-kit.ts';

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => { t = await startTestApp(); server = await listen(t); });
afterAll(async () => { await server.close(); await t.close(); });

const socketOf = async (cookie: string) => {
  const socket = await openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie });
  await socket.next((f) => f.type === 'ready');
  return socket;
};

describe('approvals', () => {
  it('above the agent\'s limit an offer waits; a supervisor elsewhere sees it live, approves with a reason, and the agent hears back', async () => {
    const c = await shopCase(t, { orders: [{ total: 900_000 }] });
    const agent = await t.addAgent(c.owner, 'agent', 'Đào Văn Nhân');
    const supervisor = await t.addAgent(c.owner, 'supervisor', 'Phạm Thu Hà');
    const [agentSocket, supervisorSocket] = await Promise.all([socketOf(agent.cookie), socketOf(supervisor.cookie)]);

    const asked = await offer(agent, { conversationId: c.conversationId, kind: 'refund', amount: 300_000, orderId: c.orders[0]!.id, reason: 'Hàng vỡ khi giao' });
    expect(asked.status).toBe(202);
    const pending = asked.body.approval as ApprovalDto;
    expect(asked.body.status).toBe('pending_approval');
    expect(pending).toMatchObject({
      kind: 'refund', cost: 300_000, status: 'pending', reason: 'Hàng vỡ khi giao', requestedBy: { id: agent.id, name: 'Đào Văn Nhân' },
      conversationId: c.conversationId, contactId: c.contactId, orderId: c.orders[0]!.id, compensation: null, abilities: { decide: false },
    });
    expect(pending.conversationNumber).toBeGreaterThan(0);
    expect((await agent.get('/api/v1/compensation/ledger?conversationId=' + c.conversationId)).body).toEqual([]);

    const live = await supervisorSocket.next(isEvent('approval.requested', (e) => e.approval.id === pending.id));
    expect(live.event.approval).toMatchObject({ cost: 300_000, requestedBy: { name: 'Đào Văn Nhân' } });
    const seen = (await supervisor.get<ApprovalDto[]>('/api/v1/compensation/approvals')).body;
    expect(seen.map((a) => [a.id, a.abilities.decide])).toEqual([[pending.id, true]]);

    const approved = await decide(supervisor, pending.id, { approve: true, reason: 'Khách quen, đồng ý hoàn' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { name: 'Phạm Thu Hà' }, decisionReason: 'Khách quen, đồng ý hoàn', abilities: { decide: false } });
    const compensation = approved.body.compensation as CompensationDto;
    expect(compensation).toMatchObject({ kind: 'refund', cost: 300_000, agentId: agent.id, agentName: 'Đào Văn Nhân', approvalId: pending.id, approvedByName: 'Phạm Thu Hà' });

    const heard = await agentSocket.next(isEvent('approval.decided', (e) => e.approval.id === pending.id));
    expect(heard.event.approval).toMatchObject({ status: 'approved', decisionReason: 'Khách quen, đồng ý hoàn', compensation: { id: compensation.id } });
    await agentSocket.next(isEvent('compensation.granted', (e) => e.compensation.id === compensation.id));
    expect((await agent.get<CompensationDto[]>(`/api/v1/compensation/ledger?conversationId=${c.conversationId}`)).body.map((e) => e.id)).toEqual([compensation.id]);
    expect(await auditActions(c.owner, pending.id)).toEqual(['approval.approved', 'approval.requested']);
    expect(await auditActions(c.owner, compensation.id)).toEqual(['compensation.granted']);
    await Promise.all([agentSocket.close(), supervisorSocket.close()]);
  });

  it('a denial needs a reason; agents cannot decide; nobody approves their own request; a second decision is a conflict', async () => {
    const c = await shopCase(t);
    const agent = await t.addAgent(c.owner, 'agent');
    const supervisor = await t.addAgent(c.owner, 'supervisor');
    const otherSupervisor = await t.addAgent(c.owner, 'supervisor');
    const base = { conversationId: c.conversationId, kind: 'replacement' };

    const small = (await offer(agent, { ...base, cost: 150_000 })).body.approval as ApprovalDto;
    const noReason = await decide(supervisor, small.id, { approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].path).toBe('reason');
    expect((await decide(await t.addAgent(c.owner, 'agent'), small.id, { approve: true })).status).toBe(404);
    expect((await decide(agent, small.id, { approve: true })).status).toBe(403);
    const denied = await decide(supervisor, small.id, { approve: false, reason: 'Đã đổi hàng tuần trước' });
    expect(denied.body).toMatchObject({ status: 'denied', decisionReason: 'Đã đổi hàng tuần trước', compensation: null });
    expect((await decide(otherSupervisor, small.id, { approve: true })).status).toBe(409);
    expect(await auditActions(c.owner, small.id)).toEqual(['approval.denied', 'approval.requested']);

    // A supervisor's own request above their limit: not they, not a peer with the same limit — the owner.
    const big = (await offer(supervisor, { ...base, cost: 2_000_000 })).body.approval as ApprovalDto;
    expect(big.abilities.decide).toBe(false);
    const self = await decide(supervisor, big.id, { approve: true });
    expect(self.status).toBe(403);
    expect((await decide(otherSupervisor, big.id, { approve: true })).status).toBe(403);
    expect((await otherSupervisor.get<ApprovalDto>(`/api/v1/compensation/approvals/${big.id}`)).body.abilities.decide).toBe(false);
    expect((await c.owner.get<ApprovalDto>(`/api/v1/compensation/approvals/${big.id}`)).body.abilities.decide).toBe(true);
    expect((await decide(c.owner, big.id, { approve: true })).body.status).toBe('approved');
    const again = await decide(c.owner, big.id, { approve: false, reason: 'đổi ý' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    // The agent's own view: only their requests, filtered by status.
    expect((await agent.get<ApprovalDto[]>('/api/v1/compensation/approvals?status=all')).body.map((a) => a.id)).toEqual([small.id]);
    expect((await agent.get('/api/v1/compensation/approvals')).body).toEqual([]);
    expect((await agent.get(`/api/v1/compensation/approvals/${big.id}`)).status).toBe(404);
    expect((await c.owner.get<ApprovalDto[]>('/api/v1/compensation/approvals?status=approved')).body.map((a) => a.id)).toEqual([big.id]);
  });

  it('of two deciders at once, one wins and the other gets 409; the ledger has one entry', async () => {
    const c = await shopCase(t);
    const agent = await t.addAgent(c.owner, 'agent');
    const [a, b] = [await t.addAgent(c.owner, 'supervisor'), await t.addAgent(c.owner, 'supervisor')];
    const pending = (await offer(agent, { conversationId: c.conversationId, kind: 'refund', amount: 500_000 })).body.approval as ApprovalDto;
    const replies = await Promise.all([decide(a, pending.id, { approve: true }), decide(b, pending.id, { approve: true })]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await c.owner.get(`/api/v1/compensation/ledger?conversationId=${c.conversationId}`)).body).toHaveLength(1);
  });

  it('the requester may withdraw a pending request; nobody else may', async () => {
    const c = await shopCase(t);
    const agent = await t.addAgent(c.owner, 'agent');
    const supervisor = await t.addAgent(c.owner, 'supervisor');
    const pending = (await offer(agent, { conversationId: c.conversationId, kind: 'refund', amount: 200_000 })).body.approval as ApprovalDto;
    expect((await supervisor.post(`/api/v1/compensation/approvals/${pending.id}/cancel`)).status).toBe(403);
    const cancelled = await agent.post(`/api/v1/compensation/approvals/${pending.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect((await decide(supervisor, pending.id, { approve: true })).status).toBe(409);
    expect((await agent.post(`/api/v1/compensation/approvals/${pending.id}/cancel`)).status).toBe(409);
    expect(await auditActions(c.owner, pending.id)).toEqual(['approval.cancelled', 'approval.requested']);
  });

  it('grants reach the console live, and so does the budget warning, once a month', async () => {
    const c = await shopCase(t);
    await c.owner.send('PUT', '/api/v1/compensation/settings', { limits: { agent: 100_000, supervisor: 1_000_000, admin: 1_000_000, owner: null }, monthlyBudget: 50_000, freeShippingCost: 30_000, pointValue: 100 });
    const socket = await socketOf(c.owner.cookie);
    const first = (await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 40_000 })).body.compensation;
    await socket.next(isEvent('compensation.granted', (e) => e.compensation.id === first.id));
    await socket.next(isEvent('contact.commerce_changed', (e) => e.contactId === c.contactId && e.what.includes('compensation')));
    await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 20_000 });
    const warning = await socket.next(isEvent('compensation.budget_exceeded'));
    expect(warning.event).toMatchObject({ spent: 60_000, budget: 50_000 });
    const last = (await offer(c.owner, { conversationId: c.conversationId, kind: 'refund', amount: 1_000 })).body.compensation;
    await socket.next(isEvent('compensation.granted', (e) => e.compensation.id === last.id));
    expect(socket.frames.filter(isEvent('compensation.budget_exceeded'))).toHaveLength(1);
    await socket.close();
  });

  it('approved points are granted in the requester\'s name', async () => {
    const c = await shopCase(t);
    const agent = await t.addAgent(c.owner, 'agent', 'Đào Văn Nhân');
    const pending = (await offer(agent, { conversationId: c.conversationId, kind: 'points', points: 5_000, reason: 'Giao trễ 5 ngày' })).body.approval as ApprovalDto;
    expect(pending.cost).toBe(500_000);
    expect((await decide(c.owner, pending.id, { approve: true })).body.compensation).toMatchObject({ kind: 'points', cost: 500_000, agentName: 'Đào Văn Nhân' });
    const loyalty = (await agent.get<LoyaltyDto>(`/api/v1/loyalty/contacts/${c.contactId}`)).body;
    expect(loyalty.entries).toContainEqual(expect.objectContaining({ kind: 'compensation', points: 5_000, agentName: 'Đào Văn Nhân' }));
  });
});
