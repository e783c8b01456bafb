import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentPerformanceRow, ReportAgentsDto, ReportSummaryDto } from '@careloop/contracts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { aroundToday, at, buildConversation, type Shop } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });
afterEach(() => { delete t.deps.clock; });

const api = '/api/v1/reports';
const day = 'from=2025-03-10&to=2025-03-10';

/** Minh answers two first messages and two follow-ups; the owner one of each; Minh resolves his conversation. */
async function team(ws: Shop, minhId: string) {
  await buildConversation(t, ws, {
    assigneeId: minhId, resolvedAt: at('2025-03-10 10:00'),
    messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:02'), from: 'agent', agentId: minhId },
      { at: at('2025-03-10 09:10'), from: 'customer' }, { at: at('2025-03-10 09:13'), from: 'agent', agentId: minhId }, { at: at('2025-03-10 09:20'), from: 'agent' }],
  });
  await buildConversation(t, ws, {
    assigneeId: ws.owner.id,
    messages: [{ at: at('2025-03-10 10:00'), from: 'customer' }, { at: at('2025-03-10 10:05'), from: 'agent' },
      { at: at('2025-03-10 10:10'), from: 'customer' }, { at: at('2025-03-10 10:11'), from: 'agent', agentId: minhId }],
  });
  await buildConversation(t, ws, { messages: [{ at: at('2025-03-10 11:00'), from: 'customer' }, { at: at('2025-03-10 11:30'), from: 'agent', agentId: minhId }] });
}

const brief = (r: AgentPerformanceRow) => ({
  name: r.name, handled: r.handled, replies: r.replies, resolutions: r.resolutions,
  first: [r.firstResponse.count, r.firstResponse.median], next: [r.nextResponse.count, r.nextResponse.median],
});

describe('agent performance, permissions and isolation', () => {
  it('lists each agent: handled, replies, first and next response of their own replies, resolutions, CSAT join, online time', async () => {
    const ws = await t.workspace();
    const minh = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    await t.addAgent(ws.owner, 'supervisor', 'Phan Văn Giám');
    await team(ws, minh.id);
    const reply = await ws.owner.get<ReportAgentsDto>(`${api}/agents?${day}`);
    expect(reply.status).toBe(200);
    expect(reply.body.agents.map(brief)).toEqual([
      { name: 'Nguyễn Thị Lan', handled: 2, replies: 2, resolutions: 0, first: [1, 300], next: [0, null] },
      { name: 'Phan Văn Giám', handled: 0, replies: 0, resolutions: 0, first: [0, null], next: [0, null] },
      { name: 'Trần Văn Minh', handled: 3, replies: 4, resolutions: 1, first: [2, 960], next: [2, 120] },
    ]);
    expect(reply.body.agents.every((a) => a.csat === null)).toBe(true); // no survey answered yet
  });

  it('counts online and busy time from availability changes while a console is open', async () => {
    const ws = await t.workspace();
    const minh = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    const start = Date.now();
    await t.deps.db.updateTable('agents').set({ availability_changed_at: new Date(start - 2 * 3_600_000) }).where('id', '=', minh.id).execute();
    const { from, to } = aroundToday();
    const minhRow = async () => (await ws.owner.get<ReportAgentsDto>(`${api}/agents?from=${from}&to=${to}&agentId=${minh.id}`)).body.agents[0]!;
    expect((await minhRow()).onlineSeconds).toBeGreaterThanOrEqual(7199);

    expect((await minh.patch('/api/v1/me', { availability: 'busy' })).status).toBe(200);
    const changed = (await t.deps.db.selectFrom('agents').select('availability_changed_at').where('id', '=', minh.id).executeTakeFirstOrThrow()).availability_changed_at.getTime();
    const seen = changed + 29 * 60_000;
    await t.deps.db.updateTable('sessions').set({ last_seen_at: new Date(seen) }).where('agent_id', '=', minh.id).execute();
    t.deps.clock = () => new Date(changed + 30 * 60_000);
    const busy = await minhRow();
    expect(Math.abs(busy.onlineSeconds - (changed - (start - 2 * 3_600_000)) / 1000)).toBeLessThan(2);
    expect(busy.busySeconds).toBe(1800);
    // The console has not been seen for 31 minutes: the busy time ended when it was last seen.
    t.deps.clock = () => new Date(changed + 60 * 60_000);
    expect((await minhRow()).busySeconds).toBe(29 * 60);
    const intervals = await sql<{ availability: string }>`select availability from report_agent_presence where agent_id = ${minh.id} order by started_at, ended_at nulls last`.execute(t.deps.db);
    expect(intervals.rows.map((r) => r.availability)).toEqual(['online', 'busy', 'offline']);
  });

  it('agents see only their own figures; supervisors see all and export', async () => {
    const ws = await t.workspace();
    const minh = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    const supervisor = await t.addAgent(ws.owner, 'supervisor', 'Phan Văn Giám');
    await team(ws, minh.id);
    const own = await minh.get<ReportSummaryDto>(`${api}/summary?${day}`);
    expect(own.status).toBe(200);
    expect(own.body.meta.agentId).toBe(minh.id);
    expect(own.body.firstResponse).toMatchObject({ count: 2, median: 960 });
    expect((await minh.get(`${api}/summary?${day}&agentId=${ws.owner.id}`)).status).toBe(403);
    expect((await minh.get<ReportAgentsDto>(`${api}/agents?${day}`)).body.agents.map((a) => a.name)).toEqual(['Trần Văn Minh']);
    expect((await minh.get(`${api}/backlog`)).body.meta.agentId).toBe(minh.id);
    const csv = await minh.get(`${api}/conversations.csv?${day}`);
    expect(csv.status).toBe(403);
    expect(csv.body.error.code).toBe('forbidden');

    const all = await supervisor.get<ReportSummaryDto>(`${api}/summary?${day}`);
    expect(all.body.meta.agentId).toBeNull();
    expect(all.body.firstResponse.count).toBe(3);
    expect((await supervisor.get(`${api}/conversations.csv?${day}`)).status).toBe(200);
    expect((await supervisor.get<ReportAgentsDto>(`${api}/agents?${day}`)).body.agents).toHaveLength(3);
    expect((await t.agent().get(`${api}/summary`)).status).toBe(401);
  });

  it("never shows another workspace's conversations, agents or rows", async () => {
    const one = await t.workspace();
    const minh = await t.addAgent(one.owner, 'agent', 'Trần Văn Minh');
    await team(one, minh.id);
    const two = await t.workspace({ name: 'Shop Khác' });
    await buildConversation(t, two, { messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:09'), from: 'agent' }] });
    const s = (await two.owner.get<ReportSummaryDto>(`${api}/summary?${day}`)).body;
    expect(s.totals.conversations).toBe(1);
    expect(s.firstResponse).toMatchObject({ count: 1, median: 540 });
    expect((await two.owner.get<ReportSummaryDto>(`${api}/summary?${day}&agentId=${minh.id}`)).body.totals).toMatchObject({ conversations: 0, replies: 0 });
    expect((await two.owner.get<ReportAgentsDto>(`${api}/agents?${day}`)).body.agents.map((a) => a.name)).toEqual(['Nguyễn Thị Lan']);
    const csv = await two.owner.get<string>(`${api}/conversations.csv?${day}`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);
    expect((await one.owner.get<ReportSummaryDto>(`${api}/summary?${day}`)).body.totals.conversations).toBe(3);
  });
});
