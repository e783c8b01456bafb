import {
  approvalDecisionInput, approvalListQuery, compensationOfferInput, compensationSettingsInput, voucherCheckInput, voucherRedeemInput,
} from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as compensation from './service.ts';

const id = z.string().trim().min(1).max(64);
const ledgerQuery = z.object({ conversationId: id.optional(), contactId: id.optional() });
const suggestionQuery = z.object({ conversationId: id });
const voucherListQuery = z.object({ contactId: id.optional() });

/** Mounted at /api/v1/compensation. The ledger has no update or delete route: it is append-only. */
export const compensationRoutes = new Hono<AppEnv>()
  .post('/offers', async (c) => {
    const result = await compensation.offerCompensation(c.var.ctx, await readJson(c, compensationOfferInput));
    return c.json(result, result.status === 'granted' ? 201 : 202);
  })
  .get('/approvals', async (c) => c.json(await compensation.listApprovals(c.var.ctx, readQuery(c, approvalListQuery))))
  .get('/approvals/:id', async (c) => c.json(await compensation.getApproval(c.var.ctx, c.req.param('id'))))
  .post('/approvals/:id/decision', async (c) => c.json(await compensation.decideApproval(c.var.ctx, c.req.param('id'), await readJson(c, approvalDecisionInput))))
  .post('/approvals/:id/cancel', async (c) => c.json(await compensation.cancelApproval(c.var.ctx, c.req.param('id'))))
  .get('/ledger', async (c) => c.json(await compensation.listLedger(c.var.ctx, readQuery(c, ledgerQuery))))
  .get('/suggestion', async (c) => c.json(await compensation.suggestCompensation(c.var.ctx, readQuery(c, suggestionQuery).conversationId)))
  .get('/settings', async (c) => c.json(await compensation.getCompensationSettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await compensation.updateCompensationSettings(c.var.ctx, await readJson(c, compensationSettingsInput))))
  .get('/budget', async (c) => c.json(await compensation.getBudget(c.var.ctx)));

/** Mounted at /api/v1/vouchers: a shop's checkout verifies and redeems codes here with an API token. */
export const voucherRoutes = new Hono<AppEnv>()
  .post('/check', async (c) => c.json(await compensation.checkVoucher(c.var.ctx, await readJson(c, voucherCheckInput))))
  .post('/redeem', async (c) => c.json(await compensation.redeemVoucher(c.var.ctx, await readJson(c, voucherRedeemInput))))
  .get('/', async (c) => c.json(await compensation.listVouchers(c.var.ctx, readQuery(c, voucherListQuery))))
  // A POST: the export marks codes as exported (and is audited), which a cross-site GET must not do.
  .post('/export.csv', async (c) => c.body(await compensation.exportVouchersCsv(c.var.ctx), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="careloop-vouchers.csv"',
    'cache-control': 'no-store',
  }));
