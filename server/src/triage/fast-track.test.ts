import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDto, TriageModelDto } from '@careloop/contracts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { fastTrackOf, retrainTriage } from './service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

async function say(ws: Awaited<ReturnType<TestApp['workspace']>>, name: string, text: string) {
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name });
  await visitor.say(text);
  return (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items.find((c) => c.contact.name === name)!;
}

describe('triage in the inbox', () => {
  it('labels every customer message; an upset one is fast-tracked with a tighter SLA', async () => {
    const ws = await t.workspace();
    // Open around the clock, so the 5-minute target is 5 minutes whenever the suite runs (not Monday 8:00 on a Sunday night).
    const settings = (await ws.owner.get('/api/v1/sla/settings')).body;
    expect((await ws.owner.put('/api/v1/sla/settings', { ...settings, businessHours: { ...settings.businessHours, alwaysOpen: true } })).status).toBe(200);
    const calm = await say(ws, 'Bình Tĩnh', 'Chào shop, áo sơ mi trắng còn size L không ạ?');
    expect(calm.triage).toMatchObject({ language: 'vi', intent: 'product_question' });
    expect(calm.upsetAt).toBeNull();
    expect(calm.priority).toBe('normal');
    expect(calm.sla!.policyName).toBe('Chat trên website');

    const upset = await say(ws, 'Bực Mình', 'Đơn hàng giao trễ cả tuần, nhắn mãi không ai trả lời, quá tệ! Mình muốn khiếu nại');
    expect(upset.triage!.sentiment).toBe('negative');
    expect(upset.upsetAt).not.toBeNull();
    expect(['high', 'urgent']).toContain(upset.priority);
    expect(upset.sla!.policyName).toBe('Ưu tiên cao'); // 5 minutes instead of the web chat's 10
    expect(Date.parse(upset.sla!.firstResponseDueAt!) - Date.parse(upset.createdAt)).toBeLessThanOrEqual(5 * 60_000 + 2000);
    const messages = (await ws.owner.get(`/api/v1/conversations/${upset.id}/messages`)).body.items as { kind: string }[];
    expect(messages[0]!.kind).toBe('incoming');

    const english = await say(ws, 'Angry Customer', 'This is unacceptable, the package arrived broken and I want a refund now');
    expect(english.triage).toMatchObject({ language: 'en', sentiment: 'negative' });
    expect(['high', 'urgent']).toContain(english.priority);
  });

  it('an agent corrects the labels (kept for training; "not upset" lifts the banner); retraining serves a workspace model', async () => {
    const ws = await t.workspace();
    const conv = await say(ws, 'Nhầm Lẫn', 'Shop ơi hàng tệ quá trời luôn, đẹp tệ hại 😂 mua thêm 2 cái nữa');
    const corrected = await ws.owner.post<ConversationDto>(`/api/v1/conversations/${conv.id}/triage`, { sentiment: 'positive', intent: 'product_question' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.triage).toMatchObject({ sentiment: 'positive', intent: 'product_question' });
    expect(corrected.body.upsetAt).toBeNull();
    expect((await ws.owner.post(`/api/v1/conversations/${conv.id}/triage`, {})).status).toBe(400);

    const before = (await ws.owner.get<TriageModelDto>('/api/v1/triage/model')).body;
    expect(before).toMatchObject({ source: 'builtin', corrections: 1, trainedAt: null });
    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.post('/api/v1/triage/retrain')).status).toBe(403);
    expect((await ws.owner.post('/api/v1/triage/retrain')).status).toBe(202);

    const after = await retrainTriage(systemCtx(t.deps, ws.workspaceId));
    expect(after.source).toBe('workspace');
    expect(after.evaluation!.intent).toBeGreaterThan(0.6);
    const next = await say(ws, 'Sau Huấn Luyện', 'Cho mình hỏi đơn hàng DH1234 đang ở đâu rồi shop?');
    expect(next.triage!.intent).toBe('order_status');
  }, 60_000);

  it('fast-track rules', () => {
    expect(fastTrackOf({ sentiment: 'negative', intent: 'late_delivery', urgency: 'normal' })).toEqual({ upset: true, priority: 'high' });
    expect(fastTrackOf({ sentiment: 'negative', intent: 'complaint', urgency: 'normal' })).toEqual({ upset: true, priority: 'urgent' });
    expect(fastTrackOf({ sentiment: 'neutral', intent: 'complaint', urgency: 'high' })).toEqual({ upset: true, priority: 'urgent' });
    expect(fastTrackOf({ sentiment: 'positive', intent: 'order_status', urgency: 'high' })).toEqual({ upset: false, priority: null });
  });
});
