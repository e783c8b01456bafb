import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/**
 * The descriptive metrics of the retention spec (§2), as SQL over `analytics_occasions`. A filter
 * by source or segment narrows which occasions count; a customer's history (`seq`: first purchase
 * day = 1) stays their whole history, so "returning" means bought before, from any source.
 */
export interface MetricFilter { from: string | null; to: string; source: string | null; segment: string | null }

/** The filtered occasions, one row per customer-day (sources of one day summed). */
function occasions(workspaceId: string, f: MetricFilter, opts: { window: boolean } = { window: true }): RawBuilder<unknown> {
  return sql`select o.contact_id, o.day, o.seq, sum(o.value)::bigint as value
    from analytics_occasions o
    where o.workspace_id = ${workspaceId}
      ${f.source ? sql`and o.source = ${f.source}` : sql``}
      ${f.segment ? sql`and o.contact_id in (select contact_id from analytics_customers where workspace_id = ${workspaceId} and segment = ${f.segment})` : sql``}
      ${opts.window && f.from ? sql`and o.day >= ${f.from}::date` : sql``}
      and o.day <= ${f.to}::date
    group by o.contact_id, o.day, o.seq`;
}

export interface PeriodSqlRow { start: string; customers: number; repeaters: number; returning: number; both_with_previous: number | null; previous_customers: number | null; occasions: number; revenue: number; new_revenue: number }

export async function periodRows(db: Database, workspaceId: string, f: MetricFilter, period: 'month' | 'quarter' | 'year'): Promise<PeriodSqlRow[]> {
  const step = sql.lit(`1 ${period}`);
  const result = await sql<PeriodSqlRow>`
    with occ as (${occasions(workspaceId, f)}),
    per as (
      select date_trunc(${period}, day)::date as start, contact_id, max(seq) as max_seq, min(seq) as min_seq, count(*) as occasions,
        sum(value) as value, coalesce(sum(value) filter (where seq = 1), 0) as new_value
      from occ group by 1, 2
    ),
    totals as (
      select start, count(*)::int as customers, (count(*) filter (where max_seq >= 2))::int as repeaters,
        (count(*) filter (where min_seq > 1))::int as returning, sum(occasions)::int as occasions, sum(value)::bigint as revenue,
        sum(new_value)::bigint as new_revenue
      from per group by start
    ),
    pairs as (
      select p.start, count(*)::int as both_with_previous from per p
      join per q on q.contact_id = p.contact_id and q.start = (p.start - interval ${step})::date group by p.start
    )
    select t.start::text as start, t.customers, t.repeaters, t.returning, t.occasions, t.revenue, t.new_revenue,
      coalesce(pr.both_with_previous, 0) as both_with_previous, prev.customers as previous_customers
    from totals t
    left join pairs pr on pr.start = t.start
    left join totals prev on prev.start = (t.start - interval ${step})::date
    order by t.start`.execute(db);
  return result.rows;
}

export interface WindowSqlRow {
  customers: number; occasions: number; revenue: number; first_occasions: number; first_revenue: number; repeat_occasions: number; repeat_revenue: number;
  cum_customers: number; cum_repeaters: number; gap_mean: number | null; gap_median: number | null; gap_pairs: number; clv_mean: number | null; clv_median: number | null; clv_customers: number;
}

export async function windowTotals(db: Database, workspaceId: string, f: MetricFilter): Promise<WindowSqlRow> {
  const result = await sql<WindowSqlRow>`
    with occ as (${occasions(workspaceId, f)}),
    upto as (${occasions(workspaceId, f, { window: false })}),
    gaps as (select day - lag(day) over (partition by contact_id order by day) as gap, day from upto),
    clv as (select contact_id, max(seq) as n, sum(value) as value from upto group by contact_id)
    select
      (select count(distinct contact_id)::int from occ) as customers,
      (select count(*)::int from occ) as occasions,
      (select coalesce(sum(value), 0)::bigint from occ) as revenue,
      (select count(*)::int from occ where seq = 1) as first_occasions,
      (select coalesce(sum(value), 0)::bigint from occ where seq = 1) as first_revenue,
      (select count(*)::int from occ where seq > 1) as repeat_occasions,
      (select coalesce(sum(value), 0)::bigint from occ where seq > 1) as repeat_revenue,
      (select count(*)::int from clv) as cum_customers,
      (select count(*)::int from clv where n >= 2) as cum_repeaters,
      g.gap_mean, g.gap_median, g.gap_pairs,
      c.clv_mean, c.clv_median, c.clv_customers
    from (select avg(gap)::float8 as gap_mean, percentile_cont(0.5) within group (order by gap)::float8 as gap_median, count(gap)::int as gap_pairs
          from gaps where gap is not null ${f.from ? sql`and day >= ${f.from}::date` : sql``}) g,
         (select avg(value)::float8 as clv_mean, percentile_cont(0.5) within group (order by value)::float8 as clv_median, count(*)::int as clv_customers from clv) c`.execute(db);
  return result.rows[0]!;
}

/** Net revenue per customer in the window, highest first (the Pareto view reads all of them). */
export async function revenueByCustomer(db: Database, workspaceId: string, f: MetricFilter): Promise<{ contact_id: string; revenue: number; occasions: number }[]> {
  const result = await sql<{ contact_id: string; revenue: number; occasions: number }>`
    with occ as (${occasions(workspaceId, f)})
    select contact_id, sum(value)::bigint as revenue, count(*)::int as occasions from occ group by contact_id having sum(value) > 0
    order by revenue desc, contact_id`.execute(db);
  return result.rows;
}

export interface CohortSqlRow { cohort: string; offset: number; customers: number; seconds: number; revenue: number }

/**
 * Per first-purchase month and months since: active customers, revenue, and customers whose second
 * purchase day falls in that month (summed up by the caller into "repeated by month k").
 */
export async function cohortCells(db: Database, workspaceId: string, f: MetricFilter): Promise<CohortSqlRow[]> {
  const result = await sql<CohortSqlRow>`
    with occ as (${occasions(workspaceId, f, { window: false })}),
    firsts as (select contact_id, date_trunc('month', min(day))::date as cohort from occ group by contact_id),
    cells as (
      select fi.cohort, ((extract(year from o.day) - extract(year from fi.cohort)) * 12 + extract(month from o.day) - extract(month from fi.cohort))::int as off,
        o.contact_id, o.value, row_number() over (partition by o.contact_id order by o.day) as n
      from occ o join firsts fi using (contact_id)
      ${f.from ? sql`where fi.cohort >= date_trunc('month', ${f.from}::date)` : sql``}
    )
    select cohort::text as cohort, off as offset, count(distinct contact_id)::int as customers,
      (count(*) filter (where n = 2))::int as seconds, sum(value)::bigint as revenue
    from cells group by cohort, off order by cohort, off`.execute(db);
  return result.rows;
}

export async function listSources(db: Database, workspaceId: string): Promise<string[]> {
  const result = await sql<{ source: string }>`select distinct source from analytics_occasions where workspace_id = ${workspaceId} order by source`.execute(db);
  return result.rows.map((r) => r.source);
}

export async function dataSpan(db: Database, workspaceId: string): Promise<{ first: string | null; last: string | null }> {
  const result = await sql<{ first: string | null; last: string | null }>`select min(day)::text as first, max(day)::text as last
    from analytics_occasions where workspace_id = ${workspaceId}`.execute(db);
  return result.rows[0] ?? { first: null, last: null };
}
