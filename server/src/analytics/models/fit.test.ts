import { describe, expect, it } from 'vitest';
import { fitSpendModel, fitTransactionModel, logLikelihoodAt, transactionModels, type TransactionModelName } from './fit.ts';
import { forecastCustomer } from './predict.ts';
import { betaSample, gammaSample, mulberry32, simulateBgnbd, simulatePareto, toSummaries } from './fixtures/simulate.ts';
import { compress, summarize } from './summary.ts';

const uniformT = (lo: number, hi: number) => (rand: () => number) => lo + (hi - lo) * rand();

/** Each estimate within `k` standard errors of the truth: checks the fit and the delta-method SEs together. */
function expectRecovered(fitted: ReturnType<typeof fitTransactionModel>, truth: Record<string, number>, k = 4) {
  expect(fitted.status).toBe('converged');
  expect(fitted.standardErrors).not.toBeNull();
  for (const [name, value] of Object.entries(truth)) {
    expect(Math.abs(fitted.params[name]! - value)).toBeLessThan(k * fitted.standardErrors![name]!);
    expect(fitted.standardErrors![name]! / value).toBeLessThan(0.5);
  }
}

describe('transaction model fits on simulated customers', () => {
  it('the summed likelihood (per-x terms shared) equals the per-row formulas', () => {
    const rows = [{ x: 0, tx: 0, T: 30 }, { x: 0, tx: 0, T: 12.5 }, { x: 3, tx: 20, T: 30, weight: 4 }, { x: 3, tx: 2, T: 30 }, { x: 200, tx: 29, T: 30 }];
    const params = { bgnbd: { r: 0.3, alpha: 4, a: 0.8, b: 2.4 }, mbgnbd: { r: 0.5, alpha: 6, a: 0.9, b: 1.6 }, pareto: { r: 0.55, alpha: 10, s: 0.6, beta: 12 } };
    for (const model of ['bgnbd', 'mbgnbd', 'pareto'] as const) {
      const byRow = rows.reduce((sum, r) => sum + (r.weight ?? 1) * transactionModels[model].ll(params[model], r.x, r.tx, r.T), 0);
      expect(logLikelihoodAt(model, params[model], rows)).toBeCloseTo(byRow, 9);
    }
  });

  it('recovers BG/NBD parameters', () => {
    const truth = { r: 0.5, alpha: 5, a: 0.8, b: 3 };
    const rows = toSummaries(simulateBgnbd(truth, 4000, 1, uniformT(20, 52)));
    const fitted = fitTransactionModel('bgnbd', rows, { unit: 'week' });
    expectRecovered(fitted, truth);
    expect(fitted).toMatchObject({ model: 'bgnbd', unit: 'week', customers: 4000, penalizer: 0 });
    expect(fitted.logLikelihood).toBeCloseTo(logLikelihoodAt('bgnbd', fitted.params, rows), 8);
  });

  it('recovers Pareto/NBD parameters', () => {
    const truth = { r: 0.6, alpha: 8, s: 0.7, beta: 10 };
    const rows = toSummaries(simulatePareto(truth, 4000, 2, uniformT(20, 52)));
    expectRecovered(fitTransactionModel('pareto', rows, { unit: 'week' }), truth);
  });

  it('the weighted fit equals the unweighted one', () => {
    const rows = toSummaries(simulateBgnbd({ r: 0.4, alpha: 3, a: 0.9, b: 2.5 }, 1500, 5, (rand) => 10 + Math.floor(rand() * 5))).map((r) => ({
      x: r.x, tx: Math.round(r.tx), T: r.T,
    }));
    const weighted = compress(rows);
    expect(weighted.length).toBeLessThan(rows.length / 3);
    for (const model of ['bgnbd', 'pareto'] as TransactionModelName[]) {
      const plain = fitTransactionModel(model, rows, { unit: 'week' });
      const byWeight = fitTransactionModel(model, weighted, { unit: 'week' });
      expect(byWeight.customers).toBe(plain.customers);
      expect(byWeight.uniqueRows).toBe(plain.uniqueRows);
      expect(byWeight.logLikelihood).toBeCloseTo(plain.logLikelihood, 6);
      for (const name of Object.keys(plain.params)) expect(byWeight.params[name]).toBeCloseTo(plain.params[name]!, 4);
    }
  });

  it('gives the same predictions for a horizon in days whether fitted in days or weeks (P7)', () => {
    // Daily data: purchases on whole days, merged per day, calibration of 365 days.
    const sims = simulateBgnbd({ r: 0.3, alpha: 30, a: 0.7, b: 2.5 }, 3000, 7, () => 0, () => 500);
    const rand = mulberry32(8);
    const transactions = sims.flatMap((c, i) => {
      const birth = Math.floor(rand() * 300);
      return [0, ...c.times].map((t) => ({ customerId: String(i), at: birth + Math.floor(t), value: 10 }));
    });
    const byUnit = (['day', 'week'] as const).map((unit) => {
      const rows = summarize(transactions, { unit, calibrationEnd: 365 });
      return { rows, fitted: fitTransactionModel('mbgnbd', rows, { unit }) };
    });
    const [days, weeks] = byUnit;
    expect(days!.fitted.params.alpha! / weeks!.fitted.params.alpha!).toBeCloseTo(7, 2);
    expect(days!.fitted.params.r).toBeCloseTo(weeks!.fitted.params.r!, 3);
    const opts = { horizonDays: 90, annualDiscountRate: 0.1, grossMarginPct: 40, fallbackSpend: 25 };
    for (const i of [0, 5, 17, 123]) {
      const [d, w] = [days!, weeks!].map(({ rows, fitted }) => forecastCustomer(fitted, null, rows[i]!, opts));
      expect(w!.expectedPurchases).toBeCloseTo(d!.expectedPurchases, 3);
      expect(w!.churnRisk).toBeCloseTo(d!.churnRisk, 3);
      expect(w!.predictedClv).toBeCloseTo(d!.predictedClv, 2);
      expect(w!.expectedNextOrderInDays ?? 0).toBeCloseTo(d!.expectedNextOrderInDays ?? 0, 0);
    }
  });

  it('reports a boundary (no SEs) when no dropout is visible, and records an opt-in penalizer (P4)', () => {
    const rows = toSummaries(simulateBgnbd({ r: 1, alpha: 5, a: 0.5, b: 1e7 }, 1500, 3, uniformT(20, 52)));
    const fitted = fitTransactionModel('bgnbd', rows, { unit: 'week' });
    expect(fitted).toMatchObject({ status: 'boundary', standardErrors: null, penalizer: 0 });
    const penalized = fitTransactionModel('bgnbd', rows, { unit: 'week', penalizer: 1e-3 });
    expect(penalized.penalizer).toBe(1e-3);
    expect(Number.isFinite(penalized.logLikelihood)).toBe(true);
    // The purchase rate is still found.
    expect(fitted.params.r! / fitted.params.alpha!).toBeCloseTo(1 / 5, 1);
  });

  it('rejects summaries that break the §1.4 checks', () => {
    expect(() => fitTransactionModel('bgnbd', [{ x: 1, tx: 5, T: 3 }], { unit: 'day' })).toThrow(RangeError);
    expect(() => fitTransactionModel('bgnbd', [], { unit: 'day' })).toThrow(/No customers/);
  });
});

describe('Gamma-Gamma fit', () => {
  /** ν ~ Gamma(q, γ) per customer, each repeat value ~ Gamma(p, ν); m = mean of x values. */
  function simulateSpend(p: number, q: number, gamma: number, n: number, seed: number) {
    const rand = mulberry32(seed);
    return Array.from({ length: n }, () => {
      const nu = gammaSample(rand, q, gamma);
      const x = 1 + Math.floor(betaSample(rand, 1, 3) * 10);
      let total = 0;
      for (let i = 0; i < x; i++) total += gammaSample(rand, p, nu);
      return { x, m: total / x };
    });
  }

  it('recovers p, q, γ and is invariant to the currency scale', () => {
    const rows = simulateSpend(6, 4, 15, 3000, 11);
    const fitted = fitSpendModel(rows);
    expect(fitted.status).toBe('converged');
    expect(fitted.p).toBeGreaterThan(4.5);
    expect(fitted.p).toBeLessThan(8);
    expect(fitted.q).toBeGreaterThan(3);
    expect(fitted.q).toBeLessThan(5.5);
    expect(fitted.populationMean).toBeCloseTo((fitted.p * fitted.gamma) / (fitted.q - 1), 10);
    // The same customers in VND (×25,000): γ scales, p and q do not.
    const vnd = fitSpendModel(rows.map((r) => ({ x: r.x, m: r.m * 25_000 })));
    expect(vnd.p).toBeCloseTo(fitted.p, 3);
    expect(vnd.q).toBeCloseTo(fitted.q, 3);
    expect(vnd.gamma / fitted.gamma).toBeCloseTo(25_000, -1);
    expect(fitted.warning).toBeNull();
  });

  it('keeps q > 1 with q = 1 + e^θ on heavy-tailed spend (P6), and can fit q freely', () => {
    const rows = simulateSpend(2, 0.8, 10, 3000, 12);
    const constrained = fitSpendModel(rows);
    expect(constrained.q).toBeGreaterThan(1);
    expect(constrained.populationMean).not.toBeNull();
    const free = fitSpendModel(rows, { qAboveOne: false });
    expect(free.q).toBeLessThan(1);
    expect(free.populationMean).toBeNull();
    expect(free.logLikelihood).toBeGreaterThanOrEqual(constrained.logLikelihood - 1e-6);
  });

  it('ignores x = 0 customers and needs at least two repeat customers', () => {
    expect(() => fitSpendModel([{ x: 0, m: null }, { x: 2, m: 10 }])).toThrow(RangeError);
  });
});

describe('fit deadline', () => {
  it('gives up with FitTimeout once the deadline has passed, so a background refresh always ends', async () => {
    const { fitTransactionModel, FitTimeout } = await import('./fit.ts');
    const rows = [{ x: 1, tx: 10, T: 30 }, { x: 0, tx: 0, T: 20 }, { x: 3, tx: 25, T: 40 }];
    expect(() => fitTransactionModel('pareto', rows, { unit: 'day', deadline: performance.now() - 1 })).toThrow(FitTimeout);
    expect(fitTransactionModel('bgnbd', rows, { unit: 'day', deadline: performance.now() + 60_000 }).model).toBe('bgnbd');
  });
});
