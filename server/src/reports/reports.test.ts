import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportBacklogDto, ReportHeatmapDto, ReportSummaryDto, ReportVolumeDto } from '@careloop/contracts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { defaultBusinessHours } from '../sla/policies.ts';
import { sweepSla } from '../sla/service.ts';
import { addInbox, aroundToday, at, buildConversation, type Shop } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });
afterEach(() => { delete t.deps.clock; });

const api = '/api/v1/reports';

/**
 * Five conversations on Monday 10 March 2025 (default hours: every day 08:00–22:00 Vietnam time).
 * First responses (calendar / business seconds): 60/60, 120/120, 300/300, 37200/1200 (21:50 →
 * 08:10 next day), 1800/0 (07:00 → 07:30, before opening). Next responses: 1200, 60, 480.
 * Resolutions: 10800/10800, 1800/1800, 43200/7200.
 */
async function knownDay(ws: Shop) {
  const c1 = await buildConversation(t, ws, {
    messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:01'), from: 'agent' },
      { at: at('2025-03-10 09:10'), from: 'customer' }, { at: at('2025-03-10 09:20'), from: 'bot' }, { at: at('2025-03-10 09:30'), from: 'agent' }],
    resolvedAt: at('2025-03-10 12:00'),
  });
  const c2 = await buildConversation(t, ws, {
    messages: [{ at: at('2025-03-10 10:00'), from: 'customer' }, { at: at('2025-03-10 10:02'), from: 'agent' },
      { at: at('2025-03-10 10:10'), from: 'customer' }, { at: at('2025-03-10 10:11'), from: 'agent' },
      { at: at('2025-03-10 10:12'), from: 'customer' }, { at: at('2025-03-10 10:13'), from: 'customer' }, { at: at('2025-03-10 10:15'), from: 'note' },
      { at: at('2025-03-10 10:20'), from: 'agent' }],
    resolvedAt: at('2025-03-10 10:30'),
  });
  const c3 = await buildConversation(t, ws, { messages: [{ at: at('2025-03-10 11:00'), from: 'customer' }, { at: at('2025-03-10 11:05'), from: 'agent' }] });
  const c4 = await buildConversation(t, ws, {
    messages: [{ at: at('2025-03-10 21:50'), from: 'customer' }, { at: at('2025-03-11 08:10'), from: 'agent' }],
    resolvedAt: at('2025-03-11 09:50'),
  });
  const c5 = await buildConversation(t, ws, { messages: [{ at: at('2025-03-10 07:00'), from: 'customer' }, { at: at('2025-03-10 07:30'), from: 'agent' }] });
  return [c1, c2, c3, c4, c5];
}

describe('service reports: times, SLA, volume, heatmap, backlog', () => {
  it('gives the exact median and p90 of first response, next response and resolution, in calendar and business hours', async () => {
    const ws = await t.workspace();
    await knownDay(ws);
    const reply = await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=2025-03-10&to=2025-03-11`);
    expect(reply.status).toBe(200);
    const s = reply.body;
    expect(s.meta).toMatchObject({ from: '2025-03-10', to: '2025-03-11', timeZone: 'Asia/Ho_Chi_Minh', rebuilding: false });
    expect(s.firstResponse).toEqual({ count: 5, median: 300, p90: 23040, mean: 7896, businessMedian: 120, businessP90: 840, businessMean: 336, exact: true });
    expect(s.nextResponse).toEqual({ count: 3, median: 480, p90: 1056, mean: 580, businessMedian: 480, businessP90: 1056, businessMean: 580, exact: true });
    expect(s.resolution).toEqual({ count: 3, median: 10800, p90: 36720, mean: 18600, businessMedian: 7200, businessP90: 10080, businessMean: 6600, exact: true });
    expect(s.totals).toEqual({ conversations: 5, incomingMessages: 9, replies: 8, resolutions: 3, reopened: 0, repeats: 0 });
    // First responses by the day they were given: four on the 10th, the one after the night on the 11th.
    expect(s.days.map((d) => [d.day, d.conversations, d.resolutions, d.firstResponseMedian])).toEqual([
      ['2025-03-10', 5, 2, 210], ['2025-03-11', 0, 1, 37200],
    ]);
    // Every daily median in both kinds of hours (business: the 07:00 customer was answered before opening).
    expect(s.days.map((d) => [d.firstResponseBusinessMedian, d.nextResponseMedian, d.nextResponseBusinessMedian, d.resolutionMedian, d.resolutionBusinessMedian])).toEqual([
      [90, 480, 480, 6300, 6300], [1200, null, null, 43200, 7200],
    ]);
    // A range without the 11th leaves out what happened on it.
    const first = (await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=2025-03-10&to=2025-03-10`)).body;
    expect(first.firstResponse.count).toBe(4);
    expect(first.resolution.count).toBe(2);
  });

  it('SLA compliance: the built-in web chat target met by a quick reply, missed after a recorded breach', async () => {
    const ws = await t.workspace();
    await ws.owner.put('/api/v1/sla/settings', { businessHours: { ...defaultBusinessHours, alwaysOpen: true }, autoResolvePendingDays: null, autoResolveMessage: { vi: 'Đóng', en: 'Closed' }, rerouteOfflineMinutes: null });
    const quick = await customerInChat(t, ws, 'Lê Thị Hồng');
    await ws.owner.post(`/api/v1/conversations/${quick.conversation.id}/messages`, { body: 'Dạ shop chào chị', force: true });
    const slow = await customerInChat(t, ws, 'Trần Văn Bình');
    t.deps.clock = () => new Date(Date.now() + 11 * 60_000); // 11 minutes later the 10-minute target is breached
    await sweepSla(systemCtx(t.deps, ws.workspaceId));
    delete t.deps.clock;
    await ws.owner.post(`/api/v1/conversations/${slow.conversation.id}/messages`, { body: 'Xin lỗi chị đã để chờ', force: true });
    const fresh = (await ws.owner.get(`/api/v1/conversations/${quick.conversation.id}`)).body;
    expect((await ws.owner.patch(`/api/v1/conversations/${quick.conversation.id}`, { version: fresh.version, status: 'resolved' })).status).toBe(200);

    const { from, to } = aroundToday();
    const s = (await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=${from}&to=${to}`)).body;
    expect(s.sla.firstResponse).toEqual({ met: 1, missed: 1, rate: 0.5 });
    expect(s.sla.resolution).toEqual({ met: 1, missed: 0, rate: 1 });
    expect(s.firstResponse.count).toBe(2);
  });

  it('counts the hour-of-week heatmap in the workspace time zone, and volume per day and channel', async () => {
    const ws = await t.workspace();
    const zalo = await addInbox(t, ws, 'zalo');
    // Monday 23:30 in Vietnam is still Monday 16:30 UTC; Sunday 00:15 in Vietnam is Saturday 17:15 UTC.
    await buildConversation(t, ws, { createdAt: at('2025-03-10 23:30'), messages: [{ at: at('2025-03-10 23:30'), from: 'customer' }, { at: at('2025-03-10 23:31'), from: 'customer' }] });
    await buildConversation(t, ws, { inboxId: zalo, createdAt: at('2025-03-16 00:15'), messages: [{ at: at('2025-03-16 00:15'), from: 'customer' }, { at: at('2025-03-16 00:20'), from: 'agent' }] });
    const h = (await ws.owner.get<ReportHeatmapDto>(`${api}/heatmap?from=2025-03-10&to=2025-03-16`)).body;
    expect(h.conversations[0]![23]).toBe(1);
    expect(h.incomingMessages[0]![23]).toBe(2);
    expect(h.conversations[6]![0]).toBe(1);
    expect(h.incomingMessages[6]![0]).toBe(1);
    expect(h.conversations.flat().reduce((a, b) => a + b, 0)).toBe(2);

    const v = (await ws.owner.get<ReportVolumeDto>(`${api}/volume?from=2025-03-10&to=2025-03-16`)).body;
    expect(v.channels).toEqual(['web_chat', 'zalo']);
    expect(v.days).toHaveLength(7);
    expect(v.days[0]).toEqual({ day: '2025-03-10', byChannel: { web_chat: { conversations: 1, incomingMessages: 2 } }, conversations: 1, incomingMessages: 2 });
    expect(v.days[6]).toEqual({ day: '2025-03-16', byChannel: { zalo: { conversations: 1, incomingMessages: 1 } }, conversations: 1, incomingMessages: 1 });
    const onlyZalo = (await ws.owner.get<ReportVolumeDto>(`${api}/volume?from=2025-03-10&to=2025-03-16&channel=zalo`)).body;
    expect(onlyZalo.channels).toEqual(['zalo']);
    expect((await ws.owner.get<ReportHeatmapDto>(`${api}/heatmap?from=2025-03-10&to=2025-03-16&channel=zalo`)).body.conversations[0]![23]).toBe(0);
  });

  it('backlog: unresolved now by status and age, and at the end of each day', async () => {
    const ws = await t.workspace();
    const now = Date.now();
    const ago = (minutes: number) => new Date(now - minutes * 60_000);
    await buildConversation(t, ws, { createdAt: ago(30), messages: [{ at: ago(30), from: 'customer' }] });
    await buildConversation(t, ws, { createdAt: ago(2 * 60), status: 'pending', messages: [{ at: ago(120), from: 'customer' }] });
    await buildConversation(t, ws, { createdAt: ago(2 * 1440), status: 'snoozed', messages: [{ at: ago(2 * 1440), from: 'customer' }] });
    await buildConversation(t, ws, { createdAt: ago(10 * 1440), messages: [{ at: ago(10 * 1440), from: 'customer' }] });
    await buildConversation(t, ws, { createdAt: ago(3 * 1440), resolvedAt: ago(1440 + 60), messages: [{ at: ago(3 * 1440), from: 'customer' }] });
    const b = (await ws.owner.get<ReportBacklogDto>(`${api}/backlog`)).body;
    expect(b.now).toMatchObject({ open: 2, pending: 1, snoozed: 1, total: 4 });
    expect(b.now.byAge).toEqual([
      { bucket: 'lt1h', open: 1, pending: 0, snoozed: 0 }, { bucket: '1to4h', open: 0, pending: 1, snoozed: 0 }, { bucket: '4to24h', open: 0, pending: 0, snoozed: 0 },
      { bucket: '1to3d', open: 0, pending: 0, snoozed: 1 }, { bucket: '3to7d', open: 0, pending: 0, snoozed: 0 }, { bucket: 'gt7d', open: 1, pending: 0, snoozed: 0 },
    ]);
    expect(b.days).toHaveLength(30);
    expect(b.days.at(-1)!.unresolved).toBe(4);
    // Ten days ago the first of them opened; the one resolved about a day ago counts until then.
    expect(b.days[0]!.unresolved).toBe(0);
    expect(b.days.find((d) => d.unresolved > 0)!.opened).toBe(1);
    expect(b.days.reduce((n, d) => n + d.opened, 0)).toBe(5);
    expect(b.days.reduce((n, d) => n + d.resolved, 0)).toBe(1);

    // Each day's backlog by calendar days since opening, in the workspace's zone.
    const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: b.meta.timeZone }).format(d);
    const daysBetween = (a: string, z: string) => Math.round((Date.parse(z) - Date.parse(a)) / 86_400_000);
    const opened = [ago(30), ago(2 * 60), ago(2 * 1440), ago(10 * 1440), ago(3 * 1440)];
    const resolvedOn = [null, null, null, null, dayOf(ago(1440 + 60))];
    for (const d of b.days) {
      const expected = { lt1d: 0, '1to3d': 0, '3to7d': 0, gt7d: 0 };
      opened.forEach((at, i) => {
        const age = daysBetween(dayOf(at), d.day);
        if (age < 0 || (resolvedOn[i] !== null && resolvedOn[i]! <= d.day)) return;
        expected[age === 0 ? 'lt1d' : age < 3 ? '1to3d' : age < 7 ? '3to7d' : 'gt7d']++;
      });
      expect(d.byAge, d.day).toEqual(expected);
      expect(Object.values(d.byAge).reduce((n, x) => n + x, 0)).toBe(d.unresolved);
    }
    expect(b.days.at(-1)!.byAge.gt7d).toBe(1);
    expect(b.days.at(-1)!.byAge['1to3d']).toBeGreaterThanOrEqual(1);
  });

  it('filters by channel, team and agent', async () => {
    const ws = await t.workspace();
    const minh = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    const team = (await ws.owner.post('/api/v1/teams', { name: 'Chăm sóc', agentIds: [minh.id] })).body;
    const zalo = await addInbox(t, ws, 'zalo');
    await buildConversation(t, ws, { teamId: team.id, assigneeId: minh.id, messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:02'), from: 'agent', agentId: minh.id }] });
    await buildConversation(t, ws, { inboxId: zalo, messages: [{ at: at('2025-03-10 10:00'), from: 'customer' }, { at: at('2025-03-10 10:10'), from: 'agent' }] });
    await buildConversation(t, ws, { inboxId: zalo, teamId: team.id, messages: [{ at: at('2025-03-10 11:00'), from: 'customer' }, { at: at('2025-03-10 11:05'), from: 'agent', agentId: minh.id }] });
    const get = async (q: string) => (await ws.owner.get<ReportSummaryDto>(`${api}/summary?from=2025-03-10&to=2025-03-10${q}`)).body;
    expect((await get('')).firstResponse).toMatchObject({ count: 3, median: 300 });
    expect((await get('&channel=zalo')).firstResponse).toMatchObject({ count: 2, median: 450 });
    expect((await get(`&teamId=${team.id}`)).firstResponse).toMatchObject({ count: 2, median: 210 });
    expect((await get(`&agentId=${minh.id}`)).firstResponse).toMatchObject({ count: 2, median: 210 });
    expect((await get(`&agentId=${minh.id}&channel=zalo`)).firstResponse).toMatchObject({ count: 1, median: 300 });
    expect((await get(`&agentId=${ws.owner.id}&channel=web_chat`)).firstResponse.count).toBe(0);
    expect((await get(`&agentId=${minh.id}`)).totals.conversations).toBe(1); // opened and assigned to Minh
    expect((await ws.owner.get(`${api}/summary?from=2025-03-11&to=2025-03-10`)).status).toBe(400);
    expect((await ws.owner.get(`${api}/summary?from=2022-01-01&to=2025-03-10`)).status).toBe(400);
    expect((await ws.owner.get(`${api}/summary?channel=fax`)).status).toBe(400);
  });
});
