/**
 * Gamma-Gamma spend model (FHL 2005b; Hardie note 025), spec §3.4. Fitted only on customers with
 * x > 0, m = mean of their repeat occasions. `lbeta(p·x, q)` uses @stdlib's accurate betaln (P3).
 */
import betaln from '@stdlib/math-base-special-betaln';

export interface GgParams { p: number; q: number; gamma: number }

export function ggLogLikelihoodRow(g: GgParams, x: number, m: number): number {
  const px = g.p * x;
  return -betaln(px, g.q) + g.q * Math.log(g.gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + g.q) * Math.log(g.gamma + m * x);
}

export function ggLogLikelihood(g: GgParams, rows: readonly { x: number; m: number; weight?: number }[]): number {
  let ll = 0;
  for (const row of rows) ll += (row.weight ?? 1) * ggLogLikelihoodRow(g, row.x, row.m);
  return ll;
}

/** E[M] = pγ/(q−1); null when q ≤ 1 (infinite mean, P6). */
export function ggPopulationMean(g: GgParams): number | null {
  return g.q > 1 ? (g.p * g.gamma) / (g.q - 1) : null;
}

/**
 * E[M | x, m] = p(γ + m·x)/(p·x + q − 1): a weighted mean of the population mean and the customer's
 * own m. Null when it is undefined (q ≤ 1 with x = 0, or a non-positive denominator).
 */
export function ggConditionalMean(g: GgParams, x: number, m: number | null): number | null {
  if (x === 0 || m === null) return ggPopulationMean(g);
  const den = g.p * x + g.q - 1;
  return den > 0 ? (g.p * (g.gamma + m * x)) / den : null;
}

/** Pearson correlation of x and m over the fitted customers; the model assumes independence. */
export function correlation(rows: readonly { x: number; m: number }[]): number {
  const n = rows.length;
  if (n < 2) return 0;
  let sx = 0;
  let sm = 0;
  for (const r of rows) { sx += r.x; sm += r.m; }
  const mx = sx / n;
  const mm = sm / n;
  let cov = 0;
  let vx = 0;
  let vm = 0;
  for (const r of rows) {
    cov += (r.x - mx) * (r.m - mm);
    vx += (r.x - mx) ** 2;
    vm += (r.m - mm) ** 2;
  }
  return vx > 0 && vm > 0 ? cov / Math.sqrt(vx * vm) : 0;
}

/** The §3.4 assumption check: a warning text when |corr(x, m)| > 0.3. */
export function correlationWarning(corr: number): string | null {
  return Math.abs(corr) > 0.3
    ? `Purchase frequency and spend are correlated (r = ${corr.toFixed(2)}); the Gamma-Gamma model assumes they are independent, so expected spend may be biased.`
    : null;
}
