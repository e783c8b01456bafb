import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import { jsonParam } from '../platform/db/json.ts';
import type { NewRow, Row, RowUpdate } from '../platform/db/schema.ts';


// Connections ---------------------------------------------------------------------

export const insertConnection = (db: Database, workspaceId: string, row: Omit<NewRow<'shop_connections'>, 'workspace_id'>) =>
  db.insertInto('shop_connections').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const listConnections = (db: Database, workspaceId: string) =>
  db.selectFrom('shop_connections').selectAll().where('workspace_id', '=', workspaceId).where('disabled_at', 'is', null).orderBy('created_at').execute();

export const getConnection = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('shop_connections').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** The webhook URL names the connection; this is where its workspace is learned. */
export const findConnectionForWebhook = (db: Database, id: string) =>
  db.selectFrom('shop_connections').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();

export const updateConnection = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'shop_connections'>) =>
  db.updateTable('shop_connections').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

// Webhook events --------------------------------------------------------------------

/** True when the event is new; a replay (same dedupe key) returns false and is not processed again. */
export async function recordWebhookEvent(db: Database, workspaceId: string, row: { connection_id: string; dedupe_key: string; topic: string }): Promise<boolean> {
  const inserted = await db.insertInto('shop_webhook_events').values({ ...row, workspace_id: workspaceId, processed_at: new Date() })
    .onConflict((oc) => oc.columns(['connection_id', 'dedupe_key']).doNothing()).returning('dedupe_key').executeTakeFirst();
  return inserted !== undefined;
}

// Orders ----------------------------------------------------------------------------------

/** Every written column with its SQL type, in the order each row array carries them. */
const orderColumns = [
  ['id', 'text'], ['source', 'text'], ['connection_id', 'text'], ['external_id', 'text'], ['order_number', 'text'], ['contact_id', 'text'],
  ['email', 'text'], ['phone', 'text'], ['phone_raw', 'text'], ['customer_name', 'text'], ['currency', 'text'], ['total', 'bigint'],
  ['subtotal', 'bigint'], ['discount', 'bigint'], ['shipping', 'bigint'], ['refunded', 'bigint'], ['payment_state', 'text'],
  ['fulfilment_state', 'text'], ['cancelled', 'boolean'], ['counts_as_purchase', 'boolean'], ['raw_financial_status', 'text'],
  ['raw_fulfillment_status', 'text'], ['placed_at', 'timestamptz'], ['cancelled_at', 'timestamptz'], ['source_updated_at', 'timestamptz'],
  ['tracking_number', 'text'], ['carrier', 'text'], ['tracking_url', 'text'], ['shipping_address', 'jsonb'], ['lines', 'jsonb'],
  ['note', 'text'], ['tags', 'jsonb'], ['low_confidence', 'boolean'],
] as const;
const keyColumns = new Set(['id', 'source', 'external_id', 'contact_id']);

export type OrderWrite = { [K in (typeof orderColumns)[number][0]]: K extends 'shipping_address' | 'lines' | 'tags' ? unknown : K extends 'placed_at' | 'cancelled_at' | 'source_updated_at' ? Date | null : string | number | boolean | null };

const insertList = sql.raw(orderColumns.map(([c]) => c).join(', '));
/** Each row travels as a JSON array in `orderColumns` order (no key repeated per row): element i, cast to the column's type. */
const selectOf = (contactFromParam: boolean) => sql.raw(orderColumns.map(([c, type], i) => {
  if (c === 'contact_id' && contactFromParam) return 'e.contact_id';
  if (c === 'tags') return `array(select jsonb_array_elements_text(coalesce(r->${i}, '[]'))) as tags`;
  if (type === 'jsonb') return `nullif(r->${i}, 'null'::jsonb) as ${c}`;
  return `(r->>${i})::${type} as ${c}`;
}).join(', '));
const selectList = selectOf(false);
const selectWithContacts = selectOf(true);
const updateList = sql.raw(orderColumns.filter(([c]) => !keyColumns.has(c)).map(([c]) => `${c} = excluded.${c}`).join(', '));

/** Rows as the one JSON parameter `upsertOrderRows` takes (an array of row arrays). */
export const orderRowsJson = (rows: OrderWrite[]): string => jsonParam(rows.map((row) => orderColumns.map(([c]) => row[c])));

/**
 * Insert or update by (source, external id). The newest source state wins: an update whose
 * source time is older than the stored one changes nothing, so out-of-order deliveries are
 * harmless. A stored contact link is kept. The batch travels as one JSON parameter
 * (an array of row arrays): a 1,000-order batch is one statement with one parameter, not 33,000.
 * Returns what loyalty and the events need, for the rows that were written.
 */
export async function upsertOrders(db: Database, workspaceId: string, rows: OrderWrite[]) {
  if (rows.length === 0) return [];
  return upsertOrderRows(db, workspaceId, orderRowsJson(rows));
}

/**
 * `upsertOrders` over rows already serialized by `orderRowsJson` (a bulk import serializes a batch
 * as soon as it is read, before its contacts are known). `contactIds`: the contact of each row, in
 * row order, instead of the rows' own `contact_id`. `pointRowsOnly`: return only the rows loyalty
 * may act on (a VND order with a contact that was updated, or that is new and counts as a purchase).
 */
export async function upsertOrderRows(db: Database, workspaceId: string, json: string, opts: { contactIds?: (string | null)[]; pointRowsOnly?: boolean } = {}) {
  const source = opts.contactIds
    ? sql`rows from (jsonb_array_elements(${json}::jsonb), unnest(${opts.contactIds}::text[])) as e(r, contact_id)`
    : sql`jsonb_array_elements(${json}::jsonb) as e(r)`;
  const upsert = sql<OrderForPointsRow>`
    insert into orders (workspace_id, ${insertList})
    select ${workspaceId}, ${opts.contactIds ? selectWithContacts : selectList} from ${source}
    on conflict (workspace_id, source, (coalesce(connection_id, '')), external_id) do update set ${updateList},
      contact_id = coalesce(orders.contact_id, excluded.contact_id), deleted_at = null, updated_at = now()
      where orders.source_updated_at < excluded.source_updated_at
        or (orders.source_updated_at = excluded.source_updated_at and (orders.deleted_at is not null
          or (orders.total, orders.refunded, orders.payment_state, orders.fulfilment_state, orders.cancelled, orders.tracking_number, orders.lines)
            is distinct from (excluded.total, excluded.refunded, excluded.payment_state, excluded.fulfilment_state, excluded.cancelled, excluded.tracking_number, excluded.lines)))
    returning id, contact_id, currency, counts_as_purchase, deleted_at, total, refunded, placed_at, order_number, (xmax = 0) as inserted`;
  if (!opts.pointRowsOnly) return (await upsert.execute(db)).rows;
  const result = await sql<OrderForPointsRow>`with written as (${upsert}) select * from written
    where contact_id is not null and currency = 'VND' and (not inserted or (counts_as_purchase and deleted_at is null))`.execute(db);
  return result.rows;
}
/** `inserted`: the row is new (PostgreSQL's `xmax = 0` on an upsert's result), so nothing can refer to it yet. */
type OrderForPointsRow = Pick<Row<'orders'>, 'id' | 'contact_id' | 'currency' | 'counts_as_purchase' | 'deleted_at' | 'total' | 'refunded' | 'placed_at' | 'order_number'> & { inserted: boolean };

/**
 * Bulk imports may lose their last moments on a crash (the import is re-run idempotently) but not wait
 * for fsync per batch. Their lookups probe indexes with a thousand keys at once: priced with the
 * default random_page_cost (spinning disks) the planner prefers scanning every contact, in parallel
 * workers, which costs an import of 200,000 new customers several seconds; SSD pricing keeps the probes.
 */
export async function relaxCommit(db: Database): Promise<void> {
  await sql`select set_config('synchronous_commit', 'off', true), set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(db);
}

export const markOrderDeleted = (db: Database, workspaceId: string, connectionId: string, externalId: string) =>
  db.updateTable('orders').set({ deleted_at: new Date() }).where('workspace_id', '=', workspaceId).where('connection_id', '=', connectionId)
    .where('external_id', '=', externalId).returningAll().executeTakeFirst();

export const getOrder = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export function listOrdersOfContacts(db: Database, workspaceId: string, contactIds: string[], opts: { limit: number; before?: { placedAt: Date; id: string } }) {
  let q = db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).where('deleted_at', 'is', null);
  if (opts.before) {
    const { placedAt, id } = opts.before;
    q = q.where((eb) => eb.or([eb('placed_at', '<', placedAt), eb.and([eb('placed_at', '=', placedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
}

export async function statsOfContacts(db: Database, workspaceId: string, contactIds: string[]) {
  const row = await db.selectFrom('orders').where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).where('deleted_at', 'is', null)
    .select((eb) => [
      eb.fn.countAll<number>().as('order_count'),
      sql<number>`coalesce(sum(total - coalesce(refunded, 0)) filter (where counts_as_purchase and currency = 'VND'), 0)`.as('lifetime_spend'),
      sql<number>`coalesce(sum(total - coalesce(refunded, 0)) filter (where counts_as_purchase and currency = 'VND' and placed_at > now() - interval '12 months'), 0)`.as('spend_12m'),
      eb.fn.max('placed_at').as('last_order_at'),
      eb.fn.min('placed_at').as('first_order_at'),
    ]).executeTakeFirstOrThrow();
  return { orderCount: Number(row.order_count), lifetimeSpend: Number(row.lifetime_spend), spend12m: Number(row.spend_12m), lastOrderAt: row.last_order_at as Date | null, firstOrderAt: row.first_order_at as Date | null };
}

/** Orders counted per contact, for merge suggestions. */
export async function countOrdersByContact(db: Database, workspaceId: string, contactIds: string[]): Promise<Map<string, number>> {
  if (!contactIds.length) return new Map();
  const rows = await db.selectFrom('orders').select(['contact_id', (eb) => eb.fn.countAll<number>().as('n')]).where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds).where('deleted_at', 'is', null).groupBy('contact_id').execute();
  return new Map(rows.map((r) => [r.contact_id!, Number(r.n)]));
}

/** Order numbers are matched without `#` and case; the phone must match too (checked by the caller). */
export const findOrdersByNumber = (db: Database, workspaceId: string, number: string) =>
  db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null)
    .where(sql<string>`lower(order_number)`, 'in', [number.toLowerCase(), `#${number.toLowerCase()}`]).limit(5).execute();

/** The contact's most recent purchase: the one a complaint is most likely about. */
export const latestOrderOfContacts = (db: Database, workspaceId: string, contactIds: string[]) =>
  db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).where('deleted_at', 'is', null)
    .where('counts_as_purchase', '=', true)
    .orderBy('placed_at', 'desc').limit(1).executeTakeFirst();

// Imports -------------------------------------------------------------------------------

export const insertImport = (db: Database, workspaceId: string, row: Omit<NewRow<'order_imports'>, 'workspace_id'>) =>
  db.insertInto('order_imports').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateImport = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'order_imports'>) =>
  db.updateTable('order_imports').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const getImport = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('order_imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const listImports = (db: Database, workspaceId: string) =>
  db.selectFrom('order_imports').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(50).execute();

/** Purchases whose fulfilment was last recorded in [from, to): candidates for an after-delivery check. */
export const listFulfilledBetween = (db: Database, workspaceId: string, from: Date, to: Date) =>
  db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).where('counts_as_purchase', '=', true)
    .where('fulfilment_state', '=', 'fulfilled').where('contact_id', 'is not', null)
    .where('source_updated_at', '>=', from).where('source_updated_at', '<', to).orderBy('source_updated_at').limit(5000).execute();

/** How many of these contacts placed a purchase in (after, after + days]: the follow-up results. */
export async function countPurchasedAfter(db: Database, workspaceId: string, sends: { contactId: string; at: Date }[], days: number): Promise<number> {
  if (!sends.length) return 0;
  const result = await sql<{ n: number }>`select count(*)::int as n from jsonb_to_recordset(${jsonParam(sends)}::jsonb) as s("contactId" text, "at" timestamptz)
    where exists (select 1 from orders o where o.workspace_id = ${workspaceId} and o.contact_id = s."contactId" and o.counts_as_purchase
      and o.deleted_at is null and o.placed_at > s."at" and o.placed_at <= s."at" + make_interval(days => ${days}))`.execute(db);
  return result.rows[0]?.n ?? 0;
}
