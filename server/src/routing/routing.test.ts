import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ConversationDto } from '@careloop/contracts';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { drainQueues, rerouteAwayAgents, routeConversation, runRouting } from './service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

type Shop = Awaited<ReturnType<TestApp['workspace']>>;

/** Run the queued routing jobs (as the worker would) and forget them. */
async function runQueued(ws: Shop): Promise<void> {
  const jobs = await sql<{ id: string; data: { workspaceId: string; conversationId: string } }>`select id, data from careloop_jobs.job where name = 'routing.assign' and data->>'workspaceId' = ${ws.workspaceId} order by created_on`.execute(t.deps.db);
  for (const job of jobs.rows) {
    await sql`delete from careloop_jobs.job where id = ${job.id}`.execute(t.deps.db);
    await runRouting(t.deps, job.data);
  }
}

async function team(ws: Shop, agents: AgentClient[], over: Record<string, unknown> = {}) {
  const created = await ws.owner.post('/api/v1/teams', { name: `Nhóm ${Math.random().toString(36).slice(2, 7)}`, agentIds: agents.map((a) => a.id), routing: 'round_robin', ...over });
  expect(created.status).toBe(201);
  return created.body as { id: string };
}

async function customer(ws: Shop, name: string, text = 'Shop ơi cho mình hỏi size áo') {
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name });
  await visitor.say(text);
  return visitor;
}

const list = async (ws: Shop) => (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any&limit=100')).body.items;
const loads = (items: ConversationDto[]) => items.reduce<Record<string, number>>((m, c) => (c.assigneeId ? { ...m, [c.assigneeId]: (m[c.assigneeId] ?? 0) + 1 } : m), {});

async function shopWithAgents(n: number) {
  const ws = await t.workspace();
  const agents: AgentClient[] = [];
  for (let i = 0; i < n; i++) agents.push(await t.addAgent(ws.owner, 'agent', `Nhân viên ${i + 1}`));
  return { ws, agents };
}

describe('routing', () => {
  it('round robin gives each available member a turn; the owner (not in the team) gets none', async () => {
    const { ws, agents } = await shopWithAgents(3);
    const tm = await team(ws, agents);
    expect((await ws.owner.put('/api/v1/routing/settings', { defaultTeamId: tm.id })).status).toBe(200);
    for (let i = 0; i < 6; i++) await customer(ws, `Khách ${i}`);
    await runQueued(ws);
    const items = await list(ws);
    expect(items.every((c) => c.teamId === tm.id)).toBe(true);
    expect(Object.values(loads(items)).sort()).toEqual([2, 2, 2]);
    const messages = (await ws.owner.get(`/api/v1/conversations/${items[0]!.id}/messages`)).body.items as { kind: string; body: string }[];
    expect(messages.some((m) => m.kind === 'activity' && /Tự động giao cho Nhân viên/.test(m.body))).toBe(true);
  });

  it('respects capacity; the waiting visitor sees their place, and a freed slot takes the next one', async () => {
    const { ws, agents } = await shopWithAgents(2);
    for (const a of agents) expect((await ws.owner.patch(`/api/v1/agents/${a.id}`, { routing: { maxOpen: 1, channelLimits: {}, skills: [], languages: [] } })).status).toBe(200);
    const tm = await team(ws, agents, { routing: 'load_balanced' });
    await ws.owner.put('/api/v1/routing/settings', { defaultTeamId: tm.id });
    await customer(ws, 'Một');
    await customer(ws, 'Hai');
    const third = await customer(ws, 'Ba');
    const fourth = await customer(ws, 'Bốn');
    await runQueued(ws);
    let items = await list(ws);
    expect(Object.values(loads(items)).sort()).toEqual([1, 1]);
    const q3 = await third.send('GET', '/queue');
    expect(q3.status).toBe(200);
    expect(q3.body.queue.position).toBe(1);
    expect(q3.body.queue.agentsOnline).toBe(2);
    expect(q3.body.queue.etaMinutes).toBeGreaterThanOrEqual(1);
    expect((await fourth.send('GET', '/queue')).body.queue.position).toBe(2);

    const busy = items.find((c) => c.assigneeId)!;
    await ws.owner.patch(`/api/v1/conversations/${busy.id}`, { version: busy.version, status: 'resolved' });
    expect(await drainQueues(systemCtx(t.deps, ws.workspaceId))).toBe(1);
    items = await list(ws);
    expect(items.find((c) => c.contact.name === 'Ba')!.assigneeId).toBe(busy.assigneeId);
    expect((await fourth.send('GET', '/queue')).body.queue.position).toBe(1);
  });

  it('concurrent routing never double-assigns nor exceeds capacity', async () => {
    const { ws, agents } = await shopWithAgents(2);
    for (const a of agents) await ws.owner.patch(`/api/v1/agents/${a.id}`, { routing: { maxOpen: 3, channelLimits: {}, skills: [], languages: [] } });
    const tm = await team(ws, agents);
    await ws.owner.put('/api/v1/routing/settings', { defaultTeamId: tm.id });
    for (let i = 0; i < 10; i++) await customer(ws, `Đồng thời ${i}`);
    await sql`delete from careloop_jobs.job where name = 'routing.assign' and data->>'workspaceId' = ${ws.workspaceId}`.execute(t.deps.db);
    const ids = (await list(ws)).map((c) => c.id);
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const results = await Promise.all([...ids, ...ids].map((id) => routeConversation(ctx, id)));
    expect(results.filter(Boolean)).toHaveLength(6);
    const items = await list(ws);
    expect(Object.values(loads(items)).sort()).toEqual([3, 3]);
    expect(items.filter((c) => c.assigneeId === null)).toHaveLength(4);
  });

  it('prefers an agent who speaks the customer language, skips unavailable agents, and sends VIP customers to the VIP team', async () => {
    const { ws, agents } = await shopWithAgents(3);
    const [vi, en, away] = agents as [AgentClient, AgentClient, AgentClient];
    await ws.owner.patch(`/api/v1/agents/${vi.id}`, { routing: { maxOpen: null, channelLimits: {}, skills: [], languages: ['vi'] } });
    await ws.owner.patch(`/api/v1/agents/${en.id}`, { routing: { maxOpen: null, channelLimits: {}, skills: [], languages: ['en'] } });
    await away.patch('/api/v1/me', { availability: 'offline' });
    const tm = await team(ws, [vi, en, away]);
    const vipTeam = await team(ws, [away], { name: 'VIP', vip: true, routing: 'manual' });
    await ws.owner.put('/api/v1/routing/settings', { defaultTeamId: tm.id });
    await customer(ws, 'Alice', 'Hello, I would like to know if the blue dress comes in size M please');
    await customer(ws, 'Chị Hoa', 'Chào shop, cho chị hỏi váy xanh còn size M không em');
    await runQueued(ws);
    let items = await list(ws);
    expect(items.find((c) => c.contact.name === 'Alice')!.assigneeId).toBe(en.id);
    expect(items.find((c) => c.contact.name === 'Chị Hoa')!.assigneeId).toBe(vi.id);
    expect(items.every((c) => c.assigneeId !== away.id)).toBe(true);

    const vipVisitor = t.visitor(ws.inbox.widgetToken);
    await vipVisitor.start({ name: 'Khách VIP', email: 'vip@khach.vn' });
    const contact = (await ws.owner.get('/api/v1/contacts?q=vip@khach.vn')).body.items[0];
    await ws.owner.patch(`/api/v1/contacts/${contact.id}`, { tags: ['vip'] });
    await vipVisitor.say('Chào shop');
    await runQueued(ws);
    items = await list(ws);
    const vipConv = items.find((c) => c.contact.name === 'Khách VIP')!;
    expect(vipConv.teamId).toBe(vipTeam.id);
    expect(vipConv.assigneeId).toBeNull(); // the VIP team takes conversations by hand
  });

  it('puts an away agent\'s conversations back in the queue after the configured minutes and routes them again', async () => {
    const { ws, agents } = await shopWithAgents(2);
    const [first, second] = agents as [AgentClient, AgentClient];
    const tm = await team(ws, [first]);
    await ws.owner.put('/api/v1/routing/settings', { defaultTeamId: tm.id });
    await customer(ws, 'Chờ lâu');
    await runQueued(ws);
    const [c] = await list(ws);
    expect(c!.assigneeId).toBe(first.id);
    await first.patch('/api/v1/me', { availability: 'offline' });
    await ws.owner.patch(`/api/v1/teams/${tm.id}`, { agentIds: [first.id, second.id] });
    const ctx = systemCtx(t.deps, ws.workspaceId);
    expect(await rerouteAwayAgents(ctx)).toBe(0); // not long enough yet (10 minutes by default)
    // Eleven minutes later (the agent's status change moved back; their session stays unseen-for-long only for them).
    await sql`update agents set availability_changed_at = now() - interval '11 minutes' where id = ${first.id}`.execute(t.deps.db);
    expect(await rerouteAwayAgents(ctx)).toBe(1);
    const [after] = await list(ws);
    expect(after!.assigneeId).toBe(second.id);
    const messages = (await ws.owner.get(`/api/v1/conversations/${c!.id}/messages`)).body.items as { kind: string; body: string }[];
    expect(messages.some((m) => /ngoại tuyến quá 10 phút/.test(m.body))).toBe(true);
  });
});
