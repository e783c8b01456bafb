import type { PredictionsDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder } from '../commerce/order.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { mulberry32 } from '../test/random.ts';
import type { FittedTransactionModel } from './models/index.ts';
import { bgExpectedNew } from './models/bgnbd.ts';
import { mbgExpectedNew } from './models/mbgnbd.ts';
import { paretoExpectedNew } from './models/pareto-nbd.ts';
import { refreshAnalytics } from './service.ts';
import { buildTracking, maxEvaluations, mondayOf, type DayCount } from './tracking.ts';

const dayMs = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;
const isoOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
const pareto = { r: 0.553275, alpha: 10.577668, s: 0.606221, beta: 11.668284 };
const fitOf = (model: FittedTransactionModel['model'], unit: 'day' | 'week', params: Record<string, number>): FittedTransactionModel => ({
  model, unit, params, logLikelihood: 0, status: 'converged', iterations: 0, customers: 0, uniqueRows: 0, standardErrors: null, penalizer: 0,
});
/** E[X(t)] straight from the model files, t in the model's unit. */
function expectedNew(model: string, params: Record<string, number>, t: number): number {
  const p = params as { r: number; alpha: number; a: number; b: number; s: number; beta: number };
  if (model === 'bgnbd') return bgExpectedNew(p, t);
  if (model === 'mbgnbd') return mbgExpectedNew(p, t);
  return paretoExpectedNew(p, t);
}

describe('tracking plot series', () => {
  it('counts repeat occasions per Monday week and sums E[X] over births by age (hand-checked)', () => {
    // Two customers born on Wednesday 1 January 2025, one on Monday 6 January; data up to Tuesday 14 January.
    const days: DayCount[] = [
      { day: dayOf('2025-01-01'), births: 2, repeats: 0 },
      { day: dayOf('2025-01-03'), births: 0, repeats: 1 },
      { day: dayOf('2025-01-06'), births: 1, repeats: 0 },
      { day: dayOf('2025-01-08'), births: 0, repeats: 2 },
      { day: dayOf('2025-01-13'), births: 0, repeats: 1 },
    ];
    const tracking = buildTracking(fitOf('pareto', 'week', pareto), days, { today: dayOf('2025-01-14'), calibrationEnd: dayOf('2025-01-07') })!;
    expect(tracking).toMatchObject({ model: 'pareto', unitDays: 7, calibrationEnd: '2025-01-07', params: pareto });
    expect(tracking.weeks.map((w) => [w.weekStart, w.actual, w.actualCumulative])).toEqual([
      ['2024-12-30', 1, 1], ['2025-01-06', 2, 3], ['2025-01-13', 1, 4],
    ]);
    // Ends of the weeks: Sunday 5 January, Sunday 12 January, and today; ages in days, the model in weeks.
    const E = (days: number) => paretoExpectedNew(pareto, days / 7);
    const cumulative = [2 * E(4), 2 * E(11) + E(6), 2 * E(13) + E(8)];
    tracking.weeks.forEach((w, i) => {
      expect(w.expectedCumulative).toBeCloseTo(cumulative[i]!, 4);
      expect(w.expected).toBeCloseTo(cumulative[i]! - (i ? cumulative[i - 1]! : 0), 4);
    });
  });

  it('is null without customers, and Mondays are Mondays', () => {
    expect(buildTracking(fitOf('pareto', 'day', pareto), [], { today: 20_000, calibrationEnd: 19_900 })).toBeNull();
    expect(isoOf(mondayOf(dayOf('2026-12-06')))).toBe('2026-11-30'); // a Sunday
    expect(isoOf(mondayOf(dayOf('2026-11-30')))).toBe('2026-11-30');
    expect(new Date(mondayOf(-1) * dayMs).getUTCDay()).toBe(1);
  });

  it('interpolates E[X] between evaluations only on very long histories, within 1e-4', () => {
    const bg = { r: 0.242594, alpha: 4.413551 * 7, a: 0.792927, b: 2.425934 };
    const span = 2 * maxEvaluations + 123;
    const days: DayCount[] = Array.from({ length: span + 1 }, (_, d) => ({ day: 10_000 + d, births: 1 + (d % 3), repeats: d % 5 }));
    const tracking = buildTracking(fitOf('bgnbd', 'day', bg), days, { today: 10_000 + span, calibrationEnd: 10_000 + span - 180 })!;
    const last = tracking.weeks.at(-1)!;
    let exact = 0;
    for (let d = 0; d <= span; d++) exact += (1 + (d % 3)) * bgExpectedNew(bg, span - d);
    expect(Math.abs(last.expectedCumulative - exact) / exact).toBeLessThan(1e-4);
    expect(last.actualCumulative).toBe(days.reduce((s, d) => s + d.repeats, 0));
  });
});

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

/** 400 customers over 300 days, each buying at their own rate and dropping out with probability 0.35 after each purchase. */
function shop(): NormalizedOrder[] {
  const rand = mulberry32(7);
  const start = Date.UTC(2025, 2, 1);
  const orders: NormalizedOrder[] = [];
  for (let c = 0; c < 400; c++) {
    const gap = 20 + rand() * 70;
    let day = Math.floor(rand() * 200);
    for (let k = 0; day < 300 && k < 25; k++) {
      orders.push({
        externalId: `trk-${c}-${k}`, orderNumber: `#T${c}-${k}`, email: `khach${c}@shop.test`, phone: null, customerName: `Khách ${c}`, customerExternalId: null,
        currency: 'VND', total: 150_000, subtotal: null, discount: null, shipping: null, refunded: null,
        paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: null,
        placedAt: new Date(start + day * dayMs + 3_600_000 * 3), cancelledAt: null, updatedAt: null, trackingNumber: null, carrier: null,
        trackingUrl: null, shippingAddress: null, lines: [], note: null, tags: [],
      });
      if (rand() < 0.35) break;
      day += Math.max(1, Math.round(-Math.log(1 - rand()) * gap));
    }
  }
  return orders;
}

describe('tracking plot in the refresh', () => {
  it('stores the series with the model and serves it with the predictions and as CSV', { timeout: 120_000 }, async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const orders = shop();
    for (let i = 0; i < orders.length; i += 500) await upsertOrders(ctx, 'csv', null, orders.slice(i, i + 500), { bulk: true });
    expect((await refreshAnalytics(ctx, 'test', { now: new Date(Date.UTC(2025, 11, 26, 5)) })).status).toBe('done');
    const today = dayOf('2025-12-26');

    const { model } = (await ws.owner.get<PredictionsDto>('/api/v1/analytics/predictions')).body;
    const tracking = model!.tracking!;
    expect(tracking.model).toBe(model!.model);
    expect(tracking.calibrationEnd).toBe(model!.calibrationEnd);
    expect(tracking.unitDays).toBe(1);
    expect(Object.keys(model!.validation!)).not.toContain('tracking');

    // Independently: each customer's purchase days (10:00 in Hồ Chí Minh City, the same date), repeats = days after the first.
    const byCustomer = new Map<string, Set<number>>();
    for (const o of orders) {
      const days = byCustomer.get(o.email!) ?? new Set<number>();
      days.add(Math.floor(o.placedAt.getTime() / dayMs));
      byCustomer.set(o.email!, days);
    }
    const births = new Map<number, number>();
    const repeatsByWeek = new Map<string, number>();
    for (const set of byCustomer.values()) {
      const sorted = [...set].sort((a, b) => a - b);
      births.set(sorted[0]!, (births.get(sorted[0]!) ?? 0) + 1);
      for (const d of sorted.slice(1)) repeatsByWeek.set(isoOf(mondayOf(d)), (repeatsByWeek.get(isoOf(mondayOf(d))) ?? 0) + 1);
    }
    const first = Math.min(...births.keys());
    expect(tracking.weeks[0]!.weekStart).toBe(isoOf(mondayOf(first)));
    expect(tracking.weeks.at(-1)!.weekStart).toBe(isoOf(mondayOf(today)));
    expect(tracking.weeks.length).toBe((mondayOf(today) - mondayOf(first)) / 7 + 1);
    tracking.weeks.forEach((w, i) => {
      expect(new Date(`${w.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(w.actual, w.weekStart).toBe(repeatsByWeek.get(w.weekStart) ?? 0);
      if (i) expect(w.expectedCumulative).toBeGreaterThanOrEqual(tracking.weeks[i - 1]!.expectedCumulative);
    });
    const repeats = orders.length - byCustomer.size; // one order per customer and day here
    expect(tracking.weeks.at(-1)!.actualCumulative).toBe(repeats);

    // Σ_b n_b·E[X(end of week − b)] from the stored calibration parameters, week by week.
    tracking.weeks.forEach((w) => {
      const end = Math.min(dayOf(w.weekStart) + 6, today);
      let sum = 0;
      for (const [b, n] of births) if (b <= end) sum += n * expectedNew(tracking.model, tracking.params, (end - b) / tracking.unitDays);
      expect(Math.abs(w.expectedCumulative - sum)).toBeLessThan(1e-4 + 1e-9 * sum);
    });
    // The model is not wildly off on its own calibration data.
    const cal = tracking.weeks.filter((w) => w.weekStart <= tracking.calibrationEnd).at(-1)!;
    expect(cal.expectedCumulative / cal.actualCumulative).toBeGreaterThan(0.7);
    expect(cal.expectedCumulative / cal.actualCumulative).toBeLessThan(1.3);

    const csv = await t.careloop.app.request('/api/v1/analytics/predictions/tracking.csv', { headers: { cookie: ws.owner.cookie } });
    expect(csv.headers.get('content-disposition')).toContain('careloop-tracking.csv');
    const rows = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer())).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('week_start,period,actual,expected,actual_cumulative,expected_cumulative,model');
    expect(rows.length).toBe(tracking.weeks.length + 1);
    const w0 = tracking.weeks[0]!;
    expect(rows[1]).toBe(`${w0.weekStart},calibration,${w0.actual},${w0.expected},${w0.actualCumulative},${w0.expectedCumulative},${tracking.model}`);
    expect(rows.at(-1)).toMatch(/^[\d-]+,holdout,/);

    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.get('/api/v1/analytics/predictions/tracking.csv')).status).toBe(403);
  });
});
