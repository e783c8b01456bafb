import { describe, expect, it } from 'vitest';
import type { FittedTransactionModel } from './fit.ts';
import { simulateBgnbd, toSummaries } from './fixtures/simulate.ts';
import { expectedPurchases } from './predict.ts';
import { chooseModel, validateHoldout } from './validate.ts';

const truth: FittedTransactionModel = {
  model: 'bgnbd', unit: 'week', params: { r: 0.5, alpha: 5, a: 0.8, b: 3 }, logLikelihood: 0, status: 'converged', iterations: 0,
  customers: 0, uniqueRows: 0, standardErrors: null, penalizer: 0,
};
// 39-week holdout after each customer's calibration period.
const rows = toSummaries(simulateBgnbd(truth.params as { r: number; alpha: number; a: number; b: number }, 3000, 21, (rand) => 20 + 19 * rand(), (T) => T + 39));

describe('holdout validation', () => {
  it('compares predicted and actual holdout occasions per customer, in total and per frequency bucket', () => {
    const v = validateHoldout(truth, rows, 39 * 7);
    expect(v.customers).toBe(3000);
    expect(v.buckets.map((b) => b.bucket)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(v.buckets.reduce((n, b) => n + b.customers, 0)).toBe(3000);
    const sevenPlus = rows.filter((r) => r.x >= 7);
    expect(v.buckets[7]!.customers).toBe(sevenPlus.length);
    expect(v.buckets[7]!.meanActual).toBeCloseTo(sevenPlus.reduce((s, r) => s + r.holdout, 0) / sevenPlus.length, 12);
    const predicted = rows.map((r) => expectedPurchases(truth, r, 39));
    expect(v.totalPredicted).toBeCloseTo(predicted.reduce((a, b) => a + b, 0), 8);
    expect(v.mae).toBeCloseTo(predicted.reduce((s, p, i) => s + Math.abs(p - rows[i]!.holdout), 0) / 3000, 10);
    expect(v.aggregateError).toBeCloseTo((v.totalPredicted - v.totalActual) / v.totalActual, 12);
    // With the true parameters the total is right to within sampling noise.
    expect(Math.abs(v.aggregateError!)).toBeLessThan(0.1);
    // Conditional expectations rise with calibration frequency.
    expect(v.buckets[7]!.meanPredicted).toBeGreaterThan(v.buckets[1]!.meanPredicted);
  });

  it('has no aggregate error when nobody bought in the holdout', () => {
    expect(validateHoldout(truth, [{ x: 1, tx: 2, T: 5, holdout: 0 }], 70).aggregateError).toBeNull();
  });

  it('chooseModel fits all three models and picks the lowest holdout MAE', () => {
    const choice = chooseModel(rows.slice(0, 1500), { unit: 'week', holdoutDays: 39 * 7 });
    expect(choice.candidates.map((c) => c.model)).toEqual(['bgnbd', 'mbgnbd', 'pareto']);
    const best = Math.min(...choice.candidates.map((c) => c.validation.mae));
    expect(choice.candidates.find((c) => c.model === choice.chosen)!.validation.mae).toBe(best);
    for (const c of choice.candidates) expect(c.fitted.model).toBe(c.model);
  });
});
