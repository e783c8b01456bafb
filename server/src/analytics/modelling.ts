import type { AnalyticsSettings, ModelDto, TransactionModel } from '@careloop/contracts';
import {
  expectedPurchases, FitTimeout, fitSpendModel, fitTransactionModel, forecastCustomer,
  type CustomerSummary, type FittedSpendModel, type FittedTransactionModel,
} from './models/index.ts';
import type { CustomerHistoryRow } from './store.ts';

/**
 * From customer histories to fitted models and forecasts, in days. The data a shop needs before a
 * model is trusted follows the spec (§10.2): about 300 customers, 50 repeat customers and 120 days
 * of history; below that customers get a heuristic risk band, labelled low confidence.
 */
export const minimums = { customers: 300, repeaters: 50, days: 120 };
/**
 * Fits run on an even sample of customers (every customer is scored): model choice on at most 10,000
 * calibration customers, the final fit on at most 20,000. Four parameters are estimated well from
 * far fewer; the cap keeps a refresh of a large shop within seconds (Pareto/NBD is the slow one).
 */
export const choiceSampleSize = 10_000;
export const fitSampleSize = 20_000;
/** Holdout predictions (MAE, buckets) are computed for at most this many calibration customers, evenly sampled. */
export const validationSampleSize = 50_000;
/** Time each fit may take; a candidate that runs out is left out of the choice (the refresh must end). */
export const fitBudgetMs = 8_000;

function fitWithin(model: TransactionModel, rows: CustomerSummary[]): FittedTransactionModel | null {
  try {
    return fitTransactionModel(model, rows, { unit: 'day', deadline: performance.now() + fitBudgetMs });
  } catch (err) {
    if (err instanceof FitTimeout) return null;
    throw err;
  }
}

export interface FitOutcome {
  fitted: FittedTransactionModel | null;
  spend: (FittedSpendModel & { scale: number }) | null;
  validation: ModelDto['validation'];
  /** The chosen model fitted on the calibration period (the tracking plot's expectation). */
  calibrationFit: FittedTransactionModel | null;
  note: string | null;
}
export interface Forecast {
  pAlive: number | null;
  churnRisk: number | null;
  riskBand: 'low' | 'medium' | 'high' | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  predictedClv: number | null;
  expectedNextOrderInDays: number | null;
}

const whole = (h: CustomerHistoryRow, today: number): CustomerSummary => ({ x: h.occasions - 1, tx: h.last_day - h.first_day, T: today - h.first_day });

function evenSample<T>(items: T[], size: number): T[] {
  if (items.length <= size) return items;
  const stride = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * stride)]!);
}

export function fitModels(histories: CustomerHistoryRow[], o: { today: number; calibrationEnd: number; holdoutDays: number; span: number; settings: AnalyticsSettings }): FitOutcome {
  const repeaters = histories.filter((h) => h.occasions > 1).length;
  if (histories.length < minimums.customers || repeaters < minimums.repeaters || o.span < minimums.days) {
    return {
      fitted: null, spend: null, validation: null, calibrationFit: null,
      note: `Too little data for a model yet: ${histories.length} customers (needs ${minimums.customers}), ${repeaters} repeat customers (needs ${minimums.repeaters}), ${o.span} days of history (needs ${minimums.days}).`,
    };
  }
  const sorted = [...histories].sort((a, b) => (a.contact_id < b.contact_id ? -1 : 1));
  const calibration = sorted.filter((h) => h.first_day <= o.calibrationEnd);
  // Fits use the smaller samples above; the holdout error is measured on a larger even sample of the same customers.
  const calRows = evenSample(calibration, validationSampleSize).map((h) => ({
    summary: { x: Math.max(0, h.cal_occasions - 1), tx: (h.cal_last_day ?? h.first_day) - h.first_day, T: o.calibrationEnd - h.first_day },
    actual: h.holdout_occasions,
  }));
  // MBG/NBD first: it is fast and never gives one-time buyers P(alive) = 1, so it is the fallback.
  const names: TransactionModel[] = o.settings.model === 'auto' ? ['mbgnbd', 'bgnbd', 'pareto'] : [o.settings.model];
  const leftOut: TransactionModel[] = [];
  const candidates = names.flatMap((model) => {
    const fit = fitWithin(model, evenSample(calRows, choiceSampleSize).map((r) => r.summary));
    if (!fit) { leftOut.push(model); return []; }
    const predicted = calRows.map((r) => expectedPurchases(fit, r.summary, o.holdoutDays));
    return [{ model, fit, predicted, ...errors(predicted, calRows.map((r) => r.actual)) }];
  });
  const ranked = [...candidates].sort((a, b) => a.mae - b.mae || Math.abs(a.aggregateError) - Math.abs(b.aggregateError));
  const whole20k = evenSample(sorted, fitSampleSize).map((h) => whole(h, o.today));
  let best = ranked[0];
  let fitted: FittedTransactionModel | null = null;
  for (const candidate of ranked) {
    fitted = fitWithin(candidate.model, whole20k);
    if (fitted) { best = candidate; break; }
  }
  if (!fitted) fitted = fitWithin('mbgnbd', whole20k);
  if (!fitted || !best) return { fitted: null, spend: null, validation: null, calibrationFit: null, note: 'The models could not be fitted in time; figures use the heuristic until the next refresh.' };
  return {
    fitted,
    calibrationFit: candidates.find((c) => c.model === fitted.model)?.fit ?? null,
    spend: fitSpend(sorted),
    validation: {
      holdoutDays: o.holdoutDays,
      candidates: candidates.map((c) => ({ model: c.model, mae: c.mae, aggregateError: c.aggregateError, logLikelihood: c.fit.logLikelihood })),
      buckets: buckets(calRows, best.predicted),
      mae: best.mae,
      aggregateError: best.aggregateError,
    },
    note: [fitted.status === 'boundary' ? boundaryNote(fitted) : null,
      leftOut.length ? `Left out of the choice: ${leftOut.join(', ')} (its fit took longer than ${fitBudgetMs / 1000} s on this data).` : null].filter(Boolean).join(' ') || null,
  };
}

/**
 * Spec P4: name what the boundary means. BG/NBD-family `a` near 0 or `b` huge: almost no dropout is
 * visible yet; Pareto/NBD `s` and `β` huge together: every customer's lifetime looks alike.
 */
function boundaryNote(fitted: FittedTransactionModel): string {
  const p = fitted.params;
  const at = Object.entries(p).filter(([, v]) => v <= 1.01e-4 || v >= 0.99e4).map(([k]) => k);
  const noDropout = (p.a !== undefined && p.a <= 1.01e-4) || (p.b !== undefined && p.b >= 0.99e4);
  return noDropout
    ? `Almost no dropout is visible in this data yet (${at.join(', ')} at its limit): churn risk may be understated.`
    : `The fit reached a parameter limit (${at.join(', ')}): this part of customers' behaviour looks the same for everyone. Forecasts use the best fit, with less certainty.`;
}

function errors(predicted: number[], actual: number[]) {
  let abs = 0;
  let p = 0;
  let a = 0;
  predicted.forEach((v, i) => {
    abs += Math.abs(v - actual[i]!);
    p += v;
    a += actual[i]!;
  });
  return { mae: predicted.length ? abs / predicted.length : 0, aggregateError: a > 0 ? (p - a) / a : 0 };
}

/** Predicted vs actual holdout purchases per calibration frequency 0 … 6, 7+ (the "conditional expectations" check). */
function buckets(rows: { summary: CustomerSummary; actual: number }[], predicted: number[]) {
  const out = Array.from({ length: 8 }, (_, i) => ({ frequency: i === 7 ? '7+' : String(i), customers: 0, predicted: 0, actual: 0 }));
  rows.forEach((r, i) => {
    const b = out[Math.min(7, r.summary.x)]!;
    b.customers++;
    b.predicted += predicted[i]!;
    b.actual += r.actual;
  });
  return out.filter((b) => b.customers > 0).map((b) => ({ ...b, predicted: b.predicted / b.customers, actual: b.actual / b.customers }));
}

/** Gamma-Gamma on repeat customers (x > 0, m = mean repeat-occasion value), fitted on values scaled to mean 1. */
function fitSpend(histories: CustomerHistoryRow[]): FitOutcome['spend'] {
  const rows = histories.filter((h) => h.occasions > 1 && h.repeat_value > 0).map((h) => ({ x: h.occasions - 1, m: h.repeat_value / (h.occasions - 1) }));
  if (rows.length < 20) return null;
  const scale = rows.reduce((s, r) => s + r.m, 0) / rows.length;
  const fit = fitSpendModel(evenSample(rows, fitSampleSize).map((r) => ({ x: r.x, m: r.m / scale })));
  return { ...fit, gamma: fit.gamma * scale, populationMean: fit.populationMean === null ? null : fit.populationMean * scale, scale };
}

/** E[M | x, m] of the Gamma-Gamma model (spec §3.4); the population mean for one-time buyers. */
function expectedSpendOf(spend: FitOutcome['spend'], x: number, m: number | null, fallback: number): number {
  if (!spend || spend.q <= 1) return x > 0 && m !== null ? m : fallback;
  const { p, q, gamma } = spend;
  if (x === 0 || m === null) return (p * gamma) / (q - 1);
  return (p * (gamma + m * x)) / (p * x + q - 1);
}

export function forecastAll(outcome: FitOutcome, histories: CustomerHistoryRow[], today: number, settings: AnalyticsSettings): Forecast[] {
  const fitted = outcome.fitted!;
  const repeaters = histories.filter((h) => h.occasions > 1);
  const fallback = repeaters.length ? repeaters.reduce((s, h) => s + h.repeat_value / (h.occasions - 1), 0) / repeaters.length
    : histories.reduce((s, h) => s + h.first_value, 0) / Math.max(1, histories.length);
  // Customers with the same (x, t_x, T) share everything but their spend: compute that part once.
  const cache = new Map<string, ReturnType<typeof forecastCustomer>>();
  return histories.map((h) => {
    const c = whole(h, today);
    const key = `${c.x}|${c.tx}|${c.T}`;
    let unit = cache.get(key);
    if (!unit) {
      unit = forecastCustomer(fitted, null, { ...c, m: null }, {
        horizonDays: settings.horizonDays, annualDiscountRate: settings.annualDiscountPct / 100, grossMarginPct: settings.grossMarginPct, fallbackSpend: 1,
      });
      cache.set(key, unit);
    }
    const spend = expectedSpendOf(outcome.spend, c.x, c.x > 0 ? h.repeat_value / c.x : null, fallback);
    return {
      pAlive: unit.pAlive, churnRisk: unit.churnRisk, riskBand: unit.riskBand, expectedPurchases: unit.expectedPurchases,
      expectedSpend: spend, predictedClv: unit.predictedClv * spend, expectedNextOrderInDays: unit.expectedNextOrderInDays,
    };
  });
}

/**
 * Too little data for a model: a customer is at risk when the time since their last purchase
 * passes the shop's median gap between purchases (high beyond twice it). Expected next order =
 * last order + the customer's own mean gap.
 */
export function heuristicForecasts(histories: CustomerHistoryRow[], today: number): Forecast[] {
  const gaps = histories.filter((h) => h.occasions > 1).map((h) => (h.last_day - h.first_day) / (h.occasions - 1)).sort((a, b) => a - b);
  const median = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : null;
  return histories.map((h) => {
    const since = today - h.last_day;
    const ownGap = h.occasions > 1 ? (h.last_day - h.first_day) / (h.occasions - 1) : null;
    return {
      pAlive: null, churnRisk: null, expectedPurchases: null, expectedSpend: null, predictedClv: null,
      riskBand: median === null ? null : since > 2 * median ? 'high' : since > median ? 'medium' : 'low',
      expectedNextOrderInDays: ownGap === null ? null : Math.max(0, h.last_day + ownGap - today),
    };
  });
}
