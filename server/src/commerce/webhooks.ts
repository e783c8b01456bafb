import type { RealtimeEvent } from '@careloop/contracts';
import { systemCtx, inTransaction, type Deps } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { resolveCustomerContacts } from '../contacts/service.ts';
import { syncOrderPoints } from '../loyalty/service.ts';
import { parseShopWebhook, type ShopWebhookEvent } from './platforms/index.ts';
import { upsertOrders } from './service.ts';
import * as store from './store.ts';

/**
 * Inbound shop webhooks (channels.md §0.1, §7). The signature is checked over the raw bytes before
 * anything is stored. The event is recorded (unique on its dedupe key) and processed in the same
 * transaction, so a replay is a no-op and a failure leaves nothing half-done for the platform's retry
 * (decision 0005).
 */
const cache = new Map<string, { row: Row<'shop_connections'> | undefined; at: number }>();
const cacheMs = 5_000;
/** `last_webhook_at` is for the settings page; writing it once a minute is enough. */
const touched = new Map<string, number>();

export function forgetConnection(id: string): void {
  cache.delete(id);
}

async function connectionOf(deps: Deps, id: string) {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < cacheMs) return hit.row;
  const row = await store.findConnectionForWebhook(deps.db, id);
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { row, at: Date.now() });
  return row;
}

export type WebhookOutcome = 'processed' | 'duplicate' | 'ping' | 'ignored';

export async function receiveShopWebhook(deps: Deps, connectionId: string, header: (name: string) => string | undefined, rawBody: Buffer): Promise<WebhookOutcome> {
  const connection = /^shop_[0-9A-Za-z]{10,40}$/.test(connectionId) ? await connectionOf(deps, connectionId) : undefined;
  if (!connection) throw new AppError('not_found', 'Unknown webhook address');
  const parsed = parseShopWebhook(connection.platform, header, rawBody, connection.webhook_secret);
  if (!parsed.ok) {
    if (parsed.reason === 'signature') {
      deps.log.warn('shop webhook: signature rejected', { workspaceId: connection.workspace_id, connectionId, platform: connection.platform });
      throw new AppError('invalid_signature', 'The webhook signature is not valid');
    }
    throw new AppError('validation_failed', 'The webhook payload could not be read as an order');
  }
  const event = parsed.event;
  if (event.kind === 'ping') return 'ping';
  const ctx = { ...systemCtx(deps, connection.workspace_id), log: deps.log.child({ ws: connection.workspace_id, shop: connectionId }) };
  const outcome = await inTransaction(ctx, async (tx, emit) => {
    const fresh = await store.recordWebhookEvent(tx.db, tx.workspaceId, { connection_id: connectionId, dedupe_key: event.dedupeKey, topic: event.topic.slice(0, 100) });
    if (!fresh) return 'duplicate' as const;
    return apply(tx, connection, event, emit);
  });
  const last = touched.get(connectionId) ?? 0;
  if (Date.now() - last > 60_000) {
    touched.set(connectionId, Date.now());
    await store.updateConnection(deps.db, connection.workspace_id, connectionId, { last_webhook_at: new Date() });
  }
  return outcome;
}

async function apply(ctx: ReturnType<typeof systemCtx>, connection: Row<'shop_connections'>, event: ShopWebhookEvent, emit: (event: RealtimeEvent) => void): Promise<WebhookOutcome> {
  switch (event.kind) {
    case 'order':
      // `orders/edited` carries an edit summary, not the order; the `orders/updated` that follows has it.
      if (!event.order) return 'ignored';
      await upsertOrders(ctx, connection.platform, connection.id, [event.order], { emit });
      return 'processed';
    case 'order_deleted':
      // The topic header is not signed: a captured order body replayed as a deletion must not delete it.
      if (looksLikeOrder(event.payload)) return 'ignored';
      if (event.externalId) {
        const row = await store.markOrderDeleted(ctx.db, ctx.workspaceId, connection.id, event.externalId);
        // A deleted order is no longer a purchase: points it earned are taken back.
        if (row) {
          await syncOrderPoints(ctx, [{ ...row, counts_as_purchase: false }]);
          if (row.contact_id) emit({ type: 'contact.commerce_changed', contactId: row.contact_id, what: ['orders', 'loyalty'] });
        }
      }
      return 'processed';
    case 'customer': {
      const c = (event.payload ?? {}) as { email?: string; phone?: string; first_name?: string; last_name?: string; billing?: { email?: string; phone?: string } };
      const name = [c.last_name, c.first_name].filter(Boolean).join(' ') || null;
      await resolveCustomerContacts(ctx, [{ name, email: c.email ?? c.billing?.email ?? null, phone: c.phone ?? c.billing?.phone ?? null }]);
      return 'processed';
    }
    case 'gdpr':
      // Data-subject requests from the platform: recorded for the admin to act on (vietnam.md §5).
      await recordAudit(ctx, 'privacy.request_received', { type: 'shop_connection', id: connection.id }, { topic: event.topic, platform: connection.platform });
      return 'processed';
    case 'uninstalled':
      // The topic header is not signed: a captured order body replayed as `app/uninstalled` must not disconnect the shop.
      if (looksLikeOrder(event.payload)) return 'ignored';
      await store.updateConnection(ctx.db, ctx.workspaceId, connection.id, { disabled_at: new Date() });
      forgetConnection(connection.id);
      await recordAudit(ctx, 'shop_connection.uninstalled', { type: 'shop_connection', id: connection.id }, { platform: connection.platform });
      return 'processed';
    default:
      return 'ignored';
  }
}

function looksLikeOrder(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && ('line_items' in payload || 'total_price' in payload || 'financial_status' in payload);
}
