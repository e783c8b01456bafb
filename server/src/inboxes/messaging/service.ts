import type { z } from 'zod';
import type { ChannelEventDto, listChannelEventsQuery, Page } from '@careloop/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { requireRole } from '../../agents/policy.ts';
import { recordAudit } from '../../audit/service.ts';
import { getInboxRow } from '../service.ts';
import * as inboxStore from '../store.ts';
import { accountOf, forgetAccount } from './accounts.ts';
import { wakeProcessor } from './processor.ts';
import * as store from './store.ts';
import { vendorFor } from './vendors.ts';
import { wakeTelegramPolling } from '../telegram/wake.ts';

const present = (row: store.ChannelEventRow): ChannelEventDto => ({
  id: row.id, inboxId: row.inbox_id, channel: row.channel, dedupeKey: row.dedupe_key, state: row.state, attempts: row.attempts,
  lastError: row.last_error, receivedAt: row.received_at.toISOString(), processedAt: row.processed_at?.toISOString() ?? null, payload: row.payload,
});

/** The raw-event log; `state=dead` is the dead-letter list of settings. Admins only: payloads hold customer data. */
export async function listChannelEvents(ctx: Ctx, query: z.output<typeof listChannelEventsQuery>): Promise<Page<ChannelEventDto> & { counts: Record<string, number> }> {
  requireRole(ctx.actor, 'admin');
  const cursor = decodeCursor(query.cursor);
  if (cursor && (typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || Number.isNaN(Date.parse(cursor[0])))) throw new AppError('bad_request', 'The cursor is not valid');
  const rows = await store.listEvents(ctx.db, ctx.workspaceId, {
    limit: query.limit + 1, ...(query.state ? { state: query.state } : {}), ...(query.inboxId ? { inboxId: query.inboxId } : {}),
    ...(cursor ? { before: { receivedAt: new Date(cursor[0] as string), id: cursor[1] as string } } : {}),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const counts = Object.fromEntries((await store.countEventsByState(ctx.db, ctx.workspaceId)).map((r) => [r.state, Number(r.count)]));
  return { items: page.map(present), nextCursor: rows.length > query.limit && last ? encodeCursor([last.received_at.toISOString(), last.id]) : null, counts };
}

/** Replay a dead event: back to the queue with fresh attempts (processing is idempotent). */
export async function replayChannelEvent(ctx: Ctx, id: string): Promise<ChannelEventDto> {
  requireRole(ctx.actor, 'admin');
  const row = await store.requeueEvent(ctx.db, ctx.workspaceId, id);
  if (!row) {
    if (!(await store.getEvent(ctx.db, ctx.workspaceId, id))) throw notFound('Event');
    throw new AppError('conflict', 'Only events in the dead-letter list can be replayed');
  }
  await recordAudit(ctx, 'channel_event.replayed', { type: 'inbox', id: row.inbox_id }, { eventId: id });
  wakeProcessor(ctx.deps);
  return present(row);
}

/**
 * "Test connection": ask the vendor who these credentials belong to and, for vendors that let
 * CareLoop register its webhook (Telegram, Viber), register it. The outcome is kept as the
 * channel's health.
 */
export async function checkChannel(ctx: Ctx, inboxId: string): Promise<{ ok: boolean; name: string | null; error: string | null; webhookRegistered: boolean | null }> {
  requireRole(ctx.actor, 'admin');
  const inbox = await getInboxRow(ctx, inboxId);
  const vendor = vendorFor(inbox.channel);
  if (!vendor) throw new AppError('validation_failed', 'This inbox is not a messaging channel');
  const account = accountOf(ctx.deps, inbox);
  const checked = await vendor.check(ctx.deps, account).catch((err: unknown) => ({ ok: false as const, error: err instanceof Error ? err.message : String(err) }));
  let registered: boolean | null = null;
  let error = checked.ok ? null : checked.error;
  if (checked.ok && vendor.register) {
    const r = await vendor.register(ctx.deps, account, `${ctx.deps.config.publicUrl}/api/channels/${inbox.id}/webhook`);
    registered = r.ok;
    if (!r.ok) error = r.error;
  }
  await inboxStore.updateInbox(ctx.db, ctx.workspaceId, inbox.id, {
    health: JSON.stringify({ state: checked.ok ? 'ok' : 'needs_reauth', ...(error ? { error } : {}), at: new Date().toISOString() }),
  });
  forgetAccount(inbox.id);
  if (inbox.channel === 'telegram') wakeTelegramPolling(ctx.deps);
  return { ok: checked.ok && registered !== false, name: checked.ok ? checked.name : null, error, webhookRegistered: registered };
}
