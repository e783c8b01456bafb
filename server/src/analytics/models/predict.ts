/**
 * Forward-looking outputs for one customer (spec §3.5). Horizons come in days and are converted to the
 * model's unit here, once (P7). Churn risk is P0(H), the probability of no purchase in the next H days,
 * which rises with T even for one-time buyers (P8), so BG/NBD's P(alive) = 1 at x = 0 is never shown.
 */
import type { CustomerSummary, FittedSpendModel, FittedTransactionModel } from './fit.ts';
import { transactionModels } from './fit.ts';
import { ggConditionalMean } from './gamma-gamma.ts';
import { unitDays } from './summary.ts';

export const DAYS_PER_MONTH = 365.25 / 12;

export function pAlive(fitted: FittedTransactionModel, c: CustomerSummary): number {
  return transactionModels[fitted.model].pAlive(fitted.params, c.x, c.tx, c.T);
}

/** E[Y(t) | x, t_x, T] with t in model units. */
export function expectedPurchases(fitted: FittedTransactionModel, c: CustomerSummary, t: number): number {
  return transactionModels[fitted.model].expected(fitted.params, c.x, c.tx, c.T, t);
}

/** E[X(t)] for a newly acquired customer, t in model units. */
export function expectedPurchasesNew(fitted: FittedTransactionModel, t: number): number {
  return transactionModels[fitted.model].expectedNew(fitted.params, t);
}

/** P(no purchase in (T, T+t]), t in model units. */
export function probabilityNoPurchase(fitted: FittedTransactionModel, c: CustomerSummary, t: number): number {
  return transactionModels[fitted.model].p0(fitted.params, c.x, c.tx, c.T, t);
}

export type RiskBand = 'low' | 'medium' | 'high';
export const riskBand = (risk: number): RiskBand => (risk < 0.33 ? 'low' : risk < 0.66 ? 'medium' : 'high');

export interface CustomerForecast {
  /** Null for BG/NBD one-time buyers, whose P(alive) is 1 by construction (P8). */
  pAlive: number | null;
  expectedPurchases: number;
  churnRisk: number;
  riskBand: RiskBand;
  expectedSpend: number;
  predictedClv: number;
  expectedNextOrderInDays: number | null;
}

export interface ForecastOptions {
  horizonDays: number;
  annualDiscountRate: number;
  grossMarginPct: number;
  /** The shop's mean repeat-occasion value, used when the spend model is missing or q ≤ 1. */
  fallbackSpend: number;
  /** Below this P(alive), no next-order date is given (default 0.5). */
  aliveThreshold?: number;
}

/** Gamma-Gamma E[M | x, m], the population mean for x = 0, else the shop's fallback (P6). */
export function expectedSpend(spend: FittedSpendModel | null, x: number, m: number | null, fallback: number): number {
  if (!spend || !(spend.q > 1)) return fallback;
  return ggConditionalMean(spend, x, m) ?? fallback;
}

/**
 * Σ_k (E[Y(t_k)] − E[Y(t_{k−1})])/(1+d_m)^k over monthly steps t_k = k·month (the last one may be
 * partial), d_m = (1+d_y)^(1/12) − 1: discounted expected purchases, without spend and margin.
 */
export function discountedPurchases(fitted: FittedTransactionModel, c: CustomerSummary, horizonDays: number, annualDiscountRate: number): number {
  const per = unitDays(fitted.unit);
  const monthly = Math.pow(1 + annualDiscountRate, 1 / 12) - 1;
  const K = Math.ceil(horizonDays / DAYS_PER_MONTH - 1e-9);
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= K; k++) {
    const current = expectedPurchases(fitted, c, Math.min(k * DAYS_PER_MONTH, horizonDays) / per);
    total += (current - previous) / Math.pow(1 + monthly, k);
    previous = current;
  }
  return total;
}

export function forecastCustomer(fitted: FittedTransactionModel, spend: FittedSpendModel | null, c: CustomerSummary & { m: number | null }, opts: ForecastOptions): CustomerForecast {
  const per = unitDays(fitted.unit);
  const t = opts.horizonDays / per;
  const alive = pAlive(fitted, c);
  const churnRisk = transactionModels[fitted.model].p0(fitted.params, c.x, c.tx, c.T, t);
  const spendPerOrder = expectedSpend(spend, c.x, c.m, opts.fallbackSpend);
  const margin = opts.grossMarginPct / 100;
  const predictedClv = spendPerOrder * margin * discountedPurchases(fitted, c, opts.horizonDays, opts.annualDiscountRate);
  // Median wait from now for an alive customer: λ ~ Gamma(r+x, α+T) gives (α+T)·(2^(1/(r+x)) − 1).
  const { r, alpha } = fitted.params as { r: number; alpha: number };
  const nextOrder = alive >= (opts.aliveThreshold ?? 0.5) ? (alpha + c.T) * Math.expm1(Math.LN2 / (r + c.x)) * per : null;
  return {
    pAlive: fitted.model === 'bgnbd' && c.x === 0 ? null : alive,
    expectedPurchases: expectedPurchases(fitted, c, t),
    churnRisk,
    riskBand: riskBand(churnRisk),
    expectedSpend: spendPerOrder,
    predictedClv,
    expectedNextOrderInDays: nextOrder,
  };
}
