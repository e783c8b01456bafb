import { callbackInput, listCallsQuery, logCallInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { readJson, readQuery } from '../../platform/http/body.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import * as phone from './service.ts';

/** Phone systems send small JSON events. */
const maxEventBytes = 64 * 1024;

/** Unauthenticated: call events from the phone system, proven by their signature (checked in the service over the raw bytes). */
export const phoneWebhookRoutes = new Hono<AppEnv>()
  .post('/:inboxId/calls', async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > maxEventBytes) throw new AppError('payload_too_large', 'The event is too large', { maxBytes: maxEventBytes });
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.byteLength > maxEventBytes) throw new AppError('payload_too_large', 'The event is too large', { maxBytes: maxEventBytes });
    return c.json(await phone.receiveCallWebhook(c.var.deps, c.req.param('inboxId'), { headers: Object.fromEntries(c.req.raw.headers), body }, c.var.ip));
  });

/** Agents: the call list (callback tasks), calls logged by hand, closing a callback. */
export const callRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await phone.listCalls(c.var.ctx, readQuery(c, listCallsQuery))))
  .post('/', async (c) => c.json(await phone.logCall(c.var.ctx, await readJson(c, logCallInput)), 201))
  .post('/:id/callback', async (c) => {
    await readJson(c, callbackInput);
    return c.json(await phone.closeCallback(c.var.ctx, c.req.param('id')));
  });
