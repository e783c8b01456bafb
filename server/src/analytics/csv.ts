import type { AnalyticsOverviewDto, CustomerAnalyticsDto, ModelTrackingDto, ProductCycleDto } from '@careloop/contracts';
import { csvOf } from '../platform/csv.ts';
import { notFound } from '../platform/errors.ts';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);

/** Row-level CSV of every analytics table (money in the currency's minor units, as stored). */
export const toCsv = {
  overview(o: AnalyticsOverviewDto, table: string): string {
    switch (table) {
      case 'periods':
        return csvOf(['period', 'customers', 'repeat_rate_pct', 'repeaters', 'returning_share_pct', 'period_over_period_pct', 'occasions', 'revenue', 'new_revenue', 'returning_revenue', 'incomplete_history', 'currency'],
          o.periods.map((p) => [p.period, p.customers, pct(p.repeatRate.value), p.repeatRate.numerator, pct(p.returningShare.value), pct(p.periodOverPeriod?.value ?? null), p.occasions, p.revenue, p.newRevenue, p.returningRevenue, p.incompleteHistory ? 'yes' : 'no', o.currency]));
      case 'cohorts': {
        const width = Math.max(0, ...o.cohorts.map((c) => c.retention.length));
        return csvOf(['cohort', 'size', ...Array.from({ length: width }, (_, k) => `month_${k + 1}_pct`)],
          o.cohorts.map((c) => [c.cohort, c.size, ...Array.from({ length: width }, (_, k) => pct(c.retention[k] ?? null))]));
      }
      case 'pareto':
        return csvOf(['customer_share_pct', 'revenue_share_pct'], o.pareto.curve.map((p) => [pct(p.customerShare), pct(p.revenueShare)]));
      case 'top_customers':
        return csvOf(['contact_id', 'name', 'revenue', 'occasions', 'segment', 'currency'], o.pareto.top.map((t) => [t.contactId, t.name, t.revenue, t.occasions, t.segment, o.currency]));
      default:
        throw notFound('Table');
    }
  },
  customers(rows: CustomerAnalyticsDto[]): string {
    return csvOf(['contact_id', 'name', 'segment', 'r', 'f', 'm', 'vip', 'first_order', 'last_order', 'occasions', 'revenue', 'p_alive', 'churn_risk', 'risk_band', 'expected_purchases', 'predicted_clv', 'expected_next_order'],
      rows.map((c) => [c.contactId, c.name, c.segment, c.rfm.r, c.rfm.f, c.rfm.m, c.vip ? 'yes' : 'no', c.firstOrderOn, c.lastOrderOn, c.occasions, c.revenue, c.pAlive, c.churnRisk, c.riskBand, c.expectedPurchases, c.predictedClv, c.expectedNextOrderOn]));
  },
  productCycles(rows: ProductCycleDto[]): string {
    return csvOf(['product_key', 'title', 'sku', 'cycle_days', 'p25_days', 'p75_days', 'customers', 'gaps'],
      rows.map((p) => [p.productKey, p.title, p.sku, p.cycleDays, p.p25Days, p.p75Days, p.customers, p.gaps]));
  },
  /** The tracking plot, one row per week; `period` says whether the week is in the calibration period or after it. */
  tracking(tracking: ModelTrackingDto | null): string {
    return csvOf(['week_start', 'period', 'actual', 'expected', 'actual_cumulative', 'expected_cumulative', 'model'],
      (tracking?.weeks ?? []).map((w) => [w.weekStart, w.weekStart <= tracking!.calibrationEnd ? 'calibration' : 'holdout', w.actual, w.expected,
        w.actualCumulative, w.expectedCumulative, tracking!.model]));
  },
};
