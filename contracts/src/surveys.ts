import { z } from 'zod';
import { pageQuery } from './common.ts';
import { segmentNames, type SegmentName } from './analytics.ts';

/**
 * Surveys (issue 8 §1): CSAT after a conversation is resolved, NPS campaigns to customer segments,
 * an optional CES; answered inline in the widget or on a public signed page; low scores open a
 * recovery conversation. Scores: CSAT 1–5, NPS 0–10, CES 1–7 (7 = very easy).
 */
export const surveyKinds = ['csat', 'nps', 'ces'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
/** How a scale is drawn: stars or faces (CSAT, CES), numbered buttons (any; NPS always). */
export const surveyDisplays = ['stars', 'faces', 'numbers'] as const;
export type SurveyDisplay = (typeof surveyDisplays)[number];
export const surveyLocales = ['vi', 'en'] as const;
export type SurveyLocale = (typeof surveyLocales)[number];

export const surveyScales: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

export type ScoreSentiment = 'positive' | 'neutral' | 'negative';

/** CSAT 4–5 good, 1–2 bad; NPS promoters 9–10, detractors 0–6; CES 6–7 easy, 1–3 hard. */
export function sentimentOfScore(kind: SurveyKind, score: number): ScoreSentiment {
  if (kind === 'nps') return score >= 9 ? 'positive' : score <= 6 ? 'negative' : 'neutral';
  if (kind === 'ces') return score >= 6 ? 'positive' : score <= 3 ? 'negative' : 'neutral';
  return score >= 4 ? 'positive' : score <= 2 ? 'negative' : 'neutral';
}

export const isValidScore = (kind: SurveyKind, score: number) =>
  Number.isInteger(score) && score >= surveyScales[kind].min && score <= surveyScales[kind].max;

export const surveyLimits = {
  nameChars: 120,
  textChars: 500,
  followUps: 3,
  answerChars: 2000,
  searchChars: 200,
  /** How long an answered score may still get its follow-up comment. */
  commentWindowHours: 24,
} as const;

const text = z.string().trim().min(1).max(surveyLimits.textChars);

/** `{shop}` in any text becomes the shop's name; invitations must carry `{link}`. */
export const surveyTextsInput = z.object({
  question: text,
  invitation: text.refine((s) => s.includes('{link}'), 'Put {link} where the survey link goes'),
  thanks: text,
});
export type SurveyTexts = z.output<typeof surveyTextsInput>;

export const followUpWhen = ['any', 'negative', 'neutral', 'positive'] as const;
export const followUpInput = z.object({
  id: z.string().trim().min(1).max(20).regex(/^[a-z0-9_-]+$/),
  /** Shown only after a score of this sentiment ("What could we do better?" after a bad one). */
  when: z.enum(followUpWhen).default('any'),
  vi: text,
  en: text,
});
export type FollowUp = z.output<typeof followUpInput>;

const money = z.number().int().min(1).max(100_000_000);
/** A thank-you voucher for completing the survey (through compensation; its cost is in đồng). */
export const surveyRewardInput = z.object({
  voucherType: z.enum(['fixed', 'percent']),
  /** Đồng for fixed, 1–100 for percent. */
  value: money,
  /** Percent vouchers need a cap (their cost). */
  maxDiscount: money.nullable().default(null),
  minOrder: z.number().int().min(0).max(1_000_000_000).default(0),
  expiresInDays: z.number().int().min(1).max(365).default(30),
}).refine((r) => r.voucherType === 'fixed' || (r.value <= 100 && r.maxDiscount !== null), {
  message: 'A percent voucher is 1–100 % with a maxDiscount', path: ['maxDiscount'],
});
export type SurveyReward = z.output<typeof surveyRewardInput>;

export const surveyDefinitionInput = z.object({
  name: z.string().trim().min(1).max(surveyLimits.nameChars),
  kind: z.enum(surveyKinds),
  enabled: z.boolean().default(true),
  display: z.enum(surveyDisplays).default('stars'),
  texts: z.object({ vi: surveyTextsInput, en: surveyTextsInput }),
  followUps: z.array(followUpInput).max(surveyLimits.followUps).default([])
    .refine((f) => new Set(f.map((q) => q.id)).size === f.length, 'Follow-up ids must differ'),
  reward: surveyRewardInput.nullable().default(null),
});
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionInput>;

export interface SurveyDefinitionDto {
  id: string;
  name: string;
  kind: SurveyKind;
  enabled: boolean;
  display: SurveyDisplay;
  /** A built-in survey (made on first use) rather than one an admin added. */
  builtin: string | null;
  texts: Record<SurveyLocale, SurveyTexts>;
  followUps: FollowUp[];
  reward: SurveyReward | null;
  createdAt: string;
  updatedAt: string;
}

export const surveySettingsInput = z.object({
  /** The survey sent when a conversation is resolved (a CSAT or CES definition); null = off. */
  resolveSurveyId: z.string().max(64).nullable().default(null),
  /** Minutes after resolving before it goes out (0 = at once, while the visitor is still there). */
  delayMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
  /** A customer surveyed in the last N days is not surveyed again on resolve. */
  cooldownDays: z.number().int().min(0).max(365).default(7),
  /** Never survey a conversation flagged upset (agents can also turn it off per conversation). */
  skipUpset: z.boolean().default(false),
  /** How long a survey link stays valid. */
  linkDays: z.number().int().min(1).max(90).default(14),
  recovery: z.object({
    enabled: z.boolean().default(true),
    /** Scores at or below these open a recovery conversation. */
    csatMax: z.number().int().min(1).max(5).default(2),
    npsMax: z.number().int().min(0).max(10).default(6),
    cesMax: z.number().int().min(1).max(7).default(3),
    /** An order within this many days after the recovery counts as recovered. */
    windowDays: z.number().int().min(1).max(365).default(30),
  }).default({ enabled: true, csatMax: 2, npsMax: 6, cesMax: 3, windowDays: 30 }),
  /** Campaigns do not send between these local hours (from ≤ hour < to, across midnight allowed). */
  quietFrom: z.number().int().min(0).max(23).default(21),
  quietTo: z.number().int().min(0).max(23).default(8),
});
export type SurveySettings = z.output<typeof surveySettingsInput>;
export type SurveySettingsDto = SurveySettings;

export const surveyAudienceInput = z.object({
  /** RFM segments (analytics); empty = any segment. */
  segments: z.array(z.enum(segmentNames)).max(segmentNames.length).default([]),
  vipOnly: z.boolean().default(false),
  /** Customers whose first order was this many days ago (e.g. 30). */
  daysAfterFirstOrder: z.number().int().min(1).max(3650).nullable().default(null),
});
export type SurveyAudience = z.output<typeof surveyAudienceInput>;

export const surveyCampaignInput = z.object({
  name: z.string().trim().min(1).max(surveyLimits.nameChars),
  surveyId: z.string().min(1).max(64),
  enabled: z.boolean().default(true),
  audience: surveyAudienceInput.refine((a) => a.segments.length > 0 || a.vipOnly || a.daysAfterFirstOrder !== null, 'Choose segments, VIP or days after the first order'),
  /** A customer gets at most one survey of this kind in this many days. */
  cooldownDays: z.number().int().min(1).max(730).default(90),
  maxPerRun: z.number().int().min(1).max(5000).default(500),
});
export type SurveyCampaignInput = z.input<typeof surveyCampaignInput>;

export interface SurveyCampaignDto {
  id: string;
  name: string;
  surveyId: string;
  enabled: boolean;
  audience: { segments: SegmentName[]; vipOnly: boolean; daysAfterFirstOrder: number | null };
  cooldownDays: number;
  maxPerRun: number;
  lastRunAt: string | null;
  stats: { sent: number; answered: number; skipped: number };
  createdAt: string;
}

export interface CampaignRunDto { candidates: number; sent: number; skipped: Record<string, number>; quiet: boolean }

/** An agent turns the survey off for one conversation (an upset customer should not be asked). */
export const surveyOptOutInput = z.object({ optOut: z.boolean() });

export const surveyReportGroups = ['agent', 'channel', 'team'] as const;
const isoDateTime = z.string().datetime({ offset: true });
export const surveyReportQuery = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  groupBy: z.enum(surveyReportGroups).optional(),
  interval: z.enum(['week', 'month']).default('week'),
});
export type SurveyReportQuery = z.output<typeof surveyReportQuery>;

export interface CsatFigures { answered: number; satisfied: number; percent: number | null }
export interface NpsFigures { answered: number; promoters: number; passives: number; detractors: number; score: number | null }
export interface SurveyFigures {
  sent: number;
  answered: number;
  responseRate: number | null;
  csat: CsatFigures;
  nps: NpsFigures;
  ces: { answered: number; average: number | null };
}
export interface SurveyReportDto {
  from: string;
  to: string;
  interval: 'week' | 'month';
  totals: SurveyFigures;
  /** Periods start on Monday (week) or the 1st (month), in the workspace's time zone. */
  series: (SurveyFigures & { period: string })[];
  groups: (SurveyFigures & { key: string | null; name: string | null })[] | null;
  recovery: { opened: number; recovered: number; rate: number | null; windowDays: number };
}

export const surveyVerbatimQuery = pageQuery.extend({
  q: z.string().trim().max(surveyLimits.searchChars).optional(),
  kind: z.enum(surveyKinds).optional(),
  sentiment: z.enum(['positive', 'neutral', 'negative']).optional(),
});
export type SurveyVerbatimQuery = z.output<typeof surveyVerbatimQuery>;

export interface SurveyVerbatimDto {
  responseId: string;
  kind: SurveyKind;
  score: number;
  sentiment: ScoreSentiment;
  answers: { questionId: string; question: string; text: string }[];
  contact: { id: string; name: string | null } | null;
  conversationId: string | null;
  agentId: string | null;
  channel: string | null;
  recoveryConversationId: string | null;
  createdAt: string;
}

export interface ExperienceItemDto {
  source: 'csat' | 'nps' | 'ces' | 'triage';
  sentiment: ScoreSentiment;
  score: number | null;
  conversationId: string | null;
  at: string;
}
/** "One bad experience takes about twelve good ones to repair": the balance for the contact sidebar. */
export interface ExperienceBalanceDto {
  contactId: string;
  positive: number;
  negative: number;
  neutral: number;
  /** Good experiences still needed to make up for the bad ones (12 per bad one), 0 when repaired. */
  goodNeeded: number;
  ratio: 12;
  state: 'none' | 'healthy' | 'repairing' | 'at_risk';
  recent: ExperienceItemDto[];
}

export interface ConversationSurveyDto {
  optedOut: boolean;
  sends: {
    id: string; kind: SurveyKind; status: string; skipReason: string | null; via: string | null; createdAt: string; score: number | null; answeredAt: string | null;
    /** The customer's written answers to the follow-up questions (untrusted text: escape when shown). */
    answers: { questionId: string; text: string }[];
    /** The conversation a low score opened, if any. */
    recoveryConversationId: string | null;
  }[];
}

// The answering surfaces ---------------------------------------------------------------------

export const surveyScoreInput = z.object({ score: z.number().int().min(0).max(10) });
export const surveyCommentInput = z.object({
  answers: z.array(z.object({
    questionId: z.string().min(1).max(20),
    text: z.string().trim().max(surveyLimits.answerChars),
  })).min(1).max(surveyLimits.followUps),
});

/** What the widget (or the public page) shows for one survey, in one language. */
export interface PublicSurveyDto {
  id: string;
  kind: SurveyKind;
  display: SurveyDisplay;
  scale: { min: number; max: number };
  question: string;
  thanks: string;
  state: 'open' | 'follow_up' | 'done' | 'expired';
  score: number | null;
  /** The follow-up questions for the given score (after it is answered). */
  followUps: { id: string; label: string }[];
  reward: { code: string; description: string; expiresAt: string | null } | null;
}
