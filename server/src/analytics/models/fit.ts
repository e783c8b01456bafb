/**
 * The CareLoop fitter (spec §4, "required behaviour"): weighted unique rows, log parameters clamped to
 * [1e-4, 1e4] inside the objective, time rescaled so max T = 1, Nelder–Mead from several starts with
 * restarts, the sum log-likelihood recomputed with the stable formulas, a status instead of throwing,
 * an opt-in penalised retry at boundaries, and delta-method standard errors.
 */
import { bgExpected, bgExpectedNew, bgLogLikelihood, bgLogLikelihoodRow, bgP0, bgPAlive, type BgParams } from './bgnbd.ts';
import { correlation, correlationWarning, ggLogLikelihood, ggPopulationMean, type GgParams } from './gamma-gamma.ts';
import { mbgExpected, mbgExpectedNew, mbgLogLikelihood, mbgLogLikelihoodRow, mbgP0, mbgPAlive } from './mbgnbd.ts';
import { nelderMead } from './nelder-mead.ts';
import { paretoExpected, paretoExpectedNew, paretoLogLikelihood, paretoLogLikelihoodRow, paretoP0, paretoPAlive, type ParetoParams } from './pareto-nbd.ts';
import { checkSummary, compress, type TimeUnit, type WeightedRow } from './summary.ts';

export type TransactionModelName = 'bgnbd' | 'mbgnbd' | 'pareto';
export type FitStatus = 'converged' | 'max_iter' | 'boundary';
export interface CustomerSummary { x: number; tx: number; T: number }

export interface FittedTransactionModel {
  model: TransactionModelName;
  unit: TimeUnit;
  params: Record<string, number>;
  logLikelihood: number;
  status: FitStatus;
  iterations: number;
  customers: number;
  uniqueRows: number;
  standardErrors: Record<string, number> | null;
  penalizer: number;
}

export interface FittedSpendModel {
  p: number;
  q: number;
  gamma: number;
  logLikelihood: number;
  status: FitStatus;
  customers: number;
  populationMean: number | null;
  correlationXM: number;
  warning: string | null;
}

type P = Record<string, number>;
interface ModelFunctions {
  names: readonly string[];
  /** Parameters measured in time units (rescaled with time). */
  timeParams: readonly string[];
  ll(p: P, x: number, tx: number, T: number): number;
  /** Σ weight·ll over rows (per-x terms shared). */
  sum(p: P, rows: readonly (CustomerSummary & { weight?: number })[]): number;
  pAlive(p: P, x: number, tx: number, T: number): number;
  expected(p: P, x: number, tx: number, T: number, t: number): number;
  expectedNew(p: P, t: number): number;
  p0(p: P, x: number, tx: number, T: number, t: number): number;
}

const bg = (p: P) => p as unknown as BgParams;
const pn = (p: P) => p as unknown as ParetoParams;

/** One table so fit, predict and validate dispatch the same way. */
export const transactionModels: Record<TransactionModelName, ModelFunctions> = {
  bgnbd: {
    names: ['r', 'alpha', 'a', 'b'], timeParams: ['alpha'],
    ll: (p, x, tx, T) => bgLogLikelihoodRow(bg(p), x, tx, T),
    sum: (p, rows) => bgLogLikelihood(bg(p), rows),
    pAlive: (p, x, tx, T) => bgPAlive(bg(p), x, tx, T),
    expected: (p, x, tx, T, t) => bgExpected(bg(p), x, tx, T, t),
    expectedNew: (p, t) => bgExpectedNew(bg(p), t),
    p0: (p, x, tx, T, t) => bgP0(bg(p), x, tx, T, t),
  },
  mbgnbd: {
    names: ['r', 'alpha', 'a', 'b'], timeParams: ['alpha'],
    ll: (p, x, tx, T) => mbgLogLikelihoodRow(bg(p), x, tx, T),
    sum: (p, rows) => mbgLogLikelihood(bg(p), rows),
    pAlive: (p, x, tx, T) => mbgPAlive(bg(p), x, tx, T),
    expected: (p, x, tx, T, t) => mbgExpected(bg(p), x, tx, T, t),
    expectedNew: (p, t) => mbgExpectedNew(bg(p), t),
    p0: (p, x, tx, T, t) => mbgP0(bg(p), x, tx, T, t),
  },
  pareto: {
    names: ['r', 'alpha', 's', 'beta'], timeParams: ['alpha', 'beta'],
    ll: (p, x, tx, T) => paretoLogLikelihoodRow(pn(p), x, tx, T),
    sum: (p, rows) => paretoLogLikelihood(pn(p), rows),
    pAlive: (p, x, tx, T) => paretoPAlive(pn(p), x, tx, T),
    expected: (p, x, tx, T, t) => paretoExpected(pn(p), x, tx, T, t),
    expectedNew: (p, t) => paretoExpectedNew(pn(p), t),
    p0: (p, x, tx, T, t) => paretoP0(pn(p), x, tx, T, t),
  },
};

/** Σ weight·ll over the rows, with the stable per-row formulas (reported as a sum, P10). */
export function logLikelihoodAt(model: TransactionModelName, params: P, rows: readonly (CustomerSummary & { weight?: number })[]): number {
  return transactionModels[model].sum(params, rows);
}

const LOW = Math.log(1e-4);
const HIGH = Math.log(1e4);
const clampLog = (v: number) => Math.min(HIGH, Math.max(LOW, v));
/** A log parameter this close to a clamp counts as a boundary estimate (P4). */
const atBoundary = (theta: readonly number[]) => theta.some((v) => v <= LOW + 1e-3 || v >= HIGH - 1e-3);

interface Minimum { theta: number[]; value: number; iterations: number; status: 'converged' | 'max_iter' }

/**
 * Nelder–Mead from each start; the best end point is then restarted with a fresh small simplex until
 * a restart no longer improves (a collapsed simplex can stop short of the minimum).
 */
function minimise(objective: (theta: number[]) => number, starts: number[][]): Minimum {
  let run = null as ReturnType<typeof nelderMead> | null;
  let iterations = 0;
  for (const start of starts) {
    const next = nelderMead(objective, start, { step: 0.5, maxIterations: 4000 });
    iterations += next.iterations;
    if (!run || next.fx < run.fx) run = next;
  }
  for (let restart = 0; restart < 8; restart++) {
    const again = nelderMead(objective, run!.x, { step: 0.05, maxIterations: 4000 });
    iterations += again.iterations;
    const gain = run!.fx - again.fx;
    if (again.fx <= run!.fx) run = again;
    if (!(gain > 1e-10 * Math.abs(run!.fx))) break;
  }
  return { theta: run!.x.map(clampLog), value: run!.fx, iterations, status: run!.status };
}

/** Finite-difference Hessian of f at θ (central differences). */
function hessian(f: (theta: number[]) => number, theta: readonly number[], h = 1e-3): number[][] {
  const n = theta.length;
  const at = (di: number, si: number, dj: number, sj: number) => {
    const t = [...theta];
    t[di]! += si * h;
    t[dj]! += sj * h;
    return f(t);
  };
  const f0 = f([...theta]);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i]![i] = (at(i, 2, i, 0) - 2 * f0 + at(i, -2, i, 0)) / (4 * h * h);
    for (let j = 0; j < i; j++) {
      H[i]![j] = H[j]![i] = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h);
    }
  }
  return H;
}

/** Diagonal of H⁻¹ via Cholesky; null when H is not positive definite. */
function inverseDiagonal(H: number[][]): number[] | null {
  const n = H.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i]![j]!;
      for (let k = 0; k < j; k++) sum -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i]![i] = Math.sqrt(sum);
      } else L[i]![j] = sum / L[j]![j]!;
    }
  }
  return columnNormsOfInverse(L);
}

/** (H⁻¹)_ii = Σ_k (L⁻¹)_ki² for H = L·Lᵀ: forward-substitute each unit vector. */
function columnNormsOfInverse(L: number[][]): number[] {
  const n = L.length;
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= L[i]![k]! * inv[k]![c]!;
      inv[i]![c] = sum / L[i]![i]!;
    }
  }
  return Array.from({ length: n }, (_, i) => inv.reduce((acc, row) => acc + row[i]! * row[i]!, 0));
}

export interface FitOptions {
  unit: TimeUnit;
  /** L2 penalty on the (time-rescaled) parameters, per customer; used only as a retry at a boundary. */
  penalizer?: number;
  /** Give up (throw `FitTimeout`) once `performance.now()` passes this: a background job must end. */
  deadline?: number;
}

/** Thrown when a fit runs past its deadline (some regions of Pareto/NBD need slow quadrature per row). */
export class FitTimeout extends Error {
  constructor(readonly model: TransactionModelName) { super(`The ${model} fit ran out of time`); }
}

/** BTYD's start, lifetimes' start (0.1 in log space) and BTYD's Pareto/NBD start, for every model. */
const STARTS = [[1, 3, 1, 3], [1.105, 1.105, 1.105, 1.105], [1, 1, 1, 1]];

export function fitTransactionModel(model: TransactionModelName, rows: readonly (CustomerSummary & { weight?: number })[], opts: FitOptions): FittedTransactionModel {
  for (const row of rows) {
    const problem = checkSummary({ x: row.x, tx: row.tx, T: row.T });
    if (problem) throw new RangeError(`Invalid customer summary (x=${row.x}, t_x=${row.tx}, T=${row.T}): ${problem}`);
  }
  const data = compress(rows);
  const customers = data.reduce((n, r) => n + r.weight, 0);
  if (customers === 0) throw new RangeError('No customers to fit');
  const f = transactionModels[model];
  const scale = data.reduce((max, r) => Math.max(max, r.T), 0) || 1;
  const scaled: WeightedRow[] = data.map((r) => ({ ...r, tx: r.tx / scale, T: r.T / scale }));
  const toParams = (theta: readonly number[], timeScale: number): P =>
    Object.fromEntries(f.names.map((name, i) => [name, Math.exp(clampLog(theta[i]!)) * (f.timeParams.includes(name) ? timeScale : 1)]));
  const objective = (penalizer: number) => (theta: number[]) => {
    if (opts.deadline !== undefined && performance.now() > opts.deadline) throw new FitTimeout(model);
    const p = toParams(theta, 1);
    let penalty = 0;
    if (penalizer > 0) for (const v of Object.values(p)) penalty += v * v;
    return -logLikelihoodAt(model, p, scaled) + penalizer * customers * penalty;
  };

  let best = minimise(objective(0), STARTS.map((s) => s.map(Math.log)));
  let penalizer = 0;
  if (atBoundary(best.theta) && (opts.penalizer ?? 0) > 0) {
    penalizer = opts.penalizer!;
    best = minimise(objective(penalizer), [best.theta, ...STARTS.map((s) => s.map(Math.log))]);
  }
  const params = toParams(best.theta, scale);
  let status: FitStatus = atBoundary(best.theta) ? 'boundary' : best.status;
  let standardErrors: Record<string, number> | null = null;
  if (status !== 'boundary') {
    // Delta method on the log scale: Var(θ_i) = θ_i²·(H⁻¹)_ii, H the Hessian of the sum NLL.
    const logParams = f.names.map((n) => Math.log(params[n]!));
    const nll = (theta: number[]) => -logLikelihoodAt(model, Object.fromEntries(f.names.map((n, i) => [n, Math.exp(theta[i]!)])), data);
    const diag = inverseDiagonal(hessian(nll, logParams));
    if (diag && diag.every((v) => Number.isFinite(v) && Math.sqrt(v) < 10)) {
      standardErrors = Object.fromEntries(f.names.map((n, i) => [n, params[n]! * Math.sqrt(diag[i]!)]));
    } else if (diag && diag.some((v) => Math.sqrt(v) >= 10)) status = 'boundary'; // a parameter the data cannot pin down
  }
  return {
    model, unit: opts.unit, params, logLikelihood: logLikelihoodAt(model, params, data), status, iterations: best.iterations,
    customers, uniqueRows: data.length, standardErrors, penalizer,
  };
}

/**
 * Gamma-Gamma on customers with x > 0 (P12). Values are divided by their mean while fitting (γ scales
 * with them) so shop currencies such as VND stay inside the clamp. With `qAboveOne` (default) q = 1 + e^θ,
 * which keeps the population mean finite (P6).
 */
export function fitSpendModel(rows: readonly { x: number; m: number | null }[], opts: { qAboveOne?: boolean } = {}): FittedSpendModel {
  const qAboveOne = opts.qAboveOne ?? true;
  const used = rows.filter((r): r is { x: number; m: number } => r.x > 0 && r.m !== null && r.m > 0 && Number.isFinite(r.m));
  if (used.length < 2) throw new RangeError('The spend model needs at least two customers with repeat purchases');
  const byKey = new Map<string, { x: number; m: number; weight: number }>();
  for (const r of used) {
    const key = `${r.x}|${r.m}`;
    const hit = byKey.get(key);
    if (hit) hit.weight++;
    else byKey.set(key, { x: r.x, m: r.m, weight: 1 });
  }
  const data = [...byKey.values()];
  const scale = used.reduce((s, r) => s + r.m, 0) / used.length;
  const scaled = data.map((r) => ({ ...r, m: r.m / scale }));
  const toParams = (theta: readonly number[], mScale: number): GgParams => {
    const [p, q, g] = theta.map((v) => Math.exp(clampLog(v))) as [number, number, number];
    return { p, q: qAboveOne ? 1 + q : q, gamma: g * mScale };
  };
  const objective = (theta: number[]) => -ggLogLikelihood(toParams(theta, 1), scaled);
  const starts = qAboveOne ? [[0, 0, 0]] : [[0, 0, 0], [0, Math.log(2), 0]];
  const best = minimise(objective, starts);
  const params = toParams(best.theta, scale);
  const correlationXM = correlation(used);
  return {
    ...params, logLikelihood: ggLogLikelihood(params, data), status: atBoundary(best.theta) ? 'boundary' : best.status,
    customers: used.length, populationMean: ggPopulationMean(params), correlationXM, warning: correlationWarning(correlationXM),
  };
}
