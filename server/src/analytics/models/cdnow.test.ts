/**
 * Reference tests against the published CDNOW fits (spec §5), on the 1/10 sample in ../shared/data/cdnow
 * (outside the repository; skipped with a warning when absent). Values we obtain, for the record:
 * BG/NBD exact weeks r 0.242594, α 4.413551, a 0.792927, b 2.425934, LL −9582.4292; from the rounded CSV
 * r 0.242592, α 4.413553, a 0.792884, b 2.425768, LL −9582.4256. Pareto/NBD exact weeks r 0.553275,
 * α 10.577668, s 0.606221, β 11.668284, LL −9594.9762. Gamma-Gamma p 6.2486, q 3.7446, γ 15.4484.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitSpendModel, fitTransactionModel, logLikelihoodAt } from './fit.ts';
import { ggLogLikelihood } from './gamma-gamma.ts';
import { forecastCustomer } from './predict.ts';
import { dayOfDate, summarize, type SummaryRow, type TimeUnit } from './summary.ts';
import { chooseModel, validateHoldout } from './validate.ts';

const dir = fileURLToPath(new URL('../../../../../shared/data/cdnow/', import.meta.url));
const exists = existsSync(`${dir}CDNOW_sample.txt`) && existsSync(`${dir}cdnow_customers_summary.csv`);
if (!exists) console.warn(`CDNOW reference tests skipped: the data files are not in ${dir} (see spec §0.1 for where they come from).`);

const lines = (file: string) => readFileSync(`${dir}${file}`, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
const csvRows = (file: string) => lines(file).slice(1).map((l) => l.split(',').map(Number));

/** Exact summaries from the transaction log: same-day merged, calibration to 1997-09-30, holdout the 39 weeks after. */
function sampleSummaries(unit: TimeUnit): SummaryRow[] {
  const transactions = lines('CDNOW_sample.txt').map((l) => {
    const [id, , date, , dollars] = l.trim().split(/\s+/);
    return { customerId: id!, at: dayOfDate(date!), value: Number(dollars) };
  });
  return summarize(transactions, { unit, calibrationEnd: dayOfDate('1997-09-30'), holdoutDays: 273 });
}

const BTYD_BG = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const PAPER_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const BTYD_PARETO = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.656 };
const PAPER_PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

const within = (value: number, target: number, tol: number) => expect(Math.abs(value - target)).toBeLessThanOrEqual(tol);

describe.skipIf(!exists)('CDNOW reference fits (spec §5)', () => {
  const exact = exists ? sampleSummaries('week') : [];
  const rounded = exists ? csvRows('cdnow_customers_summary.csv').map(([, x, tx, T]) => ({ x: x!, tx: tx!, T: T! })) : [];

  it('exact weekly summaries agree with the published calibration summary (T counted to 1997-09-30)', () => {
    const published = csvRows('cdnow_customers_summary_with_transactions.csv');
    expect(exact).toHaveLength(2357);
    exact.forEach((row, i) => {
      const [, x, tx, T, zbar] = published[i]!;
      expect(row.x).toBe(x);
      within(row.tx, tx!, 0.005 + 1e-9);
      within(row.T, T!, 0.005 + 1e-9);
      within(row.m ?? 0, zbar!, 0.005 + 1e-9);
    });
    // A 1 January customer has T = 272 days: the cutoff is the date 1997-09-30, not the end of that day.
    expect(exact[0]!.T * 7).toBe(272);
  });

  it('BG/NBD from exact weeks and from the rounded CSV: parameters ±1e-3 and LL ±0.01 of BTYD', () => {
    for (const rows of [exact, rounded]) {
      const started = performance.now();
      const fitted = fitTransactionModel('bgnbd', rows, { unit: 'week' });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(fitted.status).toBe('converged');
      for (const [name, value] of Object.entries(BTYD_BG)) within(fitted.params[name]!, value, 1e-3);
      within(fitted.logLikelihood, -9582.429, 0.01);
      expect(fitted.uniqueRows).toBeLessThan(rows.length);
    }
  });

  it('BG/NBD log-likelihood at the published parameters', () => {
    within(logLikelihoodAt('bgnbd', BTYD_BG, exact), -9582.429, 0.01);
    within(logLikelihoodAt('bgnbd', BTYD_BG, rounded), -9582.429, 0.01);
    within(logLikelihoodAt('bgnbd', PAPER_BG, exact), -9582.4, 0.05);
  });

  it('Pareto/NBD: r, s ±1e-3, α ±0.01, β ±0.02, LL ±0.01 of BTYD', () => {
    for (const rows of [exact, rounded]) {
      const fitted = fitTransactionModel('pareto', rows, { unit: 'week' });
      expect(fitted.status).toBe('converged');
      within(fitted.params.r!, BTYD_PARETO.r, 1e-3);
      within(fitted.params.s!, BTYD_PARETO.s, 1e-3);
      within(fitted.params.alpha!, BTYD_PARETO.alpha, 0.01);
      within(fitted.params.beta!, BTYD_PARETO.beta, 0.02);
      within(fitted.logLikelihood, -9594.976, 0.01);
    }
    within(logLikelihoodAt('pareto', BTYD_PARETO, exact), -9594.976, 0.01);
    within(logLikelihoodAt('pareto', PAPER_PARETO, exact), -9595.0, 0.05);
  });

  it('MBG/NBD fits CDNOW at least as well as BG/NBD (it nests nothing, but has the extra dropout point)', () => {
    const fitted = fitTransactionModel('mbgnbd', exact, { unit: 'week' });
    expect(fitted.status).toBe('converged');
    expect(fitted.logLikelihood).toBeGreaterThan(-9583);
  });

  it('Gamma-Gamma on x > 0, m = zbar: ±0.01 of the paper (p 6.25, q 3.74, γ 15.44)', () => {
    const rows = csvRows('cdnow_customers_summary_with_transactions.csv').map(([, x, , , zbar]) => ({ x: x!, m: x! > 0 ? zbar! : null }));
    const fitted = fitSpendModel(rows);
    expect(fitted.customers).toBe(946);
    within(fitted.p, 6.25, 0.01);
    within(fitted.q, 3.74, 0.01);
    within(fitted.gamma, 15.44, 0.01);
    expect([fitted.p, fitted.q, fitted.gamma].map((v) => Number(v.toPrecision(3)))).toEqual([6.25, 3.74, 15.4]);
    expect(fitted.warning).toBeNull();
    // The paper's rounded parameters are within 0.01 log-likelihood units of the optimum.
    const repeat = rows.filter((r): r is { x: number; m: number } => r.m !== null);
    const atPaper = ggLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, repeat);
    expect(fitted.logLikelihood).toBeGreaterThanOrEqual(atPaper);
    within(fitted.logLikelihood, atPaper, 0.01);
  });

  it('days and weeks give the same predictions for the same horizon in days (P7)', () => {
    const days = sampleSummaries('day');
    const byDay = fitTransactionModel('bgnbd', days, { unit: 'day' });
    const byWeek = fitTransactionModel('bgnbd', exact, { unit: 'week' });
    within(byDay.params.alpha! / 7, byWeek.params.alpha!, 1e-3);
    const opts = { horizonDays: 90, annualDiscountRate: 0.15, grossMarginPct: 30, fallbackSpend: 35 };
    for (const i of [0, 1, 2, 100, 2000]) {
      const d = forecastCustomer(byDay, null, days[i]!, opts);
      const w = forecastCustomer(byWeek, null, exact[i]!, opts);
      within(d.expectedPurchases, w.expectedPurchases, 1e-4);
      within(d.churnRisk, w.churnRisk, 1e-4);
      within(d.predictedClv, w.predictedClv, 1e-3);
    }
  });

  it('holdout validation and model choice on the 39-week holdout', () => {
    const fitted = fitTransactionModel('bgnbd', exact, { unit: 'week' });
    const v = validateHoldout(fitted, exact, 273);
    expect(v.customers).toBe(2357);
    // 1,653 predicted vs 1,882 actual repeat occasions: BG/NBD under-predicts this holdout by about 12 %,
    // mostly for customers with 1–2 calibration repeats (as in FHL 2005a's conditional-expectation plot).
    expect(v.totalActual).toBe(1882);
    within(v.aggregateError!, -0.1215, 0.005);
    within(v.buckets[0]!.meanActual, 0.2367, 1e-4);
    within(v.buckets[0]!.meanPredicted, 0.2251, 1e-3);
    expect(v.buckets[0]!.customers).toBe(exact.filter((r) => r.x === 0).length);
    const choice = chooseModel(exact, { unit: 'week', holdoutDays: 273 });
    expect(choice.candidates).toHaveLength(3);
    // Per-customer MAE: BG/NBD 0.785, MBG/NBD 0.765, Pareto/NBD 0.755.
    expect(choice.chosen).toBe('pareto');
  });
});
