import { Hono } from 'hono';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { surveyCampaignInput, surveyDefinitionInput, surveyOptOutInput, surveyReportQuery, surveySettingsInput, surveyVerbatimQuery } from '@careloop/contracts';
import * as campaigns from './campaigns.ts';
import { getExperienceBalance, getSurveyReport, listVerbatims } from './report.ts';
import * as surveys from './service.ts';

/** Mounted at /api/v1/surveys behind agent auth: agents read surveys and a customer's balance; supervisors the reports; admins change. */
export const surveyRoutes = new Hono<AppEnv>()
  .get('/settings', async (c) => c.json(await surveys.getSurveySettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await surveys.updateSurveySettings(c.var.ctx, await readJson(c, surveySettingsInput))))
  .get('/definitions', async (c) => c.json(await surveys.listSurveyDefinitions(c.var.ctx)))
  .post('/definitions', async (c) => c.json(await surveys.createSurveyDefinition(c.var.ctx, await readJson(c, surveyDefinitionInput)), 201))
  .put('/definitions/:id', async (c) => c.json(await surveys.updateSurveyDefinition(c.var.ctx, c.req.param('id'), await readJson(c, surveyDefinitionInput))))
  .delete('/definitions/:id', async (c) => {
    await surveys.deleteSurveyDefinition(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .get('/campaigns', async (c) => c.json(await campaigns.listSurveyCampaigns(c.var.ctx)))
  .post('/campaigns', async (c) => c.json(await campaigns.createSurveyCampaign(c.var.ctx, await readJson(c, surveyCampaignInput)), 201))
  .put('/campaigns/:id', async (c) => c.json(await campaigns.updateSurveyCampaign(c.var.ctx, c.req.param('id'), await readJson(c, surveyCampaignInput))))
  .delete('/campaigns/:id', async (c) => {
    await campaigns.deleteSurveyCampaign(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .post('/campaigns/:id/run', async (c) => c.json(await campaigns.runSurveyCampaignNow(c.var.ctx, c.req.param('id'))))
  .get('/report', async (c) => c.json(await getSurveyReport(c.var.ctx, readQuery(c, surveyReportQuery))))
  .get('/verbatims', async (c) => c.json(await listVerbatims(c.var.ctx, readQuery(c, surveyVerbatimQuery))))
  .get('/contacts/:id', async (c) => c.json(await getExperienceBalance(c.var.ctx, c.req.param('id'))))
  .get('/conversations/:id', async (c) => c.json(await surveys.getConversationSurveys(c.var.ctx, c.req.param('id'))))
  .put('/conversations/:id/opt-out', async (c) => c.json(await surveys.setConversationOptOut(c.var.ctx, c.req.param('id'), (await readJson(c, surveyOptOutInput)).optOut)));
