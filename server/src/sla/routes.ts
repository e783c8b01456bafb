import { slaOrderInput, slaPolicyInput, slaSettingsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as sla from './service.ts';

/** Mounted at /api/v1/sla. Everyone reads (the console shows the targets); admins change. */
export const slaRoutes = new Hono<AppEnv>()
  .get('/policies', async (c) => c.json(await sla.listSlaPolicies(c.var.ctx)))
  .post('/policies', async (c) => c.json(await sla.createSlaPolicy(c.var.ctx, await readJson(c, slaPolicyInput)), 201))
  .put('/policies/order', async (c) => c.json(await sla.reorderSlaPolicies(c.var.ctx, (await readJson(c, slaOrderInput)).ids)))
  .put('/policies/:id', async (c) => c.json(await sla.updateSlaPolicy(c.var.ctx, c.req.param('id'), await readJson(c, slaPolicyInput))))
  .delete('/policies/:id', async (c) => {
    await sla.deleteSlaPolicy(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .get('/settings', async (c) => c.json(await sla.getSlaSettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await sla.saveSlaSettings(c.var.ctx, await readJson(c, slaSettingsInput))));
