import { sql, type RawBuilder } from 'kysely';
import type { ProductCycleRule } from '@careloop/contracts';
import type { Database } from '../platform/db/index.ts';
import { sqlFoldMap } from './product-keys.ts';

/** `productKeyOf`'s folding of a title, in SQL (see product-keys.ts). */
const folded = (text: RawBuilder<unknown>) =>
  sql<string>`btrim(regexp_replace(lower(regexp_replace(translate(${text}, ${sqlFoldMap.from}::text, ${sqlFoldMap.to}::text), ${sqlFoldMap.marks}::text, '', 'g')), ${'\\s+'}::text, ' ', 'g'))`;

/** An order's lines as rows `l(sku, title, quantity)`; a quantity of 0 is an item taken off the order, not bought. */
const lineRecords = (orders: string) =>
  sql.raw(`jsonb_to_recordset(case when jsonb_typeof(${orders}.lines) = 'array' then ${orders}.lines else '[]'::jsonb end) as l(sku text, title text, quantity numeric)`);

/**
 * Rebuild the workspace's product cycles in one pass over its order lines (retention spec §3.5, "regular
 * replenishment products"): purchases (counts as a purchase, not deleted, with a contact; merged contacts
 * follow their chain) become one row per product, customer and calendar day in the shop's zone; the gaps
 * between a customer's consecutive days of one product give, per product, the number of gaps, the customers
 * they come from and the quartiles (`percentile_disc`: real gaps, whole days). Products that pass `rule`
 * are kept, with each customer's last purchase of them (the day, and the latest order of that day).
 * A product's name is the title its lines carry most often.
 *
 * Cost, at a million orders (decision 0006): one scan of the orders; titles folded once per distinct (SKU,
 * title); one sort, of narrow rows (product, customer and day as numbers), which the window and the per-product
 * aggregate then read in order. Customers are numbered by a 64-bit hash of their id (two of a shop's 200,000
 * customers collide with a chance of about one in 10⁹); ids come back for the kept buyers only.
 * Runs inside the caller's transaction: readers see the old cycles or the new, never half.
 */
export async function rebuildProductCycles(db: Database, workspaceId: string, opts: { timezone: string; rule: ProductCycleRule }): Promise<{ products: number; buyers: number }> {
  await sql`set local work_mem = '128MB'`.execute(db);
  // Line counts are unknown to the planner (100 an order): it would JIT-compile for seconds, cache line lists that never
  // repeat, and sort two million lines to merge-join them with a thousand product names rather than hash them.
  await sql`set local jit = off`.execute(db);
  await sql`set local enable_memoize = off`.execute(db);
  await sql`set local enable_mergejoin = off`.execute(db);
  await sql`delete from analytics_product_buyers where workspace_id = ${workspaceId}`.execute(db);
  await sql`delete from analytics_product_cycles where workspace_id = ${workspaceId}`.execute(db);
  const { rule } = opts;
  const result = await sql<{ products: number; buyers: number }>`
    with recursive merged(id, root) as (
      select c.id, p.id from contacts c join contacts p on p.id = c.merged_into_id and p.workspace_id = c.workspace_id
      where c.workspace_id = ${workspaceId} and c.merged_into_id is not null and p.merged_into_id is null
      union all
      select c.id, m.root from contacts c join merged m on c.merged_into_id = m.id where c.workspace_id = ${workspaceId}
    ), lines as (
      select hashtextextended(coalesce(m.root, o.contact_id), 0) as rid, (o.placed_at at time zone ${opts.timezone})::date as day, o.id as order_id,
        coalesce(nullif(btrim(l.sku), ''), '') as sku, coalesce(btrim(l.title), '') as title
      from orders o left join merged m on m.id = o.contact_id cross join lateral ${lineRecords('o')}
      where o.workspace_id = ${workspaceId} and o.deleted_at is null and o.counts_as_purchase and o.contact_id is not null and coalesce(l.quantity, 1) > 0
    ), names as materialized (
      select sku, title, count(*) as n, coalesce('sku:' || nullif(sku, ''), 'title:' || nullif(${folded(sql`title`)}, '')) as product_key
      from lines group by sku, title
    ), products as materialized (
      select product_key, title, (row_number() over (order by product_key))::int as pid
      from (select distinct on (product_key) product_key, title from names where product_key is not null order by product_key, n desc, title) p
    ), keyed as (
      select n.sku, n.title, p.pid from names n join products p on p.product_key = n.product_key
    ), bought as (
      select k.pid, l.rid, l.day from lines l join keyed k on k.sku = l.sku and k.title = l.title group by 1, 2, 3
    ), gaps as (
      select pid, rid, day, day - lag(day) over w as gap, row_number() over w as n, lead(day) over w is null as last
      from bought window w as (partition by pid, rid order by day)
    ), stats as (
      select pid, count(gap)::int as gaps, (count(*) filter (where n = 2))::int as customers,
        percentile_disc(array[0.25, 0.5, 0.75]) within group (order by gap) as q,
        array_agg(rid) filter (where last) as rids, array_agg(day) filter (where last) as days
      from gaps group by pid
      having count(gap) >= ${rule.minGaps} and count(*) filter (where n = 2) >= ${rule.minCustomers}
    ), kept as materialized (
      select s.*, p.product_key, p.title from stats s join products p on p.pid = s.pid where (q[3] - q[1])::float8 <= ${rule.maxSpread}::float8 * q[2]
    ), cycles as (
      insert into analytics_product_cycles (workspace_id, product_key, title, sku, cycle_days, p25_days, p75_days, gaps, customers)
      select ${workspaceId}, product_key, title, case when product_key like 'sku:%' then substr(product_key, 5) end, q[2], q[1], q[3], gaps, customers
      from kept
      returning 1
    ), last_days as materialized (
      select k.pid, k.product_key, b.rid, b.day from kept k cross join lateral unnest(k.rids, k.days) as b(rid, day)
    ), buyers as (
      insert into analytics_product_buyers (workspace_id, product_key, contact_id, last_day, order_id)
      select ${workspaceId}, d.product_key, r.id, d.day, max(l.order_id)
      from last_days d join keyed k on k.pid = d.pid join lines l on l.rid = d.rid and l.day = d.day and l.sku = k.sku and l.title = k.title
        join (select id, hashtextextended(id, 0) as rid from contacts where workspace_id = ${workspaceId} and merged_into_id is null) r on r.rid = d.rid
      group by d.product_key, r.id, d.day
      returning 1
    )
    select (select count(*) from cycles)::int as products, (select count(*) from buyers)::int as buyers`.execute(db);
  return result.rows[0] ?? { products: 0, buyers: 0 };
}

export interface ProductCycleRow {
  product_key: string; title: string; sku: string | null; cycle_days: number; p25_days: number; p75_days: number; gaps: number; customers: number; refreshed_at: Date;
}

/** The workspace's cyclical products, the most bought again first. */
export async function listProductCycles(db: Database, workspaceId: string): Promise<ProductCycleRow[]> {
  const result = await sql<ProductCycleRow>`select product_key, title, sku, cycle_days, p25_days, p75_days, gaps, customers, refreshed_at
    from analytics_product_cycles where workspace_id = ${workspaceId} order by customers desc, gaps desc, product_key`.execute(db);
  return result.rows;
}

export interface ProductDueRow { contact_id: string; product_key: string; product_title: string; order_id: string; order_number: string | null; due_on: string }

/**
 * Customers whose last purchase of a cyclical product (day d, as of the refresh) makes it due in [from, to]
 * (d + cycle), with the P(alive) rule of the customer basis (`listRepurchaseDue`), and who have not bought it
 * again since: orders placed after day d by the customer or a contact merged into them are checked live, so
 * a purchase since the last refresh counts. The key of those few orders' lines is folded here.
 */
export async function listProductRepurchaseDue(db: Database, workspaceId: string, q: { from: string; to: string; minPAlive: number; timezone: string }): Promise<ProductDueRow[]> {
  const key = sql`case when nullif(btrim(l.sku), '') is not null then 'sku:' || btrim(l.sku) else 'title:' || ${folded(sql`coalesce(l.title, '')`)} end`;
  const result = await sql<ProductDueRow>`
    with recursive due as (
      select b.contact_id, b.product_key, c.title, b.order_id, b.last_day, b.last_day + c.cycle_days as due_on
      from analytics_product_cycles c
      join analytics_product_buyers b on b.workspace_id = c.workspace_id and b.product_key = c.product_key
        and b.last_day between ${q.from}::date - c.cycle_days and ${q.to}::date - c.cycle_days
      left join analytics_customers ac on ac.workspace_id = b.workspace_id and ac.contact_id = b.contact_id
      where c.workspace_id = ${workspaceId}
        and (ac.p_alive >= ${q.minPAlive} or (ac.p_alive is null and coalesce(ac.risk_band, 'low') <> 'high'))
    ), family(id, root) as (
      select distinct contact_id, contact_id from due
      union all
      select c.id, f.root from contacts c join family f on c.merged_into_id = f.id where c.workspace_id = ${workspaceId}
    )
    select d.contact_id, d.product_key, d.title as product_title, d.order_id, o.order_number, d.due_on::text as due_on
    from due d left join orders o on o.workspace_id = ${workspaceId} and o.id = d.order_id
    where not exists (
      select 1 from family f join orders o2 on o2.contact_id = f.id cross join lateral ${lineRecords('o2')}
      where f.root = d.contact_id and o2.workspace_id = ${workspaceId} and o2.deleted_at is null and o2.counts_as_purchase
        and o2.placed_at >= ((d.last_day + 1)::timestamp at time zone ${q.timezone}) and coalesce(l.quantity, 1) > 0 and ${key} = d.product_key)
    order by d.due_on, d.contact_id, d.product_key`.execute(db);
  return result.rows;
}
