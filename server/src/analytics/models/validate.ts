/**
 * Calibration/holdout validation shown to merchants (spec §8) and per-shop model choice (§4 item 9):
 * predicted vs actual holdout occasions per customer, in total, and per calibration frequency 0..6, 7+.
 */
import { fitTransactionModel, type CustomerSummary, type FittedTransactionModel, type TransactionModelName } from './fit.ts';
import { expectedPurchases } from './predict.ts';
import { unitDays, type TimeUnit } from './summary.ts';

export interface HoldoutRow extends CustomerSummary {
  /** Occasions in the holdout (t_end, t_end + H]. */
  holdout: number;
}

export interface FrequencyBucket { bucket: string; customers: number; meanPredicted: number; meanActual: number }

export interface HoldoutValidation {
  model: TransactionModelName;
  holdoutDays: number;
  customers: number;
  totalPredicted: number;
  totalActual: number;
  /** Mean |predicted − actual| per customer. */
  mae: number;
  /** (Σ predicted − Σ actual)/Σ actual; null when nobody bought in the holdout. */
  aggregateError: number | null;
  buckets: FrequencyBucket[];
}

export const BUCKETS = ['0', '1', '2', '3', '4', '5', '6', '7+'] as const;

export function validateHoldout(fitted: FittedTransactionModel, rows: readonly HoldoutRow[], holdoutDays: number): HoldoutValidation {
  const t = holdoutDays / unitDays(fitted.unit);
  const sums = BUCKETS.map((bucket) => ({ bucket, customers: 0, predicted: 0, actual: 0 }));
  let totalPredicted = 0;
  let totalActual = 0;
  let absolute = 0;
  for (const row of rows) {
    const predicted = expectedPurchases(fitted, row, t);
    const b = sums[Math.min(row.x, 7)]!;
    b.customers++;
    b.predicted += predicted;
    b.actual += row.holdout;
    totalPredicted += predicted;
    totalActual += row.holdout;
    absolute += Math.abs(predicted - row.holdout);
  }
  return {
    model: fitted.model, holdoutDays, customers: rows.length, totalPredicted, totalActual,
    mae: rows.length ? absolute / rows.length : 0,
    aggregateError: totalActual > 0 ? (totalPredicted - totalActual) / totalActual : null,
    buckets: sums.map((b) => ({
      bucket: b.bucket, customers: b.customers,
      meanPredicted: b.customers ? b.predicted / b.customers : 0, meanActual: b.customers ? b.actual / b.customers : 0,
    })),
  };
}

export interface ModelChoice {
  chosen: TransactionModelName;
  candidates: { model: TransactionModelName; fitted: FittedTransactionModel; validation: HoldoutValidation }[];
}

/**
 * Fit each model on the calibration summaries and keep the one with the lowest per-customer holdout
 * MAE; near-ties (within 1e-9 relative) go to the smaller |aggregate error|. The caller refits the
 * chosen model on all data.
 */
export function chooseModel(rows: readonly HoldoutRow[], opts: { unit: TimeUnit; holdoutDays: number; penalizer?: number; models?: TransactionModelName[] }): ModelChoice {
  const models = opts.models ?? ['bgnbd', 'mbgnbd', 'pareto'];
  const candidates = models.map((model) => {
    const fitted = fitTransactionModel(model, rows, { unit: opts.unit, penalizer: opts.penalizer });
    return { model, fitted, validation: validateHoldout(fitted, rows, opts.holdoutDays) };
  });
  const absAggregate = (v: HoldoutValidation) => Math.abs(v.aggregateError ?? 0);
  const best = candidates.reduce((a, b) => {
    const tie = Math.abs(a.validation.mae - b.validation.mae) <= 1e-9 * Math.max(a.validation.mae, b.validation.mae);
    if (tie) return absAggregate(b.validation) < absAggregate(a.validation) ? b : a;
    return b.validation.mae < a.validation.mae ? b : a;
  });
  return { chosen: best.model, candidates };
}
