/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987), spec §3.3: the subtraction-free log-likelihood
 * with the Euler-transformed series (P1), P(alive), expectations, the exact P(no purchase) integral of
 * §3.5, and DERT in closed form (Tricomi U through the upper incomplete gamma).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { memoByX } from './bgnbd.ts';
import { integrate, integrateToInfinity, logHyp2f1OneIntegral, logHyp2f1OneNearOne, logScaledUpperGamma, lse, signedLse } from './special.ts';

export interface ParetoParams { r: number; alpha: number; s: number; beta: number }

/**
 * ln ₂F₁(rsx, p; rsx+1; z) = (1−p)·log1p(−z) + ln ₂F₁(1, rsx+1−p; rsx+1; z). The series has positive
 * terms with ratio < z but needs ~1/(1−z) of them, so above z = 0.9 the connection formula in 1 − z
 * takes over, and Euler's integral where that one cancels (p near an integer).
 */
export function logF(rsx: number, p: number, z: number): number {
  if (z === 0) return 0;
  const B = rsx + 1 - p;
  let value = z > 0.9 ? logHyp2f1OneNearOne(B, rsx + 1, z) : NaN;
  if (Number.isNaN(value) && z <= 1 - 1e-5) {
    // The §7 series with A = 1: ratios (B+k)/(C+k)·z < z, so the terms only shrink and the sum stays
    // below 1/(1−z); this tight loop is the likelihood's inner cost. Up to z = 1 − 1e-5 it needs at
    // most a few hundred thousand cheap terms, still cheaper than the integral below.
    let term = 1;
    let tail = 0;
    let converged = false;
    for (let k = 0; k < 400_000; k++) {
      term *= ((B + k) / (rsx + 1 + k)) * z;
      tail += term;
      if (term < 1e-16 * (1 + tail)) { converged = true; break; }
    }
    if (converged) value = Math.log1p(tail);
  }
  if (Number.isNaN(value)) value = logHyp2f1OneIntegral(B, rsx + 1, z);
  return (1 - p) * Math.log1p(-z) + value;
}

/** The two log terms whose LSE is ln[(α+T)^−(r+x)(β+T)^−s + (s/rsx)·A₀]. */
function logTerms(q: ParetoParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = q;
  const L = Math.max(alpha, beta);
  const d = Math.abs(alpha - beta);
  const rsx = r + s + x;
  const [p1, p2] = alpha >= beta ? [s + 1, s] : [r + x, r + x + 1];
  const l1 = Math.log(s) - Math.log(rsx) + logF(rsx, p1, d / (L + tx)) - rsx * Math.log(L + tx);
  const l2 = Math.log(r + x) - Math.log(rsx) + logF(rsx, p2, d / (L + T)) - rsx * Math.log(L + T);
  return [l1, l2];
}

export function paretoLogLikelihoodRow(q: ParetoParams, x: number, tx: number, T: number): number {
  const [l1, l2] = logTerms(q, x, tx, T);
  return gammaln(q.r + x) - gammaln(q.r) + q.r * Math.log(q.alpha) + q.s * Math.log(q.beta) + lse(l1, l2);
}

/** Σ weight·ll with lnΓ(r+x) computed once per distinct x. */
export function paretoLogLikelihood(q: ParetoParams, rows: readonly { x: number; tx: number; T: number; weight?: number }[]): number {
  const base = -gammaln(q.r) + q.r * Math.log(q.alpha) + q.s * Math.log(q.beta);
  const head = memoByX((x) => gammaln(q.r + x) + base);
  let ll = 0;
  for (const row of rows) {
    const [l1, l2] = logTerms(q, row.x, row.tx, row.T);
    ll += (row.weight ?? 1) * (head(row.x) + lse(l1, l2));
  }
  return ll;
}

/** The classic A₀ form with a signed LSE, kept only to cross-check the LSE form in tests. */
export function paretoLogLikelihoodA0(q: ParetoParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = q;
  const L = Math.max(alpha, beta);
  const d = Math.abs(alpha - beta);
  const rsx = r + s + x;
  const p1 = alpha >= beta ? s + 1 : r + x;
  const a0 = signedLse(logF(rsx, p1, d / (L + tx)) - rsx * Math.log(L + tx), 1, logF(rsx, p1, d / (L + T)) - rsx * Math.log(L + T), -1);
  const first = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const bracket = a0.sign === 0 ? first : lse(first, Math.log(s / rsx) + a0.value);
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + bracket;
}

export function paretoPAlive(q: ParetoParams, x: number, tx: number, T: number): number {
  const [l1, l2] = logTerms(q, x, tx, T);
  return Math.min(1, Math.exp(-(q.r + x) * Math.log(q.alpha + T) - q.s * Math.log(q.beta + T) - lse(l1, l2)));
}

/** [1 − ((B)/(B+t))^(s−1)]/(s−1), with its limit ln(1+t/B) at s = 1 (P9). */
function g(s: number, B: number, t: number): number {
  const u = Math.log1p(t / B);
  return Math.abs(s - 1) * u < 1e-8 ? u : -Math.expm1(-(s - 1) * u) / (s - 1);
}

export function paretoExpected(q: ParetoParams, x: number, tx: number, T: number, t: number, pAlive = paretoPAlive(q, x, tx, T)): number {
  if (t <= 0) return 0;
  return pAlive * ((q.r + x) * (q.beta + T)) / (q.alpha + T) * g(q.s, q.beta + T, t);
}

export function paretoExpectedNew(q: ParetoParams, t: number): number {
  return t <= 0 ? 0 : ((q.r * q.beta) / q.alpha) * g(q.s, q.beta, t);
}

/** P(alive at T + t) = P(alive)·((β+T)/(β+T+t))^s. */
export function paretoPAliveAt(q: ParetoParams, x: number, tx: number, T: number, t: number): number {
  return paretoPAlive(q, x, tx, T) * Math.exp(-q.s * Math.log1p(t / (q.beta + T)));
}

/**
 * P(no purchase in (T, T+t]), exact: an alive customer may die before buying, so
 * 1 − P0 = P(alive)·(r+x)/(α+T)·∫₀^t ((α+T)/(α+T+u))^(r+x+1)·((β+T)/(β+T+u))^s du.
 */
export function paretoP0(q: ParetoParams, x: number, tx: number, T: number, t: number, pAlive = paretoPAlive(q, x, tx, T)): number {
  if (t <= 0) return 1;
  const A = q.alpha + T;
  const B = q.beta + T;
  const k = q.r + x + 1;
  const integral = integrate((u) => Math.exp(-k * Math.log1p(u / A) - q.s * Math.log1p(u / B)), 0, t, { relTol: 1e-12 }).value;
  return Math.min(1, Math.max(0, 1 - pAlive * ((q.r + x) / A) * integral));
}

/**
 * DERT(δ) = P(alive)·(r+x)/(α+T)·(β+T)^s·δ^(s−1)·U(s,s;δ(β+T)) with U(s,s;w) = e^w·Γ(1−s,w),
 * δ the continuous discount rate per model unit (FHL 2005b eq. 2).
 */
export function paretoDert(q: ParetoParams, x: number, tx: number, T: number, delta: number, pAlive = paretoPAlive(q, x, tx, T)): number {
  const B = q.beta + T;
  const w = delta * B;
  return pAlive * ((q.r + x) / (q.alpha + T)) * B * Math.exp((q.s - 1) * Math.log(w) + logScaledUpperGamma(1 - q.s, w));
}

/** The same DERT as a numerical integral (the test reference and a fallback). */
export function paretoDertIntegral(q: ParetoParams, x: number, tx: number, T: number, delta: number, pAlive = paretoPAlive(q, x, tx, T)): number {
  const B = q.beta + T;
  const integral = integrateToInfinity((t) => Math.exp(-delta * t - q.s * Math.log1p(t / B)), Math.min(B, 1 / delta), { relTol: 1e-12 }).value;
  return pAlive * ((q.r + x) / (q.alpha + T)) * integral;
}
