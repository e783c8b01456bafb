import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import { jsonParam } from '../platform/db/json.ts';
import type { NewRow, Row, RowUpdate } from '../platform/db/schema.ts';

// Occasions ------------------------------------------------------------------------------

/**
 * Rebuild the workspace's purchase occasions from its orders (spec §1): valid purchases only (counts
 * as a purchase, not deleted, net of refunds > 0) in the analytics currency, one per surviving
 * contact (merged contacts follow their chain) and calendar day in the shop's zone, with their
 * sources. The window columns are computed here once so that dashboard queries are single passes.
 */
export async function rebuildOccasions(db: Database, workspaceId: string, opts: { timezone: string; currency: string }): Promise<number> {
  await sql`set local work_mem = '128MB'`.execute(db); // one sort of every occasion, in memory (the caller's transaction)
  await sql`delete from analytics_occasions where workspace_id = ${workspaceId}`.execute(db);
  const boundary = (unit: string, fn: 'lag' | 'lead') => sql.raw(`date_trunc('${unit}', ${fn}(day) over w) is distinct from date_trunc('${unit}', day)`);
  const result = await sql`
    with recursive roots(id, root) as (
      select id, id from contacts where workspace_id = ${workspaceId} and merged_into_id is null
      union all
      select c.id, r.root from contacts c join roots r on c.merged_into_id = r.id where c.workspace_id = ${workspaceId}
    ), days as (
      select r.root as contact_id, (o.placed_at at time zone ${opts.timezone})::date as day,
        sum(o.total - coalesce(o.refunded, 0)) as value, count(*) as orders, array_agg(distinct o.source) as sources
      from orders o join roots r on r.id = o.contact_id
      where o.workspace_id = ${workspaceId} and o.deleted_at is null and o.counts_as_purchase
        and o.currency = ${opts.currency} and o.total - coalesce(o.refunded, 0) > 0
      group by 1, 2
    )
    insert into analytics_occasions (workspace_id, contact_id, day, seq, prev_day, first_day, value, orders, sources,
      first_in_month, first_in_quarter, first_in_year, last_in_month, last_in_quarter, last_in_year)
    select ${workspaceId}, contact_id, day, row_number() over w, lag(day) over w, min(day) over (partition by contact_id), value, orders, sources,
      ${boundary('month', 'lag')}, ${boundary('quarter', 'lag')}, ${boundary('year', 'lag')},
      ${boundary('month', 'lead')}, ${boundary('quarter', 'lead')}, ${boundary('year', 'lead')}
    from days window w as (partition by contact_id order by day)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Valid orders left out because they are in another currency than the analytics currency. */
export async function countOtherCurrencyOrders(db: Database, workspaceId: string, currency: string): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from orders where workspace_id = ${workspaceId} and deleted_at is null
    and counts_as_purchase and currency <> ${currency}`.execute(db);
  return row.rows[0]?.n ?? 0;
}

export async function hasCustomers(db: Database, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('analytics_customers').select('contact_id').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function hasOrders(db: Database, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('orders').select('id').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The most used currency of valid orders (the default analytics currency of a new workspace). */
export async function findMainCurrency(db: Database, workspaceId: string): Promise<string | null> {
  const row = await sql<{ currency: string }>`select currency from orders where workspace_id = ${workspaceId} and deleted_at is null
    and counts_as_purchase group by currency order by count(*) desc limit 1`.execute(db);
  return row.rows[0]?.currency ?? null;
}

/** The first purchase day in the data, as days since 1970-01-01. */
export async function findFirstOccasionDay(db: Database, workspaceId: string): Promise<number | null> {
  const result = await sql<{ first: number | null }>`select min(day) - date '1970-01-01' as first from analytics_occasions where workspace_id = ${workspaceId}`.execute(db);
  return result.rows[0]?.first ?? null;
}

export interface CustomerHistoryRow {
  contact_id: string;
  first_day: number;
  last_day: number;
  occasions: number;
  orders: number;
  revenue: number;
  first_value: number;
  repeat_value: number;
  /** Occasions, last day and repeat value up to the calibration end (null before the customer's first purchase). */
  cal_occasions: number;
  cal_last_day: number | null;
  cal_repeat_value: number;
  holdout_occasions: number;
}

/**
 * Per customer: the whole history and, for validation, the part up to `calibrationEnd` and the
 * occasions in the holdout `(calibrationEnd, holdoutEnd]`. Days are integers since 1970-01-01.
 */
export async function listCustomerHistories(db: Database, workspaceId: string, calibrationEnd: string, holdoutEnd: string): Promise<CustomerHistoryRow[]> {
  const result = await sql<CustomerHistoryRow>`
    select contact_id,
      min(day) - date '1970-01-01' as first_day, max(day) - date '1970-01-01' as last_day,
      max(seq) as occasions, sum(orders)::int as orders, sum(value)::bigint as revenue,
      coalesce(sum(value) filter (where seq = 1), 0)::bigint as first_value,
      coalesce(sum(value) filter (where seq > 1), 0)::bigint as repeat_value,
      coalesce(max(seq) filter (where day <= ${calibrationEnd}::date), 0) as cal_occasions,
      max(day) filter (where day <= ${calibrationEnd}::date) - date '1970-01-01' as cal_last_day,
      coalesce(sum(value) filter (where seq > 1 and day <= ${calibrationEnd}::date), 0)::bigint as cal_repeat_value,
      count(*) filter (where day > ${calibrationEnd}::date and day <= ${holdoutEnd}::date)::int as holdout_occasions
    from analytics_occasions where workspace_id = ${workspaceId} group by contact_id`.execute(db);
  return result.rows;
}

/** Per day with occasions: first occasions (births) and repeat occasions, for the tracking plot. */
export async function countOccasionsByDay(db: Database, workspaceId: string): Promise<{ day: number; births: number; repeats: number }[]> {
  const result = await sql<{ day: number; births: number; repeats: number }>`
    select day - date '1970-01-01' as day, count(*) filter (where seq = 1)::int as births, count(*) filter (where seq > 1)::int as repeats
    from analytics_occasions where workspace_id = ${workspaceId} group by day order by day`.execute(db);
  return result.rows;
}

// Customers ------------------------------------------------------------------------------

export type CustomerWrite = Omit<NewRow<'analytics_customers'>, 'workspace_id' | 'refreshed_at'>;

/** Replace the workspace's customer rows (inside the caller's transaction: readers see old or new, never half). */
export async function replaceCustomers(db: Database, workspaceId: string, rows: CustomerWrite[], onBatch?: (done: number) => void): Promise<void> {
  await sql`delete from analytics_customers where workspace_id = ${workspaceId}`.execute(db);
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await sql`
      insert into analytics_customers (workspace_id, contact_id, first_day, last_day, occasions, orders, revenue, first_value, repeat_value,
        r_score, f_score, m_score, segment, vip, p_alive, churn_risk, risk_band, expected_purchases, expected_spend, predicted_clv, next_order_on)
      select ${workspaceId}, r.contact_id, r.first_day, r.last_day, r.occasions, r.orders, r.revenue, r.first_value, r.repeat_value,
        r.r_score, r.f_score, r.m_score, r.segment, coalesce(r.vip, false), r.p_alive, r.churn_risk, r.risk_band, r.expected_purchases,
        r.expected_spend, r.predicted_clv, r.next_order_on
      from jsonb_to_recordset(${jsonParam(batch)}::jsonb) as r(contact_id text, first_day date, last_day date, occasions int, orders int,
        revenue bigint, first_value bigint, repeat_value bigint, r_score smallint, f_score smallint, m_score smallint, segment text, vip boolean,
        p_alive double precision, churn_risk double precision, risk_band text, expected_purchases double precision, expected_spend double precision,
        predicted_clv double precision, next_order_on date)`.execute(db);
    onBatch?.(Math.min(rows.length, i + batch.length));
  }
}

const customerColumns = sql.raw(`contact_id, first_day::text as first_day, last_day::text as last_day, occasions, orders, revenue, first_value,
  repeat_value, r_score, f_score, m_score, segment, vip, p_alive, churn_risk, risk_band, expected_purchases, expected_spend, predicted_clv,
  next_order_on::text as next_order_on, refreshed_at`);
export type CustomerRow = Row<'analytics_customers'>;

export async function listCustomersByIds(db: Database, workspaceId: string, contactIds: string[]): Promise<CustomerRow[]> {
  if (!contactIds.length) return [];
  const result = await sql<CustomerRow>`select ${customerColumns} from analytics_customers
    where workspace_id = ${workspaceId} and contact_id = any(${contactIds}::text[]) order by revenue desc`.execute(db);
  return result.rows;
}

const sortColumns = {
  churn_risk: 'churn_risk desc nulls last, revenue desc',
  revenue: 'revenue desc',
  predicted_clv: 'predicted_clv desc nulls last, revenue desc',
  last_order: 'last_day desc',
} as const;

export async function listCustomers(db: Database, workspaceId: string, q: { segment?: string | undefined; vip?: boolean | undefined; sort: keyof typeof sortColumns; limit: number; offset: number }) {
  const result = await sql<CustomerRow>`
    select ${customerColumns} from analytics_customers
    where workspace_id = ${workspaceId}
      ${q.segment ? sql`and segment = ${q.segment}` : sql``}
      ${q.vip !== undefined ? sql`and vip = ${q.vip}` : sql``}
    order by ${sql.raw(sortColumns[q.sort])}, contact_id limit ${q.limit} offset ${q.offset}`.execute(db);
  return result.rows;
}

export async function countSegments(db: Database, workspaceId: string) {
  const result = await sql<{ segment: string; customers: number; revenue: number; avg_churn_risk: number | null }>`
    select segment, count(*)::int as customers, sum(revenue)::bigint as revenue, avg(churn_risk) as avg_churn_risk
    from analytics_customers where workspace_id = ${workspaceId} and segment is not null group by segment`.execute(db);
  return result.rows;
}

/** Customers whose expected next order falls in [from, to] and who are likely still customers. */
export async function listRepurchaseDue(db: Database, workspaceId: string, from: string, to: string, minPAlive: number) {
  const result = await sql<{ contact_id: string; next_order_on: string }>`select contact_id, next_order_on::text as next_order_on from analytics_customers
    where workspace_id = ${workspaceId} and next_order_on between ${from}::date and ${to}::date
      and (p_alive >= ${minPAlive} or (p_alive is null and coalesce(risk_band, 'low') <> 'high'))`.execute(db);
  return result.rows;
}

/** Contacts of a segment (for inbox filters): the surviving contact ids. */
export async function listSegmentContactIds(db: Database, workspaceId: string, segment: string): Promise<string[]> {
  const rows = await db.selectFrom('analytics_customers').select('contact_id').where('workspace_id', '=', workspaceId).where('segment', '=', segment).execute();
  return rows.map((r) => r.contact_id);
}

// Snapshots -----------------------------------------------------------------------------------

export async function getSnapshot<T>(db: Database, workspaceId: string, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('analytics_snapshots').select('payload').where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();
  return row?.payload as T | undefined;
}

export async function putSnapshot(db: Database, workspaceId: string, key: string, payload: unknown): Promise<void> {
  await db.insertInto('analytics_snapshots').values({ workspace_id: workspaceId, key, payload: jsonParam(payload) })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet({ payload: jsonParam(payload), created_at: new Date() })).execute();
}

/** `keepFacts`: facts of the occasions (span, main currency…) stay; they do not depend on the segments. */
export async function clearSnapshots(db: Database, workspaceId: string, opts: { keepFacts?: boolean } = {}): Promise<void> {
  let q = db.deleteFrom('analytics_snapshots').where('workspace_id', '=', workspaceId);
  if (opts.keepFacts) q = q.where('key', 'not like', 'fact:%');
  await q.execute();
}

// Models and runs -----------------------------------------------------------------------------

export const insertModel = (db: Database, workspaceId: string, row: Omit<NewRow<'analytics_models'>, 'workspace_id'>) =>
  db.insertInto('analytics_models').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const latestModel = (db: Database, workspaceId: string) =>
  db.selectFrom('analytics_models').selectAll().select([sql<string | null>`data_from::text`.as('data_from'), sql<string | null>`data_to::text`.as('data_to'),
    sql<string | null>`calibration_end::text`.as('calibration_end')])
    .where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

/** Keep the newest models only: they are history for the validation panel, not an archive. */
export async function pruneModels(db: Database, workspaceId: string, keep: number): Promise<void> {
  await sql`delete from analytics_models where workspace_id = ${workspaceId} and id not in (
    select id from analytics_models where workspace_id = ${workspaceId} order by created_at desc, id desc limit ${keep})`.execute(db);
}

export const insertRun = (db: Database, workspaceId: string, row: Omit<NewRow<'analytics_runs'>, 'workspace_id'>) =>
  db.insertInto('analytics_runs').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateRun = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'analytics_runs'>) =>
  db.updateTable('analytics_runs').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const latestRun = (db: Database, workspaceId: string) =>
  db.selectFrom('analytics_runs').selectAll().where('workspace_id', '=', workspaceId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

export const latestFinishedRun = (db: Database, workspaceId: string) =>
  db.selectFrom('analytics_runs').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'done')
    .orderBy('finished_at', 'desc').limit(1).executeTakeFirst();

/** A run left `running` by a node that stopped is failed after this long, so a new one may start. */
export async function failStaleRuns(db: Database, workspaceId: string, olderThanMinutes: number): Promise<void> {
  await sql`update analytics_runs set status = 'failed', error = 'interrupted', finished_at = now()
    where workspace_id = ${workspaceId} and status = 'running' and started_at < now() - make_interval(mins => ${olderThanMinutes})`.execute(db);
}
