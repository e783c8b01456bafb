import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { ConversationSurveyDto } from '@careloop/contracts';
import { conversation, me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { CampaignsTable } from './CampaignsTable.tsx';
import { ConversationSurveyDetails, ConversationSurveyStatus } from './ConversationSurveyStatus.tsx';
import { DefinitionFormBody } from './DefinitionModal.tsx';
import { DefinitionsTable } from './DefinitionsTable.tsx';
import { draftOfDefinition, newDefinitionDraft } from './definitionForm.ts';
import { ExperienceBalanceCard } from './ExperienceBalanceCard.tsx';
import { surveyKeys } from './keys.ts';
import { ResolveSettingsForm } from './ResolveSettingsForm.tsx';
import { RunResult } from './RunResult.tsx';
import { SatisfactionGroups } from './SatisfactionGroups.tsx';
import { SatisfactionKpis } from './SatisfactionKpis.tsx';
import SatisfactionPage from './SatisfactionPage.tsx';
import { balance, builtins, campaign, definition, report, verbatim } from './testFixtures.ts';
import { VerbatimItem } from './Verbatims.tsx';

const admin = me({ role: 'admin' });
const supervisor = me({ role: 'supervisor' });
const agent = me({ role: 'agent' });
const settings = { resolveSurveyId: 'svd_csat', delayMinutes: 0, cooldownDays: 7, skipUpset: false, linkDays: 14,
  recovery: { enabled: true, csatMax: 2, npsMax: 6, cesMax: 3, windowDays: 30 }, quietFrom: 21, quietTo: 8 };

// Every query is answered from the cache; a request would mean a missing fixture.
beforeEach(() => vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in unit tests'))));
afterEach(() => vi.unstubAllGlobals());

function cached() {
  const qc = queryClient();
  qc.setQueryData(surveyKeys.settings, settings);
  qc.setQueryData(surveyKeys.definitions, builtins());
  qc.setQueryData(surveyKeys.campaigns, [campaign()]);
  return qc;
}

describe('Settings → Surveys', () => {
  it('shows CSAT on resolve with the chosen survey, the channels and the recovery thresholds', () => {
    const html = renderHtml(createElement(ResolveSettingsForm, { readOnly: false }), { qc: cached(), me: admin });
    expect(html.one('survey-on-resolve').attrs.checked).toBeDefined();
    expect(html.one('survey-resolve-survey').attrs.value).toContain('Đánh giá sau hỗ trợ (CSAT)');
    expect(html.one('survey-recovery-csatMax').attrs.value).toBe('2');
    expect(html.one('survey-quiet-summary').text).toBe('Campaign surveys are not sent from 21:00 to 08:00 (Asia/Ho_Chi_Minh time).');
    const channels = html.all('survey-channel').map((r) => [r.attrs['data-channel'], r.attrs['data-delivery']]);
    expect(channels).toContainEqual(['web_chat', 'inline']);
    expect(channels).toContainEqual(['zalo', 'link']);
    expect(channels).toContainEqual(['phone', 'none']);
    expect(html.has('survey-settings-save')).toBe(true);
  });

  it('lists the surveys: built-ins cannot be deleted, the resolve survey is marked, supervisors only view', () => {
    const html = renderHtml(createElement(DefinitionsTable, { editable: true, onOpen: () => undefined }), { qc: cached(), me: admin, lang: 'vi' });
    const rows = html.all('survey-definition-row');
    expect(rows.map((r) => r.attrs['data-kind'])).toEqual(['csat', 'nps', 'ces']);
    expect(html.all('survey-definition-on-resolve')).toHaveLength(1);
    expect(html.has('survey-definition-delete')).toBe(false);
    expect(html.all('survey-definition-reward')[0]!.text).toBe('—');
    const own = cached();
    own.setQueryData(surveyKeys.definitions, [...builtins(), definition({ id: 'svd_own', builtin: null, name: 'Sau giao hàng',
      reward: { voucherType: 'fixed', value: 20_000, maxDiscount: null, minOrder: 200_000, expiresInDays: 30 } })]);
    const mine = renderHtml(createElement(DefinitionsTable, { editable: true, onOpen: () => undefined }), { qc: own, me: admin, lang: 'vi' });
    expect(mine.all('survey-definition-delete')).toHaveLength(1);
    expect(mine.all('survey-definition-reward')[3]!.text).toBe('giảm 20.000 ₫ · đơn từ 200.000 ₫ · dùng trong 30 ngày');
    const readOnly = renderHtml(createElement(DefinitionsTable, { editable: false, onOpen: () => undefined }), { qc: cached(), me: supervisor, lang: 'en' });
    expect(readOnly.all('survey-definition-edit').map((b) => b.text)).toEqual(['View', 'View', 'View']);
    expect(readOnly.all('survey-definition-enabled').every((s) => s.attrs.disabled !== undefined)).toBe(true);
  });

  it('edits a built-in survey with its default texts shown, in both languages, its kind fixed', () => {
    const html = renderHtml(createElement(DefinitionFormBody, { initial: draftOfDefinition(builtins()[0]!), all: builtins(), readOnly: false, onDone: () => undefined }), { me: admin, lang: 'vi' });
    expect(html.has('survey-definition-builtin')).toBe(true);
    expect(html.one('survey-text-vi-question').text).toBe('Bạn đánh giá thế nào về sự hỗ trợ của {shop}?');
    expect(html.one('survey-text-preview-vi-question').text).toBe('Khách sẽ đọc: Bạn đánh giá thế nào về sự hỗ trợ của Shop Hoa?');
    expect(html.one('survey-definition-kind').attrs.disabled).toBeDefined();
    expect(html.all('survey-followup')).toHaveLength(1);
    expect(html.one('survey-followup-vi').attrs.value).toBe('Chúng tôi có thể làm gì tốt hơn?');
    expect(html.has('survey-reward-value')).toBe(false);
    const fresh = renderHtml(createElement(DefinitionFormBody, { initial: newDefinitionDraft('nps', builtins()), all: builtins(), readOnly: false, onDone: () => undefined }), { me: admin, lang: 'en' });
    expect(fresh.one('survey-definition-kind').attrs.disabled).toBeUndefined();
    expect(fresh.text).toContain('NPS is always shown as numbers 0–10.');
  });

  it('lists campaigns with their audience, results and "run now" for admins', () => {
    const html = renderHtml(createElement(CampaignsTable, { editable: true, definitions: builtins(), onOpen: () => undefined }), { qc: cached(), me: admin, lang: 'vi' });
    expect(html.one('survey-campaign-audience').text).toContain('2 nhóm');
    expect(html.one('survey-campaign-audience').text).toContain('30 ngày sau đơn đầu');
    expect(html.one('survey-campaign-stats').text).toBe('1.240 đã gửi · 310 đã trả lời12 bỏ qua');
    expect(html.has('survey-campaign-run')).toBe(true);
    const supervisorView = renderHtml(createElement(CampaignsTable, { editable: false, definitions: builtins(), onOpen: () => undefined }), { qc: cached(), me: supervisor });
    expect(supervisorView.has('survey-campaign-run')).toBe(false);
    expect(supervisorView.has('survey-campaign-delete')).toBe(false);
  });

  it('reports a run: due customers, sent, and why the others were skipped', () => {
    const html = renderHtml(createElement(RunResult, { result: { candidates: 12, sent: 9, skipped: { recently_surveyed: 2, 'SMTP 550': 1 }, quiet: false }, onClose: () => undefined }), { lang: 'en' });
    expect(html.one('survey-run-candidates').text).toBe('12 customers due');
    expect(html.one('survey-run-sent').text).toBe('9 surveys sent');
    expect(html.one('survey-run-skipped').text).toBe('surveyed recently: 2SMTP 550: 1');
    const quiet = renderHtml(createElement(RunResult, { result: { candidates: 0, sent: 0, skipped: {}, quiet: true }, onClose: () => undefined }), { lang: 'vi' });
    expect(quiet.one('survey-campaign-run-result').attrs['data-quiet']).toBe('true');
    expect(quiet.text).toContain('giờ yên lặng');
  });
});

describe('Reports → Satisfaction', () => {
  it('shows CSAT %, NPS, response rate, CES and recovery with what they are made of', () => {
    const html = renderHtml(createElement(SatisfactionKpis, { report: report() }), { lang: 'vi' });
    expect(html.one('kpi-csat-value').text).toBe('60%');
    expect(html.one('kpi-csat-detail').text).toBe('3 hài lòng trên 5 câu trả lời');
    expect(html.one('kpi-nps-value').text).toBe('+25');
    expect(html.one('kpi-response-rate-value').text).toBe('90,9%');
    expect(html.one('kpi-ces-value').text).toBe('6 / 7');
    expect(html.one('kpi-recovery-value').text).toBe('25%');
  });

  it('groups by agent with a name for campaigns\' sends, the most surveyed first', () => {
    const html = renderHtml(createElement(SatisfactionGroups, { report: report(), groupBy: 'agent', onGroupBy: () => undefined }), { lang: 'vi' });
    const rows = html.all('satisfaction-group-row');
    expect(rows.map((r) => r.text.split(/\d/)[0])).toEqual(['Không có nhân viên (chiến dịch)', 'Nguyễn Thị Lan']);
    expect(html.all('satisfaction-group-csat').map((c) => c.text)).toEqual(['— (0)', '60% (5)']);
  });

  it('shows a verbatim with the search marked, linking to its conversation and its recovery', () => {
    const html = renderHtml(createElement(VerbatimItem, { v: verbatim(), query: 'giao hang cham' }), { lang: 'vi' });
    expect(html.html).toContain('<mark>Giao hàng chậm</mark>');
    expect(html.one('verbatim-score').text).toBe('1/5');
    expect(html.one('verbatim-conversation').attrs.href).toBe('/conversations/cv_1');
    expect(html.one('verbatim-recovery').attrs.href).toBe('/conversations/cv_2');
    const hostile = renderHtml(createElement(VerbatimItem, { v: verbatim({ answers: [{ questionId: 'better', question: 'Q', text: '<img src=x onerror=alert(1)>' }] }), query: '' }));
    expect(hostile.html).not.toContain('<img');
  });

  it('is for supervisors and up', () => {
    expect(renderHtml(createElement(SatisfactionPage), { me: agent }).has('satisfaction-forbidden')).toBe(true);
    const qc = queryClient();
    expect(renderHtml(createElement(SatisfactionPage), { me: supervisor, qc }).has('satisfaction-page')).toBe(true);
  });
});

describe('in the conversation and the contact sidebar', () => {
  const answered: ConversationSurveyDto = {
    optedOut: false,
    sends: [{ id: 'svs_1', kind: 'csat', status: 'answered', skipReason: null, via: 'widget', createdAt: '2026-03-01T08:00:00.000Z', score: 1, answeredAt: '2026-03-01T08:02:00.000Z',
      answers: [{ questionId: 'better', text: 'Giao chậm <b>quá</b>' }], recoveryConversationId: 'cv_recovery' }],
  };

  it('shows the answered score in the header and the opt-out switch to agents who may update', () => {
    const qc = queryClient();
    qc.setQueryData(surveyKeys.conversation('conv_1'), answered);
    const chip = renderHtml(createElement(ConversationSurveyStatus, { conversation: conversation() }), { qc, me: agent, lang: 'vi' });
    expect(chip.one('conversation-survey').text).toBe('CSAT 1/5');
    expect(chip.one('conversation-survey').attrs['data-status']).toBe('answered');
    const details = renderHtml(createElement(ConversationSurveyDetails, { conversation: conversation(), dto: answered }), { me: agent, lang: 'en' });
    expect(details.one('conversation-survey-send').text).toContain('1/5');
    expect(details.one('conversation-survey-send').text).toContain('in the chat');
    expect(details.one('conversation-survey-answer').text).toBe('Giao chậm <b>quá</b>'); // the customer's words, as text
    expect(details.one('conversation-survey-recovery').attrs.href).toBe('/conversations/cv_recovery');
    expect(details.one('conversation-survey-opt-out').attrs.disabled).toBeUndefined();
    const locked = renderHtml(createElement(ConversationSurveyDetails, { conversation: conversation({ abilities: { update: false } }), dto: { optedOut: true, sends: [] } }), { me: agent });
    expect(locked.one('conversation-survey-opt-out').attrs.disabled).toBeDefined();
    expect(locked.one('conversation-survey-opt-out').attrs.checked).toBeDefined();
  });

  it('shows the experience balance with the server\'s "needs N more good experiences"', () => {
    const qc = queryClient();
    qc.setQueryData(surveyKeys.balance('contact_1'), balance());
    const html = renderHtml(createElement(ExperienceBalanceCard, { contactId: 'contact_1', currentConversationId: 'cv_1' }), { qc, lang: 'vi' });
    expect(html.one('experience-balance').attrs['data-state']).toBe('repairing');
    expect([html.one('experience-positive').text, html.one('experience-negative').text]).toEqual(['3', '2']);
    expect(html.one('experience-message').text).toBe('Cần thêm 21 trải nghiệm tốt để bù lại những lần không tốt (một lần không tốt cần khoảng 12 lần tốt).');
    const items = html.all('experience-item');
    expect(items.map((i) => i.attrs['data-sentiment'])).toEqual(['negative', 'positive', 'negative']);
    expect(items[0]!.text).toContain('CSAT 1/5');
    expect(items[2]!.text).toContain('Khách bực');
    const en = renderHtml(createElement(ExperienceBalanceCard, { contactId: 'contact_1' }), { qc, lang: 'en' });
    expect(en.one('experience-message').text).toBe('Needs 21 more good experiences to make up for the bad ones (one bad one takes about 12 good ones).');
  });
});
