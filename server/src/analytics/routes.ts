import { analyticsQuery, analyticsSettingsInput, customerListQuery, impactQuery } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { toCsv } from './csv.ts';
import * as analytics from './service.ts';

/** Mounted at /api/v1/analytics. Every table is also a CSV (`/…/export.csv`). */
export const analyticsRoutes = new Hono<AppEnv>()
  .get('/overview', async (c) => c.json(await analytics.getOverview(c.var.ctx, readQuery(c, analyticsQuery))))
  .get('/overview/:file{[a-z_]+\\.csv}', async (c) => {
    const table = c.req.param('file').replace(/\.csv$/, '');
    const overview = await analytics.getOverview(c.var.ctx, readQuery(c, analyticsQuery));
    return csvResponse(table, toCsv.overview(overview, table));
  })
  .get('/impact', async (c) => c.json(await analytics.getImpact(c.var.ctx, readQuery(c, impactQuery))))
  .get('/predictions', async (c) => c.json(await analytics.getPredictions(c.var.ctx)))
  .get('/predictions/tracking.csv', async (c) => csvResponse('tracking', toCsv.tracking((await analytics.getPredictions(c.var.ctx)).model?.tracking ?? null)))
  .post('/refresh', async (c) => c.json(await analytics.requestRefresh(c.var.ctx), 202))
  .get('/segments', async (c) => c.json(await analytics.getSegments(c.var.ctx)))
  .get('/customers', async (c) => c.json(await analytics.listCustomers(c.var.ctx, readQuery(c, customerListQuery))))
  .get('/customers.csv', async (c) => csvResponse('customers', toCsv.customers(await analytics.listAllCustomers(c.var.ctx, readQuery(c, customerListQuery)))))
  .get('/product-cycles', async (c) => c.json(await analytics.getProductCycles(c.var.ctx)))
  .get('/product-cycles.csv', async (c) => csvResponse('product-cycles', toCsv.productCycles((await analytics.getProductCycles(c.var.ctx)).items)))
  .get('/contacts/:contactId', async (c) => c.json(await analytics.getContactAnalytics(c.var.ctx, c.req.param('contactId'))))
  .get('/settings', async (c) => c.json(await analytics.getAnalyticsSettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await analytics.saveAnalyticsSettings(c.var.ctx, await readJson(c, analyticsSettingsInput))));

function csvResponse(name: string, body: string) {
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="careloop-${name}.csv"` },
  });
}
