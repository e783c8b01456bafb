import type { AnalyticsOverviewDto, AnalyticsQuery, CohortRow, PeriodRow, Ratio, SegmentName } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { listContactSummaries } from '../contacts/service.ts';
import { readAnalyticsSettings } from './settings.ts';
import * as store from './store.ts';
import * as metrics from './store-metrics.ts';

export const ratio = (numerator: number, denominator: number): Ratio => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });

const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const periodMonths = { month: 1, quarter: 3, year: 12 } as const;
const startOfPeriod = (iso: string, period: AnalyticsQuery['period']) => {
  const month = Number(iso.slice(5, 7));
  const first = period === 'year' ? 1 : period === 'quarter' ? month - ((month - 1) % 3) : month;
  return `${iso.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
};
const periodLabel = (start: string, period: AnalyticsQuery['period']) =>
  period === 'year' ? start.slice(0, 4) : period === 'quarter' ? `${start.slice(0, 4)}-Q${Math.floor(Number(start.slice(5, 7)) / 3) + 1}` : start.slice(0, 7);

/**
 * The descriptive dashboard (retention spec §2), for the shop's analytics currency. Figures carry
 * numerator and denominator; periods and cohorts starting within 12 months of the first order in
 * the data are flagged: purchases from before the data began are unknown there.
 */
const overviewKey = (q: AnalyticsQuery) => JSON.stringify([q.from ?? null, q.to ?? null, q.period, q.source ?? null, q.segment ?? null]);

export async function buildOverview(ctx: Ctx, q: AnalyticsQuery): Promise<AnalyticsOverviewDto> {
  // Occasions change only at a refresh (which clears the snapshots): a computed view stays valid until then.
  const key = overviewKey(q);
  const [cached, run] = await Promise.all([store.getSnapshot<AnalyticsOverviewDto>(ctx.db, ctx.workspaceId, key), store.latestFinishedRun(ctx.db, ctx.workspaceId)]);
  const refreshedAt = run?.finished_at ? run.finished_at.toISOString() : null;
  if (cached) return { ...cached, refreshedAt };
  const overview = await computeOverview(ctx, q);
  await store.putSnapshot(ctx.db, ctx.workspaceId, key, overview);
  return { ...overview, refreshedAt };
}

/**
 * The refresh computes the default view while the models are fitted (its figures need only the new
 * occasions) and keeps it once the new customer rows are saved, with the top customers' segments read
 * again then (they were read before the new segments existed).
 */
export async function keepOverview(ctx: Ctx, q: AnalyticsQuery, overview: AnalyticsOverviewDto): Promise<void> {
  const ids = overview.pareto.top.map((t) => t.contactId);
  const segments = new Map((await store.listCustomersByIds(ctx.db, ctx.workspaceId, ids)).map((c) => [c.contact_id, c.segment]));
  const top = overview.pareto.top.map((t) => ({ ...t, segment: (segments.get(t.contactId) ?? null) as SegmentName | null }));
  await store.putSnapshot(ctx.db, ctx.workspaceId, overviewKey(q), { ...overview, pareto: { ...overview.pareto, top } });
}

/**
 * A fact about the data that only a refresh changes (its span, its main currency, what it leaves out),
 * kept beside the dashboard snapshots and cleared with them, so each view does not scan for it again.
 */
async function fact<T>(ctx: Ctx, name: string, compute: () => Promise<T>): Promise<T> {
  const key = `fact:${name}`;
  const hit = await store.getSnapshot<{ value: T }>(ctx.db, ctx.workspaceId, key);
  if (hit) return hit.value;
  const value = await compute();
  await store.putSnapshot(ctx.db, ctx.workspaceId, key, { value });
  return value;
}

export async function computeOverview(ctx: Ctx, q: AnalyticsQuery): Promise<AnalyticsOverviewDto> {
  const [settings, workspace, span] = await Promise.all([
    readAnalyticsSettings(ctx, () => fact(ctx, 'main_currency', () => store.findMainCurrency(ctx.db, ctx.workspaceId))),
    getWorkspace(ctx),
    fact(ctx, 'span', () => metrics.dataSpan(ctx.db, ctx.workspaceId)),
  ]);
  const to = q.to ?? span.last ?? new Date().toISOString().slice(0, 10);
  const f: metrics.MetricFilter = { from: q.from ?? null, to, source: q.source ?? null, segment: q.segment ?? null };
  const [periodsSql, totals, { clv, pareto: paretoSql }, cells, excluded] = await Promise.all([
    metrics.periodRows(ctx.db, ctx.workspaceId, f, q.period),
    metrics.windowTotals(ctx.db, ctx.workspaceId, f),
    metrics.customerValueRows(ctx.db, ctx.workspaceId, f),
    metrics.cohortCells(ctx.db, ctx.workspaceId, f),
    fact(ctx, `other_currency:${settings.currency}`, () => store.countOtherCurrencyOrders(ctx.db, ctx.workspaceId, settings.currency)),
  ]);
  const historyComplete = span.first ? addMonths(span.first, 12) : null;
  const incomplete = (start: string) => historyComplete !== null && start < historyComplete;

  // The query returns the period before `from` too, for the first shown period's period-over-period.
  const customersAt = new Map(periodsSql.map((p) => [p.start, p.customers]));
  const firstShown = q.from ? startOfPeriod(q.from, q.period) : '';
  const periods: PeriodRow[] = periodsSql.filter((p) => p.start >= firstShown).map((p) => {
    const previous = customersAt.get(addMonths(p.start, -periodMonths[q.period]));
    return {
    period: periodLabel(p.start, q.period), start: p.start, customers: p.customers,
    repeatRate: ratio(p.repeaters, p.customers), returningShare: ratio(p.returning, p.customers),
    periodOverPeriod: previous ? ratio(p.both_with_previous, previous) : null,
    occasions: p.occasions, revenue: p.revenue, newRevenue: p.new_revenue, returningRevenue: p.revenue - p.new_revenue, incompleteHistory: incomplete(p.start),
    };
  });

  return {
    currency: settings.currency, timezone: workspace.timezone, dataFrom: span.first, dataTo: span.last,
    refreshedAt: null, excludedOtherCurrency: excluded, filters: q, periods,
    repeatCustomerRate: ratio(totals.cum_repeaters, totals.cum_customers),
    purchaseFrequency: ratio(totals.occasions, totals.customers),
    averageFirstValue: ratio(totals.first_revenue, totals.first_occasions),
    averageRepurchaseValue: ratio(totals.repeat_revenue, totals.repeat_occasions),
    repeatRevenueShare: ratio(totals.repeat_revenue, totals.revenue),
    daysBetweenOrders: { mean: totals.gap_mean, median: totals.gap_median, pairs: totals.gap_pairs },
    historicalClv: clv,
    pareto: await paretoOf(ctx, paretoSql),
    cohorts: cohortsOf(cells, to, incomplete),
  };
}

/** From the ranked rows (top 20, the ⌈20 %⌉ row, ~50 curve points): share, Lorenz curve, Gini, and who the top customers are. */
async function paretoOf(ctx: Ctx, rows: metrics.ParetoSqlRow[]): Promise<AnalyticsOverviewDto['pareto']> {
  const n = rows[0]?.n ?? 0;
  const total = rows[0]?.total ?? 0;
  const k = Math.ceil(0.2 * n);
  const atK = rows.find((r) => r.rank === k);
  const curve = [{ customerShare: 0, revenueShare: 0 }, ...rows.filter((r) => r.rank > 20 || r.rank === n || r.rank % Math.max(1, Math.floor(n / 50)) === 0)
    .map((r) => ({ customerShare: r.rank / n, revenueShare: total ? r.cum / total : 0 }))];
  // Gini with ascending ranks i = n + 1 − rank: G = 2·Σ i·x / (n·Σx) − (n + 1)/n.
  const gini = n && total ? (2 * ((n + 1) * total - (rows[0]?.gini_sum ?? 0))) / (n * total) - (n + 1) / n : null;
  const top = rows.filter((r) => r.rank <= 20);
  const ids = top.map((r) => r.contact_id);
  const names = new Map((await listContactSummaries(ctx, ids)).map((c) => [c.id, c.name]));
  const segments = new Map((await store.listCustomersByIds(ctx.db, ctx.workspaceId, ids)).map((c) => [c.contact_id, c.segment]));
  return {
    share: ratio(atK?.cum ?? 0, total), topCount: k, customers: n, curve, gini,
    top: top.map((r) => ({ contactId: r.contact_id, name: names.get(r.contact_id) ?? null, revenue: r.revenue, occasions: r.occasions, segment: (segments.get(r.contact_id) ?? null) as SegmentName | null })),
  };
}

/** Only months complete by `to` are shown; cumulative = customers with a second purchase day by month k. */
function cohortsOf(cells: metrics.CohortSqlRow[], to: string, incomplete: (start: string) => boolean): CohortRow[] {
  const dayAfterTo = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const byCohort = new Map<string, metrics.CohortSqlRow[]>();
  for (const c of cells) byCohort.set(c.cohort, [...(byCohort.get(c.cohort) ?? []), c]);
  return [...byCohort.entries()].map(([cohort, rows]) => {
    const at = new Map(rows.map((r) => [r.offset, r]));
    const month0 = at.get(0);
    const size = month0?.customers ?? 0;
    const revenue0 = month0?.revenue ?? 0;
    const retention: number[] = [];
    const cumulative: number[] = [];
    const revenueRetention: (number | null)[] = [];
    let seconds = month0?.seconds ?? 0;
    for (let k = 1; addMonths(cohort, k + 1) <= dayAfterTo && k <= 120; k++) {
      const cell = at.get(k);
      seconds += cell?.seconds ?? 0;
      retention.push(size ? (cell?.customers ?? 0) / size : 0);
      cumulative.push(size ? seconds / size : 0);
      revenueRetention.push(revenue0 ? (cell?.revenue ?? 0) / revenue0 : null);
    }
    return { cohort: cohort.slice(0, 7), size, revenue: revenue0, retention, cumulative, revenueRetention, incompleteHistory: incomplete(cohort) };
  });
}
