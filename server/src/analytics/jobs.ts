import type { RealtimeEvent } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { refreshAnalytics } from './refresh.ts';
import * as store from './store.ts';

const dayMs = 86_400_000;

/** A refresh that is already running elsewhere is not an error for a job. */
async function refreshQuietly(ctx: Ctx, trigger: string): Promise<void> {
  try {
    await refreshAnalytics(ctx, trigger);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'conflict')) throw err;
  }
}

/**
 * Nightly refresh: when the last run started a day ago or more, and the shop has orders at all; and
 * at once when a finished refresh left no customer rows (the unlogged tables after a crash).
 */
export async function refreshIfDue(ctx: Ctx, now = new Date()): Promise<void> {
  const last = await store.latestRun(ctx.db, ctx.workspaceId);
  const lost = last?.status === 'done' && !(await store.hasCustomers(ctx.db, ctx.workspaceId));
  if (last && !lost && now.getTime() - last.started_at.getTime() < dayMs - 60_000) return;
  if (!(await store.hasOrders(ctx.db, ctx.workspaceId))) return;
  await refreshQuietly(ctx, 'nightly');
}

/** After a finished, non-dry-run CSV import the figures are out of date: refresh now. */
export async function refreshAfterImport(ctx: Ctx, event: RealtimeEvent): Promise<void> {
  if (event.type !== 'order_import.progress' || event.orderImport.status !== 'done' || event.orderImport.dryRun || event.orderImport.accepted === 0) return;
  await refreshQuietly(ctx, 'import');
}
