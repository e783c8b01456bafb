import { Hono } from 'hono';
import type { AppEnv } from '../platform/http/types.ts';
import * as triage from './service.ts';

/** Mounted at /api/v1/triage. (Corrections are posted on the conversation: conversations/routes.ts.) */
export const triageRoutes = new Hono<AppEnv>()
  .get('/model', async (c) => c.json(await triage.getTriageModel(c.var.ctx)))
  .post('/retrain', async (c) => c.json(await triage.requestRetrain(c.var.ctx), 202));
