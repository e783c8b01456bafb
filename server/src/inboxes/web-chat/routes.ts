import { limits, orderLookupInput, widgetMessageInput, widgetOfflineInput, widgetSessionInput, widgetTypingInput } from '@careloop/contracts';
import { allowOrigin, widgetPreflight } from './cors.ts';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { readJson, readQuery, readUpload } from '../../platform/http/body.ts';
import { createRateLimiter } from '../../platform/http/rate-limit.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Row } from '../../platform/db/schema.ts';
import { uploadAttachment } from '../../attachments/service.ts';
import { markContactSeen } from '../../conversations/service.ts';
import { listVisitorMessages } from '../../messages/service.ts';
import { lookupOrderForVisitor } from '../../commerce/service.ts';
import { loyaltyForVisitor } from '../../loyalty/service.ts';
import * as widget from './service.ts';

type WidgetEnv = AppEnv & { Variables: { inbox: widget.WidgetInbox; visitor: Row<'visitor_sessions'> | null } };

/**
 * The widget surface: the public inbox token names the workspace; CORS only for the inbox's
 * allowed origins (the iframe itself is same-origin); the visitor token names the visitor.
 */
const widgetAuth = (perIp: (key: string) => void, perVisitorWrites: (key: string) => void) => createMiddleware<WidgetEnv>(async (c, next) => {
  const deps = c.var.deps;
  const origin = c.req.header('origin');
  perIp(`ip:${c.var.ip ?? 'unknown'}`);
  const inbox = await widget.resolveWidgetInbox(deps, c.req.header('x-careloop-inbox') ?? c.req.query('inbox'));
  if (!widget.originAllowed(inbox, origin, deps.config.publicUrl)) throw new AppError('origin_not_allowed', 'This website may not use this chat widget');
  if (origin) allowOrigin(c, origin);
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const visitor = await widget.authenticateVisitor(deps, inbox, bearer);
  c.set('inbox', inbox);
  c.set('visitor', visitor);
  c.set('ctx', {
    deps, db: deps.db, workspaceId: inbox.workspace_id, log: deps.log.child({ ws: inbox.workspace_id, inbox: inbox.id }), ip: c.var.ip,
    actor: visitor ? { type: 'contact', contactId: visitor.contact_id, inboxId: inbox.id, visitorSessionId: visitor.id } : { type: 'system' },
  });
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) perVisitorWrites(`v:${visitor?.id ?? c.var.ip}`);
  await next();
});

function requireVisitor(visitor: Row<'visitor_sessions'> | null): Row<'visitor_sessions'> {
  if (!visitor) throw new AppError('unauthenticated', 'Start a chat session first');
  return visitor;
}

/** Rate limits live with the router instance, so each app (and each test) counts on its own. */
export function createWidgetRoutes() {
  const perIp = createRateLimiter({ limit: 300, windowMs: 60_000 });
  const perVisitorWrites = createRateLimiter({ limit: 30, windowMs: 10_000 });
  const sessionsPerIp = createRateLimiter({ limit: 30, windowMs: 60_000 });
  // Guessing order number + phone pairs must be slow: a few tries per visitor, a few more per address.
  const lookupsPerVisitor = createRateLimiter({ limit: 5, windowMs: 10 * 60_000 });
  const lookupsPerIp = createRateLimiter({ limit: 20, windowMs: 10 * 60_000 });
  return new Hono<WidgetEnv>()
  .options('*', widgetPreflight)
  .use('*', widgetAuth(perIp, perVisitorWrites))
  .get('/config', async (c) => c.json(await widget.widgetConfig(c.var.ctx, c.var.inbox, c.req.query('locale') ?? c.req.header('accept-language'))))
  .post('/session', async (c) => {
    sessionsPerIp(`s:${c.var.ip ?? 'unknown'}`);
    return c.json(await widget.startVisitorSession(c.var.ctx, c.var.inbox, c.var.visitor, await readJson(c, widgetSessionInput)));
  })
  .get('/messages', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    const { after } = readQuery(c, z.object({ after: z.string().max(64).optional() }));
    return c.json(await listVisitorMessages(c.var.ctx, visitor.contact_id, visitor.inbox_id, after));
  })
  .post('/messages', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    return c.json(await widget.sendVisitorMessage(c.var.ctx, visitor, await readJson(c, widgetMessageInput)), 201);
  })
  .post('/attachments', async (c) => {
    requireVisitor(c.var.visitor);
    const file = await readUpload(c, limits.attachmentBytes);
    const dto = await uploadAttachment(c.var.ctx, file, { imagesOnly: true });
    return c.json({ id: dto.id, filename: dto.filename, contentType: dto.contentType, url: dto.url }, 201);
  })
  .get('/queue', async (c) => c.json({ queue: await widget.visitorQueuePosition(c.var.ctx, requireVisitor(c.var.visitor)) }))
  .post('/typing', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    await widget.visitorTyping(c.var.ctx, visitor, (await readJson(c, widgetTypingInput)).typing);
    return c.json({ ok: true });
  })
  .post('/read', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    await markContactSeen(c.var.ctx, visitor.inbox_id, visitor.contact_id);
    return c.json({ ok: true });
  })
  .post('/orders/lookup', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    lookupsPerIp(`ip:${c.var.ip ?? 'unknown'}`);
    lookupsPerVisitor(`v:${visitor.id}`);
    return c.json(await lookupOrderForVisitor(c.var.ctx, await readJson(c, orderLookupInput)));
  })
  /** Points and tier only for a visitor the shop vouched for (identity verification). */
  .get('/loyalty', async (c) => {
    const visitor = requireVisitor(c.var.visitor);
    if (!visitor.verified_identifier) return c.json({ verified: false, loyalty: null });
    return c.json({ verified: true, loyalty: await loyaltyForVisitor(c.var.ctx, visitor.contact_id) });
  })
  .post('/offline', async (c) => {
    await widget.leaveOfflineMessage(c.var.ctx, c.var.inbox, c.var.visitor, await readJson(c, widgetOfflineInput));
    return c.json({ ok: true }, 201);
  });
}
