import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { defaultCompensationSettings, type ContactAnalyticsDto, type ConversationDto, type TriageModelDto } from '@careloop/contracts';
import { conversation, me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { analyticsKeys } from '../analytics/keys.ts';
import { commerceKeys } from '../commerce/keys.ts';
import { corrected, triageColor } from './labels.ts';
import { correctTriage, triageKeys } from './queries.ts';
import { TriageChips } from './TriageChips.tsx';
import { TriageModelCard } from './TriageModelCard.tsx';
import { UpsetBanner } from './UpsetBanner.tsx';
import { upsetReason } from './upset.ts';

afterEach(() => vi.unstubAllGlobals());

const triage = (over: Partial<NonNullable<ConversationDto['triage']>> = {}) => ({ language: 'vi', sentiment: 'negative', intent: 'late_delivery', urgency: 'high', ...over }) as NonNullable<ConversationDto['triage']>;
const analytics = (over: Partial<NonNullable<ContactAnalyticsDto['customer']>> = {}): ContactAnalyticsDto => ({
  currency: 'VND', horizonDays: 365, model: 'bgnbd',
  customer: {
    contactId: 'contact_1', name: 'Phạm Thu Hà', segment: 'champions', rfm: { r: 5, f: 5, m: 5 }, vip: true, firstOrderOn: '2024-02-01', lastOrderOn: '2026-02-20',
    occasions: 8, revenue: 12_500_000, pAlive: 0.93, churnRisk: 0.07, riskBand: 'low', expectedPurchases: 2.1, predictedClv: 3_100_000, expectedNextOrderOn: '2026-04-02',
    lowConfidence: false, ...over,
  },
});

describe('when the customer is upset', () => {
  it('shows the banner for an upset customer, a complaint or a negative message, never once resolved', () => {
    expect(upsetReason(conversation({ upsetAt: '2026-03-01T08:05:00.000Z' }))).toBe('upset');
    expect(upsetReason(conversation({ triage: triage({ sentiment: 'neutral', intent: 'complaint' }) }))).toBe('complaint');
    expect(upsetReason(conversation({ triage: triage() }))).toBe('negative');
    expect(upsetReason(conversation({ triage: triage({ sentiment: 'positive', intent: 'order_status' }) }))).toBeNull();
    expect(upsetReason(conversation({ status: 'resolved', upsetAt: '2026-03-01T08:05:00.000Z' }))).toBeNull();
  });

  const render = (c: ConversationDto, role: 'agent' | 'owner', data: ContactAnalyticsDto | null, lang: 'vi' | 'en' = 'vi') => {
    const qc = queryClient();
    if (data) qc.setQueryData(analyticsKeys.contact('contact_1'), data);
    qc.setQueryData(commerceKeys.settings, defaultCompensationSettings);
    return renderHtml(createElement(UpsetBanner, { conversation: c }), { lang, qc, me: me({ role }) });
  };

  it("says what the customer is worth and how far this agent may go to make it right", () => {
    const html = render(conversation({ upsetAt: '2026-03-01T08:05:00.000Z' }), 'agent', analytics());
    const banner = html.one('upset-banner');
    expect(banner.attrs['data-reason']).toBe('upset');
    expect(banner.text).toContain('Khách đang không hài lòng');
    expect(html.one('upset-value').text).toBe('Đã chi 12.500.000 ₫ qua 8 đơn');
    expect(html.one('vip-badge').text).toBe('VIP');
    expect(html.one('segment-badge').attrs['data-segment']).toBe('champions');
    expect(html.one('upset-authority').text).toBe('Bạn có thể bồi thường tới 100.000 ₫');
    expect(html.one('upset-compensate').text).toBe('Bù đắp');
  });

  it('says an owner has no limit, and a customer without orders has none yet', () => {
    const html = render(conversation({ triage: triage({ intent: 'complaint' }) }), 'owner', { currency: 'VND', horizonDays: 365, model: null, customer: null }, 'en');
    expect(html.one('upset-authority').text).toBe('You can compensate without limit');
    expect(html.one('upset-value').text).toBe('No orders yet');
    expect(html.one('upset-banner').text).toContain('The message is a complaint');
    expect(render(conversation(), 'agent', analytics()).has('upset-banner')).toBe(false);
  });
});

describe('triage chips', () => {
  it('shows the four labels with colour where it matters, each a menu to correct it', () => {
    const html = renderHtml(createElement(TriageChips, { conversation: conversation({ triage: triage({ urgency: null }) }) }), { lang: 'vi' });
    expect(html.one('triage-language').text).toBe('Tiếng Việt');
    expect(html.one('triage-sentiment').text).toBe('Không hài lòng');
    expect(html.one('triage-intent').text).toBe('Giao trễ');
    expect(html.one('triage-urgency').text).toBe('Mức khẩn?');
    expect(html.one('Sửa Cảm xúc', 'aria-label').tag).toBe('button');
    expect(renderHtml(createElement(TriageChips, { conversation: conversation() })).has('triage-chips')).toBe(false);
    expect(renderHtml(createElement(TriageChips, { conversation: conversation({ triage: triage() }), readOnly: true })).has('triage-sentiment-menu')).toBe(false);
    expect([triageColor('sentiment', 'negative'), triageColor('intent', 'complaint'), triageColor('urgency', 'high'), triageColor('language', 'en')]).toEqual(['red', 'red', 'orange', 'gray']);
  });

  it('posts one corrected label and shows it at once', async () => {
    const requests: { url: string; method: string | undefined; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
      return Response.json({ ok: true });
    });
    await correctTriage('conv_1', 'intent', 'return_refund');
    expect(requests).toEqual([{ url: '/api/v1/conversations/conv_1/triage', method: 'POST', body: { intent: 'return_refund' } }]);
    expect(corrected(triage(), 'sentiment', 'neutral')).toEqual(triage({ sentiment: 'neutral' }));
    expect(corrected(null, 'language', 'en')).toEqual({ language: 'en', sentiment: null, intent: null, urgency: null });
  });

  it("describes the shop's model and lets admins retrain it", () => {
    const qc = queryClient();
    const model: TriageModelDto = { source: 'workspace', corrections: 134, trainedAt: '2026-03-01T08:00:00.000Z', evaluation: { intent: 0.82, sentiment: 0.9 } };
    qc.setQueryData(triageKeys.model, model);
    const html = renderHtml(createElement(TriageModelCard, { editable: true }), { qc, lang: 'en' });
    expect(html.one('triage-model-source').text).toBe('Learned from this shop');
    expect(html.one('triage-model-corrections').text).toBe('134 corrections');
    expect(html.one('triage-model-evaluation').text).toBe('Intent: 82%Sentiment: 90%');
    expect(html.has('triage-retrain')).toBe(true);
    expect(renderHtml(createElement(TriageModelCard, { editable: false }), { qc }).has('triage-retrain')).toBe(false);
  });
});
