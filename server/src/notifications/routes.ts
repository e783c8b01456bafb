import { Hono } from 'hono';
import { z } from 'zod';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { listNotifications, markNotificationsRead } from './service.ts';

export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listNotifications(c.var.ctx)))
  .post('/read', async (c) => {
    const { ids } = await readJson(c, z.object({ ids: z.array(z.string().max(64)).max(200).optional() }));
    await markNotificationsRead(c.var.ctx, ids ?? null);
    return c.json({ ok: true });
  });
