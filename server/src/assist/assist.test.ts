import type { AssistSettingsDto, ConversationDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../test/fakes/openai-api.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { promptFor, transcriptOf } from './prompt.ts';

const KEY = 'sk-test-careloop-0123456789';
let t: TestApp;
let ai: FakeOpenAi;
beforeAll(async () => {
  t = await startTestApp();
  ai = await startFakeOpenAi({ apiKey: KEY, models: ['gpt-4o-mini', 'qwen2.5:7b'] });
});
afterAll(async () => {
  await t?.close();
  await ai?.close();
});

/** A shop with a web chat: the customer wrote twice, the agent answered once and left an internal note. */
async function shopWithChat(locale: 'vi' | 'en' = 'vi') {
  const ws = await t.workspace({ name: 'Tiệm Hoa Mai', locale });
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name: 'Phạm Thu' });
  await visitor.say('Shop ơi đơn #10023 của mình đặt thứ hai mà chưa thấy giao');
  const conversation = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items[0]!;
  await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ shop kiểm tra ngay ạ', force: true });
  await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'note', body: 'Khách VIP, mã giảm giá nội bộ HOAMAI50' });
  await visitor.say('Mình cần trước thứ bảy nhé');
  return { ...ws, conversation };
}
const settings = (over: Record<string, unknown> = {}) => ({ enabled: true, baseUrl: ai.url, model: 'gpt-4o-mini', apiKey: KEY, drafts: true, summaries: true, ...over });

describe('the assistant (OpenAI-compatible endpoint)', () => {
  it('is off until the owner turns it on: nothing is sent anywhere before that', async () => {
    const { owner, conversation } = await shopWithChat();
    expect((await owner.get<AssistSettingsDto>('/api/v1/assist')).body).toMatchObject({ enabled: false, hasApiKey: false, updatedAt: null });
    const before = ai.requests.length;
    const draft = await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`);
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe('not_configured');
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/summary`)).status).toBe(409);
    expect(ai.requests.length).toBe(before);
  });

  it('only the owner points it somewhere; the key is write-only and the change audited without it', async () => {
    const ws = await t.workspace();
    const admin = await t.addAgent(ws.owner, 'admin', 'Lê Quản Trị');
    const agent = await t.addAgent(ws.owner, 'agent', 'Trần Văn Minh');
    expect((await admin.put('/api/v1/assist', settings())).status).toBe(403);
    const saved = await ws.owner.put<AssistSettingsDto>('/api/v1/assist', settings());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, baseUrl: ai.url, model: 'gpt-4o-mini', hasApiKey: true });
    expect(JSON.stringify((await ws.owner.get('/api/v1/assist')).body)).not.toContain(KEY);
    // Agents see what is on, not where it goes.
    expect((await agent.get('/api/v1/assist')).body).toEqual({ enabled: true, drafts: true, summaries: true, updatedAt: saved.body.updatedAt });
    // Left out, the key is kept; null removes it.
    expect((await ws.owner.put<AssistSettingsDto>('/api/v1/assist', { ...settings(), apiKey: undefined, model: 'qwen2.5:7b' })).body).toMatchObject({ model: 'qwen2.5:7b', hasApiKey: true });
    expect((await ws.owner.put<AssistSettingsDto>('/api/v1/assist', settings({ apiKey: null }))).body.hasApiKey).toBe(false);
    const stored = await t.deps.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', ws.workspaceId).where('action', '=', 'assist.settings_changed').execute();
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain(KEY);
    expect(stored.map((r) => (r.details as { apiKey: string }).apiKey).sort()).toEqual(['kept', 'removed', 'replaced']);
    expect((await ws.owner.put('/api/v1/assist', settings({ baseUrl: 'ftp://x' }))).status).toBe(400);
  });

  it('drafts a reply from what the customer saw (never the internal notes), in the shop\'s voice, and audits the use', async () => {
    const { owner, conversation } = await shopWithChat();
    await owner.put('/api/v1/assist', settings());
    ai.answer = () => 'Dạ shop xin lỗi chị Thu vì đơn giao chậm ạ. Đơn sẽ tới trước [ngày giao] ạ.';
    const draft = await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body).toEqual({ text: 'Dạ shop xin lỗi chị Thu vì đơn giao chậm ạ. Đơn sẽ tới trước [ngày giao] ạ.', model: 'gpt-4o-mini' });
    const sent = ai.requests.at(-1)!;
    expect(sent).toMatchObject({ model: 'gpt-4o-mini', authorization: `Bearer ${KEY}`, max_tokens: 500 });
    expect(sent.messages[0]).toMatchObject({ role: 'system' });
    expect(sent.messages[0]!.content).toContain('Tiệm Hoa Mai');
    expect(sent.messages[0]!.content).toContain('[ngoặc vuông]');
    const transcript = sent.messages[1]!.content;
    expect(transcript).toContain('Khách: Shop ơi đơn #10023 của mình đặt thứ hai mà chưa thấy giao');
    expect(transcript).toMatch(/Shop \([^)]+\): Dạ shop kiểm tra ngay ạ/);
    expect(transcript.indexOf('chưa thấy giao')).toBeLessThan(transcript.indexOf('trước thứ bảy'));
    expect(transcript).not.toContain('HOAMAI50');
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'assist.draft').where('target_id', '=', conversation.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ model: 'gpt-4o-mini', messages: 3 });
  });

  it('summarizes a conversation for the agent taking it over, in the workspace language', async () => {
    const { owner, conversation } = await shopWithChat('en');
    await owner.put('/api/v1/assist', settings());
    ai.answer = () => '- Order #10023 not delivered yet\n- Needed before Saturday';
    const summary = await owner.post(`/api/v1/assist/conversations/${conversation.id}/summary`);
    expect(summary.body).toEqual({ text: '- Order #10023 not delivered yet\n- Needed before Saturday', model: 'gpt-4o-mini' });
    expect(ai.requests.at(-1)!.messages[0]!.content).toContain('bullet points');
    expect(ai.requests.at(-1)!.messages[1]!.content).toContain('Customer: Shop ơi đơn #10023');
    // Turned off on its own: drafts still work, summaries answer not_configured.
    await owner.put('/api/v1/assist', settings({ summaries: false }));
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/summary`)).body.error.code).toBe('not_configured');
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`)).status).toBe(200);
  });

  it('reports what the endpoint said when it fails, and the test button says whether it works', async () => {
    const { owner, conversation } = await shopWithChat();
    await owner.put('/api/v1/assist', settings({ apiKey: 'sk-wrong' }));
    const refused = await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'upstream_failed', details: { status: 401 } });
    expect(refused.body.error.message).toContain('Incorrect API key');
    expect(refused.body.error.message).not.toContain('sk-wrong');
    expect((await owner.post('/api/v1/assist/check')).body).toMatchObject({ ok: false, error: expect.stringContaining('401') });

    await owner.put('/api/v1/assist', settings({ model: 'no-such-model' }));
    expect((await owner.post('/api/v1/assist/check')).body).toMatchObject({ ok: false, error: expect.stringContaining('does not exist') });
    await owner.put('/api/v1/assist', settings());
    expect((await owner.post('/api/v1/assist/check')).body).toEqual({ ok: true, model: 'gpt-4o-mini', error: null });
    ai.failNext(200, { choices: [] });
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`)).body.error.message).toContain('no text');
    ai.failNext(500, 'upstream exploded');
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`)).body.error).toMatchObject({ code: 'upstream_failed', details: { status: 500 } });
    // An endpoint that is not there.
    await owner.put('/api/v1/assist', settings({ baseUrl: 'http://127.0.0.1:9/v1' }));
    expect((await owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`)).body.error.message).toContain('could not be reached');
  });

  it('keeps conversations of other workspaces out of reach', async () => {
    const { conversation } = await shopWithChat();
    const other = await t.workspace();
    await other.owner.put('/api/v1/assist', settings());
    expect((await other.owner.post(`/api/v1/assist/conversations/${conversation.id}/draft`)).status).toBe(404);
  });
});

describe('the prompt', () => {
  it('keeps the newest messages within the budget, cut to a length each', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ from: i % 2 ? 'shop' as const : 'customer' as const, name: null, text: `${i} ${'x'.repeat(1000)}` }));
    const text = transcriptOf(long, { customer: 'C', shop: 'S' });
    expect(text.length).toBeLessThanOrEqual(12_000 + 40);
    expect(text).toContain('C: 38 ');
    expect(text).not.toContain('C: 0 ');
    const huge = transcriptOf([{ from: 'customer', name: null, text: 'y'.repeat(5000) }], { customer: 'C', shop: 'S' });
    expect(huge).toBe(`C: ${'y'.repeat(2000)}…`);
  });

  it('asks in the workspace language', () => {
    const vi = promptFor('summary', { locale: 'vi', shop: 'Hoa Mai', customer: 'Thu', lines: [{ from: 'customer', name: null, text: 'Alo' }] });
    expect(vi[0]!.content).toContain('tiếng Việt');
    expect(vi[1]!.content).toContain('Khách: Alo');
    const en = promptFor('draft', { locale: 'en', shop: 'Hoa Mai', customer: null, lines: [{ from: 'shop', name: 'Lan', text: 'Hi' }] });
    expect(en[1]!.content).toContain('Shop (Lan): Hi');
  });
});
