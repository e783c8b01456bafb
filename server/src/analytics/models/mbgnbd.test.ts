import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { betaExpectation } from './bgnbd.ts';
import { mbgExpected, mbgExpectedNew, mbgLogLikelihoodRow, mbgP0, mbgPAlive, type MbgParams } from './mbgnbd.ts';
import { logHyp2f1Series } from './special.ts';

const p: MbgParams = { r: 0.5248, alpha: 6.183, a: 0.8914, b: 1.614 };
const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));

describe('MBG/NBD', () => {
  it('the likelihood equals its plain form', () => {
    for (const [x, tx, T] of [[0, 0, 38.86], [1, 1.71, 38.86], [4, 30, 35], [12, 20, 21]]) {
      const plain = Math.exp(gammaln(p.r + x!) - gammaln(p.r) + p.r * Math.log(p.alpha) + betaln(p.a, p.b + x! + 1) - betaln(p.a, p.b))
        * (Math.pow(p.alpha + T!, -(p.r + x!)) + (p.a / (p.b + x!)) * Math.pow(p.alpha + tx!, -(p.r + x!)));
      rel(mbgLogLikelihoodRow(p, x!, tx!, T!), Math.log(plain), 1e-12);
    }
  });

  it('gives one-time buyers P(alive) < 1 that falls with T (the P8 fix)', () => {
    const values = [0, 10, 38.86].map((T) => mbgPAlive(p, 0, 0, T));
    rel(values[0]!, p.b / (p.a + p.b), 1e-14);
    expect(values[1]).toBeLessThan(values[0]!);
    expect(values[2]).toBeLessThan(values[1]!);
  });

  it('E[Y(t)] by the Euler series equals the Beta integral over Beta(a, b+x+1)', () => {
    for (const [x, tx, T, t] of [[0, 0, 38.86, 39], [2, 30.43, 38.86, 39], [9, 38, 38.5, 100]]) {
      const integral = mbgPAlive(p, x!, tx!, T!) * betaExpectation((q) => -Math.expm1(-(p.r + x!) * Math.log1p((q * t!) / (p.alpha + T!))) / q, p.a, p.b + x! + 1);
      rel(mbgExpected(p, x!, tx!, T!, t!), integral, 1e-9);
    }
  });

  it('E[X(t)] for a new customer equals the published form b/(a−1)·[1 − (α/(α+t))^r·₂F₁(r, b+1; a+b; t/(α+t))]', () => {
    for (const t of [5, 39, 200]) {
      const z = t / (p.alpha + t);
      const published = (p.b / (p.a - 1)) * (1 - Math.exp(p.r * Math.log(p.alpha / (p.alpha + t)) + logHyp2f1Series(p.r, p.b + 1, p.a + p.b, z).value));
      rel(mbgExpectedNew(p, t), published, 1e-10);
      rel(mbgExpectedNew(p, t), mbgExpected(p, 0, 0, 0, t), 1e-14);
    }
  });

  it('P0 rises with T for one-time buyers and bounds the purchase probability by E[Y]', () => {
    expect(mbgP0(p, 0, 0, 5, 13)).toBeLessThan(mbgP0(p, 0, 0, 30, 13));
    expect(1 - mbgP0(p, 2, 20, 30, 13)).toBeLessThan(mbgExpected(p, 2, 20, 30, 13));
  });

  it('E[X(t)] at the published CDNOW fit (values from mpmath at 30 digits)', () => {
    const published = { r: 0.52485, alpha: 6.18322, a: 0.891361, b: 1.613992 };
    rel(mbgExpectedNew(published, 39), 1.182270265639439, 1e-10);
    rel(mbgExpectedNew(published, 78), 1.803616844072001, 1e-10);
  });
});
