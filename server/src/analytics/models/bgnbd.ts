/**
 * BG/NBD (Fader, Hardie & Lee 2005a), spec §3.1, in the overflow-free forms: the note-027 likelihood
 * with D = −Σ log1p(a/(b+j)), Euler-transformed ₂F₁ for expectations with a Beta-integral fallback.
 * The expectation helpers take the posterior of p as Beta(a, bPost) so MBG/NBD reuses them.
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { integrate, logHyp2f1Series, lse } from './special.ts';

export interface BgParams { r: number; alpha: number; a: number; b: number }

/** lbeta(a, b+n) − lbeta(a, b): exact as a log1p sum for integer n, which stays right for huge b (P3). */
export function logBetaRatio(a: number, b: number, n: number): number {
  if (Number.isInteger(n) && n >= 0 && n <= 100_000) {
    let d = 0;
    for (let j = 0; j < n; j++) d -= Math.log1p(a / (b + j));
    return d;
  }
  return betaln(a, b + n) - betaln(a, b);
}

/** (r+x)·ln((α+t_x)/(α+T)) computed without losing T − t_x. */
const logRatio = (k: number, A: number, tx: number, T: number) => -k * Math.log1p((T - tx) / (A + tx));

/** Log-likelihood of one customer (note-027 form). */
export function bgLogLikelihoodRow(p: BgParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const head = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + logBetaRatio(a, b, x) - (r + x) * Math.log(alpha + tx);
  const stay = logRatio(r + x, alpha, tx, T);
  return head + (x > 0 ? lse(stay, Math.log(a) - Math.log(b + x - 1)) : stay);
}

/**
 * Memoises a term that depends only on x for one likelihood evaluation: customers share few distinct
 * x, so lnΓ(r+x) and the O(x) log1p sum run once per x, not once per row.
 */
export function memoByX(f: (x: number) => number): (x: number) => number {
  const cache: number[] = [];
  return (x) => {
    if (!Number.isInteger(x) || x < 0 || x >= 1 << 16) return f(x);
    let v = cache[x];
    if (v === undefined) cache[x] = v = f(x);
    return v;
  };
}

/** Σ weight·ll, the same formula as bgLogLikelihoodRow with the x-only terms computed once per x. */
export function bgLogLikelihood(p: BgParams, rows: readonly { x: number; tx: number; T: number; weight?: number }[]): number {
  const { r, alpha, a, b } = p;
  const base = -gammaln(r) + r * Math.log(alpha);
  const head = memoByX((x) => gammaln(r + x) + base + logBetaRatio(a, b, x));
  const odds = memoByX((x) => Math.log(a) - Math.log(b + x - 1));
  let ll = 0;
  for (const row of rows) {
    const { x, tx, T } = row;
    const stay = logRatio(r + x, alpha, tx, T);
    ll += (row.weight ?? 1) * (head(x) - (r + x) * Math.log(alpha + tx) + (x > 0 ? lse(stay, odds(x)) : stay));
  }
  return ll;
}

/** P(alive | x, t_x, T), Hardie note 021: exactly 1 for x = 0 (so never shown for one-time buyers, P8). */
export function bgPAlive(p: BgParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const v = Math.log(p.a) - Math.log(p.b + x - 1) - logRatio(p.r + x, p.alpha, tx, T);
  return Math.exp(-lse(0, v));
}

/**
 * E over p ~ Beta(a, bPost) of h(p). Breakpoints around the mean catch a narrow peak; the end pieces
 * use p = u^(1/a) (and 1 − p = v^(1/bPost)) when an exponent is below 1, which removes the singularity.
 */
export function betaExpectation(h: (p: number) => number, a: number, bPost: number): number {
  const lb = betaln(a, bPost);
  const mean = a / (a + bPost);
  const sd = Math.sqrt((a * bPost) / ((a + bPost) ** 2 * (a + bPost + 1)));
  const cuts = [...new Set([0, ...[-8, -2, 0, 2, 8].map((k) => mean + k * sd).filter((c) => c > 0 && c < 1), 1])].sort((u, v) => u - v);
  let total = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]!;
    if (lo === 0 && a < 1) {
      total += integrate((u) => {
        const q = Math.pow(u, 1 / a);
        return h(q) * Math.exp((bPost - 1) * Math.log1p(-q) - lb) / a;
      }, 0, Math.pow(hi, a)).value;
    } else if (hi === 1 && bPost < 1) {
      total += integrate((v) => {
        const q = Math.pow(v, 1 / bPost);
        return h(1 - q) * Math.exp((a - 1) * Math.log1p(-q) - lb) / bPost;
      }, 0, Math.pow(1 - lo, bPost)).value;
    } else {
      total += integrate((q) => h(q) * Math.exp((a - 1) * Math.log(q) + (bPost - 1) * Math.log1p(-q) - lb), lo, hi).value;
    }
  }
  return total;
}

/**
 * E[purchases in t] for a customer alive now with λ ~ Gamma(rPost, A) and p ~ Beta(a, bPost):
 * (a+bPost−1)/(a−1)·[1 − (1−z)^(a−1)·₂F₁(a+bPost−1−rPost, a−1; a+bPost−1; z)], z = t/(A+t).
 * Falls back to ∫(1/p)[1 − (A/(A+pt))^rPost]·Beta(p; a, bPost) dp when C ≤ 0 or the series hits its cap;
 * a within 5e-7 of 1 is evaluated at 1 ± 1e-6 and averaged (P9).
 */
export function aliveExpectedPurchases(rPost: number, A: number, a: number, bPost: number, t: number): number {
  if (t <= 0) return 0;
  if (Math.abs(a - 1) < 5e-7) {
    return (aliveExpectedPurchases(rPost, A, 1 - 1e-6, bPost, t) + aliveExpectedPurchases(rPost, A, 1 + 1e-6, bPost, t)) / 2;
  }
  const C = a + bPost - 1;
  if (C > 0) {
    const z = t / (A + t);
    const f = logHyp2f1Series(C - rPost, a - 1, C, z);
    if (f.converged && Number.isFinite(f.value)) {
      const bracket = -Math.expm1((a - 1) * Math.log1p(-z) + f.value);
      const value = (C / (a - 1)) * bracket;
      if (Number.isFinite(value) && value >= 0) return value;
    }
  }
  return betaExpectation((p) => (p === 0 ? (rPost * t) / A : -Math.expm1(-rPost * Math.log1p((p * t) / A)) / p), a, bPost);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] (FHL 2005a eq. 10). */
export function bgExpected(p: BgParams, x: number, tx: number, T: number, t: number): number {
  return bgPAlive(p, x, tx, T) * aliveExpectedPurchases(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

/** E[X(t)] for a customer just acquired (eq. 9). */
export function bgExpectedNew(p: BgParams, t: number): number {
  return aliveExpectedPurchases(p.r, p.alpha, p.a, p.b, t);
}

/** P(no purchase in (T, T+t]): dead, or alive with no Poisson event (a live customer cannot drop out silently). */
export function bgP0(p: BgParams, x: number, tx: number, T: number, t: number, pAlive = bgPAlive(p, x, tx, T)): number {
  const buy = -Math.expm1(-(p.r + x) * Math.log1p(t / (p.alpha + T)));
  return 1 - pAlive * buy;
}

/** P(X(t) = n) for a new customer (eq. 8), in logs; the negative-binomial tail is summed directly when small. */
export function bgPmf(p: BgParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lq0 = r * Math.log(alpha / (alpha + t));
  const lq1 = Math.log(t / (alpha + t));
  const nbLog = (j: number) => gammaln(r + j) - gammaln(r) - gammaln(j + 1) + lq0 + j * lq1;
  let value = Math.exp(logBetaRatio(a, b, n) + nbLog(n));
  if (n > 0) {
    let head = 0;
    for (let j = 0; j < n; j++) head += Math.exp(nbLog(j));
    let tail = 1 - head;
    if (head > 0.5) {
      // P(NB ≥ n) = Σ_{j≥n} pmf(j); the ratio of successive terms is (r+j)/(j+1)·q < 1 eventually.
      tail = 0;
      let term = Math.exp(nbLog(n));
      const q = t / (alpha + t);
      for (let j = n; j < n + 1e6 && term > 1e-18 * tail; j++) {
        tail += term;
        term *= ((r + j) / (j + 1)) * q;
      }
    }
    value += Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * Math.max(0, tail);
  }
  return value;
}
