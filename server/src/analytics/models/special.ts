/**
 * Special functions the retention models need and @stdlib lacks (spec §7): log-sum-exp, log(1 − e^d),
 * the Gauss hypergeometric series in log space with two ways round its slow case z → 1 (a connection
 * formula and Euler's integral), the upper incomplete gamma for any order, and adaptive Gauss–Kronrod
 * quadrature. Pure math, no I/O.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';

/** ln(e^u + e^v) without overflow; −∞ when both are −∞. */
export function lse(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  if (m === Infinity) return Infinity;
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** ln(1 − e^d) for d ≤ 0, accurate near 0 and for very negative d; −∞ at d = 0. */
export function log1mexp(d: number): number {
  if (d > 0 || Number.isNaN(d)) return NaN;
  return d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
}

/** Signed log-sum: ln|s·e^u + t·e^v| with its sign; for cross-checks (the Pareto/NBD A₀ form). */
export function signedLse(u: number, su: 1 | -1, v: number, sv: 1 | -1): { value: number; sign: 1 | -1 | 0 } {
  if (u === -Infinity && v === -Infinity) return { value: -Infinity, sign: 0 };
  if (su === sv) return { value: lse(u, v), sign: su };
  if (u === v) return { value: -Infinity, sign: 0 };
  const [big, sBig, small] = u > v ? [u, su, v] : [v, sv, u];
  return { value: big + log1mexp(small - big), sign: sBig };
}

export interface SeriesResult {
  /** ln of the sum (NaN when the sum is not positive). */
  value: number;
  converged: boolean;
  terms: number;
}

const RESCALE = 1e200;
const LN_RESCALE = Math.log(RESCALE);

/**
 * ln ₂F₁(A,B;C;z) by its power series, t_{k+1} = t_k·(A+k)(B+k)/((C+k)(k+1))·z. Stops when
 * |t_k| < 1e-16·|sum| once the terms are shrinking (a tiny early term, e.g. B ≈ 0, can be followed
 * by growing ones), or at `maxIter`. The running sum is rescaled so huge sums never overflow, and
 * the tail after t_0 = 1 is kept apart so ln(1 + tail) stays accurate when the tail is tiny.
 */
export function logHyp2f1Series(A: number, B: number, C: number, z: number, maxIter = 1e6): SeriesResult {
  if (!(C > 0) && Number.isInteger(C)) return { value: NaN, converged: false, terms: 0 };
  let term = 1;
  let tail = 0;
  let scale = 0; // ln of the factor the running values are divided by
  let k = 0;
  let converged = false;
  let ratio = ((A * B) / C) * z;
  while (k < maxIter) {
    term *= ratio;
    k++;
    if (term === 0) { converged = true; break; }
    tail += term;
    ratio = ((A + k) * (B + k)) / ((C + k) * (k + 1)) * z;
    // Stop on a negligible term, but only while the terms are shrinking.
    if (Math.abs(ratio) < 1 && Math.abs(term) < 1e-16 * Math.abs(scale === 0 ? 1 + tail : tail)) { converged = true; break; }
    if (Math.abs(tail) > RESCALE) {
      if (scale === 0) tail += 1; // fold t_0 in before rescaling
      tail /= RESCALE;
      term /= RESCALE;
      scale += LN_RESCALE;
    }
    if (!Number.isFinite(tail)) break;
  }
  const value = scale === 0 ? Math.log1p(tail) : Math.log(tail) + scale;
  return { value: Number.isNaN(value) ? NaN : value, converged, terms: k };
}

/**
 * ln ₂F₁(1,B;C;z) for 0 < z < 1 and C > 1 by Euler's integral, written with y = 1 − t = e^(−v):
 * (C−1)·z^(−B)·∫₀^∞ e^(−(C−1)v)·(e^(−v) + ε)^(−B) dv, ε = (1−z)/z. The fallback where the power
 * series would need ~1/(1−z) terms (Pareto/NBD with very unequal α and β). The integrand is scaled by
 * its peak, at y* = (C−1)ε/(B−C+1) when B > C − 1, so nothing overflows.
 */
export function logHyp2f1OneIntegral(B: number, C: number, z: number): number {
  const eps = (1 - z) / z;
  const g = (v: number) => -(C - 1) * v - B * Math.log(Math.exp(-v) + eps);
  const vPeak = B > C - 1 ? Math.max(0, -Math.log(((C - 1) * eps) / (B - C + 1))) : 0;
  const gPeak = g(vPeak);
  const h = (v: number) => Math.exp(g(v) - gPeak);
  const head = vPeak > 0 ? integrate(h, 0, vPeak, { relTol: 1e-12 }).value : 0;
  const tail = integrateToInfinity((w) => h(vPeak + w), Math.max(1, Math.log1p(1 / eps)), { relTol: 1e-12 }).value;
  return Math.log(C - 1) - B * Math.log(z) + gPeak + Math.log(head + tail);
}

/**
 * ln ₂F₁(1,B;C;z) for z near 1 by the connection formula (DLMF 15.8.4 with a = 1, p = C − B, w = 1 − z):
 * F = (C−1)/(p−1)·₂F₁(1,B;2−p;w) + Γ(C)·Γ(1−p)/Γ(B)·w^(p−1)·z^(1−C), a series in the small w.
 * Near an integer p the two parts cancel; then it returns NaN and the caller integrates instead.
 */
export function logHyp2f1OneNearOne(B: number, C: number, z: number): number {
  const p = C - B;
  const w = 1 - z;
  if (!(w > 0) || (p > 0.5 && Math.abs(p - Math.round(p)) < 1e-9)) return NaN;
  let term = 1;
  let sum = 1;
  let absSum = 1;
  for (let k = 0; k < 100_000; k++) {
    const ratio = ((B + k) / (2 - p + k)) * w;
    term *= ratio;
    sum += term;
    absSum += Math.abs(term);
    if (Math.abs(ratio) < 1 && Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  const t1 = ((C - 1) / (p - 1)) * sum;
  const gammaSign: 1 | -1 = p < 1 || Math.ceil(p - 1) % 2 === 0 ? 1 : -1;
  const logT2 = gammaln(C) - gammaln(B) + gammaln(1 - p) + (p - 1) * Math.log(w) + (1 - C) * Math.log(z);
  const f = signedLse(Math.log(Math.abs(t1)), t1 < 0 ? -1 : 1, logT2, gammaSign);
  // Digits lost to cancellation: inside the w-series, and between the two parts.
  const lost = Math.log(absSum / Math.abs(sum)) + lse(Math.log(Math.abs(t1)), logT2) - f.value;
  return f.sign === 1 && Number.isFinite(f.value) && lost < Math.log(1e4) ? f.value : NaN;
}

/** Exponential integral E₁(w), w > 0: series below 1, continued fraction above. */
export function expint1(w: number): number {
  if (!(w > 0)) return w === 0 ? Infinity : NaN;
  if (w <= 1) {
    let sum = 0;
    let term = 1;
    for (let k = 1; k < 200; k++) {
      term *= -w / k;
      const add = term / k;
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return -0.5772156649015329 - Math.log(w) - sum;
  }
  // e^{−w}/(w + 1 − 1²/(w + 3 − 2²/(w + 5 − …))) by modified Lentz.
  const tiny = 1e-300;
  let b = w + 1;
  let C = 1 / tiny;
  let D = 1 / b;
  let h = D;
  for (let i = 1; i < 10000; i++) {
    const an = -i * i;
    b += 2;
    D = 1 / (an * D + b);
    C = b + an / C;
    const del = C * D;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h * Math.exp(-w);
}

/**
 * ln(e^w·Γ(a, w)) for any real a and w > 0: @stdlib's unregularised upper Γ for a > 0, E₁ at a = 0,
 * and the downward recurrence Γ(a,w) = (Γ(a+1,w) − w^a·e^{−w})/a below (spec §3.3, DERT).
 */
export function logScaledUpperGamma(a: number, w: number): number {
  if (a > 0) return w + Math.log(gammainc(w, a, false, true));
  const n = Math.ceil(-a);
  let cur = a + n; // in [0, 1)
  let h = cur === 0 ? Math.exp(w) * expint1(w) : Math.exp(w) * gammainc(w, cur, false, true);
  while (cur > a + 0.5) {
    cur -= 1;
    h = (h - Math.pow(w, cur)) / cur;
  }
  return Math.log(h);
}

// Gauss–Kronrod 7/15 nodes and weights on [−1, 1] (positive half; the last node is 0).
const XGK = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
const WGK = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];

function gk15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = fc * WGK[7]!;
  let g = fc * WG[3]!;
  for (let i = 0; i < 7; i++) {
    const dx = h * XGK[i]!;
    const s = f(c - dx) + f(c + dx);
    k += WGK[i]! * s;
    if (i % 2 === 1) g += WG[(i - 1) / 2]! * s;
  }
  return { value: k * h, error: Math.abs((k - g) * h) };
}

export interface QuadResult { value: number; error: number; evaluations: number; ok: boolean }

/**
 * Adaptive G7K15 quadrature on [a, b]: split the interval with the largest error estimate until
 * the total estimate is below max(absTol, relTol·|I|). The nodes avoid the endpoints, so
 * integrable endpoint singularities work (slowly; callers remove strong ones by substitution).
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: { relTol?: number; absTol?: number; maxIntervals?: number } = {}): QuadResult {
  const relTol = opts.relTol ?? 1e-10;
  const absTol = opts.absTol ?? 1e-14;
  const maxIntervals = opts.maxIntervals ?? 2000;
  if (a === b) return { value: 0, error: 0, evaluations: 0, ok: true };
  const parts: { a: number; b: number; value: number; error: number }[] = [{ a, b, ...gk15(f, a, b) }];
  let value = parts[0]!.value;
  let error = parts[0]!.error;
  while (error > Math.max(absTol, relTol * Math.abs(value)) && parts.length < maxIntervals) {
    let worst = 0;
    for (let i = 1; i < parts.length; i++) if (parts[i]!.error > parts[worst]!.error) worst = i;
    const p = parts[worst]!;
    const mid = (p.a + p.b) / 2;
    if (mid <= p.a || mid >= p.b) break; // no room left to split
    const left = { a: p.a, b: mid, ...gk15(f, p.a, mid) };
    const right = { a: mid, b: p.b, ...gk15(f, mid, p.b) };
    parts[worst] = left;
    parts.push(right);
    value = 0;
    error = 0;
    for (const q of parts) { value += q.value; error += q.error; }
  }
  const ok = Number.isFinite(value) && error <= Math.max(absTol, relTol * Math.abs(value)) * 10;
  return { value, error, evaluations: parts.length * 30 - 15, ok };
}

/** ∫₀^∞ f(t) dt through t = scale·u/(1−u); `scale` should be the width where f lives. */
export function integrateToInfinity(f: (t: number) => number, scale: number, opts: { relTol?: number; absTol?: number; maxIntervals?: number } = {}): QuadResult {
  return integrate((u) => {
    const t = (scale * u) / (1 - u);
    const w = f(t) * (scale / ((1 - u) * (1 - u)));
    return Number.isFinite(w) ? w : 0;
  }, 0, 1, opts);
}
