import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { correlation, correlationWarning, ggConditionalMean, ggLogLikelihoodRow, ggPopulationMean } from './gamma-gamma.ts';

const paper = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma', () => {
  it('the likelihood is the gamma-mixture density of the mean of x repeat values', () => {
    for (const [x, m] of [[1, 11.77], [2, 22.35], [7, 40.1], [40, 15]]) {
      const { p, q, gamma } = paper;
      const plain = gammaln(p * x! + q) - gammaln(p * x!) - gammaln(q) + q * Math.log(gamma) + (p * x! - 1) * Math.log(m!) + p * x! * Math.log(x!)
        - (p * x! + q) * Math.log(gamma + m! * x!);
      expect(ggLogLikelihoodRow(paper, x!, m!)).toBeCloseTo(plain, 10);
    }
  });

  it('E[M | x, m] is a weighted mean of the population mean and m', () => {
    const pop = ggPopulationMean(paper)!;
    expect(pop).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    for (const [x, m] of [[1, 11.77], [5, 80]]) {
      const w = (paper.p * x!) / (paper.p * x! + paper.q - 1);
      expect(ggConditionalMean(paper, x!, m!)).toBeCloseTo((1 - w) * pop + w * m!, 10);
    }
    expect(ggConditionalMean(paper, 0, null)).toBe(pop);
  });

  it('has no population mean when q ≤ 1 (P6)', () => {
    expect(ggPopulationMean({ ...paper, q: 0.9 })).toBeNull();
    expect(ggConditionalMean({ ...paper, q: 0.9 }, 0, null)).toBeNull();
    expect(ggConditionalMean({ ...paper, q: 0.9 }, 3, 20)).toBeGreaterThan(0);
  });

  it('warns when frequency and spend are correlated', () => {
    const independent = [{ x: 1, m: 10 }, { x: 2, m: 30 }, { x: 3, m: 10 }, { x: 4, m: 30 }, { x: 1, m: 30 }, { x: 4, m: 10 }];
    expect(Math.abs(correlation(independent))).toBeLessThan(0.3);
    expect(correlationWarning(correlation(independent))).toBeNull();
    const linked = [1, 2, 3, 4, 5].map((x) => ({ x, m: 10 * x }));
    expect(correlation(linked)).toBeCloseTo(1, 12);
    expect(correlationWarning(1)).toMatch(/correlated/);
  });
});
