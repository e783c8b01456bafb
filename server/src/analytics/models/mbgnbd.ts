/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007), spec §3.2: BG/NBD plus a chance to drop out right
 * after the first purchase, so one-time buyers get P(alive) < 1 that falls with T (the P8 fix).
 * Given alive after x repeats, p ~ Beta(a, b+x+1); the BG/NBD expectation helpers apply as they are.
 */
import { aliveExpectedPurchases, logBetaRatio, memoByX, type BgParams } from './bgnbd.ts';
import gammaln from '@stdlib/math-base-special-gammaln';
import { lse } from './special.ts';

export type MbgParams = BgParams;

/** a/(b+x)·((α+T)/(α+t_x))^(r+x) in logs: the odds of "dead" against "alive". */
const logDeadOdds = (p: MbgParams, x: number, tx: number, T: number) =>
  Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));

export function mbgLogLikelihoodRow(p: MbgParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + logBetaRatio(a, b, x + 1) - (r + x) * Math.log(alpha + T)
    + lse(0, logDeadOdds(p, x, tx, T));
}

export function mbgLogLikelihood(p: MbgParams, rows: readonly { x: number; tx: number; T: number; weight?: number }[]): number {
  const { r, alpha, a, b } = p;
  const base = -gammaln(r) + r * Math.log(alpha);
  const head = memoByX((x) => gammaln(r + x) + base + logBetaRatio(a, b, x + 1));
  const odds = memoByX((x) => Math.log(a) - Math.log(b + x));
  let ll = 0;
  for (const row of rows) {
    const { x, tx, T } = row;
    ll += (row.weight ?? 1) * (head(x) - (r + x) * Math.log(alpha + T) + lse(0, odds(x) + (r + x) * Math.log1p((T - tx) / (alpha + tx))));
  }
  return ll;
}

export function mbgPAlive(p: MbgParams, x: number, tx: number, T: number): number {
  return Math.exp(-lse(0, logDeadOdds(p, x, tx, T)));
}

/** E[Y(t) | x, t_x, T] = P(alive)·(a+b+x)/(a−1)·[1 − (1−z)^(a−1)·₂F₁(a+b−r, a−1; a+b+x; z)]. */
export function mbgExpected(p: MbgParams, x: number, tx: number, T: number, t: number): number {
  return mbgPAlive(p, x, tx, T) * aliveExpectedPurchases(p.r + x, p.alpha + T, p.a, p.b + x + 1, t);
}

/** E[X(t)] for a new customer: alive after the first purchase with probability b/(a+b). */
export function mbgExpectedNew(p: MbgParams, t: number): number {
  return (p.b / (p.a + p.b)) * aliveExpectedPurchases(p.r, p.alpha, p.a, p.b + 1, t);
}

export function mbgP0(p: MbgParams, x: number, tx: number, T: number, t: number, pAlive = mbgPAlive(p, x, tx, T)): number {
  return 1 - pAlive * -Math.expm1(-(p.r + x) * Math.log1p(t / (p.alpha + T)));
}
