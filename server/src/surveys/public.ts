import { Hono, type Context } from 'hono';
import { errorCodes, type SurveyLocale } from '@careloop/contracts';
import { systemCtx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { createRateLimiter } from '../platform/http/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { newSecret } from '../platform/ids.ts';
import { listInboxes } from '../inboxes/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { answerFollowUps, answerScore, openByToken, viewOf, type OpenedSurvey } from './answers.ts';
import { renderDone, renderFollowUpForm, renderMessage, renderScoreForm, surveyCsp, type PageBase } from './pages.ts';
import { say, type SurveyText } from './strings.ts';

type SurveyContext = Context<AppEnv>;
const formBytes = 16 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

function html(c: SurveyContext, p: PageBase, body: string, status = 200) {
  c.header('content-security-policy', surveyCsp(p.nonce));
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
  c.header('cache-control', 'no-store');
  return c.html(body, status as 200);
}

/** The shop's name and its web chat colour brand the page. */
async function baseOf(deps: Deps, survey: OpenedSurvey | null, locale: SurveyLocale, url: string | null): Promise<PageBase> {
  const nonce = newSecret(12);
  if (!survey) return { shop: locale === 'vi' ? 'Khảo sát' : 'Survey', color: '#1c7ed6', locale, nonce, otherLanguageUrl: null };
  const ctx = systemCtx(deps, survey.send.workspace_id);
  const [workspace, inboxes] = await Promise.all([getWorkspace(ctx), listInboxes(ctx)]);
  const color = inboxes.find((i) => i.channel === 'web_chat' && i.settings)?.settings?.color ?? '#1c7ed6';
  const other = locale === 'vi' ? 'en' : 'vi';
  return { shop: workspace.name, color, locale, nonce, otherLanguageUrl: url ? `${url}?lang=${other}` : null };
}

const localeOf = (c: SurveyContext, survey: OpenedSurvey | null): SurveyLocale => {
  const lang = c.req.query('lang');
  return lang === 'vi' || lang === 'en' ? lang : survey?.send.locale ?? 'vi';
};

/** Refusals as pages: tampered → invalid (400), genuine but old → expired (410), answered → 409. */
function refusal(err: AppError): { key: SurveyText; status: number } {
  const reason = (err.details as { reason?: string } | undefined)?.reason;
  if (err.code === 'rate_limited') return { key: 'rateLimited', status: 429 };
  if (reason === 'already_answered') return { key: 'alreadyAnswered', status: 409 };
  if (reason === 'expired') return { key: 'expired', status: 410 };
  if (err.code === 'validation_failed') return { key: (err.details as { field?: string } | undefined)?.field === 'score' ? 'badScore' : 'invalid', status: 400 };
  return { key: 'invalid', status: errorCodes[err.code] ?? 400 };
}

/**
 * Public: `/s/<token>`, the survey behind a signed link (tokens.ts). Server-rendered in Vietnamese
 * or English, answerable without JavaScript. Limits live with the router instance, so each app
 * (and each test) counts on its own.
 */
export function createSurveyPublicRoutes() {
  const pagesPerIp = createRateLimiter({ limit: 120, windowMs: 60_000 });
  const answersPerIp = createRateLimiter({ limit: 20, windowMs: 10 * 60_000 });

  async function load(c: SurveyContext) {
    pagesPerIp(`ip:${c.var.ip ?? 'unknown'}`);
    const token = c.req.param('token') ?? '';
    const { verdict, survey } = await openByToken(c.var.deps, token);
    const locale = localeOf(c, survey);
    const url = `${c.var.deps.config.publicUrl}/s/${token}`;
    return { verdict, survey, locale, url, page: await baseOf(c.var.deps, survey, locale, survey ? url : null) };
  }

  async function answer(c: SurveyContext, write: (survey: OpenedSurvey, form: URLSearchParams) => Promise<unknown>) {
    const { verdict, survey, locale, url, page } = await load(c);
    try {
      answersPerIp(`ip:${c.var.ip ?? 'unknown'}`);
      if (verdict === 'invalid' || !survey) throw new AppError('bad_request', 'Invalid link', { reason: 'invalid' });
      if (verdict === 'expired' && !survey.response) throw new AppError('bad_request', 'Expired', { reason: 'expired' });
      await write(survey, await readForm(c));
      return c.redirect(`${url}?lang=${locale}&thanks=1`, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const { key, status } = refusal(err);
      if (status === 429) c.header('retry-after', String((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60));
      if (key === 'badScore' && survey) return html(c, page, renderScoreForm(page, await viewOf(survey, locale), url, say(locale, key)), status);
      return html(c, page, renderMessage(page, say(locale, key)), status);
    }
  }

  return new Hono<AppEnv>()
    .get('/:token', async (c) => {
      const { verdict, survey, locale, url, page } = await load(c);
      if (verdict === 'invalid' || !survey) return html(c, page, renderMessage(page, say(locale, 'invalid')), 400);
      if (verdict === 'expired' && !survey.response) return html(c, page, renderMessage(page, say(locale, 'expired')), 410);
      const view = await viewOf(survey, locale);
      if (view.state === 'expired') return html(c, page, renderMessage(page, say(locale, 'expired')), 410);
      if (view.state === 'open') return html(c, page, renderScoreForm(page, view, url));
      if (view.state === 'follow_up') return html(c, page, renderFollowUpForm(page, view, `${url}/comment`));
      return html(c, page, renderDone(page, view, c.req.query('thanks') !== '1'));
    })
    .post('/:token', (c) => answer(c, (survey, form) => {
      const raw = form.get('score') ?? '';
      if (!/^\d{1,2}$/.test(raw)) throw new AppError('validation_failed', 'Choose a score', { field: 'score' });
      return answerScore(survey, Number(raw), 'link');
    }))
    .post('/:token/comment', (c) => answer(c, (survey, form) => {
      const skip = form.get('skip') === '1';
      const answers = [...form.entries()].filter(([k]) => /^a_[a-z0-9_-]{1,20}$/.test(k)).map(([k, v]) => ({ questionId: k.slice(2), text: skip ? '' : v }));
      return answerFollowUps(survey, answers);
    }));
}

/** The form body: urlencoded, small, strict UTF-8. */
async function readForm(c: SurveyContext): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type', 'Send the form');
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > formBytes) throw new AppError('payload_too_large', 'The form is too large');
  try {
    return new URLSearchParams(decoder.decode(bytes));
  } catch {
    throw new AppError('invalid_encoding', 'The body is not valid UTF-8');
  }
}
