import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import {
  logF, paretoDert, paretoDertIntegral, paretoExpected, paretoExpectedNew, paretoLogLikelihoodA0, paretoLogLikelihoodRow, paretoP0, paretoPAlive,
  paretoPAliveAt, type ParetoParams,
} from './pareto-nbd.ts';
import { integrate, logHyp2f1Series } from './special.ts';

const btyd: ParetoParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.656 };
const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-300, Math.abs(b)));

/**
 * An independent form of the likelihood: integrating the death time gives
 * L = Γ(r+x)α^r β^s/Γ(r)·[(α+T)^−(r+x)(β+T)^−s + s·∫_{t_x}^T (α+τ)^−(r+x)(β+τ)^−(s+1) dτ].
 */
function integralLogLikelihood(q: ParetoParams, x: number, tx: number, T: number): number {
  const first = -(q.r + x) * Math.log(q.alpha + T) - q.s * Math.log(q.beta + T);
  const integrand = (tau: number) => Math.exp(-(q.r + x) * Math.log(q.alpha + tau) - (q.s + 1) * Math.log(q.beta + tau) - first);
  const rest = tx < T ? q.s * integrate(integrand, tx, T, { relTol: 1e-13 }).value : 0;
  return gammaln(q.r + x) - gammaln(q.r) + q.r * Math.log(q.alpha) + q.s * Math.log(q.beta) + first + Math.log1p(rest);
}

const customers = [[0, 0, 38.86], [1, 1.71, 38.86], [2, 30.43, 38.86], [7, 35.1, 37.2], [3, 20, 20], [500, 70, 72]] as const;

describe('Pareto/NBD likelihood', () => {
  it('the LSE form equals the A₀ form and the integral form, for α ≥ β and α < β', () => {
    for (const q of [btyd, { ...btyd, alpha: 15, beta: 4 }, { r: 2.1, alpha: 0.5, s: 1.7, beta: 30 }]) {
      for (const [x, tx, T] of customers) {
        const ll = paretoLogLikelihoodRow(q, x, tx, T);
        rel(ll, paretoLogLikelihoodA0(q, x, tx, T), 1e-11);
        rel(ll, integralLogLikelihood(q, x, tx, T), 1e-10);
      }
    }
  });

  it('stays finite where the untransformed ₂F₁ overflows (P1), and near z = 1', () => {
    const q = { r: 0.55, alpha: 1, s: 0.6, beta: 40 }; // α < β: p1 = r + x
    expect(logHyp2f1Series(q.r + q.s + 400, q.r + 400, q.r + q.s + 401, 39 / 41).value).toBeGreaterThan(709); // e^709 ≈ max double
    const ll = paretoLogLikelihoodRow(q, 400, 38, 39);
    expect(Number.isFinite(ll)).toBe(true);
    rel(ll, integralLogLikelihood(q, 400, 38, 39), 1e-10);
    for (const extreme of [{ r: 0.3, alpha: 1e4, s: 0.2, beta: 1e-3 }, { r: 0.3, alpha: 1e-3, s: 0.2, beta: 1e4 }]) {
      for (const [x, tx, T] of [[0, 0, 1], [3, 0.5, 1]]) {
        expect(Math.abs(paretoLogLikelihoodRow(extreme, x!, tx!, T!) - integralLogLikelihood(extreme, x!, tx!, T!))).toBeLessThan(1e-9);
      }
    }
  });

  it('lnF switches from the series to the integral without a jump', () => {
    rel(logF(3.2, 1.6, 0.99), logF(3.2, 1.6, 0.99 + 1e-12), 1e-9);
  });
});

describe('Pareto/NBD predictions', () => {
  it('P(alive) is 1 when the last purchase is now and falls with inactivity', () => {
    rel(paretoPAlive(btyd, 3, 20, 20), 1, 1e-12);
    expect(paretoPAlive(btyd, 3, 5, 20)).toBeLessThan(paretoPAlive(btyd, 3, 15, 20));
    expect(paretoPAlive(btyd, 0, 0, 38.86)).toBeLessThan(paretoPAlive(btyd, 0, 0, 5));
    rel(paretoPAliveAt(btyd, 2, 30, 38, 10), paretoPAlive(btyd, 2, 30, 38) * Math.pow((btyd.beta + 38) / (btyd.beta + 48), btyd.s), 1e-14);
  });

  it('E[Y(t)] uses the s = 1 limit (P9) and E[X(t)] is E[Y(t)] at x = t_x = T = 0', () => {
    const at1 = paretoExpected({ ...btyd, s: 1 }, 2, 30, 38, 39);
    rel(at1, paretoExpected({ ...btyd, s: 1 + 1e-7 }, 2, 30, 38, 39), 1e-6);
    rel(at1, paretoExpected({ ...btyd, s: 1 - 1e-7 }, 2, 30, 38, 39), 1e-6);
    rel(paretoExpectedNew(btyd, 39), paretoExpected(btyd, 0, 0, 0, 39), 1e-14);
  });

  it('P0: the exact integral, its small-t slope, and the no-death limit', () => {
    const pa = paretoPAlive(btyd, 2, 30, 38);
    const t = 1e-4;
    rel((1 - paretoP0(btyd, 2, 30, 38, t)) / t, (pa * (btyd.r + 2)) / (btyd.alpha + 38), 1e-3);
    expect(1 - paretoP0(btyd, 2, 30, 38, 13)).toBeLessThan(paretoExpected(btyd, 2, 30, 38, 13));
    // μ ≈ 0 (s tiny): nobody dies, so P0 = 1 − P(alive)·[1 − ((α+T)/(α+T+t))^(r+x)].
    const q = { r: 0.8, alpha: 5, s: 1e-9, beta: 1 };
    const p2 = paretoPAlive(q, 2, 30, 38);
    rel(paretoP0(q, 2, 30, 38, 13), 1 - p2 * (1 - Math.pow(43 / 56, 2.8)), 1e-7);
    expect(paretoP0(btyd, 0, 0, 5, 13)).toBeLessThan(paretoP0(btyd, 0, 0, 38, 13));
  });

  it('DERT in closed form equals the discounted integral, for s below, at and above 1', () => {
    const delta = Math.log(1.15) / 52;
    for (const s of [0.606, 1, 1.7, 3]) {
      const q = { ...btyd, s };
      for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86]]) rel(paretoDert(q, x!, tx!, T!, delta), paretoDertIntegral(q, x!, tx!, T!, delta), 1e-9);
    }
  });

  it('E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)] at the published CDNOW fit (values from mpmath at 30 digits)', () => {
    const published = { r: 0.553275, alpha: 10.577668, s: 0.606221, beta: 11.668284 };
    rel(paretoExpectedNew(published, 39), 1.213405304813058, 1e-12);
    rel(paretoExpectedNew(published, 78), 1.909875708634460, 1e-12);
    expect(paretoExpectedNew(published, 0)).toBe(0);
  });
});
