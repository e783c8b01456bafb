import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.ts';

describe('Nelder–Mead', () => {
  it('finds the Rosenbrock minimum from the classic start', () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { fatol: 1e-20 });
    expect(result.status).toBe('converged');
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    expect(result.fx).toBeLessThan(1e-10);
  });

  it('minimises a 4-D quadratic with a non-zero minimum value, with both coefficient sets', () => {
    const centre = [1, -2, 3, 0.5];
    const f = (x: number[]) => 7 + x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]!) ** 2, 0) + 0.5 * (x[0]! - centre[0]!) * (x[1]! - centre[1]!);
    for (const adaptive of [false, true]) {
      const result = nelderMead(f, [0, 0, 0, 0], { adaptive });
      expect(result.status).toBe('converged');
      result.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 3));
      expect(result.fx).toBeCloseTo(7, 8);
    }
  });

  it('treats NaN and infinite values as +∞ and keeps going', () => {
    // Defined only for x > 0 (like a log-likelihood of a negative parameter); minimum at (2, 3).
    const f = ([x, y]: number[]) => (x! <= 0 ? NaN : (Math.log(x!) - Math.log(2)) ** 2 + (y! - 3) ** 2);
    const result = nelderMead(f, [0.05, 0], { step: 1 });
    expect(result.status).toBe('converged');
    expect(result.x[0]).toBeCloseTo(2, 4);
    expect(result.x[1]).toBeCloseTo(3, 4);
    expect(() => nelderMead(() => Infinity, [1, 1], { maxIterations: 50 })).not.toThrow();
  });

  it('reports max_iter when the cap is hit', () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result).toMatchObject({ status: 'max_iter', iterations: 10 });
  });
});
