import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { aliveExpectedPurchases, betaExpectation, bgExpected, bgExpectedNew, bgLogLikelihoodRow, bgP0, bgPAlive, bgPmf, logBetaRatio, type BgParams } from './bgnbd.ts';

const cdnow: BgParams = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-300, Math.abs(b)));

/** FHL 2005a eq. 6 in plain (non-log) form, for moderate values. */
function naiveLikelihood(p: BgParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const nb = Math.exp(gammaln(r + x) - gammaln(r) + r * Math.log(alpha));
  const first = Math.exp(betaln(a, b + x) - betaln(a, b)) * nb / Math.pow(alpha + T, r + x);
  const second = x > 0 ? Math.exp(betaln(a + 1, b + x - 1) - betaln(a, b)) * nb / Math.pow(alpha + tx, r + x) : 0;
  return Math.log(first + second);
}

/** The Beta-integral form of E[Y(t)] (spec §3.1), the reference for the Euler series. */
const integralForm = (p: BgParams, x: number, tx: number, T: number, t: number) =>
  bgPAlive(p, x, tx, T) * betaExpectation((q) => -Math.expm1(-(p.r + x) * Math.log1p((q * t) / (p.alpha + T))) / q, p.a, p.b + x);

describe('BG/NBD likelihood', () => {
  it('equals the original FHL form', () => {
    for (const [x, tx, T] of [[0, 0, 38.86], [1, 1.71, 38.86], [2, 30.43, 38.86], [7, 35.1, 37.2], [25, 30, 30.5]]) {
      rel(bgLogLikelihoodRow(cdnow, x!, tx!, T!), naiveLikelihood(cdnow, x!, tx!, T!), 1e-12);
    }
  });

  it('D = −Σ log1p(a/(b+j)) equals the log-beta difference and survives huge b (P3)', () => {
    rel(logBetaRatio(0.79, 2.43, 12), betaln(0.79, 14.43) - betaln(0.79, 2.43), 1e-13);
    // As b → ∞ nobody drops out and the likelihood tends to the NBD one.
    const p = { r: 0.5, alpha: 3, a: 0.8, b: 1e12 };
    const nbd = (x: number, T: number) => gammaln(p.r + x) - gammaln(p.r) + p.r * Math.log(p.alpha) - (p.r + x) * Math.log(p.alpha + T);
    for (const [x, tx, T] of [[0, 0, 30], [3, 20, 30], [150, 29, 30]]) {
      rel(bgLogLikelihoodRow(p, x!, tx!, T!), nbd(x!, T!), 1e-9);
    }
  });

  it('stays finite for x in the thousands (a density: it may be positive)', () => {
    const ll = bgLogLikelihoodRow(cdnow, 5000, 300, 310);
    const viaBeta = gammaln(cdnow.r + 5000) - gammaln(cdnow.r) + cdnow.r * Math.log(cdnow.alpha) + betaln(cdnow.a, cdnow.b + 5000) - betaln(cdnow.a, cdnow.b)
      - 5000.2425982 * Math.log(cdnow.alpha + 300) + Math.log(Math.pow((cdnow.alpha + 300) / (cdnow.alpha + 310), 5000.2425982) + cdnow.a / (cdnow.b + 4999));
    expect(Number.isFinite(ll)).toBe(true);
    rel(ll, viaBeta, 1e-10);
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) is 1 for x = 0 and falls with the time since the last purchase', () => {
    expect(bgPAlive(cdnow, 0, 0, 38.86)).toBe(1);
    const recent = bgPAlive(cdnow, 2, 38, 38.86);
    const old = bgPAlive(cdnow, 2, 5, 38.86);
    expect(recent).toBeGreaterThan(old);
    rel(old, 1 / (1 + (cdnow.a / (cdnow.b + 1)) * Math.pow((cdnow.alpha + 38.86) / (cdnow.alpha + 5), cdnow.r + 2)), 1e-14);
  });

  it('the Euler series equals the Beta integral for E[Y(t)]', () => {
    for (const [x, tx, T, t] of [[0, 0, 38.86, 39], [2, 30.43, 38.86, 39], [5, 20, 38, 52], [50, 37, 38, 10], [0, 0, 1, 500]]) {
      rel(bgExpected(cdnow, x!, tx!, T!, t!), integralForm(cdnow, x!, tx!, T!, t!), 1e-9);
    }
    expect(bgExpected(cdnow, 2, 30, 38, 0)).toBe(0);
  });

  it('handles a = 1 (P9), C ≤ 0 and huge b through limits and the integral', () => {
    const p = { r: 1.2, alpha: 10, a: 1, b: 3 };
    const at1 = aliveExpectedPurchases(1.2, 10, 1, 3, 20);
    rel(at1, betaExpectation((q) => -Math.expm1(-1.2 * Math.log1p((q * 20) / 10)) / q, 1, 3), 1e-8);
    rel(at1, (aliveExpectedPurchases(1.2, 10, 1 - 1e-4, 3, 20) + aliveExpectedPurchases(1.2, 10, 1 + 1e-4, 3, 20)) / 2, 1e-7);
    expect(Number.isFinite(bgExpected(p, 0, 0, 5, 20))).toBe(true);
    // a + b − 1 ≤ 0 for x = 0: only the integral is valid.
    const small = { r: 0.3, alpha: 10, a: 0.3, b: 0.4 };
    rel(bgExpectedNew(small, 20), betaExpectation((q) => -Math.expm1(-0.3 * Math.log1p((q * 20) / 10)) / q, 0.3, 0.4), 1e-9);
    // Almost no dropout: E → r·t/α.
    rel(aliveExpectedPurchases(0.3, 10, 0.5, 5000, 20), 0.3 * 2 * (1 - 1e-3), 1e-3);
  });

  it('E[X(t)] for a new customer is E[Y(t)] at x = t_x = T = 0', () => {
    rel(bgExpectedNew(cdnow, 39), bgExpected(cdnow, 0, 0, 0, 39), 1e-14);
  });

  it('Σ P(X(t)=n) = 1 and Σ n·P(X(t)=n) = E[X(t)]', () => {
    for (const [p, t] of [[cdnow, 39], [cdnow, 78], [{ r: 2.5, alpha: 3, a: 1.5, b: 4 }, 20]] as const) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 600; n++) {
        const v = bgPmf(p, t, n);
        expect(v).toBeGreaterThanOrEqual(0);
        total += v;
        mean += n * v;
      }
      rel(total, 1, 1e-12);
      rel(mean, bgExpectedNew(p, t), 1e-9);
    }
  });

  it('P0 (no purchase in the next t) rises with T for one-time buyers (P8)', () => {
    const t = 13;
    const risks = [5, 20, 38.86].map((T) => bgP0(cdnow, 0, 0, T, t));
    expect(risks[0]).toBeLessThan(risks[1]!);
    expect(risks[1]).toBeLessThan(risks[2]!);
    rel(bgP0(cdnow, 0, 0, 20, t), Math.pow((cdnow.alpha + 20) / (cdnow.alpha + 20 + t), cdnow.r), 1e-14);
    // 1 − P0 (at least one purchase) never exceeds the expected count.
    expect(1 - bgP0(cdnow, 3, 30, 38, t)).toBeLessThan(bgExpected(cdnow, 3, 30, 38, t));
  });

  it('E[X(t)] for a new customer is FHL 2005 eq. 7 (values from mpmath at 30 digits, the tracking plot\'s expectation)', () => {
    // (a+b−1)/(a−1)·[1 − (α/(α+t))^r·₂F₁(r, b; a+b−1; t/(α+t))] at the published CDNOW fit.
    const published = { r: 0.242594, alpha: 4.413551, a: 0.792927, b: 2.425934 };
    rel(bgExpectedNew(published, 39), 1.195017734917923, 1e-10);
    rel(bgExpectedNew(published, 78), 1.857968491578099, 1e-10);
    expect(bgExpectedNew(published, 0)).toBe(0);
  });
});
