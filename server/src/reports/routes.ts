import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { reportExportQuery, reportQuery } from '@careloop/contracts';
import { readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { getAgentPerformance } from './agents.ts';
import { exportConversations } from './export.ts';
import { getRepeatContacts } from './repeats.ts';
import * as reports from './service.ts';

/** Mounted at /api/v1/reports behind agent auth: supervisors and up see everything, agents their own figures. */
export const reportRoutes = new Hono<AppEnv>()
  .get('/summary', async (c) => c.json(await reports.getReportSummary(c.var.ctx, readQuery(c, reportQuery))))
  .get('/volume', async (c) => c.json(await reports.getReportVolume(c.var.ctx, readQuery(c, reportQuery))))
  .get('/heatmap', async (c) => c.json(await reports.getReportHeatmap(c.var.ctx, readQuery(c, reportQuery))))
  .get('/backlog', async (c) => c.json(await reports.getReportBacklog(c.var.ctx, readQuery(c, reportQuery))))
  .get('/agents', async (c) => c.json(await getAgentPerformance(c.var.ctx, readQuery(c, reportQuery))))
  .get('/repeats', async (c) => c.json(await getRepeatContacts(c.var.ctx, readQuery(c, reportQuery))))
  .get('/conversations.csv', async (c) => {
    const { filename, chunks } = await exportConversations(c.var.ctx, readQuery(c, reportExportQuery));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${filename}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of chunks) await out.write(chunk);
    });
  });
