import { routingSettingsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { requireRole } from '../agents/policy.ts';
import * as routing from './service.ts';

/** Mounted at /api/v1/routing. */
export const routingRoutes = new Hono<AppEnv>()
  .get('/settings', async (c) => c.json(await routing.getRoutingSettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await routing.saveRoutingSettings(c.var.ctx, await readJson(c, routingSettingsInput))))
  /** Route the waiting conversations now (supervisors; the worker also does it every 30 seconds). */
  .post('/drain', async (c) => {
    requireRole(c.var.ctx.actor, 'supervisor');
    return c.json({ routed: await routing.drainQueues(c.var.ctx) });
  })
  .get('/queue/:conversationId', async (c) => c.json(await routing.queuePosition(c.var.ctx, c.req.param('conversationId'))));
