import {
  fold, isValidScore, sentimentOfScore, surveyLimits, surveyScales,
  type PublicSurveyDto, type SurveyLocale, type VoucherDto,
} from '@careloop/contracts';
import { inTransaction, nowOf, systemCtx, type Ctx, type Deps } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { queueAutomations } from '../automations/service.ts';
import { grantSystemVoucher, listVouchers } from '../compensation/service.ts';
import { sendSystemMessage } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { builtinSurveys, withShop } from './defaults.ts';
import type { SurveyAnswer, SurveyRow } from './schema.ts';
import { surveyId } from './service.ts';
import { say, vnd } from './strings.ts';
import { parseSurveyToken, verifySurveyToken, type TokenVerdict } from './tokens.ts';
import * as store from './store.ts';

/**
 * Answering a survey, the same for the widget (the visitor's session names the contact) and the
 * public page (the signed link names the send): one response per send, decided by a unique index;
 * the follow-up comment once, within a day; then the `surveys.process` job takes over.
 */
export const surveyProcessQueue = { name: 'surveys.process', retryLimit: 5, retryDelaySeconds: 20, expireInSeconds: 120, batchSize: 10 };
export interface SurveyProcessJob { workspaceId: string; responseId: string }
/** A bad score waits this long for its comment, so the recovery note can carry it. */
const commentGraceMs = 90_000;

export interface OpenedSurvey {
  ctx: Ctx;
  send: SurveyRow<'survey_sends'>;
  definition: SurveyRow<'survey_definitions'> | null;
  response: SurveyRow<'survey_responses'> | null;
}

async function open(ctx: Ctx, send: SurveyRow<'survey_sends'>): Promise<OpenedSurvey> {
  const [definition, response] = await Promise.all([
    send.survey_id ? store.getDefinition(ctx.db, ctx.workspaceId, send.survey_id) : Promise.resolve(undefined),
    store.getResponseOfSend(ctx.db, ctx.workspaceId, send.id),
  ]);
  return { ctx, send, definition: definition ?? null, response: response ?? null };
}

/** The public link: tampered and unknown are `invalid`; a genuine but old link is `expired` (unless answered). */
export async function openByToken(deps: Deps, token: string): Promise<{ verdict: TokenVerdict; survey: OpenedSurvey | null }> {
  const parsed = parseSurveyToken(token);
  const send = parsed ? await store.findSendById(deps.db, parsed.sendId) : undefined;
  if (!parsed || !send || send.status === 'skipped') return { verdict: 'invalid', survey: null };
  const verdict = verifySurveyToken(deps.secret, send.workspace_id, parsed, nowOf(deps));
  if (verdict === 'invalid') return { verdict, survey: null };
  return { verdict, survey: await open(systemCtx(deps, send.workspace_id), send) };
}

/** The widget: only the visitor the survey was sent to may see or answer it. */
export async function openForVisitor(ctx: Ctx, sendId: string, contactId: string): Promise<OpenedSurvey> {
  const send = await store.getSend(ctx.db, ctx.workspaceId, sendId);
  if (!send || send.contact_id !== contactId || send.status === 'skipped' || send.via !== 'widget') throw notFound('Survey');
  return open(ctx, send);
}

const isExpired = (s: OpenedSurvey) => !s.send.expires_at || s.send.expires_at.getTime() <= nowOf(s.ctx.deps).getTime();

export function followUpsFor(s: OpenedSurvey, score: number) {
  const sentiment = sentimentOfScore(s.send.kind, score);
  return (s.definition?.follow_ups ?? []).filter((q) => q.when === 'any' || q.when === sentiment);
}

export function stateOf(s: OpenedSurvey): PublicSurveyDto['state'] {
  const r = s.response;
  if (!r) return isExpired(s) ? 'expired' : 'open';
  const fresh = nowOf(s.ctx.deps).getTime() - r.created_at.getTime() < surveyLimits.commentWindowHours * 3_600_000;
  return r.answers.length === 0 && fresh && !isExpired(s) && followUpsFor(s, r.score).length > 0 ? 'follow_up' : 'done';
}

const textsOf = (s: OpenedSurvey, locale: SurveyLocale) =>
  (s.definition?.texts ?? builtinSurveys.find((b) => b.kind === s.send.kind)!.texts)[locale];

/** What the widget or the page shows, in one language. */
export async function viewOf(s: OpenedSurvey, locale: SurveyLocale): Promise<PublicSurveyDto> {
  const shop = (await getWorkspace(s.ctx)).name;
  const texts = textsOf(s, locale);
  const score = s.response?.score ?? null;
  return {
    id: s.send.id, kind: s.send.kind, display: s.send.kind === 'nps' ? 'numbers' : s.definition?.display ?? 'stars', scale: surveyScales[s.send.kind],
    question: withShop(texts.question, shop), thanks: withShop(texts.thanks, shop), state: stateOf(s), score,
    followUps: score === null ? [] : followUpsFor(s, score).map((q) => ({ id: q.id, label: q[locale] })),
    reward: await rewardOf(s, locale),
  };
}

/** Record the score: once per send. Automations hear `survey.answered`; the process job follows. */
export async function answerScore(s: OpenedSurvey, score: number, via: 'widget' | 'link'): Promise<OpenedSurvey> {
  if (!isValidScore(s.send.kind, score)) throw new AppError('validation_failed', 'The score is outside the scale', { field: 'score' });
  if (s.response) throw new AppError('conflict', 'This survey was already answered', { reason: 'already_answered' });
  if (isExpired(s)) throw new AppError('bad_request', 'This survey has expired', { reason: 'expired' });
  const waitForComment = followUpsFor(s, score).length > 0;
  const response = await inTransaction(s.ctx, async (tx) => {
    const row = await store.insertResponse(tx.db, tx.workspaceId, { id: surveyId('svr'), send_id: s.send.id, kind: s.send.kind, score, via });
    if (!row) throw new AppError('conflict', 'This survey was already answered', { reason: 'already_answered' });
    await store.updateSend(tx.db, tx.workspaceId, s.send.id, { status: 'answered', answered_at: nowOf(tx.deps) });
    if (s.send.conversation_id) await queueAutomations(tx, { trigger: 'survey.answered', conversationId: s.send.conversation_id, surveyScore: score });
    await tx.deps.jobs.enqueue(tx.db, surveyProcessQueue.name, { workspaceId: tx.workspaceId, responseId: row.id } satisfies SurveyProcessJob, {
      singletonKey: row.id, ...(waitForComment ? { startAfter: new Date(Date.now() + commentGraceMs) } : {}),
    });
    return row;
  });
  const answered = { ...s, response };
  // The thank-you is granted now so the page can show the code; the job grants it if this fails.
  const rewarded = await ensureReward(answered).catch((err: unknown) => {
    s.ctx.log.warn('surveys: thank-you voucher not granted yet', { err, responseId: response.id });
    return response;
  });
  return { ...answered, response: rewarded };
}

/** The follow-up answers: once, while the survey is in its follow-up state. Empty answers count as "skip". */
export async function answerFollowUps(s: OpenedSurvey, input: { questionId: string; text: string }[]): Promise<OpenedSurvey> {
  const state = stateOf(s);
  if (!s.response) throw new AppError('bad_request', 'Choose a score first', { reason: 'not_answered' });
  if (state !== 'follow_up') throw new AppError('conflict', 'This survey was already answered', { reason: 'already_answered' });
  const allowed = new Set(followUpsFor(s, s.response.score).map((q) => q.id));
  const answers: SurveyAnswer[] = input.filter((a) => allowed.has(a.questionId))
    .map((a) => ({ questionId: a.questionId, text: a.text.normalize('NFC').trim().slice(0, surveyLimits.answerChars) }));
  if (answers.length === 0) throw new AppError('validation_failed', 'Answer the questions shown', { field: 'answers' });
  const folded = fold(answers.map((a) => a.text).filter(Boolean).join(' \n ')).slice(0, 8000);
  const response = await inTransaction(s.ctx, async (tx) => {
    const row = await store.setAnswersOnce(tx.db, tx.workspaceId, s.response!.id, JSON.stringify(answers), folded);
    if (!row) throw new AppError('conflict', 'This survey was already answered', { reason: 'already_answered' });
    // Queued again: a job still waiting picks the comment up itself (one job per response at a time).
    await tx.deps.jobs.enqueue(tx.db, surveyProcessQueue.name, { workspaceId: tx.workspaceId, responseId: row.id } satisfies SurveyProcessJob, { singletonKey: row.id });
    return row;
  });
  return { ...s, response };
}

// The thank-you voucher ------------------------------------------------------------------------

/** Once per response (the compensation ledger's idempotency key); the code also goes out as a message. */
export async function ensureReward(answered: OpenedSurvey): Promise<SurveyRow<'survey_responses'>> {
  // The shop gives it, whoever answered: the grant and its message act as the system.
  const s = { ...answered, ctx: systemCtx(answered.ctx.deps, answered.ctx.workspaceId) };
  const response = s.response!;
  const reward = s.definition?.reward;
  const conversationId = s.send.conversation_id;
  if (!reward || !conversationId) return response;
  let voucherId = response.reward_voucher_id;
  if (!voucherId) {
    const granted = await grantSystemVoucher(s.ctx, {
      kind: 'voucher', conversationId, voucherType: reward.voucherType, value: reward.value, maxDiscount: reward.maxDiscount,
      minOrder: reward.minOrder, expiresInDays: reward.expiresInDays, reason: 'Survey thank-you', idempotencyKey: `survey-reward:${response.id}`,
    });
    voucherId = granted.voucher?.id ?? null;
    if (!voucherId) return response;
    await store.updateResponse(s.ctx.db, s.ctx.workspaceId, response.id, { reward_voucher_id: voucherId });
  }
  const voucher = await findVoucher(s, voucherId);
  if (voucher) await sendSystemMessage(s.ctx, conversationId, { body: rewardText(voucher, s.send.locale, 'rewardMessage'), clientId: `survey-reward:${response.id}` });
  return { ...response, reward_voucher_id: voucherId };
}

async function findVoucher(s: OpenedSurvey, id: string): Promise<VoucherDto | null> {
  const contactId = s.send.contact_id;
  if (!contactId) return null;
  return (await listVouchers(s.ctx, { contactId })).find((v) => v.id === id) ?? null;
}

const day = (iso: string, locale: SurveyLocale) =>
  new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

export function rewardText(v: VoucherDto, locale: SurveyLocale, key: 'rewardMessage' | 'rewardLine'): string {
  return say(locale, key, {
    code: v.code, what: say(locale, 'rewardFixed', { amount: v.kind === 'percent' ? `${v.value}%` : vnd(v.value) }),
    min: v.minOrder > 0 ? say(locale, 'rewardMin', { amount: vnd(v.minOrder) }) : '',
    until: v.expiresAt ? say(locale, 'rewardUntil', { date: day(v.expiresAt, locale) }) : '',
  });
}

async function rewardOf(s: OpenedSurvey, locale: SurveyLocale): Promise<PublicSurveyDto['reward']> {
  const id = s.response?.reward_voucher_id;
  const voucher = id ? await findVoucher(s, id) : null;
  return voucher ? { code: voucher.code, description: rewardText(voucher, locale, 'rewardLine'), expiresAt: voucher.expiresAt } : null;
}
