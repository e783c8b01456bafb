import { limits } from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { searchEverything } from './service.ts';

export const searchRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await searchEverything(c.var.ctx, readQuery(c, z.object({ q: z.string().trim().min(1).max(limits.searchQueryChars) })).q)));
