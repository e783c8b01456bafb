import type { ShopConnectionDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import type { BackfillState, Row } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole } from '../agents/policy.ts';
import { fetchOrderPages } from './backfill/clients.ts';
import { normalizeShopifyFamilyOrder, normalizeWooOrder } from './platforms/index.ts';
import type { NormalizedOrder } from './order.ts';
import { presentConnection } from './present.ts';
import { upsertOrders } from './service.ts';
import * as store from './store.ts';

/** Backfills running in this process, so a second click does not start a second one. */
const running = new Map<string, Promise<void>>();

/**
 * Start importing the shop's order history through its REST API. Returns at once; progress is
 * kept on the connection (`backfill`), with the cursor, so a restart resumes where it stopped.
 */
export async function startBackfill(ctx: Ctx, connectionId: string): Promise<ShopConnectionDto> {
  requireRole(ctx.actor, 'admin');
  const connection = await store.getConnection(ctx.db, ctx.workspaceId, connectionId);
  if (!connection || connection.disabled_at) throw notFound('Shop connection');
  if (!connection.base_url || !(connection.access_token || (connection.api_key && connection.api_secret))) {
    throw new AppError('validation_failed', 'Add the shop API address and access token first', { field: 'accessToken' });
  }
  if (!running.has(connectionId)) {
    const resume = connection.backfill.status === 'running' || connection.backfill.status === 'failed' ? connection.backfill.cursor ?? null : null;
    const job = runBackfill(ctx, connection, resume)
      .catch((err) => ctx.log.error('backfill stopped', { connectionId, err }))
      .finally(() => running.delete(connectionId));
    running.set(connectionId, job);
    await recordAudit(ctx, 'shop_connection.backfill_started', { type: 'shop_connection', id: connectionId }, {});
  }
  const row = await store.getConnection(ctx.db, ctx.workspaceId, connectionId);
  return presentConnection(row!, ctx.deps.config.publicUrl, true);
}

/** Tests and the command line wait for the backfill to end. */
export const backfillDone = (connectionId: string) => running.get(connectionId) ?? Promise.resolve();

async function runBackfill(ctx: Ctx, connection: Row<'shop_connections'>, cursor: string | null): Promise<void> {
  const state: BackfillState = { status: 'running', cursor, imported: cursor ? connection.backfill.imported ?? 0 : 0, error: null, startedAt: new Date().toISOString(), finishedAt: null };
  const save = () => store.updateConnection(ctx.db, ctx.workspaceId, connection.id, { backfill: JSON.stringify(state) });
  await save();
  try {
    const pages = fetchOrderPages({
      platform: connection.platform, baseUrl: connection.base_url!, accessToken: connection.access_token ?? '',
      ...(connection.api_key ? { apiKey: connection.api_key } : {}), ...(connection.api_secret ? { apiSecret: connection.api_secret } : {}),
    }, { cursor });
    for await (const page of pages) {
      const orders: NormalizedOrder[] = [];
      for (const raw of page.orders) {
        try {
          orders.push(connection.platform === 'woocommerce' ? normalizeWooOrder(raw) : normalizeShopifyFamilyOrder(raw, connection.platform));
        } catch (err) {
          ctx.log.warn('backfill: order skipped', { connectionId: connection.id, reason: (err as Error).message });
        }
      }
      await upsertOrders(ctx, connection.platform, connection.id, orders, { bulk: true });
      state.imported = (state.imported ?? 0) + orders.length;
      state.cursor = page.nextCursor;
      await save();
    }
    state.status = 'done';
  } catch (err) {
    state.status = 'failed';
    state.error = (err as Error).message.slice(0, 500);
    ctx.log.warn('backfill failed', { connectionId: connection.id, error: state.error });
  }
  state.finishedAt = new Date().toISOString();
  await save();
}
