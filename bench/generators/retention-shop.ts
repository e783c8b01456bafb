/**
 * A shop's order history with realistic repeat patterns, for the analytics benchmark: each customer
 * buys at their own rate (λ ~ Gamma(r, α) per day) and may stop after each purchase (p ~ Beta(a, b)),
 * the BG/NBD story; spend per customer is lognormal; a few orders are cancelled or refunded. With the
 * defaults, 200,000 customers over three years place about 1,000,000 orders. Seeded: the same shop
 * every run.
 */
import { mulberry32 } from '../../server/src/test/random.ts';

export interface GeneratedOrder { customer: number; day: number; total: number; cancelled: boolean; refunded: number }
export interface ShopShape { customers: number; days: number; r: number; alpha: number; a: number; b: number; seed: number }
export const defaultShape: ShopShape = { customers: 200_000, days: 1095, r: 0.45, alpha: 11, a: 1.5, b: 5, seed: 20261206 };


function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Marsaglia–Tsang; shape < 1 by the boost `G(k) = G(k+1)·U^(1/k)`. */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(Math.max(rand(), 1e-12), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function* generateOrders(shape: ShopShape = defaultShape): Generator<GeneratedOrder> {
  const rand = mulberry32(shape.seed);
  for (let customer = 0; customer < shape.customers; customer++) {
    const lambda = gamma(rand, shape.r) / shape.alpha;
    const ga = gamma(rand, shape.a);
    const p = ga / (ga + gamma(rand, shape.b));
    const spend = Math.exp(Math.log(350_000) + 0.6 * normal(rand));
    let day = Math.floor(rand() * shape.days);
    for (let k = 0; k < 200; k++) {
      const total = Math.max(20_000, Math.round((spend * Math.exp(0.3 * normal(rand))) / 1000) * 1000);
      const fate = rand();
      yield { customer, day, total, cancelled: fate < 0.03, refunded: fate > 0.98 ? total : 0 };
      if (k > 0 && rand() < p) break; // BG/NBD: dropout only after a repeat purchase
      day += Math.max(1, Math.round(-Math.log(1 - rand()) / Math.max(lambda, 1e-6)));
      if (day >= shape.days) break;
    }
  }
}
