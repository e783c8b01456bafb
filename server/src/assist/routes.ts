import { assistSettingsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as assist from './service.ts';

/** Mounted at /api/v1/assist. */
export const assistRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await assist.getAssistSettings(c.var.ctx)))
  .put('/', async (c) => c.json(await assist.updateAssistSettings(c.var.ctx, await readJson(c, assistSettingsInput))))
  .post('/check', async (c) => c.json(await assist.checkAssist(c.var.ctx)))
  .post('/conversations/:id/draft', async (c) => c.json(await assist.draftReply(c.var.ctx, c.req.param('id'))))
  .post('/conversations/:id/summary', async (c) => c.json(await assist.summarizeConversation(c.var.ctx, c.req.param('id'))));
