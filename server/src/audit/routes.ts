import { pageQuery } from '@careloop/contracts';
import { Hono } from 'hono';
import { readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { listAudit } from './service.ts';

export const auditRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listAudit(c.var.ctx, readQuery(c, pageQuery))));
