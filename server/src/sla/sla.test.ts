import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ConversationDto, SlaPolicyDto } from '@careloop/contracts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { runSlaCheck, runSlaEscalate, slaCheckQueue, sweepSla, timerHorizonMs } from './service.ts';
import { addBusinessTime } from './calendar/index.ts';
import { scheduleOf, defaultBusinessHours } from './policies.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const min = 60_000;
const alwaysOpenSettings = {
  businessHours: { ...defaultBusinessHours, alwaysOpen: true }, autoResolvePendingDays: null,
  autoResolveMessage: { vi: 'Đóng', en: 'Closed' }, rerouteOfflineMinutes: null,
};

async function shop() {
  const ws = await t.workspace();
  expect((await ws.owner.put('/api/v1/sla/settings', alwaysOpenSettings)).status).toBe(200);
  return ws;
}
const getConv = async (ws: Awaited<ReturnType<typeof shop>>, id: string) => (await ws.owner.get<ConversationDto>(`/api/v1/conversations/${id}`)).body;
const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
/** Move this app's clock to `ms` (the SLA check reads `deps.clock`). */
const setNow = (ms: number) => { t.deps.clock = () => new Date(ms); };

describe('SLA clocks on conversations', () => {
  it('a web chat gets the 10-minute first response of the built-in policy, met by the first reply', async () => {
    const ws = await shop();
    const { conversation } = await customerInChat(t, ws, 'Lê Thị Hồng');
    const sla = conversation.sla!;
    expect(sla.policyName).toBe('Chat trên website');
    const started = at(conversation.createdAt);
    expect(at(sla.firstResponseDueAt) - started).toBeGreaterThanOrEqual(10 * min - 2000);
    expect(at(sla.firstResponseDueAt) - started).toBeLessThanOrEqual(10 * min + 2000);
    expect(at(sla.resolutionDueAt) - at(sla.firstResponseDueAt)).toBe(24 * 60 * min - 10 * min);
    expect(sla.dueAt).toBe(sla.firstResponseDueAt);

    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ shop chào chị', force: true });
    const after = await getConv(ws, conversation.id);
    expect(after.sla!.firstResponseDueAt).toBeNull();
    expect(after.sla!.breached).toEqual([]);
  });

  it('counts the workspace business hours (computed by the calendar)', async () => {
    const ws = await t.workspace(); // default hours: every day 08:00–22:00, Vietnamese holidays closed
    const { conversation } = await customerInChat(t, ws, 'Trần Văn Bình');
    const [msg] = (await ws.owner.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items;
    const expected = addBusinessTime(scheduleOf(defaultBusinessHours), new Date(msg.createdAt), 10 * min)!;
    expect(conversation.sla!.firstResponseDueAt).toBe(expected.toISOString());
  });

  it('the next customer message starts the next-response clock; pending pauses every clock and the reply resumes it', async () => {
    const ws = await shop();
    const { conversation, visitor } = await customerInChat(t, ws, 'Ngô Thị Mai');
    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ', force: true });
    await visitor.say('Shop ơi còn size M không?');
    const waiting = await getConv(ws, conversation.id);
    expect(at(waiting.sla!.nextResponseDueAt) - at(waiting.waitingSince)).toBe(10 * min);

    const pending = await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: waiting.version, status: 'pending' });
    expect(pending.status).toBe(200);
    expect(pending.body.sla.paused).toBe(true);
    expect([pending.body.sla.nextResponseDueAt, pending.body.sla.resolutionDueAt, pending.body.sla.dueAt]).toEqual([null, null, null]);

    await visitor.say('Mình lấy size M nhé');
    const resumed = await getConv(ws, conversation.id);
    expect(resumed.status).toBe('open');
    expect(resumed.sla!.paused).toBe(false);
    expect(resumed.sla!.resolutionDueAt).not.toBeNull();
    expect(resumed.sla!.nextResponseDueAt).not.toBeNull();
  });

  it('a timer job is queued at the warning time, in the transaction (pg-boss, survives restarts)', async () => {
    const ws = await shop();
    const { conversation } = await customerInChat(t, ws, 'Đỗ Văn Hải');
    const jobs = await sql<{ start_after: Date }>`select start_after from careloop_jobs.job where name = 'sla.check' and data->>'conversationId' = ${conversation.id}`.execute(t.deps.db);
    const warnAt = at(conversation.createdAt) + 8 * min; // 80 % of 10 minutes
    expect(jobs.rows.length).toBe(1);
    expect(Math.abs(jobs.rows[0]!.start_after.getTime() - warnAt)).toBeLessThan(2000);
  });

  it('an instant beyond the timer horizon gets no job of its own: the minute sweep raises it', async () => {
    const ws = await shop();
    const slow = await ws.owner.post<SlaPolicyDto>('/api/v1/sla/policies', { name: 'Chậm', channels: ['web_chat'], firstResponseSeconds: 3600, businessHours: false });
    const ids = (await ws.owner.get<SlaPolicyDto[]>('/api/v1/sla/policies')).body.map((p) => p.id);
    await ws.owner.put('/api/v1/sla/policies/order', { ids: [slow.body.id, ...ids.filter((id) => id !== slow.body.id)] });
    const { conversation } = await customerInChat(t, ws, 'Chờ Quét');
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: conversation.version, assigneeId: ws.owner.me!.agent.id });
    expect(at(conversation.sla!.warningAt) - at(conversation.createdAt)).toBeGreaterThan(timerHorizonMs);
    const jobs = await sql`select 1 from careloop_jobs.job where name = 'sla.check' and data->>'conversationId' = ${conversation.id}`.execute(t.deps.db);
    expect(jobs.rows).toHaveLength(0);
    try {
      setNow(at(conversation.sla!.warningAt) + 30_000);
      expect(await sweepSla(systemCtx(t.deps, ws.workspaceId))).toBeGreaterThanOrEqual(1);
      const notes = (await ws.owner.get('/api/v1/notifications')).body as { kind: string; conversationId: string }[];
      expect(notes.filter((n) => n.kind === 'sla_warning' && n.conversationId === conversation.id)).toHaveLength(1);
    } finally {
      delete t.deps.clock;
    }
  });

  it('warns the assignee, then on breach raises the priority and notifies supervisors — once (controllable clock)', async () => {
    const ws = await shop();
    const supervisor = await t.addAgent(ws.owner, 'supervisor', 'Phan Văn Giám');
    const { conversation } = await customerInChat(t, ws, 'Vũ Thị Lan');
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: conversation.version, assigneeId: ws.owner.me!.agent.id });
    const due = at(conversation.sla!.firstResponseDueAt);
    const job = { workspaceId: ws.workspaceId, conversationId: conversation.id };
    try {
      setNow(due - 90_000); // past the 80 % mark
      await runSlaCheck(t.deps, job);
      const warned = await getConv(ws, conversation.id);
      expect(warned.priority).toBe('normal');
      const ownerNotes = (await ws.owner.get('/api/v1/notifications')).body as { kind: string; conversationId: string }[];
      expect(ownerNotes.filter((n) => n.kind === 'sla_warning' && n.conversationId === conversation.id)).toHaveLength(1);

      setNow(due + 1000);
      await runSlaCheck(t.deps, job);
      await runSlaCheck(t.deps, job); // the job may run twice (a retry, the sweep): nothing happens twice
      const breached = await getConv(ws, conversation.id);
      expect(breached.sla!.breached).toEqual(['firstResponse']);
      expect(breached.priority).toBe('high');
      const notes = (await supervisor.get('/api/v1/notifications')).body as { kind: string; conversationId: string }[];
      expect(notes.filter((n) => n.kind === 'sla_breach' && n.conversationId === conversation.id)).toHaveLength(1);
      const messages = (await ws.owner.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items as { kind: string }[];
      expect(messages.filter((m) => m.kind === 'activity').length).toBeGreaterThanOrEqual(2); // assigned, priority raised
    } finally {
      delete t.deps.clock;
    }
  });

  it('the warning arrives through the job queue on its own (a real pg-boss timer, no clock tricks)', async () => {
    const worker = await startTestApp();
    try {
      // This app's worker handles the SLA timers only (other test files' jobs are theirs).
      await worker.deps.jobs.work([{ ...slaCheckQueue, run: (data) => runSlaCheck(worker.deps, data as { workspaceId: string; conversationId: string }) }]);
      const ws = await shop();
      const fast = await ws.owner.post<SlaPolicyDto>('/api/v1/sla/policies', { name: 'Rất nhanh', channels: ['web_chat'], firstResponseSeconds: 20, warnPercent: 5, businessHours: false });
      const ids = (await ws.owner.get<SlaPolicyDto[]>('/api/v1/sla/policies')).body.map((p) => p.id);
      await ws.owner.put('/api/v1/sla/policies/order', { ids: [fast.body.id, ...ids.filter((id) => id !== fast.body.id)] });
      const { conversation } = await customerInChat(t, ws, 'Hẹn Giờ Thật');
      await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: conversation.version, assigneeId: ws.owner.me!.agent.id });
      const deadline = Date.now() + 15_000;
      let kinds: string[] = [];
      while (Date.now() < deadline) {
        kinds = ((await ws.owner.get('/api/v1/notifications')).body as { kind: string; conversationId: string }[]).filter((n) => n.conversationId === conversation.id).map((n) => n.kind);
        if (kinds.includes('sla_warning')) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(kinds).toContain('sla_warning'); // due 1 s after the message (5 % of 20 s)
      expect((await getConv(ws, conversation.id)).sla!.breached).toEqual([]);
    } finally {
      await worker.close();
    }
  }, 30_000);

  it('a breach reassigns to the team lead when the policy says so; the sweep catches what is due', async () => {
    const ws = await shop();
    const lead = await t.addAgent(ws.owner, 'supervisor', 'Lý Trưởng Nhóm');
    const team = (await ws.owner.post('/api/v1/teams', { name: 'CSKH', agentIds: [lead.me!.agent.id], leadId: lead.me!.agent.id })).body;
    const policy = await ws.owner.post<SlaPolicyDto>('/api/v1/sla/policies', {
      name: 'Chat nhanh', channels: ['web_chat'], firstResponseSeconds: 60, businessHours: false,
      escalation: { raisePriority: false, reassignToLead: true, notifySupervisors: false },
    });
    expect(policy.status).toBe(201);
    await ws.owner.put('/api/v1/sla/policies/order', { ids: [policy.body.id, ...(await ws.owner.get<SlaPolicyDto[]>('/api/v1/sla/policies')).body.map((p) => p.id).filter((id) => id !== policy.body.id)] });
    const { conversation } = await customerInChat(t, ws, 'Hà Văn Sơn');
    expect(conversation.sla!.policyName).toBe('Chat nhanh');
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: conversation.version, teamId: team.id });
    try {
      setNow(at(conversation.createdAt) + 2 * min);
      expect(await sweepSla(systemCtx(t.deps, ws.workspaceId))).toBeGreaterThanOrEqual(1);
      // The sweep leaves the escalation to a job (a catch-up of thousands must not wait on each one).
      const jobs = await sql<{ id: string; data: { workspaceId: string; conversationId: string } }>`select id, data from careloop_jobs.job where name = 'sla.escalate' and data->>'conversationId' = ${conversation.id}`.execute(t.deps.db);
      expect(jobs.rows).toHaveLength(1);
      await runSlaEscalate(t.deps, jobs.rows[0]!.data);
      const after = await getConv(ws, conversation.id);
      expect(after.assigneeId).toBe(lead.me!.agent.id);
      expect(after.priority).toBe('normal');
      expect(after.sla!.breached).toContain('firstResponse');
      expect(await sweepSla(systemCtx(t.deps, ws.workspaceId))).toBe(0);
    } finally {
      delete t.deps.clock;
    }
  });

  it('raising the priority to urgent re-times the clocks with the urgent policy', async () => {
    const ws = await shop();
    const { conversation } = await customerInChat(t, ws, 'Mạc Thị Bưởi');
    const urgent = await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: conversation.version, priority: 'urgent' });
    expect(urgent.body.sla.policyName).toBe('Ưu tiên cao');
    expect(at(urgent.body.sla.firstResponseDueAt) - at(conversation.sla!.firstResponseDueAt)).toBe(-5 * min);
  });

  it('resolved stops the clocks; the inbox sorts by the soonest due time', async () => {
    const ws = await shop();
    const a = await customerInChat(t, ws, 'Khách A');
    const b = await customerInChat(t, ws, 'Khách B');
    await ws.owner.patch(`/api/v1/conversations/${b.conversation.id}`, { version: b.conversation.version, priority: 'urgent' });
    const sorted = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?sort=sla_due')).body.items.map((c) => c.id);
    expect(sorted.slice(0, 2)).toEqual([b.conversation.id, a.conversation.id]);
    const resolved = await ws.owner.patch(`/api/v1/conversations/${a.conversation.id}`, { version: (await getConv(ws, a.conversation.id)).version, status: 'resolved' });
    expect(resolved.body.sla.dueAt).toBeNull();
    const page = await ws.owner.get<{ items: ConversationDto[]; nextCursor: string | null }>('/api/v1/conversations?sort=sla_due&status=any&limit=1');
    expect(page.body.items[0]!.id).toBe(b.conversation.id);
    const next = await ws.owner.get<{ items: ConversationDto[] }>(`/api/v1/conversations?sort=sla_due&status=any&limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0]!.id).toBe(a.conversation.id);
  });
});

describe('SLA policies API', () => {
  it('lists the built-ins until the shop saves its own; only admins change them; bad input is a typed error', async () => {
    const ws = await t.workspace();
    const builtIns = (await ws.owner.get<SlaPolicyDto[]>('/api/v1/sla/policies')).body;
    expect(builtIns.map((p) => [p.name, p.firstResponseSeconds])).toContainEqual(['Cuộc gọi', 30]);
    expect(builtIns.find((p) => p.channels.includes('email') && p.priorities.length === 0)!.firstResponseSeconds).toBe(3600);
    expect(builtIns.every((p) => p.builtIn)).toBe(true);

    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.post('/api/v1/sla/policies', { name: 'X', firstResponseSeconds: 60 })).status).toBe(403);
    const none = await ws.owner.post('/api/v1/sla/policies', { name: 'Không mục tiêu' });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('validation_failed');

    const edited = await ws.owner.put<SlaPolicyDto>(`/api/v1/sla/policies/builtin_email`, { ...builtIns.find((p) => p.id === 'builtin_email')!, firstResponseSeconds: 1800 });
    expect(edited.status).toBe(200);
    const stored = (await ws.owner.get<SlaPolicyDto[]>('/api/v1/sla/policies')).body;
    expect(stored).toHaveLength(builtIns.length);
    expect(stored.every((p) => !p.builtIn)).toBe(true);
    expect(stored.find((p) => p.name === 'Email và biểu mẫu')!.firstResponseSeconds).toBe(1800);

    const badZone = await ws.owner.put('/api/v1/sla/settings', { ...alwaysOpenSettings, businessHours: { ...defaultBusinessHours, timeZone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
  });
});
