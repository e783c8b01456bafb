import type { AnalyticsOverviewDto, ContactAnalyticsDto, CustomerAnalyticsDto, PredictionsDto, SegmentCountDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder } from '../commerce/order.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { refreshAnalytics } from './service.ts';
import { startRefresh } from './refresh.ts';
import { refreshIfDue } from './jobs.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

let seq = 0;
function order(phone: string, placedAt: string, total: number, over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  const n = ++seq;
  return {
    externalId: `a-${n}`, orderNumber: `#${5000 + n}`, email: null, phone, customerName: `Khách ${phone.slice(-3)}`, customerExternalId: null,
    currency: 'VND', total, subtotal: null, discount: null, shipping: null, refunded: null, paymentState: 'paid', fulfilmentState: 'fulfilled',
    cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: null, placedAt: new Date(placedAt), cancelledAt: null, updatedAt: null,
    trackingNumber: null, carrier: null, trackingUrl: null, shippingAddress: null, lines: [], note: null, tags: [], ...over,
  };
}

const A = '0901000001', B = '0901000002', C = '0901000003', D = '0901000004', E = '0901000005', F = '0901000006';
/** Five customers whose figures are worked out by hand in the comments below (times are UTC; the shop is UTC+7). */
const shop = () => [
  order(A, '2026-01-05T03:00:00Z', 100_000), order(A, '2026-01-05T09:00:00Z', 50_000), // one occasion: same day
  order(A, '2026-02-10T03:00:00Z', 200_000), order(A, '2026-03-15T03:00:00Z', 300_000),
  order(B, '2026-01-20T03:00:00Z', 120_000), order(B, '2026-03-01T03:00:00Z', 80_000),
  order(C, '2026-02-14T03:00:00Z', 90_000),
  order(D, '2026-03-03T03:00:00Z', 60_000),
  order(D, '2026-03-20T03:00:00Z', 500_000, { cancelled: true }), // not a purchase
  order(D, '2026-03-21T03:00:00Z', 400_000, { refunded: 400_000, paymentState: 'partially_refunded' }), // nothing left after the refund
  order(E, '2026-02-02T03:00:00Z', 4_000, { currency: 'USD' }), // another currency: left out, and counted
  order(F, '2026-01-31T18:00:00Z', 70_000), // 01:00 on 1 February in Hồ Chí Minh City
];

async function seeded() {
  const ws = await t.workspace();
  const ctx = systemCtx(t.deps, ws.workspaceId);
  const orders = shop();
  const rows = await upsertOrders(ctx, 'shopify', null, orders);
  const run = await refreshAnalytics(ctx, 'test', { now: new Date('2026-04-01T05:00:00Z') });
  const phoneOf = new Map(orders.map((o) => [o.orderNumber, o.phone!]));
  const byPhone = new Map(rows.map((r) => [phoneOf.get(r.order_number)!, r.contact_id!]));
  return { ...ws, ctx, run, contact: (phone: string) => byPhone.get(phone)! };
}

describe('descriptive metrics (spec §2) on a hand-checked shop', () => {
  it('computes periods, totals, Pareto and cohorts exactly', async () => {
    const s = await seeded();
    expect(s.run).toMatchObject({ status: 'done', progress: 1 });
    expect(s.run.note).toMatch(/Too little data/);
    const o = (await s.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview?to=2026-03-31')).body;
    expect(o).toMatchObject({ currency: 'VND', timezone: 'Asia/Ho_Chi_Minh', dataFrom: '2026-01-05', dataTo: '2026-03-15', excludedOtherCurrency: 1 });

    expect(o.periods.map((p) => [p.period, p.customers, p.repeatRate.numerator, p.returningShare.numerator, p.periodOverPeriod?.numerator ?? null, p.periodOverPeriod?.denominator ?? null, p.revenue, p.newRevenue]))
      .toEqual([
        ['2026-01', 2, 0, 0, null, null, 270_000, 270_000], // A, B: both first purchases
        ['2026-02', 3, 1, 1, 1, 2, 360_000, 160_000], // A (2nd), C, F; of January's A and B, A came back
        ['2026-03', 3, 2, 2, 1, 3, 440_000, 60_000], // A (3rd), B (2nd), D; of February's three, A came back
      ]);
    expect(o.periods.every((p) => p.incompleteHistory)).toBe(true);
    // Quarters and years sum the same purchases: five customers, 1,070,000 đ of which 490,000 đ first purchases.
    for (const period of ['quarter', 'year'] as const) {
      const p = (await s.owner.get<AnalyticsOverviewDto>(`/api/v1/analytics/overview?to=2026-03-31&period=${period}`)).body;
      expect(p.periods.map((r) => [r.customers, r.revenue, r.newRevenue])).toEqual([[5, 1_070_000, 490_000]]);
    }

    expect(o.repeatCustomerRate).toEqual({ value: 2 / 5, numerator: 2, denominator: 5 });
    expect(o.purchaseFrequency).toEqual({ value: 8 / 5, numerator: 8, denominator: 5 });
    expect(o.averageFirstValue.value).toBe(98_000); // (150 + 120 + 90 + 60 + 70) / 5 thousand
    expect(o.averageRepurchaseValue).toMatchObject({ numerator: 580_000, denominator: 3 });
    expect(o.repeatRevenueShare).toMatchObject({ numerator: 580_000, denominator: 1_070_000 });
    expect(o.daysBetweenOrders).toEqual({ mean: 109 / 3, median: 36, pairs: 3 }); // 36 and 33 days for A, 40 for B
    expect(o.historicalClv).toEqual({ mean: 214_000, median: 90_000, customers: 5 });

    expect(o.pareto).toMatchObject({ topCount: 1, customers: 5, share: { numerator: 650_000, denominator: 1_070_000 } });
    expect(o.pareto.top[0]).toMatchObject({ contactId: s.contact(A), revenue: 650_000, occasions: 3, segment: 'potential' });
    expect(o.pareto.curve.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 });
    expect(o.pareto.gini).toBeGreaterThan(0);

    expect(o.cohorts.map((c) => [c.cohort, c.size, c.retention, c.cumulative])).toEqual([
      ['2026-01', 2, [0.5, 1], [0.5, 1]],
      ['2026-02', 2, [0], [0]],
      ['2026-03', 1, [], []],
    ]);
  });

  it('filters by date range and segment, and exports every table as CSV', async () => {
    const s = await seeded();
    const march = (await s.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview?from=2026-03-01&to=2026-03-31')).body;
    expect(march.purchaseFrequency).toMatchObject({ numerator: 3, denominator: 3 });
    expect(march.periods.map((p) => p.period)).toEqual(['2026-03']);
    const hibernating = (await s.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview?segment=hibernating&to=2026-03-31')).body;
    expect(hibernating.purchaseFrequency).toMatchObject({ numerator: 2, denominator: 2 }); // C and F

    // A source filter reads the shop as if it sold only there: C's first CSV order is a first purchase.
    await upsertOrders(s.ctx, 'csv', null, [order(C, '2026-03-10T03:00:00Z', 40_000)]);
    await refreshAnalytics(s.ctx, 'test', { now: new Date('2026-04-01T05:00:00Z') });
    const fromCsv = (await s.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview?source=csv&to=2026-03-31')).body;
    expect(fromCsv.periods.map((p) => [p.period, p.customers, p.returningShare.numerator, p.revenue])).toEqual([['2026-03', 1, 0, 40_000]]);
    expect(fromCsv.repeatCustomerRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(fromCsv.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2026-03', 1]]);
    const all = (await s.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview?to=2026-03-31')).body;
    expect(all.repeatCustomerRate).toMatchObject({ numerator: 3, denominator: 5 }); // C bought again (from CSV)
    expect(all.periods.at(-1)).toMatchObject({ period: '2026-03', customers: 4, returningShare: { numerator: 3 } });

    const csv = await t.careloop.app.request('/api/v1/analytics/overview/periods.csv?to=2026-03-31', { headers: { cookie: s.owner.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toMatch(/^period,customers,repeat_rate_pct/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2026-01', '2026-02', '2026-03']);
    expect((await s.owner.get('/api/v1/analytics/overview/nothing.csv')).status).toBe(404);
  });
});

describe('segments, VIPs and the sidebar', () => {
  it('scores RFM with ties shared, names segments and marks the top 20 % as VIP', async () => {
    const s = await seeded();
    const customers = (await s.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers?sort=revenue')).body;
    const of = (phone: string) => customers.find((c) => c.contactId === s.contact(phone))!;
    // Days since the last purchase on 1 April: A 17, B 31, C 46, D 29, F 59 → R = 5, 3, 2, 4, 1.
    expect([A, B, C, D, F].map((p) => [of(p).rfm.r, of(p).rfm.f, of(p).segment])).toEqual([
      [5, 3, 'potential'], [3, 2, 'about_to_sleep'], [2, 1, 'hibernating'], [4, 1, 'promising'], [1, 1, 'hibernating'],
    ]);
    expect(customers.filter((c) => c.vip).map((c) => c.contactId)).toEqual([s.contact(A)]);
    // Too little data for a model: heuristic risk against the median gap (40 days), low confidence.
    expect([A, B, C, D, F].map((p) => of(p).riskBand)).toEqual(['low', 'low', 'medium', 'low', 'medium']);
    expect(of(A)).toMatchObject({ lowConfidence: true, pAlive: null, expectedNextOrderOn: '2026-04-19' });

    const csv = await t.careloop.app.request('/api/v1/analytics/customers.csv?sort=revenue', { headers: { cookie: s.owner.cookie } });
    const rows = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer())).trim().split('\r\n');
    expect(rows).toHaveLength(6); // header + every customer
    expect(rows[1]).toContain(s.contact(A));

    const segments = (await s.owner.get<SegmentCountDto[]>('/api/v1/analytics/segments')).body;
    expect(segments.find((x) => x.segment === 'hibernating')).toMatchObject({ customers: 2, revenue: 160_000 });
    expect(segments).toHaveLength(10);

    const agent = await t.addAgent(s.owner, 'agent');
    const sidebar = (await agent.get<ContactAnalyticsDto>(`/api/v1/analytics/contacts/${s.contact(A)}`)).body;
    expect(sidebar).toMatchObject({ currency: 'VND', customer: { segment: 'potential', vip: true, occasions: 3, revenue: 650_000 } });
    expect((await agent.get(`/api/v1/analytics/contacts/${s.contact(E)}`)).body).toMatchObject({ customer: null });
    expect((await agent.get('/api/v1/analytics/overview')).status).toBe(403);
    expect((await agent.post('/api/v1/analytics/refresh')).status).toBe(403);
  });
});

describe('refresh runs', () => {
  it('runs one refresh at a time per workspace and reports it', async () => {
    const s = await seeded();
    const running = await startRefresh(s.ctx, 'test');
    const second = await s.owner.post('/api/v1/analytics/refresh');
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    const predictions = (await s.owner.get<PredictionsDto>('/api/v1/analytics/predictions')).body;
    expect(predictions.run).toMatchObject({ id: running.id, status: 'running' });
    expect(predictions.model).toBeNull();
    expect(predictions.settings).toMatchObject({ currency: 'VND', horizonDays: 365, model: 'auto' });
  });

  it('refreshes nightly, and at once when the derived rows were lost (unlogged tables after a crash)', async () => {
    const s = await seeded();
    const runs = async () => (await t.deps.db.selectFrom('analytics_runs').select('id').where('workspace_id', '=', s.workspaceId).execute()).length;
    expect(await runs()).toBe(1);
    await refreshIfDue(s.ctx);
    expect(await runs()).toBe(1); // refreshed less than a day ago
    await refreshIfDue(s.ctx, new Date(Date.now() + 86_400_000));
    expect(await runs()).toBe(2);
    await t.deps.db.deleteFrom('analytics_customers').where('workspace_id', '=', s.workspaceId).execute();
    await refreshIfDue(s.ctx);
    expect(await runs()).toBe(3);
    expect((await s.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers')).body).toHaveLength(5);
  });

  it('keeps the currency honest: a GBP shop is analysed in GBP', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    await upsertOrders(ctx, 'csv', null, [order(A, '2026-01-05T03:00:00Z', 1_999, { currency: 'GBP' }), order(A, '2026-02-05T03:00:00Z', 2_500, { currency: 'GBP' }), order(B, '2026-02-05T03:00:00Z', 100_000)]);
    await refreshAnalytics(ctx, 'test', { now: new Date('2026-03-01T00:00:00Z') });
    const o = (await ws.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview')).body;
    expect(o).toMatchObject({ currency: 'GBP', excludedOtherCurrency: 1, historicalClv: { mean: 4_499 } });
  });
});
