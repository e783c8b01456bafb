import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignRunDto, ConversationDto, PublicSurveyDto, SurveyCampaignDto, SurveyDefinitionDto, WidgetMessageDto } from '@careloop/contracts';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import { listAllCustomers, refreshAnalytics } from '../analytics/service.ts';
import { buildOrder } from '../test/compensation-kit.ts';
import { customerInChat, type TestApp } from '../test/harness.ts';
import { drainSurveyJobs, startSurveyTestApp } from './test-kit.ts';
import { inAudience, isQuiet } from './campaigns.ts';

let t: TestApp;
beforeAll(async () => { t = await startSurveyTestApp(); });
afterAll(async () => { await t.close(); });
afterEach(() => { delete t.deps.clock; });

const dayMs = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * dayMs);

/** Three customers who chatted in and bought: A first 30 days ago, B 60 and 10 days ago, C 200 days ago. */
async function shopWithCustomers() {
  const ws = await t.workspace();
  const ctx = systemCtx(t.deps, ws.workspaceId);
  const people = { A: await customerInChat(t, ws, 'Khách A'), B: await customerInChat(t, ws, 'Khách B'), C: await customerInChat(t, ws, 'Khách C') };
  await upsertOrders(ctx, 'shopify', null, [
    buildOrder(people.A.email, { placedAt: ago(30), total: 300_000 }),
    buildOrder(people.B.email, { placedAt: ago(60), total: 900_000 }), buildOrder(people.B.email, { placedAt: ago(10), total: 800_000 }),
    buildOrder(people.C.email, { placedAt: ago(200), total: 100_000 }),
  ]);
  await refreshAnalytics(ctx, 'test');
  const customers = await listAllCustomers(ctx, { sort: 'revenue', limit: 100, offset: 0 });
  const nps = (await ws.owner.get<SurveyDefinitionDto[]>('/api/v1/surveys/definitions')).body.find((d) => d.kind === 'nps')!;
  const settings = (await ws.owner.get('/api/v1/surveys/settings')).body;
  await ws.owner.put('/api/v1/surveys/settings', { ...settings, quietFrom: 0, quietTo: 0 }); // never quiet in these tests
  return { ws, ctx, people, customers, nps };
}

const run = async (owner: Awaited<ReturnType<TestApp['workspace']>>['owner'], id: string) => (await owner.post<CampaignRunDto>(`/api/v1/surveys/campaigns/${id}/run`)).body;

describe('NPS campaigns', () => {
  it('surveys customers 30 days after their first order, once, in the channel they use; a detractor opens a recovery', async () => {
    const { ws, people, nps } = await shopWithCustomers();
    const created = await ws.owner.post<SurveyCampaignDto>('/api/v1/surveys/campaigns', { name: 'NPS sau 30 ngày', surveyId: nps.id, audience: { daysAfterFirstOrder: 30 } });
    expect(created.status).toBe(201);
    expect((await ws.owner.post('/api/v1/surveys/campaigns', { name: 'Trống', surveyId: nps.id, audience: {} })).status).toBe(400);

    expect(await run(ws.owner, created.body.id)).toMatchObject({ candidates: 1, sent: 1 });
    expect(await run(ws.owner, created.body.id)).toMatchObject({ candidates: 0, sent: 0 });
    const message = (await people.A.visitor.messages()).body.find((m: WidgetMessageDto) => m.clientId?.startsWith('survey:'))!;
    expect(message).toBeTruthy();
    for (const other of [people.B, people.C]) expect((await other.visitor.messages()).body.some((m: WidgetMessageDto) => m.clientId?.startsWith('survey:'))).toBe(false);

    const id = message.clientId!.slice('survey:'.length);
    const view = await people.A.visitor.send<PublicSurveyDto>('GET', `/surveys/${id}`);
    expect(view.body).toMatchObject({ kind: 'nps', display: 'numbers', scale: { min: 0, max: 10 }, state: 'open' });
    expect((await people.A.visitor.send('POST', `/surveys/${id}/score`, { score: 6 })).status).toBe(201);
    await drainSurveyJobs(t, ws.workspaceId);
    const mine = (await ws.owner.get<{ items: ConversationDto[] }>(`/api/v1/conversations?status=open&contactId=${people.A.conversation.contact.id}`)).body.items;
    const recovery = mine.find((c) => c.id !== people.A.conversation.id);
    expect(recovery, 'a detractor (6) opens a recovery').toBeTruthy();
    expect(['high', 'urgent']).toContain(recovery!.priority);

    const listed = (await ws.owner.get<SurveyCampaignDto[]>('/api/v1/surveys/campaigns')).body;
    expect(listed[0]).toMatchObject({ stats: { sent: 1, answered: 1 } });
    expect(listed[0]!.lastRunAt).not.toBeNull();
  });

  it('asks each customer of a segment at most once every 90 days', async () => {
    const { ws, people, customers, nps } = await shopWithCustomers();
    const b = customers.find((c) => c.contactId === people.B.conversation.contact.id)!;
    expect(b.segment).not.toBeNull();
    const same = customers.filter((c) => c.segment === b.segment).map((c) => c.contactId);
    const campaign = (await ws.owner.post<SurveyCampaignDto>('/api/v1/surveys/campaigns', { name: 'Theo phân khúc', surveyId: nps.id, audience: { segments: [b.segment] } })).body;
    expect(campaign.cooldownDays).toBe(90);
    expect(await run(ws.owner, campaign.id)).toMatchObject({ sent: same.length });
    const later = (days: number) => { const at = new Date(Date.now() + days * dayMs); t.deps.clock = () => at; };
    later(89);
    expect(await run(ws.owner, campaign.id)).toMatchObject({ candidates: 0, sent: 0 });
    later(91);
    expect(await run(ws.owner, campaign.id)).toMatchObject({ sent: same.length });
  });

  it('reaches VIPs only when asked to, and never in quiet hours', async () => {
    const { ws, customers, nps } = await shopWithCustomers();
    const vips = customers.filter((c) => c.vip).map((c) => c.contactId);
    expect(vips.length).toBeGreaterThan(0);
    const campaign = (await ws.owner.post<SurveyCampaignDto>('/api/v1/surveys/campaigns', { name: 'VIP', surveyId: nps.id, audience: { vipOnly: true } })).body;
    const settings = (await ws.owner.get('/api/v1/surveys/settings')).body;
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    await ws.owner.put('/api/v1/surveys/settings', { ...settings, quietFrom: hour, quietTo: (hour + 1) % 24 });
    expect(await run(ws.owner, campaign.id)).toMatchObject({ quiet: true, sent: 0 });
    await ws.owner.put('/api/v1/surveys/settings', { ...settings, quietFrom: 0, quietTo: 0 });
    expect(await run(ws.owner, campaign.id)).toMatchObject({ sent: vips.length });
    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.post(`/api/v1/surveys/campaigns/${campaign.id}/run`)).status).toBe(403);
  });
});

describe('audience rules', () => {
  const customer = { contactId: 'ct_1', name: null, segment: 'loyal' as const, rfm: { r: 4, f: 4, m: 4 }, vip: false, firstOrderOn: '2026-01-01', lastOrderOn: '2026-03-01', occasions: 3, revenue: 1, pAlive: null, churnRisk: null, riskBand: null, expectedPurchases: null, predictedClv: null, expectedNextOrderOn: null, lowConfidence: true };
  it('matches segments, VIP and a three-day window after the first order', () => {
    const now = new Date('2026-01-31T05:00:00Z');
    expect(inAudience(customer, { segments: ['loyal'], vipOnly: false, daysAfterFirstOrder: null }, now, 'Asia/Ho_Chi_Minh')).toBe(true);
    expect(inAudience(customer, { segments: ['champions'], vipOnly: false, daysAfterFirstOrder: null }, now, 'Asia/Ho_Chi_Minh')).toBe(false);
    expect(inAudience(customer, { segments: [], vipOnly: true, daysAfterFirstOrder: null }, now, 'Asia/Ho_Chi_Minh')).toBe(false);
    expect(inAudience(customer, { segments: [], vipOnly: false, daysAfterFirstOrder: 30 }, now, 'Asia/Ho_Chi_Minh')).toBe(true);
    expect(inAudience(customer, { segments: [], vipOnly: false, daysAfterFirstOrder: 27 }, now, 'Asia/Ho_Chi_Minh')).toBe(true);
    expect(inAudience(customer, { segments: [], vipOnly: false, daysAfterFirstOrder: 26 }, now, 'Asia/Ho_Chi_Minh')).toBe(false);
    expect(inAudience(customer, { segments: [], vipOnly: false, daysAfterFirstOrder: 31 }, now, 'Asia/Ho_Chi_Minh')).toBe(false);
    expect(isQuiet(22, 21, 8)).toBe(true);
    expect(isQuiet(7, 21, 8)).toBe(true);
    expect(isQuiet(12, 21, 8)).toBe(false);
    expect(isQuiet(12, 0, 0)).toBe(false);
  });
});
