import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { systemCtx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { readJson, readQuery } from '../platform/http/body.ts';
import { createRateLimiter } from '../platform/http/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { authenticateVisitor, originAllowed, resolveWidgetInbox } from '../inboxes/web-chat/service.ts';
import { allowOrigin, widgetPreflight } from '../inboxes/web-chat/cors.ts';
import { helpDeflectionInput, helpLimits } from '@careloop/contracts';
import * as portal from './portal.ts';
import { ensurePublicKey } from './service.ts';

/**
 * Mounted under /api/widget: suggestions while the visitor types, and the click on one (the raw
 * event of the deflection metric). Authenticated like the rest of the widget surface — the inbox
 * token names the workspace, the optional visitor token names the contact — but on its own, so it
 * does not depend on the order routers are mounted in.
 */
export function createHelpWidgetRoutes() {
  const perIp = createRateLimiter({ limit: 300, windowMs: 60_000 });

  /** The site of the widget's workspace; the visitor only where the request needs to know who they are. */
  async function open(c: Context<AppEnv>, opts: { visitor: boolean }) {
    const deps = c.var.deps;
    perIp(`help:${c.var.ip ?? 'unknown'}`);
    const inbox = await resolveWidgetInbox(deps, c.req.header('x-careloop-inbox') ?? c.req.query('inbox'));
    const origin = c.req.header('origin');
    if (!originAllowed(inbox, origin, deps.config.publicUrl)) throw new AppError('origin_not_allowed', 'This website may not use this chat widget');
    if (origin) allowOrigin(c, origin);
    const key = await ensurePublicKey(systemCtx(deps, inbox.workspace_id), inbox.workspace_name);
    const site = await portal.resolveHelpSite(deps, key);
    if (!site) throw new AppError('not_found', 'No help center');
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const visitor = opts.visitor ? await authenticateVisitor(deps, inbox, bearer) : null;
    return { deps, site, visitor };
  }

  return new Hono<AppEnv>()
    .options('/help/*', widgetPreflight)
    .get('/help/suggest', async (c) => {
      const { deps, site } = await open(c, { visitor: false }); // asked at every keystroke: no visitor lookup
      const { q, lang } = readQuery(c, z.object({ q: z.string().max(helpLimits.searchQueryChars).default(''), lang: z.enum(['vi', 'en']).optional() }));
      const locale = portal.pickHelpLocale(site, lang, c.req.header('accept-language'));
      c.header('cache-control', 'no-store');
      return c.json(await portal.suggestArticles(deps, site, q, locale));
    })
    .post('/help/deflection', async (c) => {
      const { deps, site, visitor } = await open(c, { visitor: true });
      const input = await readJson(c, helpDeflectionInput);
      await portal.recordSuggestionClick(deps, site, input.articleId, visitor?.contact_id ?? null, input.source);
      return c.json({ ok: true }, 201);
    });
}
