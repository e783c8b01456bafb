import { orderImportQuery, orderListQuery, shopConnectionInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { startBackfill } from './backfill.ts';
import { getImport, importOrdersCsv, listImports } from './imports.ts';
import * as commerce from './service.ts';
import { receiveShopWebhook } from './webhooks.ts';

const maxWebhookBytes = 5 * 1024 * 1024;
const connectionPatch = shopConnectionInput.partial().extend({ rotateSecret: z.boolean().optional() });

/** Mounted at /api/v1/commerce. */
export const commerceRoutes = new Hono<AppEnv>()
  .get('/connections', async (c) => c.json(await commerce.listConnections(c.var.ctx)))
  .post('/connections', async (c) => c.json(await commerce.createConnection(c.var.ctx, await readJson(c, shopConnectionInput)), 201))
  .patch('/connections/:id', async (c) => c.json(await commerce.editConnection(c.var.ctx, c.req.param('id'), await readJson(c, connectionPatch))))
  .delete('/connections/:id', async (c) => {
    await commerce.removeConnection(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .post('/connections/:id/backfill', async (c) => c.json(await startBackfill(c.var.ctx, c.req.param('id')), 202))
  .get('/contacts/:contactId/orders', async (c) => c.json(await commerce.listContactOrders(c.var.ctx, c.req.param('contactId'), readQuery(c, orderListQuery))))
  .get('/orders/:id', async (c) => c.json(await commerce.getOrder(c.var.ctx, c.req.param('id'))))
  .get('/imports', async (c) => c.json(await listImports(c.var.ctx)))
  .get('/imports/:id', async (c) => c.json(await getImport(c.var.ctx, c.req.param('id'))))
  /** The CSV file is the request body, streamed: a 500,000-line file never sits in memory. */
  .post('/imports', async (c) => {
    const query = readQuery(c, orderImportQuery);
    const body = c.req.raw.body;
    if (!body) throw new AppError('bad_request', 'Send the CSV file as the request body');
    const length = Number(c.req.header('content-length')) || null;
    return c.json(await importOrdersCsv(c.var.ctx, body as unknown as AsyncIterable<Uint8Array>, { ...query, totalBytes: length }), 201);
  });

/** Mounted at /api/hooks/shops, unauthenticated: each platform signs its webhooks. */
export const shopWebhookRoutes = new Hono<AppEnv>()
  .post('/:connectionId', async (c) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxWebhookBytes) throw new AppError('payload_too_large', 'The webhook body is too large');
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length > maxWebhookBytes) throw new AppError('payload_too_large', 'The webhook body is too large');
    const outcome = await receiveShopWebhook(c.var.deps, c.req.param('connectionId'), (name) => c.req.header(name), raw);
    return c.json({ ok: true, outcome });
  });
