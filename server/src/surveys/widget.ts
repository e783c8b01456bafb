import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { surveyCommentInput, surveyScoreInput, type SurveyLocale } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { readJson, readQuery } from '../platform/http/body.ts';
import { createRateLimiter } from '../platform/http/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { authenticateVisitor, originAllowed, resolveWidgetInbox } from '../inboxes/web-chat/service.ts';
import { allowOrigin, widgetPreflight } from '../inboxes/web-chat/cors.ts';
import { answerFollowUps, answerScore, openForVisitor, viewOf } from './answers.ts';

/**
 * Mounted under /api/widget: the inline survey of the chat. Authenticated like the rest of the
 * widget surface — the inbox token names the workspace, the visitor token the contact — and a
 * visitor sees and answers only the surveys sent to them in this workspace.
 */
export function createSurveyWidgetRoutes() {
  const perIp = createRateLimiter({ limit: 300, windowMs: 60_000 });
  const answersPerVisitor = createRateLimiter({ limit: 20, windowMs: 10 * 60_000 });

  async function open(c: Context<AppEnv>, write: boolean) {
    const deps = c.var.deps;
    perIp(`survey:${c.var.ip ?? 'unknown'}`);
    const inbox = await resolveWidgetInbox(deps, c.req.header('x-careloop-inbox') ?? c.req.query('inbox'));
    const origin = c.req.header('origin');
    if (!originAllowed(inbox, origin, deps.config.publicUrl)) throw new AppError('origin_not_allowed', 'This website may not use this chat widget');
    if (origin) allowOrigin(c, origin);
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const visitor = await authenticateVisitor(deps, inbox, bearer);
    if (!visitor) throw new AppError('unauthenticated', 'Start a chat session first');
    if (write) answersPerVisitor(`v:${visitor.id}`);
    const ctx: Ctx = {
      deps, db: deps.db, workspaceId: inbox.workspace_id, log: deps.log.child({ ws: inbox.workspace_id, inbox: inbox.id }), ip: c.var.ip,
      actor: { type: 'contact', contactId: visitor.contact_id, inboxId: inbox.id, visitorSessionId: visitor.id },
    };
    const survey = await openForVisitor(ctx, c.req.param('id') ?? '', visitor.contact_id);
    const { lang } = readQuery(c, z.object({ lang: z.enum(['vi', 'en']).optional() }));
    const locale: SurveyLocale = lang ?? survey.send.locale;
    c.header('cache-control', 'no-store');
    return { survey, locale };
  }

  return new Hono<AppEnv>()
    .options('/surveys/*', widgetPreflight)
    .get('/surveys/:id', async (c) => {
      const { survey, locale } = await open(c, false);
      return c.json(await viewOf(survey, locale));
    })
    .post('/surveys/:id/score', async (c) => {
      const { survey, locale } = await open(c, true);
      const { score } = await readJson(c, surveyScoreInput);
      return c.json(await viewOf(await answerScore(survey, score, 'widget'), locale), 201);
    })
    .post('/surveys/:id/comment', async (c) => {
      const { survey, locale } = await open(c, true);
      const { answers } = await readJson(c, surveyCommentInput);
      return c.json(await viewOf(await answerFollowUps(survey, answers), locale));
    });
}
