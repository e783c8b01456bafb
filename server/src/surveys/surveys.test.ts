import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEnvelope, ConversationDto, PublicSurveyDto, SurveyDefinitionDto, WidgetMessageDto } from '@careloop/contracts';
import { customerInChat, type TestApp } from '../test/harness.ts';
import { drainSurveyJobs, messagesOf, resolve, startSurveyTestApp } from './test-kit.ts';
import { runSurveyProcess } from './process.ts';

let t: TestApp;
beforeAll(async () => { t = await startSurveyTestApp(); });
afterAll(async () => { await t.close(); });

const surveyMessage = (messages: WidgetMessageDto[]) => messages.find((m) => m.clientId?.startsWith('survey:svs_'));
const sendIdOf = (m: WidgetMessageDto) => m.clientId!.slice('survey:'.length);

describe('CSAT on resolve, answered in the widget', () => {
  it('sends the survey inline, takes a 1 with a comment, and opens a high-priority recovery for a supervisor, live', async () => {
    const ws = await t.workspace({ name: 'Shop Hoa Mai' });
    const supervisor = await t.addAgent(ws.owner, 'supervisor', 'Phạm Quỳnh');
    await ws.owner.patch('/api/v1/me', { availability: 'offline' });
    await supervisor.patch('/api/v1/me', { availability: 'online' });
    const rule = await ws.owner.post('/api/v1/automations/rules', {
      name: 'Điểm thấp', trigger: 'survey.answered', conditions: { all: [{ field: 'survey.score', op: 'lte', value: 2 }] }, actions: [{ type: 'add_label', label: 'csat-thap' }],
    });
    expect(rule.status).toBe(201);
    const { visitor, conversation } = await customerInChat(t, ws, 'Lê Thị Thu');

    await resolve(ws.owner, conversation.id);
    expect(await drainSurveyJobs(t, ws.workspaceId)).toBe(1);
    const inline = surveyMessage((await visitor.messages()).body);
    expect(inline, 'the survey reached the widget').toBeTruthy();
    expect(inline!.kind).toBe('outgoing');
    expect(inline!.body).toContain('Shop Hoa Mai');
    const id = sendIdOf(inline!);

    const view = await visitor.send<PublicSurveyDto>('GET', `/surveys/${id}?lang=en`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ kind: 'csat', display: 'stars', scale: { min: 1, max: 5 }, state: 'open', score: null });
    expect(view.body.question).toBe('How would you rate the support you received from Shop Hoa Mai?');

    // Another visitor of the same shop cannot see or answer it.
    const stranger = t.visitor(ws.inbox.widgetToken);
    await stranger.start({ name: 'Người lạ' });
    expect((await stranger.send('GET', `/surveys/${id}`)).status).toBe(404);
    expect((await stranger.send('POST', `/surveys/${id}/score`, { score: 5 })).status).toBe(404);
    expect((await visitor.send('POST', `/surveys/${id}/score`, { score: 9 })).status).toBe(400);

    const events: BusEnvelope[] = [];
    const stop = t.deps.bus.subscribe((e) => { if (e.workspaceId === ws.workspaceId) events.push(e); });
    const scored = await visitor.send<PublicSurveyDto>('POST', `/surveys/${id}/score`, { score: 1 });
    expect(scored.status).toBe(201);
    expect(scored.body.state).toBe('follow_up');
    expect(scored.body.followUps.map((q) => q.id)).toEqual(['better']);
    expect((await visitor.send('POST', `/surveys/${id}/score`, { score: 5 })).body.error).toMatchObject({ code: 'conflict', details: { reason: 'already_answered' } });
    const commented = await visitor.send<PublicSurveyDto>('POST', `/surveys/${id}/comment`, { answers: [{ questionId: 'better', text: 'Giao hàng chậm quá, nhân viên trả lời lâu' }] });
    expect(commented.body.state).toBe('done');
    expect((await visitor.send('POST', `/surveys/${id}/comment`, { answers: [{ questionId: 'better', text: 'lần hai' }] })).status).toBe(409);

    // The automation trigger was queued with the score in the answering transaction.
    const automation = await sql<{ data: { trigger: string; surveyScore: number } }>`select data from careloop_jobs.job where name = 'automations.run' and data->>'conversationId' = ${conversation.id} and data->>'trigger' = 'survey.answered'`.execute(t.deps.db);
    expect(automation.rows.map((r) => r.data.surveyScore)).toEqual([1]);

    await drainSurveyJobs(t, ws.workspaceId);
    stop();
    const all = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items;
    const recovery = all.find((c) => c.id !== conversation.id && c.contact.id === conversation.contact.id)!;
    expect(recovery, 'a recovery conversation').toBeTruthy();
    expect(recovery).toMatchObject({ status: 'open', assigneeId: supervisor.id, labels: ['khôi phục'] });
    expect((await ws.owner.get<{ items: ConversationDto[] }>(`/api/v1/conversations?status=any&label=${encodeURIComponent('khôi phục')}`)).body.items.map((c) => c.id)).toEqual([recovery.id]);
    // At least high; triage may have raised it further for the angry words (never lowered).
    expect(['high', 'urgent']).toContain(recovery.priority);
    expect(recovery.sla, 'the SLA clock runs on it').not.toBeNull();
    const notes = (await messagesOf(ws.owner, recovery.id)).filter((m) => m.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('1/5');
    expect(notes[0]!.body).toContain('Giao hàng chậm quá');
    expect(notes[0]!.body).toContain(`http://localhost:3000/conversations/${conversation.id}`);
    expect(notes[0]!.body).toContain(`#${conversation.number}`);
    // It appeared live: created for the agents, then assigned with a notification to the supervisor.
    expect(events.some((e) => e.event.type === 'conversation.created' && e.event.conversation.id === recovery.id)).toBe(true);
    expect(events.some((e) => e.event.type === 'notification.created' && e.event.agentId === supervisor.id)).toBe(true);

    // The rated conversation shows the answer to agents (never to the visitor).
    const rated = (await messagesOf(ws.owner, conversation.id)).filter((m) => m.kind === 'note').map((m) => m.body);
    expect(rated).toEqual(expect.arrayContaining([expect.stringContaining('CSAT: 1/5'), expect.stringContaining('Giao hàng chậm quá')]));
    expect((await visitor.messages()).body.some((m: WidgetMessageDto) => m.body.includes('CSAT: 1/5.'))).toBe(false);

    // Running the job again adds nothing.
    const response = await t.deps.db.selectFrom('survey_responses').select('id').where('workspace_id', '=', ws.workspaceId).executeTakeFirstOrThrow();
    await runSurveyProcess(t.deps, { workspaceId: ws.workspaceId, responseId: response.id });
    const again = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items.filter((c) => c.contact.id === conversation.contact.id);
    expect(again).toHaveLength(2);
    expect((await messagesOf(ws.owner, recovery.id)).filter((m) => m.kind === 'note')).toHaveLength(1);

    // The rated conversation's survey shows the answer, the comment and where the recovery went.
    const surveyOf = (await ws.owner.get(`/api/v1/surveys/conversations/${conversation.id}`)).body;
    expect(surveyOf.sends[0]).toMatchObject({ status: 'answered', score: 1, recoveryConversationId: recovery.id,
      answers: [{ questionId: 'better', text: 'Giao hàng chậm quá, nhân viên trả lời lâu' }] });

    // One bad experience, counted once: the recovery conversation (which opens with the customer's
    // own complaint) does not count again through its triage.
    const balance = (await ws.owner.get(`/api/v1/surveys/contacts/${conversation.contact.id}`)).body;
    expect(balance).toMatchObject({ negative: 1, goodNeeded: 12 });
  });

  it('gives the recovery to the lead of the rated conversation\'s team', async () => {
    const ws = await t.workspace();
    const lead = await t.addAgent(ws.owner, 'agent', 'Đỗ Minh Trưởng');
    const team = await ws.owner.post('/api/v1/teams', { name: 'Chăm sóc', agentIds: [lead.id], leadId: lead.id });
    expect(team.status).toBe(201);
    const { visitor, conversation } = await customerInChat(t, ws, 'Khách Ba');
    const current = (await ws.owner.get<ConversationDto>(`/api/v1/conversations/${conversation.id}`)).body;
    await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: current.version, teamId: team.body.id });
    await resolve(ws.owner, conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    const id = sendIdOf(surveyMessage((await visitor.messages()).body)!);
    await visitor.send('POST', `/surveys/${id}/score`, { score: 2 });
    await drainSurveyJobs(t, ws.workspaceId);
    const recovery = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items.find((c) => c.id !== conversation.id)!;
    expect(recovery).toMatchObject({ priority: 'high', assigneeId: lead.id, teamId: team.body.id });
    const notes = (await messagesOf(ws.owner, recovery.id)).filter((m) => m.kind === 'note');
    expect(notes[0]!.body).toMatch(/2\/5/);
  });

  it('a good score opens nothing; the thank-you voucher is granted once and sent to the customer', async () => {
    const ws = await t.workspace();
    const defs = (await ws.owner.get<SurveyDefinitionDto[]>('/api/v1/surveys/definitions')).body;
    const csat = defs.find((d) => d.builtin === 'csat')!;
    expect(defs.map((d) => d.name)).toEqual(['Đánh giá sau hỗ trợ (CSAT)', 'Khả năng giới thiệu (NPS)', 'Mức độ dễ dàng (CES)']);
    const { id: _id, builtin: _b, createdAt: _c, updatedAt: _u, ...editable } = csat;
    const withReward = await ws.owner.put<SurveyDefinitionDto>(`/api/v1/surveys/definitions/${csat.id}`, {
      ...editable, display: 'faces', reward: { voucherType: 'fixed', value: 20_000, minOrder: 200_000, expiresInDays: 30 },
    });
    expect(withReward.status).toBe(200);
    const { visitor, conversation } = await customerInChat(t, ws, 'Khách Vui');
    await resolve(ws.owner, conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    const id = sendIdOf(surveyMessage((await visitor.messages()).body)!);
    expect((await visitor.send<PublicSurveyDto>('GET', `/surveys/${id}`)).body.display).toBe('faces');
    const scored = await visitor.send<PublicSurveyDto>('POST', `/surveys/${id}/score`, { score: 5 });
    expect(scored.body.reward?.code).toMatch(/^CL-[A-Z0-9]{10}$/);
    expect(scored.body.reward?.description).toContain('20.000 ₫');
    expect(scored.body.followUps.map((q) => q.id)).toEqual(['favourite']);
    await drainSurveyJobs(t, ws.workspaceId);
    await drainSurveyJobs(t, ws.workspaceId);

    const ledger = (await ws.owner.get(`/api/v1/compensation/ledger?contactId=${conversation.contact.id}`)).body as { kind: string; cost: number; agentId: string | null }[];
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'voucher', cost: 20_000, agentId: null });
    const rewardMessages = (await visitor.messages()).body.filter((m: WidgetMessageDto) => m.body.includes(scored.body.reward!.code));
    expect(rewardMessages).toHaveLength(1);
    const all = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items;
    expect(all).toHaveLength(1); // no recovery for a 5
  });
});

describe('who is not surveyed', () => {
  it('skips agent opt-outs, spam, reopened conversations and customers surveyed within the cooldown; records why', async () => {
    const ws = await t.workspace();
    const agent = await t.addAgent(ws.owner, 'agent');
    const { visitor, conversation } = await customerInChat(t, ws, 'Khách Bực');
    const opted = await agent.put(`/api/v1/surveys/conversations/${conversation.id}/opt-out`, { optOut: true });
    expect(opted.body.optedOut).toBe(true);
    await resolve(ws.owner, conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    expect(surveyMessage((await visitor.messages()).body)).toBeUndefined();
    const state = await ws.owner.get(`/api/v1/surveys/conversations/${conversation.id}`);
    expect(state.body.sends).toMatchObject([{ status: 'skipped', skipReason: 'agent_opt_out' }]);

    // Reopened by an agent before the job ran.
    const second = await customerInChat(t, ws, 'Khách Hai');
    const resolved = await resolve(ws.owner, second.conversation.id);
    await ws.owner.patch(`/api/v1/conversations/${second.conversation.id}`, { version: resolved.version, status: 'open' });
    await drainSurveyJobs(t, ws.workspaceId);
    expect((await ws.owner.get(`/api/v1/surveys/conversations/${second.conversation.id}`)).body.sends).toMatchObject([{ skipReason: 'reopened' }]);

    // Labelled spam.
    const third = await customerInChat(t, ws, 'Quảng cáo');
    const cur = (await ws.owner.get<ConversationDto>(`/api/v1/conversations/${third.conversation.id}`)).body;
    await ws.owner.patch(`/api/v1/conversations/${third.conversation.id}`, { version: cur.version, labels: ['Spam'] });
    await resolve(ws.owner, third.conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    expect((await ws.owner.get(`/api/v1/surveys/conversations/${third.conversation.id}`)).body.sends).toMatchObject([{ skipReason: 'spam' }]);

    // Surveyed once; resolving again within 7 days does not ask again.
    const fourth = await customerInChat(t, ws, 'Khách Bốn');
    await resolve(ws.owner, fourth.conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    await fourth.visitor.say('Cho mình hỏi thêm'); // a new chat: the first one stays resolved
    const next = (await ws.owner.get<{ items: ConversationDto[] }>(`/api/v1/conversations?status=open&contactId=${fourth.conversation.contact.id}`)).body.items[0]!;
    expect(next.id).not.toBe(fourth.conversation.id);
    await resolve(ws.owner, next.id);
    await drainSurveyJobs(t, ws.workspaceId);
    expect((await ws.owner.get(`/api/v1/surveys/conversations/${fourth.conversation.id}`)).body.sends).toMatchObject([{ status: 'sent' }]);
    expect((await ws.owner.get(`/api/v1/surveys/conversations/${next.id}`)).body.sends).toMatchObject([{ status: 'skipped', skipReason: 'recently_surveyed' }]);
  });

  it('does not survey a conversation with no customer message, nor when the workspace turned it off', async () => {
    const ws = await t.workspace();
    const { conversation } = await customerInChat(t, ws, 'Khách Năm');
    // An agent-started thread: the customer never wrote in it.
    const ctx = { deps: t.deps, db: t.deps.db, workspaceId: ws.workspaceId, actor: { type: 'system' as const }, log: t.deps.log, ip: null };
    const { recordExternalOutgoing } = await import('../messages/service.ts');
    await resolve(ws.owner, conversation.id);
    await drainSurveyJobs(t, ws.workspaceId);
    const outbound = await recordExternalOutgoing(ctx, { inboxId: ws.inbox.id, contactId: conversation.contact.id, body: 'Shop chào bạn', externalId: `echo-${Date.now()}` });
    await resolve(ws.owner, outbound.message.conversation_id);
    await drainSurveyJobs(t, ws.workspaceId);
    expect((await ws.owner.get(`/api/v1/surveys/conversations/${outbound.message.conversation_id}`)).body.sends).toMatchObject([{ skipReason: 'no_customer_message' }]);

    const settings = (await ws.owner.get('/api/v1/surveys/settings')).body;
    expect((await ws.owner.put('/api/v1/surveys/settings', { ...settings, resolveSurveyId: null })).status).toBe(200);
    const other = await customerInChat(t, ws, 'Khách Sáu');
    await resolve(ws.owner, other.conversation.id);
    expect(await drainSurveyJobs(t, ws.workspaceId)).toBe(0);
  });
});
