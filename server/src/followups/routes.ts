import { followupRuleInput, followupSettingsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { requireRole } from '../agents/policy.ts';
import { runFollowups } from './jobs.ts';
import * as followups from './service.ts';

const optOutInput = z.object({ optedOut: z.boolean() });

/** Mounted at /api/v1/followups. */
export const followupRoutes = new Hono<AppEnv>()
  .get('/rules', async (c) => c.json(await followups.listRules(c.var.ctx)))
  .post('/rules', async (c) => c.json(await followups.createRule(c.var.ctx, await readJson(c, followupRuleInput)), 201))
  .put('/rules/:id', async (c) => c.json(await followups.updateRule(c.var.ctx, c.req.param('id'), await readJson(c, followupRuleInput))))
  .delete('/rules/:id', async (c) => {
    await followups.deleteRule(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .get('/rules/:id/sends', async (c) => c.json(await followups.listSends(c.var.ctx, c.req.param('id'))))
  .get('/settings', async (c) => c.json(await followups.getFollowupSettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await followups.updateFollowupSettings(c.var.ctx, await readJson(c, followupSettingsInput))))
  .get('/contacts/:contactId', async (c) => c.json(await followups.getOptOut(c.var.ctx, c.req.param('contactId'))))
  .put('/contacts/:contactId', async (c) => c.json(await followups.setOptOut(c.var.ctx, c.req.param('contactId'), (await readJson(c, optOutInput)).optedOut)))
  /** Run the rules now (admins; quiet hours and caps still apply). */
  .post('/run', async (c) => {
    requireRole(c.var.ctx.actor, 'admin');
    return c.json(await runFollowups(c.var.ctx));
  });
