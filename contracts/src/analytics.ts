import { z } from 'zod';

/** RFM segments of the retention spec (§9); `prospects` are contacts without a valid order. */
export const segmentNames = [
  'champions', 'loyal', 'potential', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating',
] as const;
export type SegmentName = (typeof segmentNames)[number];
export const transactionModels = ['bgnbd', 'mbgnbd', 'pareto'] as const;
export type TransactionModel = (typeof transactionModels)[number];

/**
 * When a product "has a repurchase cycle" (retention spec §3.5, last row): at least `minGaps` gaps between a
 * customer's consecutive purchases of it, from at least `minCustomers` customers, and regular gaps: the middle
 * half of them spans at most `maxSpread` × the median, `(p75 − p25) / median ≤ maxSpread`. Buying at random
 * moments (exponential gaps) gives about 1.6, so the default 1 keeps products bought on a rhythm.
 */
export const productCycleRuleInput = z.object({
  minGaps: z.number().int().min(2).max(100_000),
  minCustomers: z.number().int().min(2).max(100_000),
  maxSpread: z.number().min(0.05).max(5),
});
export type ProductCycleRule = z.infer<typeof productCycleRuleInput>;
export const defaultProductCycleRule: ProductCycleRule = { minGaps: 30, minCustomers: 10, maxSpread: 1 };

export const analyticsSettingsInput = z.object({
  /** Orders in other currencies are left out of customer metrics (and counted as such). */
  currency: z.string().trim().length(3).transform((c) => c.toUpperCase()),
  /** Gross margin in percent, for margin-based CLV. */
  grossMarginPct: z.number().min(0).max(100),
  /** Annual discount rate for predicted CLV, in percent. */
  annualDiscountPct: z.number().min(0).max(100),
  /** Horizon of predicted CLV, churn risk and expected purchases. */
  horizonDays: z.number().int().min(7).max(1095),
  /** 'auto' picks the model with the lowest holdout error at each refresh. */
  model: z.enum(['auto', ...transactionModels]),
  /** Days after which a contact counts as recovered in the service-recovery rate. */
  recoveryDays: z.union([z.literal(30), z.literal(60), z.literal(90), z.literal(180)]),
  /** Conversation labels that mark a complaint. */
  complaintLabels: z.array(z.string().trim().min(1).max(60)).max(20),
  /** Which products count as bought on a cycle (settings saved before it existed get the defaults). */
  productCycles: productCycleRuleInput.default(defaultProductCycleRule),
});
export type AnalyticsSettings = z.infer<typeof analyticsSettingsInput>;
export const defaultAnalyticsSettings: AnalyticsSettings = {
  currency: 'VND', grossMarginPct: 100, annualDiscountPct: 10, horizonDays: 365, model: 'auto', recoveryDays: 90,
  complaintLabels: ['khieu-nai', 'complaint', 'giao-tre', 'late-delivery'], productCycles: defaultProductCycleRule,
};

export const analyticsPeriods = ['month', 'quarter', 'year'] as const;
export type AnalyticsPeriod = (typeof analyticsPeriods)[number];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const analyticsQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.enum(analyticsPeriods).default('month'),
  source: z.string().trim().max(40).optional(),
  segment: z.enum(segmentNames).optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** A ratio with what it is made of, so every figure can be explained and checked. */
export interface Ratio { value: number | null; numerator: number; denominator: number }

export interface PeriodRow {
  period: string;
  start: string;
  customers: number;
  repeatRate: Ratio;
  returningShare: Ratio;
  periodOverPeriod: Ratio | null;
  occasions: number;
  revenue: number;
  newRevenue: number;
  returningRevenue: number;
  incompleteHistory: boolean;
}
export interface CohortRow { cohort: string; size: number; revenue: number; retention: (number | null)[]; cumulative: (number | null)[]; revenueRetention: (number | null)[]; incompleteHistory: boolean }
export interface ParetoPoint { customerShare: number; revenueShare: number }
export interface TopCustomer { contactId: string; name: string | null; revenue: number; occasions: number; segment: SegmentName | null }

export interface AnalyticsOverviewDto {
  currency: string;
  timezone: string;
  dataFrom: string | null;
  dataTo: string | null;
  refreshedAt: string | null;
  excludedOtherCurrency: number;
  filters: AnalyticsQuery;
  periods: PeriodRow[];
  repeatCustomerRate: Ratio;
  purchaseFrequency: Ratio;
  averageFirstValue: Ratio;
  averageRepurchaseValue: Ratio;
  repeatRevenueShare: Ratio;
  daysBetweenOrders: { mean: number | null; median: number | null; pairs: number };
  historicalClv: { mean: number | null; median: number | null; customers: number };
  pareto: { share: Ratio; topCount: number; customers: number; curve: ParetoPoint[]; gini: number | null; top: TopCustomer[] };
  cohorts: CohortRow[];
}

export interface SegmentCountDto { segment: SegmentName; customers: number; revenue: number; avgChurnRisk: number | null }
export interface CustomerAnalyticsDto {
  contactId: string;
  name: string | null;
  segment: SegmentName | null;
  rfm: { r: number | null; f: number | null; m: number | null };
  vip: boolean;
  firstOrderOn: string;
  lastOrderOn: string;
  occasions: number;
  revenue: number;
  pAlive: number | null;
  churnRisk: number | null;
  riskBand: 'low' | 'medium' | 'high' | null;
  expectedPurchases: number | null;
  predictedClv: number | null;
  expectedNextOrderOn: string | null;
  /** Model outputs are heuristic (too little data for a model). */
  lowConfidence: boolean;
}
/**
 * A product customers buy again on a cycle, from the last refresh: keyed by SKU, else by its folded title.
 * Days are between one customer's consecutive purchases of it (one purchase per customer and day).
 */
export interface ProductCycleDto {
  productKey: string;
  title: string;
  sku: string | null;
  /** The median gap: a reminder goes out this many days after a customer's last purchase of it. */
  cycleDays: number;
  p25Days: number;
  p75Days: number;
  /** Repeat gaps measured, and the customers they come from. */
  gaps: number;
  customers: number;
}
export interface ProductCyclesDto { rule: ProductCycleRule; refreshedAt: string | null; items: ProductCycleDto[] }
export interface ContactAnalyticsDto { currency: string; horizonDays: number; customer: CustomerAnalyticsDto | null; model: TransactionModel | null }

export interface ValidationBucket { frequency: string; customers: number; predicted: number; actual: number }
export interface ModelDto {
  id: string;
  model: TransactionModel;
  unit: 'day' | 'week';
  params: Record<string, number>;
  logLikelihood: number | null;
  status: string;
  customers: number;
  dataFrom: string | null;
  dataTo: string | null;
  calibrationEnd: string | null;
  createdAt: string;
  spend: { p: number; q: number; gamma: number; populationMean: number | null; warning: string | null } | null;
  validation: {
    holdoutDays: number;
    candidates: { model: TransactionModel; mae: number; aggregateError: number; logLikelihood: number }[];
    buckets: ValidationBucket[];
    mae: number;
    aggregateError: number;
  } | null;
  /** The tracking plot (spec §8): weekly and cumulative repeat occasions, actual vs the model; null on models fitted before it existed. */
  tracking: ModelTrackingDto | null;
  /** Why there is no model, or why it is labelled low confidence. */
  note: string | null;
}
/** One week (Monday to Sunday, the last one up to the data's end) of the tracking plot. */
export interface TrackingWeekDto {
  /** YYYY-MM-DD, a Monday. */
  weekStart: string;
  /** Repeat occasions (every occasion after a customer's first) in the week. */
  actual: number;
  /** Σ over customers of E[X(end of week − first purchase)] − the same at the end of the week before. */
  expected: number;
  actualCumulative: number;
  expectedCumulative: number;
}
/**
 * Actual repeat occasions against Σ_customers E[X(t − birth_i)], E[X] the unconditional expectation of the
 * chosen model fitted on the calibration period (so weeks after `calibrationEnd` are a forecast it did not see).
 */
export interface ModelTrackingDto {
  model: TransactionModel;
  /** Days per model time unit (1 for day, 7 for week). */
  unitDays: number;
  /** The calibration fit's parameters, in the model's unit. */
  params: Record<string, number>;
  /** YYYY-MM-DD, the last day of the calibration period. */
  calibrationEnd: string;
  weeks: TrackingWeekDto[];
}
export interface AnalyticsRunDto { id: string; trigger: string; status: 'running' | 'done' | 'failed'; step: string; progress: number; error: string | null; note: string | null; startedAt: string; finishedAt: string | null }
export interface PredictionsDto { model: ModelDto | null; run: AnalyticsRunDto | null; settings: AnalyticsSettings }

export const impactQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  days: z.coerce.number().int().refine((d) => [30, 60, 90, 180].includes(d), 'one of 30, 60, 90, 180').optional(),
});
export type ImpactQuery = z.infer<typeof impactQuery>;

export const customerListQuery = z.object({
  segment: z.enum(segmentNames).optional(),
  vip: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['churn_risk', 'revenue', 'predicted_clv', 'last_order']).default('revenue'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export interface RecoveryRow { key: string; eligible: number; recovered: number; rate: number | null }
/**
 * Negative events are conversations labelled as complaints for now; CSAT answers ≤ 2 join them (and
 * CSAT ≥ 4 a positive baseline) when surveys arrive.
 */
export interface RetentionImpactDto {
  days: number;
  currency: string;
  recovery: { negative: RecoveryRow; contactWithoutComplaint: RecoveryRow; noContactBaseline: RecoveryRow; byAction: RecoveryRow[]; byPriorOccasions: RecoveryRow[] };
  contactVersusNone: { contacted: RecoveryRow; notContacted: RecoveryRow };
  revenueAfterConversation: { byAgent: { agentId: string | null; name: string | null; conversations: number; revenue: number }[]; byChannel: { channel: string; conversations: number; revenue: number }[] };
  compensation: { spent: number; recipients: number; retainedRevenue: number };
}
