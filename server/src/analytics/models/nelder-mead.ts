/**
 * A small Nelder–Mead minimiser (Nelder & Mead 1965; the adaptive coefficients of Gao & Han 2012 as an
 * option). Our own, so the fitter has no optimiser dependency and never throws on a gradient
 * tolerance: it stops when the objective values of the whole simplex agree to a relative 1e-10, or at
 * an iteration cap. Non-finite objective values count as +∞, so the search backs away from them.
 */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (a number for all); default 5 % of |x_i|, or 0.1 at 0. */
  step?: number | number[];
  /** Relative spread of the simplex values that counts as converged. */
  ftol?: number;
  /** Absolute spread that also counts (for minima at 0). */
  fatol?: number;
  maxIterations?: number;
  /** Dimension-adaptive coefficients (better beyond ~5 dimensions). */
  adaptive?: boolean;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  evaluations: number;
  status: 'converged' | 'max_iter';
}

export function nelderMead(f: (x: number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const ftol = opts.ftol ?? 1e-10;
  const fatol = opts.fatol ?? 1e-14;
  const maxIterations = opts.maxIterations ?? 1000 * n;
  const [rho, chi, gamma, sigma] = opts.adaptive && n > 1 ? [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n] : [1, 2, 0.5, 0.5];
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  const simplex: { x: number[]; f: number }[] = [{ x: [...x0], f: evaluate([...x0]) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    const step = Array.isArray(opts.step) ? opts.step[i]! : opts.step ?? (x[i] !== 0 ? 0.05 * Math.abs(x[i]!) : 0.1);
    x[i] = x[i]! + step;
    simplex.push({ x, f: evaluate(x) });
  }
  const along = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j]! - v));

  let iterations = 0;
  let status: NelderMeadResult['status'] = 'max_iter';
  while (iterations < maxIterations) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const spread = worst.f - best.f;
    if (Number.isFinite(best.f) && spread <= ftol * Math.abs(best.f) + fatol) { status = 'converged'; break; }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n;

    const xr = along(centroid, worst.x, -rho);
    const fr = evaluate(xr);
    if (fr < best.f) {
      const xe = along(centroid, worst.x, -rho * chi);
      const fe = evaluate(xe);
      simplex[n] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.f) { simplex[n] = { x: xr, f: fr }; continue; }
    // Contract: outside when the reflection beat the worst point, inside otherwise.
    const outside = fr < worst.f;
    const xc = along(centroid, worst.x, outside ? -rho * gamma : gamma);
    const fc = evaluate(xc);
    if (fc < (outside ? fr : worst.f)) { simplex[n] = { x: xc, f: fc }; continue; }
    for (let i = 1; i <= n; i++) {
      const x = along(best.x, simplex[i]!.x, sigma);
      simplex[i] = { x, f: evaluate(x) };
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return { x: simplex[0]!.x, fx: simplex[0]!.f, iterations, evaluations, status };
}
