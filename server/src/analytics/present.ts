import type { AnalyticsRunDto, CustomerAnalyticsDto, ModelDto, ModelTrackingDto, ProductCycleDto, SegmentName, TransactionModel } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import type { CustomerRow } from './store.ts';
import type { ProductCycleRow } from './store-products.ts';

export const presentRun = (row: Row<'analytics_runs'>): AnalyticsRunDto => ({
  id: row.id, trigger: row.trigger, status: row.status as AnalyticsRunDto['status'], step: row.step, progress: row.progress, error: row.error, note: row.note,
  startedAt: row.started_at.toISOString(), finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
});

export function presentCustomer(row: CustomerRow, name: string | null, lowConfidence: boolean): CustomerAnalyticsDto {
  return {
    contactId: row.contact_id, name, segment: row.segment as SegmentName | null, rfm: { r: row.r_score, f: row.f_score, m: row.m_score }, vip: row.vip,
    firstOrderOn: row.first_day, lastOrderOn: row.last_day, occasions: row.occasions, revenue: row.revenue,
    pAlive: row.p_alive, churnRisk: row.churn_risk, riskBand: row.risk_band as CustomerAnalyticsDto['riskBand'],
    expectedPurchases: row.expected_purchases, predictedClv: row.predicted_clv === null ? null : Math.round(row.predicted_clv),
    expectedNextOrderOn: row.next_order_on, lowConfidence,
  };
}

export function presentModel(row: Row<'analytics_models'>): ModelDto {
  // The tracking plot is stored with the holdout validation (one JSON column, written once per model).
  const { tracking = null, ...validation } = (row.validation ?? {}) as NonNullable<ModelDto['validation']> & { tracking?: ModelTrackingDto | null };
  const spend = row.spend as { p: number; q: number; gamma: number; populationMean: number | null; warning: string | null } | null;
  return {
    id: row.id, model: row.model as TransactionModel, unit: row.unit as 'day' | 'week', params: row.params, logLikelihood: row.log_likelihood, status: row.status,
    customers: row.customers, dataFrom: row.data_from, dataTo: row.data_to, calibrationEnd: row.calibration_end, createdAt: row.created_at.toISOString(),
    spend: spend ? { p: spend.p, q: spend.q, gamma: spend.gamma, populationMean: spend.populationMean, warning: spend.warning } : null,
    validation: row.validation ? validation : null,
    tracking,
    note: row.status === 'boundary' ? 'No dropout is detectable in this data yet (a parameter is at its limit).' : null,
  };
}

export const presentProductCycle = (row: ProductCycleRow): ProductCycleDto => ({
  productKey: row.product_key, title: row.title, sku: row.sku, cycleDays: row.cycle_days, p25Days: row.p25_days, p75Days: row.p75_days,
  gaps: row.gaps, customers: row.customers,
});
