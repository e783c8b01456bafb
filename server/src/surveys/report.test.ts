import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperienceBalanceDto, SurveyDefinitionDto, SurveyKind, SurveyReportDto, SurveyVerbatimDto } from '@careloop/contracts';
import { fold } from '@careloop/contracts';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import { buildOrder } from '../test/compensation-kit.ts';
import { customerInChat, type TestApp } from '../test/harness.ts';
import { surveyId } from './service.ts';
import * as store from './store.ts';
import { startSurveyTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startSurveyTestApp(); });
afterAll(async () => { await t.close(); });

let keys = 0;
interface Known { kind: SurveyKind; score?: number; status?: 'sent' | 'skipped' | 'failed'; agentId?: string | null; channel?: string; contactId?: string | null; comment?: string; recoveryAt?: Date; conversationId?: string }

/** Sends and answers as the dispatch and the answering code store them, with known values. */
async function seed(workspaceId: string, rows: Known[]) {
  for (const r of rows) {
    const send = await store.insertSend(t.deps.db, workspaceId, {
      id: surveyId('svs'), survey_id: null, kind: r.kind, source: 'resolve', dedupe_key: `known:${++keys}`, contact_id: r.contactId ?? null,
      conversation_id: r.conversationId ?? null, agent_id: r.agentId ?? null, channel: r.channel ?? 'web_chat', via: 'widget',
      status: r.score !== undefined ? 'answered' : r.status ?? 'sent', expires_at: new Date(Date.now() + 86_400_000),
    });
    if (r.score === undefined) continue;
    const answers = r.comment ? [{ questionId: 'better', text: r.comment }] : [];
    await store.insertResponse(t.deps.db, workspaceId, {
      id: surveyId('svr'), send_id: send!.id, kind: r.kind, score: r.score, via: 'widget', answers: JSON.stringify(answers), comment_folded: r.comment ? fold(r.comment) : '',
      ...(r.recoveryAt ? { recovery_state: 'open' as const, recovery_conversation_id: r.conversationId ?? null, recovery_at: r.recoveryAt } : {}),
    });
  }
}

describe('survey report', () => {
  it('computes CSAT %, NPS with its three groups, response rate, CES and recovery from known answers, by agent and over time', async () => {
    const ws = await t.workspace();
    const other = await t.addAgent(ws.owner, 'agent', 'Vũ Hà');
    const { conversation, email } = await customerInChat(t, ws, 'Khách Hồi');
    const contactId = conversation.contact.id;
    const owner = ws.owner.id;
    await seed(ws.workspaceId, [
      ...[5, 4, 4, 2, 1].map((score) => ({ kind: 'csat' as const, score, agentId: owner })),
      { kind: 'csat', agentId: owner },
      ...[10, 9, 7].map((score) => ({ kind: 'nps' as const, score, agentId: other.id, channel: 'email' })),
      { kind: 'nps', score: 3, agentId: other.id, channel: 'email', contactId, conversationId: conversation.id, recoveryAt: new Date(Date.now() - 3_600_000) },
      { kind: 'ces', score: 6, agentId: other.id, channel: 'email' },
      { kind: 'csat', status: 'skipped', agentId: owner }, { kind: 'csat', status: 'failed', agentId: owner },
    ]);
    await upsertOrders(systemCtx(t.deps, ws.workspaceId), 'shopify', null, [buildOrder(email, { placedAt: new Date() })]);

    const report = await ws.owner.get<SurveyReportDto>('/api/v1/surveys/report?groupBy=agent&interval=week');
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({
      sent: 11, answered: 10, responseRate: 90.9,
      csat: { answered: 5, satisfied: 3, percent: 60 },
      nps: { answered: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
      ces: { answered: 1, average: 6 },
    });
    expect(report.body.series).toHaveLength(1);
    expect(report.body.series[0]!.period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${report.body.series[0]!.period}T00:00:00Z`).getUTCDay()).toBe(1); // weeks start on Monday
    const byAgent = new Map(report.body.groups!.map((g) => [g.key, g]));
    expect(byAgent.get(owner)).toMatchObject({ name: 'Nguyễn Thị Lan', sent: 6, answered: 5, csat: { percent: 60 } });
    expect(byAgent.get(other.id)).toMatchObject({ name: 'Vũ Hà', sent: 5, answered: 5, nps: { score: 25 } });
    expect(report.body.recovery).toEqual({ opened: 1, recovered: 1, rate: 100, windowDays: 30 });

    const byChannel = await ws.owner.get<SurveyReportDto>('/api/v1/surveys/report?groupBy=channel&interval=month');
    expect(byChannel.body.groups!.map((g) => [g.key, g.sent]).sort()).toEqual([['email', 5], ['web_chat', 6]]);
    expect(byChannel.body.series[0]!.period).toMatch(/-01$/);

    const empty = await ws.owner.get<SurveyReportDto>(`/api/v1/surveys/report?to=${encodeURIComponent(new Date(Date.now() - 10 * 86_400_000).toISOString())}`);
    expect(empty.body.totals).toMatchObject({ sent: 0, responseRate: null, csat: { percent: null }, nps: { score: null } });
    expect((await ws.owner.get('/api/v1/surveys/report?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await other.get('/api/v1/surveys/report')).status).toBe(403);
  });

  it('finds verbatims without diacritics, filters and pages them', async () => {
    const ws = await t.workspace();
    await seed(ws.workspaceId, [
      { kind: 'csat', score: 1, comment: 'Giao hàng chậm quá, đợi cả tuần' },
      { kind: 'csat', score: 5, comment: 'Nhân viên dễ thương, tư vấn kỹ' },
      { kind: 'nps', score: 3, comment: 'Giá hơi cao so với chỗ khác' },
      { kind: 'csat', score: 4 },
    ]);
    const find = async (query: string) => (await ws.owner.get<{ items: SurveyVerbatimDto[]; nextCursor: string | null }>(`/api/v1/surveys/verbatims?${query}`)).body;
    expect((await find('q=giao%20hang%20cham')).items.map((v) => v.answers[0]!.text)).toEqual(['Giao hàng chậm quá, đợi cả tuần']);
    expect((await find('q=DE%20THUONG')).items).toHaveLength(1);
    expect((await find('q=100%25')).items).toHaveLength(0);
    expect((await find('sentiment=negative')).items.map((v) => v.score).sort()).toEqual([1, 3]);
    expect((await find('kind=nps')).items.map((v) => v.kind)).toEqual(['nps']);
    const first = await find('limit=2');
    expect(first.items).toHaveLength(2);
    const second = await find(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((v) => v.responseId)).size).toBe(3);
  });
});

describe('experience balance', () => {
  it('counts good and bad experiences from surveys and triage; one bad needs twelve good', async () => {
    const ws = await t.workspace();
    const { conversation, visitor } = await customerInChat(t, ws, 'Khách Cân Bằng');
    const contactId = conversation.contact.id;
    const balance = async () => (await ws.owner.get<ExperienceBalanceDto>(`/api/v1/surveys/contacts/${contactId}`)).body;
    expect(await balance()).toMatchObject({ positive: 0, negative: 0, state: 'none', goodNeeded: 0, ratio: 12 });

    await visitor.say('Tôi rất bực mình, giao sai hàng lần thứ ba rồi, tôi muốn khiếu nại và hoàn tiền ngay!');
    const upset = (await ws.owner.get(`/api/v1/conversations/${conversation.id}`)).body;
    expect(upset.upsetAt).not.toBeNull();
    expect(await balance()).toMatchObject({ negative: 1, state: 'at_risk', goodNeeded: 12 });

    await seed(ws.workspaceId, [
      { kind: 'csat', score: 5, contactId }, { kind: 'nps', score: 10, contactId }, { kind: 'ces', score: 2, contactId }, { kind: 'nps', score: 8, contactId },
    ]);
    const now = await balance();
    expect(now).toMatchObject({ positive: 2, negative: 2, neutral: 1, goodNeeded: 22, state: 'repairing' });
    expect(now.recent.map((i) => i.source).sort()).toEqual(['ces', 'csat', 'nps', 'nps', 'triage']);

    // A survey answer on the upset conversation speaks for it: triage no longer counts it twice.
    await seed(ws.workspaceId, [{ kind: 'csat', score: 5, contactId, conversationId: conversation.id }]);
    expect(await balance()).toMatchObject({ positive: 3, negative: 1, goodNeeded: 9 });
    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.get(`/api/v1/surveys/contacts/${contactId}`)).status).toBe(200);
  });
});

describe('workspace isolation', () => {
  it('keeps surveys, answers, balances and settings inside their workspace', async () => {
    const a = await t.workspace({ name: 'Shop A' });
    const b = await t.workspace({ name: 'Shop B' });
    const { conversation } = await customerInChat(t, a, 'Khách của A');
    await seed(a.workspaceId, [{ kind: 'csat', score: 1, comment: 'Bí mật của shop A', contactId: conversation.contact.id }]);
    const defA = (await a.owner.get<SurveyDefinitionDto[]>('/api/v1/surveys/definitions')).body[0]!;

    expect((await b.owner.get<SurveyReportDto>('/api/v1/surveys/report')).body.totals.answered).toBe(0);
    expect((await b.owner.get('/api/v1/surveys/verbatims?q=bi%20mat')).body.items).toEqual([]);
    expect((await b.owner.get(`/api/v1/surveys/contacts/${conversation.contact.id}`)).status).toBe(404);
    expect((await b.owner.get(`/api/v1/surveys/conversations/${conversation.id}`)).status).toBe(404);
    expect((await b.owner.put(`/api/v1/surveys/conversations/${conversation.id}/opt-out`, { optOut: true })).status).toBe(404);
    const { id: _i, builtin: _b, createdAt: _c, updatedAt: _u, ...body } = defA;
    expect((await b.owner.put(`/api/v1/surveys/definitions/${defA.id}`, body)).status).toBe(404);
    expect((await b.owner.delete(`/api/v1/surveys/definitions/${defA.id}`)).status).toBe(404);
    expect((await b.owner.post('/api/v1/surveys/campaigns', { name: 'x', surveyId: defA.id, audience: { vipOnly: true } })).status).toBe(400);
    expect((await b.owner.put('/api/v1/surveys/settings', { resolveSurveyId: defA.id })).status).toBe(400);
    expect((await a.owner.get<SurveyReportDto>('/api/v1/surveys/report')).body.totals.answered).toBe(1);

    // B's visitor cannot open A's inline survey.
    const send = await t.deps.db.selectFrom('survey_sends').select('id').where('workspace_id', '=', a.workspaceId).executeTakeFirstOrThrow();
    const visitor = t.visitor(b.inbox.widgetToken);
    await visitor.start({ name: 'Khách B' });
    expect((await visitor.send('GET', `/surveys/${send.id}`)).status).toBe(404);
  });
});
