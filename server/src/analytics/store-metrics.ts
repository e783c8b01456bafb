import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/**
 * The descriptive metrics of the retention spec (§2), as SQL over `analytics_occasions`. The
 * occasion rows carry their customer's history (occasion number, previous day, first day, first or
 * last in its month/quarter/year), so without a source filter each metric is one pass with no
 * per-customer grouping. A segment filter keeps whole customers. A source filter keeps the occasions
 * with an order from that source and reads them as if the shop sold only there (occasions renumbered,
 * "returning" = bought there before); those views group per customer.
 */
export interface MetricFilter { from: string | null; to: string; source: string | null; segment: string | null }
type Period = 'month' | 'quarter' | 'year';

/**
 * Big sorts and hashes stay in memory for these reads (one transaction per query). No JIT: these reads
 * are hashing and sorting, and compiling cost ~45 ms a query for no measurable gain. Dates are cut into
 * months, quarters and years as `timestamp` (`startOf`), never `timestamptz`: a date read as timestamptz
 * goes through the session's time zone on every row, which made these scans several times slower.
 */
async function roomy<T>(db: Database, query: (db: Database) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    return query(trx);
  });
}

const segmentClause = (workspaceId: string, f: MetricFilter) =>
  f.segment ? sql`and contact_id in (select contact_id from analytics_customers where workspace_id = ${workspaceId} and segment = ${f.segment})` : sql``;
const sourceClause = (f: MetricFilter) => (f.source ? sql`and ${f.source} = any(sources)` : sql``);
const inWindow = (f: MetricFilter) => (f.from ? sql`day >= ${f.from}::date` : sql`true`);
/** The first day of a date's month, quarter or year, as a timestamp (no time zone involved). */
const startOf = (period: Period, day: RawBuilder<unknown>) => sql`date_trunc(${period}, ${day}::timestamp)`;
const dayCol = sql`day`;

/** Occasions up to `to` (all history before the window too), filtered by segment and source. */
const upTo = (workspaceId: string, f: MetricFilter): RawBuilder<unknown> => sql`select contact_id, day, seq, prev_day, first_day, value,
    first_in_month, first_in_quarter, first_in_year, last_in_month, last_in_quarter, last_in_year
  from analytics_occasions where workspace_id = ${workspaceId} and day <= ${f.to}::date ${segmentClause(workspaceId, f)} ${sourceClause(f)}`;

/** With a source filter: the kept occasions renumbered per customer. */
const renumbered = (workspaceId: string, f: MetricFilter): RawBuilder<unknown> => sql`select contact_id, day, value,
    row_number() over w as seq, lag(day) over w as prev_day, min(day) over (partition by contact_id) as first_day
  from (${upTo(workspaceId, f)}) x window w as (partition by contact_id order by day)`;

export interface PeriodSqlRow { start: string; customers: number; repeaters: number; returning: number; both_with_previous: number; occasions: number; revenue: number; new_revenue: number }

/** Whole periods overlapping [from, to], plus the one before (for period-over-period); the caller drops it. */
export async function periodRows(db: Database, workspaceId: string, f: MetricFilter, period: Period): Promise<PeriodSqlRow[]> {
  const step = sql.lit(period === 'quarter' ? '3 months' : `1 ${period}`); // PostgreSQL has no '1 quarter' interval
  const first = sql.raw(`first_in_${period}`);
  const last = sql.raw(`last_in_${period}`);
  // On `day` itself, so the planner sees the range: the day is before the end of `to`'s period (and not before the period before `from`'s).
  const range = sql`day < (${startOf(period, sql`${f.to}::date`)} + interval ${step})::date
    ${f.from ? sql`and day >= (${startOf(period, sql`${f.from}::date`)} - interval ${step})::date` : sql``}`;
  if (!f.source) {
    // Grouped by the period's date (hashed), turned into text only for the few result rows.
    return roomy(db, async (db) => (await sql<PeriodSqlRow>`
      select p.start::text as start, p.customers, p.repeaters, p.returning, p.both_with_previous, p.occasions, p.revenue, p.new_revenue from (
        select ${startOf(period, dayCol)}::date as start,
          (count(*) filter (where ${first}))::int as customers,
          (count(*) filter (where ${last} and seq >= 2))::int as repeaters,
          (count(*) filter (where ${first} and seq > 1))::int as returning,
          (count(*) filter (where ${first} and prev_day >= (${startOf(period, dayCol)} - interval ${step})::date))::int as both_with_previous,
          count(*)::int as occasions, sum(value)::bigint as revenue, coalesce(sum(value) filter (where seq = 1), 0)::bigint as new_revenue
        from analytics_occasions where workspace_id = ${workspaceId} and ${range} ${segmentClause(workspaceId, f)}
        group by 1
      ) p order by p.start`.execute(db)).rows);
  }
  return roomy(db, async (db) => (await sql<PeriodSqlRow>`
    with per as (
      select ${startOf(period, dayCol)}::date as start, contact_id, max(seq) as max_seq, min(seq) as min_seq, count(*) as occasions,
        sum(value) as value, coalesce(sum(value) filter (where seq = 1), 0) as new_value
      from (${renumbered(workspaceId, f)}) o where ${range} group by 1, 2
    ), marked as (
      select per.*, lag(start) over (partition by contact_id order by start) = (start - interval ${step})::date as had_previous from per
    )
    select start::text as start, count(*)::int as customers, (count(*) filter (where max_seq >= 2))::int as repeaters,
      (count(*) filter (where min_seq > 1))::int as returning, (count(*) filter (where had_previous))::int as both_with_previous,
      sum(occasions)::int as occasions, sum(value)::bigint as revenue, sum(new_value)::bigint as new_revenue
    from marked group by start order by start`.execute(db)).rows);
}

export interface WindowSqlRow {
  customers: number; occasions: number; revenue: number; first_occasions: number; first_revenue: number; repeat_occasions: number; repeat_revenue: number;
  cum_customers: number; cum_repeaters: number; gap_mean: number | null; gap_median: number | null; gap_pairs: number;
}

/**
 * Window totals and cumulative repeat-customer rate at `to`. Without a source filter a customer's
 * first and second occasions are the rows with seq 1 and 2; with one, occasions are renumbered.
 */
export async function windowTotals(db: Database, workspaceId: string, f: MetricFilter): Promise<WindowSqlRow> {
  const w = inWindow(f);
  const source = f.source ? renumbered(workspaceId, f) : upTo(workspaceId, f);
  return roomy(db, async (db) => (await sql<WindowSqlRow>`
    with o as (${source})
    -- A customer's first occasion in the window is the one whose previous occasion is before it (or none): no DISTINCT needed.
    select (count(*) filter (where ${w} ${f.from ? sql`and (prev_day is null or prev_day < ${f.from}::date)` : sql`and seq = 1`}))::int as customers,
      (count(*) filter (where ${w}))::int as occasions, coalesce(sum(value) filter (where ${w}), 0)::bigint as revenue,
      (count(*) filter (where ${w} and seq = 1))::int as first_occasions, coalesce(sum(value) filter (where ${w} and seq = 1), 0)::bigint as first_revenue,
      (count(*) filter (where ${w} and seq > 1))::int as repeat_occasions, coalesce(sum(value) filter (where ${w} and seq > 1), 0)::bigint as repeat_revenue,
      (count(*) filter (where seq = 1))::int as cum_customers, (count(*) filter (where seq = 2))::int as cum_repeaters,
      (avg(day - prev_day) filter (where ${w} and prev_day is not null))::float8 as gap_mean,
      (percentile_cont(0.5) within group (order by day - prev_day) filter (where ${w} and prev_day is not null))::float8 as gap_median,
      (count(prev_day) filter (where ${w}))::int as gap_pairs
    from o`.execute(db)).rows[0]!);
}

export interface ClvSqlRow { mean: number | null; median: number | null; customers: number }
export interface ParetoSqlRow { rank: number; n: number; total: number; cum: number; contact_id: string; revenue: number; occasions: number; gini_sum: number }

/**
 * Both per-customer views in one pass over the occasions (one scan, one grouping by customer):
 * - historical CLV at `to`: each customer's net value up to then; mean and median;
 * - the Pareto view: customers by net revenue in the window, highest first — the top 20 rows, the row at
 *   ⌈20 %⌉ and about 50 points of the Lorenz curve; `gini_sum` = Σ rank·revenue (descending ranks).
 */
export async function customerValueRows(db: Database, workspaceId: string, f: MetricFilter): Promise<{ clv: ClvSqlRow; pareto: ParetoSqlRow[] }> {
  const rows = await roomy(db, async (db) => (await sql<ParetoSqlRow & { clv_mean: number | null; clv_median: number | null; clv_customers: number }>`
    with per as (
      select contact_id, sum(value)::bigint as clv, (sum(value) filter (where ${inWindow(f)}))::bigint as revenue, (count(*) filter (where ${inWindow(f)}))::int as occasions
      from (${upTo(workspaceId, f)}) o group by contact_id
    ), clv as (
      select avg(clv)::float8 as clv_mean, percentile_cont(0.5) within group (order by clv)::float8 as clv_median, count(*)::int as clv_customers from per
    ), r as (
      -- Rank and running total in one window (counting rows up to here is the row number).
      select contact_id, revenue, occasions, count(*) over w as rank, count(*) over () as n, sum(revenue) over () as total, sum(revenue) over w as cum
      from per where revenue > 0 window w as (order by revenue desc, contact_id rows unbounded preceding)
    ), kept as (
      -- rank × revenue cannot overflow: no more than the total, as the rank-many customers up to here each bought at least as much.
      select rank::int, n::int, total::bigint, cum::bigint, contact_id, revenue::bigint, occasions, (select sum(rank * revenue) from r)::float8 as gini_sum
      from r where rank <= 20 or rank = ceil(0.2 * n) or rank = n or rank % greatest(1, n / 50) = 0
    )
    -- One row per kept rank, each carrying the CLV figures; a single row of nulls when no one bought in the window.
    select kept.*, clv.* from clv left join kept on true order by kept.rank`.execute(db)).rows);
  const first = rows[0];
  return {
    clv: { mean: first?.clv_mean ?? null, median: first?.clv_median ?? null, customers: first?.clv_customers ?? 0 },
    pareto: rows.filter((r) => r.rank !== null).map(({ clv_mean: _m, clv_median: _d, clv_customers: _c, ...rest }) => rest),
  };
}

export interface CohortSqlRow { cohort: string; offset: number; customers: number; seconds: number; revenue: number }

/**
 * Per first-purchase month and months since: active customers, revenue, and customers whose second
 * purchase day falls in that month (summed up by the caller into "repeated by month k").
 */
export async function cohortCells(db: Database, workspaceId: string, f: MetricFilter): Promise<CohortSqlRow[]> {
  // Grouped by the two months (cohort, month of the occasion); the offset between them is worked out per group, not per row.
  const cohort = startOf('month', sql`first_day`);
  const month = startOf('month', dayCol);
  const cells = (grouped: RawBuilder<unknown>) => sql<CohortSqlRow>`select c.cohort::date::text as cohort,
      ((date_part('year', c.month) - date_part('year', c.cohort)) * 12 + date_part('month', c.month) - date_part('month', c.cohort))::int as offset,
      c.customers, c.seconds, c.revenue
    from (${grouped}) c order by c.cohort, c.month`;
  const cohorts = f.from ? sql`and first_day >= ${startOf('month', sql`${f.from}::date`)}::date` : sql``;
  if (!f.source) {
    return roomy(db, async (db) => (await cells(sql`
      select ${cohort} as cohort, ${month} as month, (count(*) filter (where first_in_month))::int as customers,
        (count(*) filter (where seq = 2))::int as seconds, sum(value)::bigint as revenue
      from analytics_occasions where workspace_id = ${workspaceId} and day <= ${f.to}::date ${cohorts} ${segmentClause(workspaceId, f)}
      group by 1, 2`).execute(db)).rows);
  }
  return roomy(db, async (db) => (await cells(sql`
    select ${cohort} as cohort, ${month} as month, count(distinct contact_id)::int as customers,
      (count(*) filter (where seq = 2))::int as seconds, sum(value)::bigint as revenue
    from (${renumbered(workspaceId, f)}) o where true ${cohorts} group by 1, 2`).execute(db)).rows);
}

export async function dataSpan(db: Database, workspaceId: string): Promise<{ first: string | null; last: string | null }> {
  const result = await sql<{ first: string | null; last: string | null }>`select min(day)::text as first, max(day)::text as last
    from analytics_occasions where workspace_id = ${workspaceId}`.execute(db);
  return result.rows[0] ?? { first: null, last: null };
}
