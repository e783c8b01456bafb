import {
  fold, sentimentOfScore,
  type ExperienceBalanceDto, type ExperienceItemDto, type Page, type SurveyFigures, type SurveyReportDto, type SurveyReportQuery,
  type SurveyVerbatimDto, type SurveyVerbatimQuery,
} from '@careloop/contracts';
import { nowOf, type Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { agentDirectory, listTeams } from '../agents/service.ts';
import { countPurchasesAfter } from '../commerce/service.ts';
import { contactFamilyOf, getContactRow, listContactSummaries } from '../contacts/service.ts';
import { listContactConversations } from '../conversations/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { readSurveySettings } from './service.ts';
import * as store from './store.ts';
import * as reports from './store-report.ts';

const dayMs = 86_400_000;
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** CSAT % = 4–5 of all CSAT answers; NPS = % promoters − % detractors; response rate = answered / sent. */
export function figuresOf(rows: reports.FigureRow[]): SurveyFigures {
  const sum = (k: keyof reports.FigureRow) => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0);
  const nps = { answered: sum('nps_answered'), promoters: sum('promoters'), passives: sum('passives'), detractors: sum('detractors') };
  const ces = sum('ces_answered');
  return {
    sent: sum('sent'), answered: sum('answered'), responseRate: ratio(sum('answered'), sum('sent')),
    csat: { answered: sum('csat_answered'), satisfied: sum('csat_satisfied'), percent: ratio(sum('csat_satisfied'), sum('csat_answered')) },
    nps: { ...nps, score: nps.answered > 0 ? Math.round(((nps.promoters - nps.detractors) / nps.answered) * 1000) / 10 : null },
    ces: { answered: ces, average: ces > 0 ? Math.round((sum('ces_sum') / ces) * 100) / 100 : null },
  };
}

function rangeOf(q: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 90 * dayMs);
  if (from >= to) throw new AppError('validation_failed', 'from must be before to', { field: 'from' });
  if (to.getTime() - from.getTime() > 2 * 366 * dayMs) throw new AppError('validation_failed', 'At most two years at a time', { field: 'from' });
  return { from, to };
}

/** The survey dashboard: totals, a series per week or month, figures per agent, channel or team, and recovery. */
export async function getSurveyReport(ctx: Ctx, q: SurveyReportQuery): Promise<SurveyReportDto> {
  requireRole(ctx.actor, 'supervisor');
  const { from, to } = rangeOf(q, nowOf(ctx.deps));
  const [{ timezone }, settings] = await Promise.all([getWorkspace(ctx), readSurveySettings(ctx)]);
  const range = { from, to, timezone };
  const [totals, series, groups, recoveries] = await Promise.all([
    reports.figures(ctx.db, ctx.workspaceId, range, {}),
    reports.figures(ctx.db, ctx.workspaceId, range, { interval: q.interval }),
    q.groupBy ? reports.figures(ctx.db, ctx.workspaceId, range, { group: q.groupBy }) : Promise.resolve(null),
    reports.recoveriesBetween(ctx.db, ctx.workspaceId, from, to),
  ]);
  const recovered = await countPurchasesAfter(ctx, recoveries.map((r) => ({ contactId: r.contact_id!, at: r.recovery_at! })), settings.recovery.windowDays);
  return {
    from: from.toISOString(), to: to.toISOString(), interval: q.interval,
    totals: figuresOf(totals),
    series: series.map((r) => ({ period: r.period!, ...figuresOf([r]) })),
    groups: groups ? await namedGroups(ctx, q.groupBy!, groups) : null,
    recovery: { opened: recoveries.length, recovered, rate: ratio(recovered, recoveries.length), windowDays: settings.recovery.windowDays },
  };
}

/** Figures per agent, channel or team for other features (the service reports' agent table); the caller checks permissions. */
export async function surveyFiguresBy(ctx: Ctx, range: { from: Date; to: Date }, group: 'agent' | 'channel' | 'team') {
  const { timezone } = await getWorkspace(ctx);
  return (await reports.figures(ctx.db, ctx.workspaceId, { ...range, timezone }, { group })).map((r) => ({ key: r.key, ...figuresOf([r]) }));
}

async function namedGroups(ctx: Ctx, by: 'agent' | 'channel' | 'team', rows: reports.FigureRow[]) {
  const names = new Map<string, string>();
  if (by === 'agent') for (const a of await agentDirectory(ctx)) names.set(a.id, a.name);
  if (by === 'team') for (const t of await listTeams(ctx)) names.set(t.id, t.name);
  return rows.map((r) => ({ key: r.key, name: r.key === null ? null : by === 'channel' ? r.key : names.get(r.key) ?? null, ...figuresOf([r]) }));
}

/** What customers wrote, newest first, searchable without diacritics ("giao hang cham" finds "giao hàng chậm"). */
export async function listVerbatims(ctx: Ctx, q: SurveyVerbatimQuery): Promise<Page<SurveyVerbatimDto>> {
  requireRole(ctx.actor, 'supervisor');
  const cursor = decodeCursor(q.cursor);
  const folded = q.q ? fold(q.q).trim() : '';
  const rows = await reports.listVerbatims(ctx.db, ctx.workspaceId, {
    ...(folded ? { folded } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.sentiment ? { sentiment: q.sentiment } : {}),
    ...(cursor ? { before: { at: new Date(String(cursor[0])), id: String(cursor[1]) } } : {}), limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (r) => [r.created_at.toISOString(), r.id]);
  const [contacts, definitions] = await Promise.all([
    listContactSummaries(ctx, [...new Set(page.items.map((r) => r.contact_id).filter((id): id is string => id !== null))]),
    store.listDefinitions(ctx.db, ctx.workspaceId),
  ]);
  const locale = (await getWorkspace(ctx)).locale === 'en' ? 'en' : 'vi';
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const questions = definitions.find((d) => d.id === r.survey_id)?.follow_ups ?? [];
      const contact = contacts.find((c) => c.id === r.contact_id);
      return {
        responseId: r.id, kind: r.kind, score: r.score, sentiment: sentimentOfScore(r.kind, r.score),
        answers: r.answers.filter((a) => a.text).map((a) => ({ questionId: a.questionId, question: questions.find((f) => f.id === a.questionId)?.[locale] ?? a.questionId, text: a.text })),
        contact: r.contact_id ? { id: r.contact_id, name: contact?.name ?? null } : null,
        conversationId: r.conversation_id, agentId: r.agent_id, channel: r.channel, recoveryConversationId: r.recovery_conversation_id,
        createdAt: r.created_at.toISOString(),
      };
    }),
  };
}

/** One bad experience takes about twelve good ones to repair. */
const repairRatio = 12;

/**
 * A customer's experiences for the contact sidebar: every survey answer (CSAT, NPS, CES) and every
 * conversation triage found negative that no answer speaks for.
 */
export async function getExperienceBalance(ctx: Ctx, contactId: string): Promise<ExperienceBalanceDto> {
  requireScope(ctx.actor, 'conversations:read');
  await getContactRow(ctx, contactId);
  const family = await contactFamilyOf(ctx, contactId);
  const [answers, conversations] = await Promise.all([
    reports.responsesOfContacts(ctx.db, ctx.workspaceId, family), listContactConversations(ctx, contactId),
  ]);
  // A recovery conversation opens with the customer's own low score: that bad experience is counted
  // once, by its answer, not again by the recovery conversation's triage.
  const answered = new Set(answers.flatMap((a) => [a.conversation_id, a.recovery_conversation_id].filter((id): id is string => id !== null)));
  const items: ExperienceItemDto[] = [
    ...answers.map((a) => ({ source: a.kind, sentiment: sentimentOfScore(a.kind, a.score), score: a.score, conversationId: a.conversation_id, at: a.created_at.toISOString() })),
    ...conversations.filter((c) => (c.triage?.sentiment === 'negative' || c.upsetAt !== null) && !answered.has(c.id))
      .map((c) => ({ source: 'triage' as const, sentiment: 'negative' as const, score: null, conversationId: c.id, at: c.upsetAt ?? c.createdAt })),
  ].sort((a, b) => (a.at < b.at ? 1 : -1));
  const count = (s: ExperienceItemDto['sentiment']) => items.filter((i) => i.sentiment === s).length;
  const positive = count('positive');
  const negative = count('negative');
  const state = negative === 0 ? (positive > 0 ? 'healthy' : 'none') : positive >= negative * repairRatio ? 'healthy' : positive >= negative ? 'repairing' : 'at_risk';
  return {
    contactId, positive, negative, neutral: count('neutral'), goodNeeded: Math.max(0, negative * repairRatio - positive), ratio: repairRatio,
    state, recent: items.slice(0, 20),
  };
}
