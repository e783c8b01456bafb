import { randomBytes } from 'node:crypto';
import {
  cleanLine, type ContactOrdersDto, type OrderDto, type OrderLookupDto, type RealtimeEvent, type ShopConnectionDto, type ShopConnectionInput,
} from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { hasRole, requireRole, requireScope } from '../agents/policy.ts';
import { contactFamilyOf, findContactsSharing, getContactRow, resolveCustomerContacts, type CustomerRef } from '../contacts/service.ts';
import { displayPhone, isInvalidPhone, normalizePhoneVN } from '../contacts/phone.ts';
import { forgetConnection } from './webhooks.ts';
import { presentConnection, presentOrder, presentOrderForVisitor } from './present.ts';
import { syncOrderPoints, type OrderForPoints } from '../loyalty/service.ts';
import { countsAsPurchase, type NormalizedOrder, type OrderSource } from './order.ts';
import { httpUrl } from './platforms/fields.ts';
import * as store from './store.ts';
import { latestConversationOfContact } from '../conversations/service.ts';
import { hasAutomations, queueAutomations } from '../automations/service.ts';

type Emit = (event: RealtimeEvent) => void;

// For other features ------------------------------------------------------------------

/** An order of this workspace (compensation links to it). */
export async function getOrderRow(ctx: Ctx, orderId: string): Promise<Row<'orders'>> {
  const row = await store.getOrder(ctx.db, ctx.workspaceId, orderId);
  if (!row || row.deleted_at) throw notFound('Order');
  return row;
}

export interface CustomerValue {
  orderCount: number;
  /** Sum of VND orders that count as purchases, net of refunds. */
  lifetimeSpend: number;
  /** The same over the last 12 months (loyalty tiers). */
  spend12m: number;
  lastOrderAt: Date | null;
  firstOrderAt: Date | null;
  latestOrder: Row<'orders'> | null;
}

/**
 * What a customer is worth to the shop, over the contact and every contact merged into it
 * (`family`, when the caller has already walked it).
 */
export async function customerValueOf(ctx: Ctx, contactId: string, family?: string[]): Promise<CustomerValue> {
  family ??= await contactFamilyOf(ctx, contactId);
  const [stats, latest] = await Promise.all([
    store.statsOfContacts(ctx.db, ctx.workspaceId, family),
    store.latestOrderOfContacts(ctx.db, ctx.workspaceId, family),
  ]);
  return { ...stats, latestOrder: latest ?? null };
}

/**
 * Store normalized orders from any source in the caller's transaction (or a new one): customers
 * resolved to contacts in one batch, upserted newest-wins, then loyalty points kept in step.
 * Returns the rows that changed (a replay or an older update returns nothing).
 */
export interface UpsertOptions {
  /** Bulk imports do not announce each contact (open sidebars refetch when the import ends) nor wait for fsync. */
  bulk?: boolean;
  /** Inside a caller's transaction: where to announce changed contacts (after the caller commits). */
  emit?: Emit;
}

export async function upsertOrders(ctx: Ctx, source: OrderSource, connectionId: string | null, orders: NormalizedOrder[], opts: UpsertOptions = {}): Promise<OrderForPoints[]> {
  if (orders.length === 0) return [];
  if (!ctx.db.isTransaction) {
    return inTransaction(ctx, async (tx, emit) => {
      if (opts.bulk) await store.relaxCommit(tx.db);
      return upsertOrdersIn(tx, source, connectionId, orders, opts.bulk ? null : emit);
    });
  }
  return upsertOrdersIn(ctx, source, connectionId, orders, opts.emit ?? null);
}

const customerOf = (o: NormalizedOrder) => ({ name: o.customerName ?? o.shippingAddress?.name ?? null, email: o.email, phone: o.phone ?? o.shippingAddress?.phone ?? null });

/** Two copies of one order in a batch would collide in one INSERT; the newest stays. */
function newestOfEach(orders: NormalizedOrder[]): NormalizedOrder[] {
  const unique = new Map<string, NormalizedOrder>();
  for (const o of orders) {
    const seen = unique.get(o.externalId);
    if (!seen || (o.updatedAt ?? o.placedAt) >= (seen.updatedAt ?? seen.placedAt)) unique.set(o.externalId, o);
  }
  return [...unique.values()];
}

async function upsertOrdersIn(ctx: Ctx, source: OrderSource, connectionId: string | null, orders: NormalizedOrder[], emit: Emit | null) {
  const list = newestOfEach(orders);
  const contactIds = await resolveCustomerContacts(ctx, list.map(customerOf));
  const rows = await store.upsertOrders(ctx.db, ctx.workspaceId, list.map((o, i) => orderColumns(o, source, connectionId, contactIds[i] ?? null)));
  await syncOrderPoints(ctx, rows);
  if (emit) {
    const rules = await hasAutomations(ctx, 'order.updated');
    for (const contactId of new Set(rows.map((r) => r.contact_id).filter((c): c is string => !!c))) {
      emit({ type: 'contact.commerce_changed', contactId, what: ['orders', 'loyalty'] });
      // Rules on order events act on the customer's latest conversation (bulk imports start none).
      const conversation = rules ? await latestConversationOfContact(ctx, contactId) : undefined;
      if (conversation) await queueAutomations(ctx, { trigger: 'order.updated', conversationId: conversation.id });
    }
  }
  return rows;
}

/**
 * A bulk import's batch, serialized as soon as it is read: the order objects are dropped right away,
 * and only the serialized rows (one string) and the customers wait, across the writes in flight, for
 * their contacts, which travel as a separate parameter.
 */
export interface PreparedOrders {
  /** The newest of each external id, as `store.orderRowsJson` rows. */
  rows: string;
  count: number;
  /** Every order's customer, in batch order. */
  customers: CustomerRef[];
  /** For each row, the position in `customers` whose contact it takes (the last order with its external id). */
  contactOf: number[];
}

export function prepareOrders(source: OrderSource, connectionId: string | null, orders: NormalizedOrder[]): PreparedOrders {
  const list = newestOfEach(orders);
  const last = new Map<string, number>();
  orders.forEach((o, i) => last.set(o.externalId, i));
  return {
    rows: store.orderRowsJson(list.map((o) => orderColumns(o, source, connectionId, null))),
    count: list.length,
    customers: orders.map(customerOf),
    contactOf: list.map((o) => last.get(o.externalId)!),
  };
}

/**
 * Find or create the contacts of a prepared batch in a transaction of their own, so that a bulk
 * import can resolve contacts in one lane (one writer: a customer new to two batches gets one
 * contact) while earlier batches' orders are still being written. Returns each row's contact.
 */
export async function resolvePreparedContacts(ctx: Ctx, batch: PreparedOrders): Promise<(string | null)[]> {
  if (batch.count === 0) return [];
  return inTransaction(ctx, async (tx) => {
    await store.relaxCommit(tx.db);
    const ids = await resolveCustomerContacts(tx, batch.customers);
    return batch.contactOf.map((i) => ids[i] ?? null);
  });
}

/** Write a prepared batch with its contacts, as `upsertOrders` with `bulk` does (loyalty kept in step, nothing announced). */
export async function writePreparedOrders(ctx: Ctx, batch: PreparedOrders, contactIds: (string | null)[]): Promise<void> {
  if (batch.count === 0) return;
  await inTransaction(ctx, async (tx) => {
    await store.relaxCommit(tx.db);
    await syncOrderPoints(tx, await store.upsertOrderRows(tx.db, tx.workspaceId, batch.rows, { contactIds, pointRowsOnly: true }));
  });
}

function orderColumns(o: NormalizedOrder, source: OrderSource, connectionId: string | null, contactId: string | null): store.OrderWrite {
  const rawPhone = o.phone ?? o.shippingAddress?.phone ?? null;
  const phone = rawPhone ? normalizePhoneVN(rawPhone, { recordedAt: o.placedAt }) : null;
  return {
    id: newId('order'),
    source,
    connection_id: connectionId,
    external_id: o.externalId,
    order_number: o.orderNumber,
    contact_id: contactId,
    email: o.email?.trim().toLowerCase() || null,
    phone: phone && !isInvalidPhone(phone) ? phone.e164 : null,
    phone_raw: rawPhone,
    customer_name: o.customerName,
    currency: o.currency.toUpperCase(),
    total: o.total,
    subtotal: o.subtotal,
    discount: o.discount,
    shipping: o.shipping,
    refunded: o.refunded,
    payment_state: o.paymentState,
    fulfilment_state: o.fulfilmentState,
    cancelled: o.cancelled,
    counts_as_purchase: countsAsPurchase(o),
    raw_financial_status: o.rawFinancialStatus,
    raw_fulfillment_status: o.rawFulfillmentStatus,
    placed_at: o.placedAt,
    cancelled_at: o.cancelledAt,
    source_updated_at: o.updatedAt ?? o.placedAt,
    tracking_number: o.trackingNumber,
    carrier: o.carrier,
    tracking_url: httpUrl(o.trackingUrl), // shown as a link to agents and visitors: http(s) only
    shipping_address: o.shippingAddress,
    lines: o.lines,
    note: o.note,
    tags: o.tags,
    low_confidence: o.lowConfidence ?? false,
  };
}


/** The customer's most recent purchase: what a complaint is most likely about, and what sizes an offer. */
export async function latestPurchaseOf(ctx: Ctx, contactId: string): Promise<Row<'orders'> | null> {
  return (await store.latestOrderOfContacts(ctx.db, ctx.workspaceId, await contactFamilyOf(ctx, contactId))) ?? null;
}

// Connections ---------------------------------------------------------------------------

/** CareLoop makes alphanumeric secrets: WooCommerce entity-decodes `& < > " '` and would then mismatch. */
function newWebhookSecret(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(randomBytes(40), (b) => alphabet[b % alphabet.length]).join('');
}

export async function listConnections(ctx: Ctx): Promise<ShopConnectionDto[]> {
  requireRole(ctx.actor, 'agent');
  const showSecret = hasRole(ctx.actor, 'admin');
  return (await store.listConnections(ctx.db, ctx.workspaceId)).map((r) => presentConnection(r, ctx.deps.config.publicUrl, showSecret));
}

export async function createConnection(ctx: Ctx, input: ShopConnectionInput): Promise<ShopConnectionDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertConnection(tx.db, tx.workspaceId, {
      id: newId('shopConnection'), platform: input.platform, name: cleanLine(input.name), shop_domain: input.shopDomain ?? null,
      base_url: input.baseUrl ?? null, webhook_secret: input.webhookSecret ?? newWebhookSecret(), access_token: input.accessToken ?? null,
      api_key: input.apiKey ?? null, api_secret: input.apiSecret ?? null,
    });
    await recordAudit(tx, 'shop_connection.created', { type: 'shop_connection', id: row.id }, { platform: row.platform, name: row.name });
    return presentConnection(row, tx.deps.config.publicUrl, true);
  });
}

export async function editConnection(ctx: Ctx, id: string, input: Partial<ShopConnectionInput> & { rotateSecret?: boolean }): Promise<ShopConnectionDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const before = await store.getConnection(tx.db, tx.workspaceId, id);
    if (!before) throw notFound('Shop connection');
    // Credentials belong to one API address: pointing the connection elsewhere drops them, so they
    // cannot be sent to a server of the editor's choosing.
    const moved = input.baseUrl !== undefined && input.baseUrl !== before.base_url;
    const row = await store.updateConnection(tx.db, tx.workspaceId, id, {
      ...(moved ? { access_token: null, api_key: null, api_secret: null } : {}),
      ...(input.name !== undefined ? { name: cleanLine(input.name) } : {}),
      ...(input.shopDomain !== undefined ? { shop_domain: input.shopDomain } : {}),
      ...(input.baseUrl !== undefined ? { base_url: input.baseUrl } : {}),
      ...(input.webhookSecret ? { webhook_secret: input.webhookSecret } : {}),
      ...(input.rotateSecret ? { webhook_secret: newWebhookSecret() } : {}),
      ...(input.accessToken !== undefined ? { access_token: input.accessToken } : {}),
      ...(input.apiKey !== undefined ? { api_key: input.apiKey } : {}),
      ...(input.apiSecret !== undefined ? { api_secret: input.apiSecret } : {}),
    });
    if (!row) throw notFound('Shop connection');
    forgetConnection(id);
    await recordAudit(tx, 'shop_connection.updated', { type: 'shop_connection', id }, { fields: Object.keys(input).filter((k) => k !== 'accessToken' && k !== 'apiSecret' && k !== 'webhookSecret') });
    return presentConnection(row, tx.deps.config.publicUrl, true);
  });
}

/** Disconnecting keeps the orders (they are the customer's history); the webhook stops working. */
export async function removeConnection(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const row = await store.updateConnection(tx.db, tx.workspaceId, id, { disabled_at: new Date() });
    if (!row) throw notFound('Shop connection');
    forgetConnection(id);
    await recordAudit(tx, 'shop_connection.removed', { type: 'shop_connection', id }, { platform: row.platform, name: row.name });
  });
}

/** Where vouchers can be pushed as discount codes: connections with API credentials. */
export async function listPushTargets(ctx: Ctx) {
  return (await store.listConnections(ctx.db, ctx.workspaceId))
    // Sapo and Shopify discount APIs take an access token; WooCommerce takes its key pair.
    .filter((r) => r.base_url && (r.platform === 'woocommerce' ? r.api_key && r.api_secret : r.access_token))
    .map((r) => ({ connectionId: r.id, platform: r.platform, baseUrl: r.base_url!, accessToken: r.access_token, apiKey: r.api_key, apiSecret: r.api_secret }));
}

// Sidebar ----------------------------------------------------------------------------------

export async function listContactOrders(ctx: Ctx, contactId: string, query: { cursor?: string | undefined; limit: number }): Promise<ContactOrdersDto> {
  requireScope(ctx.actor, 'contacts:read');
  const contact = await getContactRow(ctx, contactId);
  const family = await contactFamilyOf(ctx, contactId);
  const cursor = decodeCursor(query.cursor);
  const before = cursor ? { placedAt: new Date(String(cursor[0])), id: String(cursor[1]) } : undefined;
  if (before && (Number.isNaN(before.placedAt.getTime()) || !before.id.startsWith('ord_'))) throw new AppError('bad_request', 'The cursor is not valid');
  const [rows, stats, sharing] = await Promise.all([
    store.listOrdersOfContacts(ctx.db, ctx.workspaceId, family, { limit: query.limit, ...(before ? { before } : {}) }),
    store.statsOfContacts(ctx.db, ctx.workspaceId, family),
    findContactsSharing(ctx, contactId, contact.phone, contact.email),
  ]);
  const page = pageOf(rows, query.limit, (r) => [r.placed_at.toISOString(), r.id]);
  const counts = await store.countOrdersByContact(ctx.db, ctx.workspaceId, sharing.map((s) => s.id));
  return {
    contactId,
    orders: page.items.map(presentOrder),
    nextCursor: page.nextCursor,
    orderCount: stats.orderCount,
    lifetimeSpend: stats.lifetimeSpend,
    currency: 'VND',
    lastOrderAt: stats.lastOrderAt ? new Date(stats.lastOrderAt).toISOString() : null,
    firstOrderAt: stats.firstOrderAt ? new Date(stats.firstOrderAt).toISOString() : null,
    mergeSuggestions: sharing.map((s) => ({
      contactId: s.id, name: s.name, phoneDisplay: s.phone ? displayPhone(s.phone) : s.phone_raw, email: s.email,
      orderCount: counts.get(s.id) ?? 0, matchedBy: s.matchedBy,
    })),
  };
}

export async function getOrder(ctx: Ctx, id: string): Promise<OrderDto> {
  requireScope(ctx.actor, 'contacts:read');
  return presentOrder(await getOrderRow(ctx, id));
}

// Widget self-service ---------------------------------------------------------------------

/**
 * "Where is my order?": the number and the phone on it must both match. A wrong pair gets the
 * same answer as an unknown number, so the lookup cannot be used to learn which numbers exist.
 */
export async function lookupOrderForVisitor(ctx: Ctx, input: { orderNumber: string; phone: string }): Promise<OrderLookupDto> {
  const phone = normalizePhoneVN(input.phone);
  const number = input.orderNumber.trim().replace(/^#/, '');
  const miss = () => new AppError('not_found', 'No order matches this number and phone');
  if (isInvalidPhone(phone) || !number) throw miss();
  const candidates = await store.findOrdersByNumber(ctx.db, ctx.workspaceId, number);
  const match = candidates.find((o) => o.phone === phone.e164 || (o.shipping_address as { phone?: string } | null)?.phone && samePhone((o.shipping_address as { phone: string }).phone, phone.e164));
  if (!match) throw miss();
  return presentOrderForVisitor(match);
}

function samePhone(raw: string, e164: string): boolean {
  const p = normalizePhoneVN(raw);
  return !isInvalidPhone(p) && p.e164 === e164;
}

/** Orders fulfilled in [from, to) (follow-ups: "did everything arrive well?"). */
export const listFulfilledOrdersBetween = (ctx: Ctx, from: Date, to: Date) => store.listFulfilledBetween(ctx.db, ctx.workspaceId, from, to);

/** Of these (contact, moment) pairs, how many bought within `days` after the moment. */
export const countPurchasesAfter = (ctx: Ctx, sends: { contactId: string; at: Date }[], days: number) => store.countPurchasedAfter(ctx.db, ctx.workspaceId, sends, days);
