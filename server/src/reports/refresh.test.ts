import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSummaryDto } from '@careloop/contracts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { defaultBusinessHours } from '../sla/policies.ts';
import { refreshWorkspaceReports } from './jobs.ts';
import { messageIdFloor, rebuildDailyFromFacts, refreshReports, timeOfMessageId } from './refresh.ts';
import { aroundToday, at, buildConversation, touch, type Shop } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });
afterEach(() => { delete t.deps.clock; });

const api = '/api/v1/reports';
const summary = async (ws: Shop, q = '') => {
  const { from, to } = aroundToday();
  const reply = await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=${from}&to=${to}${q}`);
  expect(reply.status).toBe(200);
  return reply.body;
};

/** The daily rollup of a workspace, without rows that add up to nothing, in a stable order. */
async function dailyOf(ws: Shop) {
  const { rows } = await sql<Record<string, unknown>>`select * from report_daily where workspace_id = ${ws.workspaceId}
    and (conversations <> 0 or incoming <> 0 or replies <> 0 or first_n <> 0 or next_n <> 0 or res_n <> 0 or sla_first_met <> 0 or sla_first_missed <> 0
      or sla_res_met <> 0 or sla_res_missed <> 0 or repeats <> 0 or reopened <> 0)
    order by channel, team_id, agent_id, day`.execute(t.deps.db);
  return rows;
}

describe('keeping report figures up to date', () => {
  it('a report request catches up with a new reply, a follow-up and a resolution', async () => {
    const ws = await t.workspace();
    const { conversation, visitor } = await customerInChat(t, ws, 'Ngô Thị Mai');
    const before = await summary(ws);
    expect(before.totals).toMatchObject({ conversations: 1, incomingMessages: 1, replies: 0 });
    expect(before.firstResponse.count).toBe(0);

    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ shop chào chị', force: true });
    const replied = await summary(ws);
    expect(replied.firstResponse.count).toBe(1);
    expect(replied.totals.replies).toBe(1);

    await visitor.say('Còn size M không shop?');
    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ còn ạ', force: true });
    const current = (await ws.owner.get(`/api/v1/conversations/${conversation.id}`)).body;
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: current.version, status: 'resolved' });
    const done = await summary(ws);
    expect(done.nextResponse.count).toBe(1);
    expect(done.totals).toMatchObject({ conversations: 1, incomingMessages: 2, replies: 2, resolutions: 1 });
    const state = await t.deps.db.selectFrom('report_state').selectAll().where('workspace_id', '=', ws.workspaceId).executeTakeFirstOrThrow();
    expect(timeOfMessageId(state.message_mark)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('dashboards asked for at once share one catch-up on a node', async () => {
    const ws = await t.workspace();
    await customerInChat(t, ws, 'Cùng Lúc');
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const [a, b] = [refreshReports(ctx, { budgetMs: 1000 }), refreshReports(ctx, { budgetMs: 1000 })];
    expect(b).toBe(a);
    expect((await a).recomputed).toBeGreaterThanOrEqual(1);
    // Once it has finished, the next request refreshes again (nothing new to recompute).
    const later = refreshReports(ctx, { budgetMs: 1000 });
    expect(later).not.toBe(a);
    expect((await later).recomputed).toBe(0);
  });

  it('messages committed late within two minutes are caught up; older ones and changes without messages by the hourly reconcile', async () => {
    const ws = await t.workspace();
    const team = (await ws.owner.post('/api/v1/teams', { name: 'Kho', agentIds: [] })).body;
    const hourAgo = new Date(Date.now() - 3_600_000);
    const c = await buildConversation(t, ws, { createdAt: hourAgo, messages: [{ at: hourAgo, from: 'customer' }] });
    const quiet = await buildConversation(t, ws, { createdAt: hourAgo, messages: [{ at: hourAgo, from: 'customer' }] });
    const oldId = (ageMs: number, n: number) => `${messageIdFloor(Date.now() - ageMs)}${String(n).padStart(16, '0')}`;
    await t.deps.db.updateTable('messages').set({ id: oldId(20 * 60_000, 0) }).where('conversation_id', '=', quiet.id).execute();
    expect((await summary(ws)).totals.incomingMessages).toBe(2);
    const lateMessage = (conv: { id: string; contactId: string }, ageMs: number, n: number) => t.deps.db.insertInto('messages').values({
      id: oldId(ageMs, n), workspace_id: ws.workspaceId, conversation_id: conv.id, inbox_id: ws.inbox.id,
      kind: 'incoming', sender_type: 'contact', sender_id: conv.contactId, body: 'x', body_folded: 'x', html: null, external_id: null, client_id: null,
      created_at: new Date(Date.now() - 60_000),
    }).execute();
    // Made a minute ago, committed only now: inside the two minutes looked at again.
    await lateMessage(c, 60_000, 1);
    await touch(t, ws, c.id, {});
    expect((await summary(ws)).totals.incomingMessages).toBe(3);
    // Made ten minutes ago (or a change with no message at all): left to the reconcile.
    await lateMessage(quiet, 10 * 60_000, 2);
    await touch(t, ws, quiet.id, { team_id: team.id });
    expect((await summary(ws)).totals.incomingMessages).toBe(3);
    expect((await summary(ws, `&teamId=${team.id}`)).totals.conversations).toBe(0);

    await refreshWorkspaceReports(t.deps, ws.workspaceId); // the worker's run: reconciles (never done before)
    expect((await summary(ws)).totals.incomingMessages).toBe(4);
    expect((await summary(ws, `&teamId=${team.id}`)).totals.conversations).toBe(1);

    // Deleted conversations' figures are taken back at the next reconcile (an hour later).
    await t.deps.db.deleteFrom('conversations').where('id', 'in', [c.id, quiet.id]).execute();
    await refreshWorkspaceReports(t.deps, ws.workspaceId);
    expect((await summary(ws)).totals.conversations).toBe(2);
    t.deps.clock = () => new Date(Date.now() + 61 * 60_000);
    await refreshWorkspaceReports(t.deps, ws.workspaceId);
    delete t.deps.clock;
    expect((await summary(ws)).totals).toMatchObject({ conversations: 0, incomingMessages: 0 });
    expect(await dailyOf(ws)).toEqual([]);
  });

  it('the rollup kept by differences equals one summed again from the facts, and one rebuilt from nothing', async () => {
    const ws = await t.workspace();
    const minh = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    const a = await buildConversation(t, ws, { messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:04'), from: 'agent' }] });
    await buildConversation(t, ws, { contactId: a.contactId, intent: 'payment', messages: [{ at: at('2025-03-12 09:00'), from: 'customer' }] });
    const q = '?from=2025-03-01&to=2025-03-31';
    await ws.owner.get(`${api}/summary${q}`);
    await touch(t, ws, a.id, { status: 'resolved', assignee_id: minh.id, sla_state: JSON.stringify({ startedAt: at('2025-03-10 09:00').toISOString(), endedAt: at('2025-03-10 18:00').toISOString(), breached: [] }) });
    await refreshWorkspaceReports(t.deps, ws.workspaceId);
    const kept = (await ws.owner.get<ReportSummaryDto>(`${api}/summary${q}`)).body;
    expect(kept.totals).toMatchObject({ conversations: 2, resolutions: 1, repeats: 1 });
    const incremental = await dailyOf(ws);
    expect(await rebuildDailyFromFacts(systemCtx(t.deps, ws.workspaceId))).toBe(2);
    expect(await dailyOf(ws)).toEqual(incremental);

    for (const table of ['report_state', 'report_daily', 'report_responses', 'report_conversation_facts'] as const) {
      await t.deps.db.deleteFrom(table).where('workspace_id', '=', ws.workspaceId).execute();
    }
    const rebuilt = await refreshReports(systemCtx(t.deps, ws.workspaceId));
    expect(rebuilt).toMatchObject({ recomputed: 2, rebuilding: false });
    expect(await dailyOf(ws)).toEqual(incremental);
  });

  it('rebuilds when the time zone or the opening hours change, and says so while it runs', async () => {
    const ws = await t.workspace();
    // 05:00 on the 11th in Vietnam is 22:00 on the 10th in UTC.
    await buildConversation(t, ws, { messages: [{ at: at('2025-03-11 05:00'), from: 'customer' }, { at: at('2025-03-11 09:00'), from: 'agent' }] });
    const on = async (day: string) => (await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=${day}&to=${day}`)).body;
    expect((await on('2025-03-11')).firstResponse).toMatchObject({ count: 1, median: 14400, businessMedian: 3600 });

    await t.deps.db.updateTable('workspaces').set({ timezone: 'UTC' }).where('id', '=', ws.workspaceId).execute();
    const pending = await refreshReports(systemCtx(t.deps, ws.workspaceId), { budgetMs: 0 });
    expect(pending.rebuilding).toBe(true);
    const utc = await on('2025-03-10');
    expect(utc.meta).toMatchObject({ timeZone: 'UTC', rebuilding: false });
    expect(utc.totals.conversations).toBe(1);
    expect((await on('2025-03-11')).totals.conversations).toBe(0);

    const hours = { businessHours: { ...defaultBusinessHours, alwaysOpen: true }, autoResolvePendingDays: null, autoResolveMessage: { vi: 'Đóng', en: 'Closed' }, rerouteOfflineMinutes: null };
    expect((await ws.owner.put('/api/v1/sla/settings', hours)).status).toBe(200);
    expect((await on('2025-03-11')).firstResponse).toMatchObject({ count: 1, median: 14400, businessMedian: 14400 });
  });
});
