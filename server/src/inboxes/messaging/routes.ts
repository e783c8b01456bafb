import { listChannelEventsQuery } from '@careloop/contracts';
import { Hono } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { readQuery } from '../../platform/http/body.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import { listChannelEvents, replayChannelEvent } from './service.ts';
import type { RawWebhook } from './types.ts';
import { receiveWebhook } from './webhooks.ts';
import { findZaloInboxByVerification } from './store.ts';

/** Vendors send small JSON events; anything bigger is not one of theirs. */
const maxWebhookBytes = 1024 * 1024;

/** Unauthenticated: the vendors' webhooks, proven by their signatures (verified in the service over the raw bytes). */
export const messagingWebhookRoutes = new Hono<AppEnv>()
  .on(['GET', 'POST'], '/:inboxId/webhook', async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > maxWebhookBytes) throw new AppError('payload_too_large', 'The webhook body is too large');
    const body = c.req.method === 'POST' ? Buffer.from(await c.req.arrayBuffer()) : Buffer.alloc(0);
    if (body.length > maxWebhookBytes) throw new AppError('payload_too_large', 'The webhook body is too large');
    const req: RawWebhook = { method: c.req.method as 'GET' | 'POST', headers: Object.fromEntries(c.req.raw.headers), query: c.req.query(), body };
    const answer = await receiveWebhook(c.var.deps, c.req.param('inboxId'), req, c.var.ip);
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  });

/** Settings: the raw-event log with its dead-letter list, replay, and a channel's connection check. */
export const channelEventRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listChannelEvents(c.var.ctx, readQuery(c, listChannelEventsQuery))))
  .post('/:id/replay', async (c) => c.json(await replayChannelEvent(c.var.ctx, c.req.param('id'))));

/**
 * Zalo verifies the webhook's domain before it sends anything (channels.md §1.1): the file
 * `zalo_verifier<CODE>.html` at the site root, carrying the same code in a meta tag.
 */
export const zaloVerifierRoutes = new Hono<AppEnv>()
  .get('/:file{zalo_verifier[A-Za-z0-9_-]{4,100}\\.html}', async (c) => {
    const code = c.req.param('file').slice('zalo_verifier'.length, -'.html'.length);
    if (!(await findZaloInboxByVerification(c.var.deps.db, code))) throw new AppError('not_found', 'No such file');
    return c.html(`<!doctype html><html><head><meta name="zalo-platform-site-verification" content="${code}" /></head><body>Zalo site verification</body></html>`);
  });
