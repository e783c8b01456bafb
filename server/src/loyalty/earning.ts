import type { LoyaltySettings } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { addMonths, familyOf, loadSettings, lockAccounts } from './ledger.ts';
import * as store from './store.ts';

/**
 * Keep points in step with orders (webhooks, backfill, CSV import), inside the caller's transaction.
 * An order earns once (`order:<id>:earn`); if it later stops counting (cancelled, refunded, voided,
 * deleted) one reversal takes back what is still there. Source keys make replays write nothing.
 * Batched: a CSV import hands over hundreds of orders, so lookups are one query per kind, not per order.
 */
/** What points depend on: the columns `commerce.upsertOrders` returns. */
export type OrderForPoints = Pick<Row<'orders'>, 'id' | 'contact_id' | 'currency' | 'counts_as_purchase' | 'deleted_at' | 'total' | 'refunded' | 'placed_at' | 'order_number'>
  & { /** The order row was just created: it has no ledger entries yet, so none are looked up. */ inserted?: boolean };

export async function syncOrderPoints(ctx: Ctx, orders: OrderForPoints[]): Promise<void> {
  const relevant = orders.filter((o) => o.contact_id && o.currency === 'VND');
  if (!relevant.length) return;
  if (ctx.db.isTransaction) {
    await syncIn(ctx, relevant);
    return;
  }
  await inTransaction(ctx, async (tx, emit) => {
    for (const contactId of await syncIn(tx, relevant)) emit({ type: 'contact.commerce_changed', contactId, what: ['loyalty'] });
  });
}

const earnKey = (orderId: string) => `order:${orderId}:earn`;
const orderIdOfKey = (key: string | null) => key?.split(':')[1] ?? '';

export const pointsForOrder = (o: Pick<Row<'orders'>, 'total' | 'refunded'>, s: LoyaltySettings): number =>
  Math.max(0, Math.floor((Number(o.total) - Number(o.refunded ?? 0)) / s.perAmount) * s.earnPoints);

/** Returns the contacts whose ledger changed. */
async function syncIn(ctx: Ctx, orders: OrderForPoints[]): Promise<string[]> {
  const settings = await loadSettings(ctx);
  const known = orders.filter((o) => !o.inserted).map((o) => o.id);
  const earnedBefore = known.length ? await store.listEarnEntries(ctx.db, ctx.workspaceId, known) : [];
  const earnOf = new Map(earnedBefore.map((e) => [orderIdOfKey(e.source_key), e]));

  const toEarn: { order: OrderForPoints; points: number }[] = [];
  const toReverse: { order: OrderForPoints; earn: store.LedgerRow }[] = [];
  for (const order of orders) {
    const counts = order.counts_as_purchase && !order.deleted_at;
    const earn = earnOf.get(order.id);
    if (!earn && counts && settings.enabled) {
      const points = pointsForOrder(order, settings);
      if (points > 0) toEarn.push({ order, points });
    } else if (earn && !counts && Number(earn.points) > 0) {
      toReverse.push({ order, earn });
    }
  }
  if (!toEarn.length && !toReverse.length) return [];

  // Earning takes no lock: a credit cannot overdraw anything, and every debit (redeem, reversal,
  // expiry) reads the balance under the account lock, where a credit committing meanwhile only means
  // there was more to spend. Reversals check the balance of the earner's whole family; resolve the
  // families before locking so every account is locked in one ordered statement.
  const written = await store.insertEntriesForContacts(ctx.db, ctx.workspaceId, toEarn.map(({ order, points }) => ({
    id: newId('loyalty'), contact_id: order.contact_id!, kind: 'earn' as const, points, order_id: order.id, source_key: earnKey(order.id),
    reason: null, agent_id: null, expires_at: settings.expiryMonths ? addMonths(order.placed_at, settings.expiryMonths) : null,
  })));
  if (toReverse.length) {
    const families = new Map<string, string[]>();
    for (const { earn } of toReverse) if (!families.has(earn.contact_id)) families.set(earn.contact_id, await familyOf(ctx, earn.contact_id));
    await lockAccounts(ctx, [...families.values()].flat());
    written.push(...await store.insertEntriesForContacts(ctx.db, ctx.workspaceId, await planReversals(ctx, toReverse, families)));
  }
  return [...new Set(written)];
}

/**
 * Read after the lock: what was reversed already (once per order) and each family's balance.
 * A reversal never takes more than the balance, and nothing of points that have already expired
 * (they were spent or the expiry job takes them); the shortfall is written in the reason.
 */
async function planReversals(ctx: Ctx, toReverse: { order: OrderForPoints; earn: store.LedgerRow }[], families: Map<string, string[]>) {
  const prior = await store.listReverseEntries(ctx.db, ctx.workspaceId, [...families.keys()]);
  const reversed = new Set(prior.map((r) => orderIdOfKey(r.source_key)));
  const balances = new Map<string, number>();
  const now = new Date();
  const rows: store.NewLedgerRow[] = [];
  for (const { order, earn } of toReverse) {
    if (reversed.has(order.id)) continue;
    const family = families.get(earn.contact_id)!;
    const root = family[0]!;
    const balance = balances.get(root) ?? await store.balanceOf(ctx.db, ctx.workspaceId, family);
    const held = Number(earn.points);
    const expired = earn.expires_at !== null && earn.expires_at <= now;
    const amount = expired ? 0 : Math.min(held, Math.max(0, balance));
    balances.set(root, balance - amount);
    const shortfall = expired ? '; its points had already expired' : amount < held ? `; ${held - amount} of ${held} points were already spent` : '';
    rows.push({
      id: newId('loyalty'), contact_id: earn.contact_id, kind: 'reverse', points: amount === 0 ? 0 : -amount, order_id: order.id,
      source_key: `order:${order.id}:reverse:1`, reason: `Order ${order.order_number} no longer counts${shortfall}`, agent_id: null, expires_at: null,
    });
  }
  return rows;
}
