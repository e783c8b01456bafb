import { loyaltyAdjustInput, loyaltyRedeemInput, loyaltySettingsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import * as loyalty from './service.ts';

/** Mounted at /api/v1/loyalty. */
export const loyaltyRoutes = new Hono<AppEnv>()
  .get('/settings', async (c) => c.json(await loyalty.getLoyaltySettings(c.var.ctx)))
  .put('/settings', async (c) => c.json(await loyalty.updateLoyaltySettings(c.var.ctx, await readJson(c, loyaltySettingsInput))))
  .get('/contacts/:contactId', async (c) => c.json(await loyalty.getLoyalty(c.var.ctx, c.req.param('contactId'))))
  .post('/contacts/:contactId/redeem', async (c) => c.json(await loyalty.redeemPoints(c.var.ctx, c.req.param('contactId'), await readJson(c, loyaltyRedeemInput))))
  .post('/contacts/:contactId/adjust', async (c) => c.json(await loyalty.adjustPoints(c.var.ctx, c.req.param('contactId'), await readJson(c, loyaltyAdjustInput))));
