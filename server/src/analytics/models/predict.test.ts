import { describe, expect, it } from 'vitest';
import type { FittedSpendModel, FittedTransactionModel, TransactionModelName } from './fit.ts';
import { DAYS_PER_MONTH, discountedPurchases, expectedPurchases, expectedSpend, forecastCustomer, pAlive, probabilityNoPurchase, riskBand } from './predict.ts';

const fitted = (model: TransactionModelName, params: Record<string, number>, unit: 'day' | 'week' = 'week'): FittedTransactionModel => ({
  model, unit, params, logLikelihood: 0, status: 'converged', iterations: 0, customers: 1, uniqueRows: 1, standardErrors: null, penalizer: 0,
});
const bg = fitted('bgnbd', { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 });
const mbg = fitted('mbgnbd', { r: 0.5248, alpha: 6.183, a: 0.8914, b: 1.614 });
const pareto = fitted('pareto', { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.656 });
const spend: FittedSpendModel = { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: 0, status: 'converged', customers: 946, populationMean: (6.25 * 15.44) / 2.74, correlationXM: 0.11, warning: null };
const opts = { horizonDays: 365, annualDiscountRate: 0.1, grossMarginPct: 30, fallbackSpend: 20 };

describe('forecastCustomer', () => {
  it('hides BG/NBD P(alive) for one-time buyers but still gives churn risk = P0(H) (P8)', () => {
    const c = { x: 0, tx: 0, T: 38.86, m: null };
    const f = forecastCustomer(bg, spend, c, opts);
    expect(f.pAlive).toBeNull();
    expect(f.churnRisk).toBeCloseTo(probabilityNoPurchase(bg, c, 365 / 7), 14);
    expect(f.churnRisk).toBeGreaterThan(0.5);
    expect(forecastCustomer(mbg, spend, c, opts).pAlive).toBeLessThan(1);
    expect(forecastCustomer(pareto, spend, c, opts).pAlive).toBeCloseTo(pAlive(pareto, c), 14);
    expect(forecastCustomer(bg, spend, { x: 2, tx: 30.43, T: 38.86, m: 22.35 }, opts).pAlive).toBeCloseTo(pAlive(bg, { x: 2, tx: 30.43, T: 38.86 }), 14);
  });

  it('converts the horizon from days to model units', () => {
    const c = { x: 2, tx: 30.43, T: 38.86, m: 22.35 };
    const weeks = forecastCustomer(pareto, spend, c, { ...opts, horizonDays: 91 });
    expect(weeks.expectedPurchases).toBeCloseTo(expectedPurchases(pareto, c, 13), 14);
    // The same model expressed in days: α and β × 7, times × 7.
    const inDays = fitted('pareto', { r: 0.553, alpha: 10.58 * 7, s: 0.606, beta: 11.656 * 7 }, 'day');
    const days = forecastCustomer(inDays, spend, { x: 2, tx: 30.43 * 7, T: 38.86 * 7, m: 22.35 }, { ...opts, horizonDays: 91 });
    expect(days.expectedPurchases).toBeCloseTo(weeks.expectedPurchases, 10);
    expect(days.churnRisk).toBeCloseTo(weeks.churnRisk, 10);
    expect(days.predictedClv).toBeCloseTo(weeks.predictedClv, 8);
    expect(days.expectedNextOrderInDays!).toBeCloseTo(weeks.expectedNextOrderInDays!, 8);
  });

  it('CLV: monthly discounting of the expected purchases, times spend and margin', () => {
    const c = { x: 3, tx: 35, T: 38.86, m: 30 };
    const undiscounted = forecastCustomer(mbg, spend, c, { ...opts, annualDiscountRate: 0, grossMarginPct: 100 });
    expect(undiscounted.predictedClv).toBeCloseTo(undiscounted.expectedSpend * undiscounted.expectedPurchases, 10);
    const discounted = forecastCustomer(mbg, spend, c, opts);
    expect(discounted.predictedClv).toBeLessThan(undiscounted.predictedClv * 0.3);
    expect(discounted.predictedClv).toBeGreaterThan(undiscounted.predictedClv * 0.3 * 0.9);
    // One month at 10 %/year: the single step is discounted by (1.1)^(1/12).
    const oneMonth = discountedPurchases(mbg, c, DAYS_PER_MONTH, 0.1);
    expect(oneMonth).toBeCloseTo(expectedPurchases(mbg, c, DAYS_PER_MONTH / 7) / Math.pow(1.1, 1 / 12), 12);
  });

  it('expected spend: Gamma-Gamma, the population mean for x = 0, else the fallback (P6)', () => {
    expect(expectedSpend(spend, 2, 22.35, 99)).toBeCloseTo((6.25 * (15.44 + 2 * 22.35)) / (6.25 * 2 + 2.74), 12);
    expect(expectedSpend(spend, 0, null, 99)).toBeCloseTo(spend.populationMean!, 12);
    expect(expectedSpend({ ...spend, q: 0.9 }, 2, 22.35, 99)).toBe(99);
    expect(expectedSpend(null, 2, 22.35, 99)).toBe(99);
  });

  it('next order: the median wait (α+T)(2^(1/(r+x))−1) when likely alive, else null', () => {
    const c = { x: 4, tx: 38, T: 38.86, m: 30 };
    const f = forecastCustomer(pareto, spend, c, opts);
    expect(f.expectedNextOrderInDays).toBeCloseTo((10.58 + 38.86) * (Math.pow(2, 1 / 4.553) - 1) * 7, 10);
    const gone = { x: 4, tx: 2, T: 38.86, m: 30 };
    expect(pAlive(pareto, gone)).toBeLessThan(0.5);
    expect(forecastCustomer(pareto, spend, gone, opts).expectedNextOrderInDays).toBeNull();
    expect(forecastCustomer(pareto, spend, gone, { ...opts, aliveThreshold: 0 }).expectedNextOrderInDays).toBeGreaterThan(0);
  });

  it('risk bands: low < 0.33 ≤ medium < 0.66 ≤ high', () => {
    expect([0, 0.3299, 0.33, 0.6599, 0.66, 1].map(riskBand)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});
