import { cannedInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as canned from './service.ts';

/** Mounted at /api/v1/canned-responses. */
export const cannedRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await canned.listCannedResponses(c.var.ctx)))
  .post('/', async (c) => c.json(await canned.createCannedResponse(c.var.ctx, await readJson(c, cannedInput)), 201))
  .patch('/:id', async (c) => c.json(await canned.editCannedResponse(c.var.ctx, c.req.param('id'), await readJson(c, cannedInput))))
  .delete('/:id', async (c) => {
    await canned.removeCannedResponse(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });
