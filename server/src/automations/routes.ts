import { automationDryRunInput, automationOrderInput, automationRuleInput, automationRulePatch, automationRunsQuery } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as automations from './service.ts';

/** Mounted at /api/v1/automations. Everyone reads; admins write. */
export const automationRoutes = new Hono<AppEnv>()
  .get('/rules', async (c) => c.json(await automations.listAutomationRules(c.var.ctx)))
  .post('/rules', async (c) => c.json(await automations.createAutomationRule(c.var.ctx, await readJson(c, automationRuleInput)), 201))
  .put('/rules/order', async (c) => c.json(await automations.reorderAutomationRules(c.var.ctx, (await readJson(c, automationOrderInput)).ids)))
  .put('/rules/:id', async (c) => c.json(await automations.replaceAutomationRule(c.var.ctx, c.req.param('id'), await readJson(c, automationRuleInput))))
  .patch('/rules/:id', async (c) => c.json(await automations.patchAutomationRule(c.var.ctx, c.req.param('id'), await readJson(c, automationRulePatch))))
  .delete('/rules/:id', async (c) => {
    await automations.deleteAutomationRule(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .post('/dry-run', async (c) => c.json(await automations.dryRunAutomation(c.var.ctx, await readJson(c, automationDryRunInput))))
  .get('/runs', async (c) => c.json(await automations.listAutomationRuns(c.var.ctx, readQuery(c, automationRunsQuery))));
