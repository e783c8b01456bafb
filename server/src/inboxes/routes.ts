import { createInboxInput, updateInboxInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as inboxes from './service.ts';
import { checkChannel } from './messaging/service.ts';

export const inboxRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await inboxes.listInboxes(c.var.ctx)))
  .post('/', async (c) => c.json(await inboxes.createInbox(c.var.ctx, await readJson(c, createInboxInput)), 201))
  .get('/:id', async (c) => c.json(await inboxes.getInbox(c.var.ctx, c.req.param('id'))))
  .patch('/:id', async (c) => c.json(await inboxes.updateInbox(c.var.ctx, c.req.param('id'), await readJson(c, updateInboxInput))))
  .post('/:id/check', async (c) => c.json(await checkChannel(c.var.ctx, c.req.param('id'))))
  .post('/:id/rotate-secret', async (c) => c.json(await inboxes.rotateIdentitySecret(c.var.ctx, c.req.param('id'))));
