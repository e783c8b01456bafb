import type {
  ExperienceBalanceDto, SurveyCampaignDto, SurveyDefinitionDto, SurveyFigures, SurveyReportDto, SurveyVerbatimDto,
} from '@careloop/contracts';
import { at } from '../../testing/fixtures.ts';

/** Survey DTOs for the console's tests, shaped as server/src/surveys presents them. Not imported by the app. */
const texts = (question: string) => ({
  vi: { question, invitation: 'Cảm ơn bạn đã liên hệ {shop}! {link}', thanks: 'Cảm ơn bạn!' },
  en: { question: `${question} (en)`, invitation: 'Thanks for contacting {shop}! {link}', thanks: 'Thank you!' },
});

export function definition(over: Partial<SurveyDefinitionDto> = {}): SurveyDefinitionDto {
  return {
    id: 'svd_csat', name: 'Đánh giá sau hỗ trợ (CSAT)', kind: 'csat', enabled: true, display: 'stars', builtin: 'csat',
    texts: texts('Bạn đánh giá thế nào về sự hỗ trợ của {shop}?'),
    followUps: [{ id: 'better', when: 'negative', vi: 'Chúng tôi có thể làm gì tốt hơn?', en: 'What could we do better?' }],
    reward: null, createdAt: at(0), updatedAt: at(0), ...over,
  };
}

export const builtins = (): SurveyDefinitionDto[] => [
  definition(),
  definition({ id: 'svd_nps', name: 'Khả năng giới thiệu (NPS)', kind: 'nps', display: 'numbers', builtin: 'nps', texts: texts('Bạn có sẵn lòng giới thiệu {shop}?') }),
  definition({ id: 'svd_ces', name: 'Mức độ dễ dàng (CES)', kind: 'ces', display: 'numbers', builtin: 'ces', enabled: false, followUps: [] }),
];

export function campaign(over: Partial<SurveyCampaignDto> = {}): SurveyCampaignDto {
  return {
    id: 'svc_1', name: 'NPS 30 ngày sau đơn đầu', surveyId: 'svd_nps', enabled: true,
    audience: { segments: ['champions', 'loyal'], vipOnly: false, daysAfterFirstOrder: 30 }, cooldownDays: 90, maxPerRun: 500,
    lastRunAt: at(30), stats: { sent: 1240, answered: 310, skipped: 12 }, createdAt: at(0), ...over,
  };
}

export function figures(over: Partial<SurveyFigures> = {}): SurveyFigures {
  return {
    sent: 11, answered: 10, responseRate: 90.9,
    csat: { answered: 5, satisfied: 3, percent: 60 },
    nps: { answered: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
    ces: { answered: 1, average: 6 }, ...over,
  };
}

export function report(over: Partial<SurveyReportDto> = {}): SurveyReportDto {
  return {
    from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', interval: 'week', totals: figures(),
    series: [{ period: '2026-01-05', ...figures() }, { period: '2026-01-12', ...figures({ nps: { answered: 0, promoters: 0, passives: 0, detractors: 0, score: null } }) }],
    groups: [
      { key: 'agent_lan', name: 'Nguyễn Thị Lan', ...figures({ sent: 3 }) },
      { key: null, name: null, ...figures({ sent: 8, csat: { answered: 0, satisfied: 0, percent: null } }) },
    ],
    recovery: { opened: 4, recovered: 1, rate: 25, windowDays: 30 }, ...over,
  };
}

export function verbatim(over: Partial<SurveyVerbatimDto> = {}): SurveyVerbatimDto {
  return {
    responseId: 'svr_1', kind: 'csat', score: 1, sentiment: 'negative',
    answers: [{ questionId: 'better', question: 'Chúng tôi có thể làm gì tốt hơn?', text: 'Giao hàng chậm quá, shop cần cải thiện' }],
    contact: { id: 'contact_1', name: 'Phạm Thu Hà' }, conversationId: 'cv_1', agentId: 'agent_lan', channel: 'web_chat',
    recoveryConversationId: 'cv_2', createdAt: at(5), ...over,
  };
}

export function balance(over: Partial<ExperienceBalanceDto> = {}): ExperienceBalanceDto {
  return {
    contactId: 'contact_1', positive: 3, negative: 2, neutral: 0, goodNeeded: 21, ratio: 12, state: 'repairing',
    recent: [
      { source: 'csat', sentiment: 'negative', score: 1, conversationId: 'cv_1', at: at(10) },
      { source: 'nps', sentiment: 'positive', score: 10, conversationId: null, at: at(5) },
      { source: 'triage', sentiment: 'negative', score: null, conversationId: 'cv_0', at: at(1) },
    ],
    ...over,
  };
}
