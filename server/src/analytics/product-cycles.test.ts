import type { AnalyticsSettings, ProductCyclesDto } from '@careloop/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder, OrderLine } from '../commerce/order.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { productKeyOf } from './product-keys.ts';
import { listProductRepurchaseDue, refreshAnalytics } from './service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const DAY = 86_400_000;
let seq = 0;
const line = (title: string, sku: string | null = null, quantity = 1): OrderLine => ({ externalId: null, productId: null, variantId: null, sku, title, quantity, price: 100_000 });
function order(phone: string, placedAt: Date, lines: OrderLine[], over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  const n = ++seq;
  return {
    externalId: `pc-${process.pid}-${n}`, orderNumber: `#${8000 + n}`, email: null, phone, customerName: `Khách ${phone.slice(-3)}`, customerExternalId: null,
    currency: 'VND', total: 100_000 * lines.length, subtotal: null, discount: null, shipping: null, refunded: null, paymentState: 'paid', fulfilmentState: 'fulfilled',
    cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: null, placedAt, cancelledAt: null, updatedAt: null,
    trackingNumber: null, carrier: null, trackingUrl: null, shippingAddress: null, lines, note: null, tags: [], ...over,
  };
}
const phone = (group: number, i: number) => `090${group}${String(i).padStart(6, '0')}`;
/** 10:00 in Hồ Chí Minh City on a day of 2026 (UTC+7), `d` days after 1 January. */
const at = (d: number) => new Date(Date.UTC(2026, 0, 1, 3) + d * DAY);
/** A customer's purchases of one product: first on `start`, then after each gap. */
const series = (who: string, start: number, gaps: number[], l: () => OrderLine) =>
  [start, ...gaps.map((_, k) => start + gaps.slice(0, k + 1).reduce((a, b) => a + b, 0))].map((d) => order(who, at(d), [l()]));

describe('product repurchase cycles (refresh step)', () => {
  it('detects regular products with their median gap, and leaves out irregular ones and those below the minimums', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const coffeeTitles = ['Cà Phê Sữa Đá 500g', 'CÀ PHÊ SỮA ĐÁ  500G', 'cà phê sữa đá 500g'];
    const orders: NormalizedOrder[] = [
      // Coffee (keyed by its folded title): 10 customers × gaps 29, 30, 31 → 30 gaps; quartiles 29 / 30 / 31.
      ...Array.from({ length: 10 }, (_, i) => series(phone(1, i), i, [29, 30, 31], () => line(coffeeTitles[(seq + i) % 3]!))).flat(),
      // A second order on the same day is the same purchase; a cancelled order is no purchase.
      order(phone(1, 0), new Date(at(0).getTime() + 5 * 3_600_000), [line('Cà phê sữa đá 500g')]),
      order(phone(1, 1), at(1 + 15), [line('Cà phê sữa đá 500g')], { cancelled: true, paymentState: 'voided' }),
      // Milk powder by SKU (titles vary): 10 customers × gaps 13, 14, 15, 14 → 40 gaps; the 10th, 20th and 30th are 13, 14, 14.
      ...Array.from({ length: 10 }, (_, i) => series(phone(2, i), 40 + i, [13, 14, 15, 14], () => line(i % 2 ? 'Sữa bột 900g' : 'Sữa bột 900g (hộp mới)', ' MILK-900 '))).flat(),
      // Scented candles: enough gaps and customers, but 5, 60 and 200 days apart: (200 − 5) / 60 > 1.
      ...Array.from({ length: 10 }, (_, i) => series(phone(3, i), i, [5, 60, 200], () => line('Nến thơm'))).flat(),
      // Green tea: 36 regular gaps but from 9 customers.
      ...Array.from({ length: 9 }, (_, i) => series(phone(4, i), i, [20, 20, 20, 20], () => line('Trà xanh'))).flat(),
      // Face wash: 12 customers but 24 gaps.
      ...Array.from({ length: 12 }, (_, i) => series(phone(5, i), i, [25, 25], () => line('Sữa rửa mặt'))).flat(),
      // Lines taken off an order (quantity 0) are not bought.
      ...Array.from({ length: 12 }, (_, i) => series(phone(6, i), i, [30, 30, 30], () => line('Quà tặng', null, 0))).flat(),
    ];
    await upsertOrders(ctx, 'shopify', null, orders);
    const run = await refreshAnalytics(ctx, 'test', { now: at(400) });
    expect(run.status).toBe('done');

    const cycles = (await ws.owner.get<ProductCyclesDto>('/api/v1/analytics/product-cycles')).body;
    expect(cycles.rule).toEqual({ minGaps: 30, minCustomers: 10, maxSpread: 1 });
    expect(cycles.refreshedAt).toBeTruthy();
    expect(cycles.items).toEqual([
      { productKey: 'sku:MILK-900', title: 'Sữa bột 900g', sku: 'MILK-900', cycleDays: 14, p25Days: 13, p75Days: 14, gaps: 40, customers: 10 },
      { productKey: 'title:ca phe sua da 500g', title: expect.any(String), sku: null, cycleDays: 30, p25Days: 29, p75Days: 31, gaps: 30, customers: 10 },
    ]);
    // The SQL folding is the TypeScript one: every spelling of the coffee is one product.
    expect(productKeyOf({ title: 'CÀ PHÊ SỮA ĐÁ  500G' })).toBe(cycles.items[1]!.productKey);
    expect(coffeeTitles).toContain(cycles.items[1]!.title);

    const csv = await t.careloop.app.request('/api/v1/analytics/product-cycles.csv', { headers: { cookie: ws.owner.cookie } });
    const rows = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer())).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('product_key,title,sku,cycle_days,p25_days,p75_days,customers,gaps');
    expect(rows[1]).toBe('sku:MILK-900,Sữa bột 900g,MILK-900,14,13,14,10,40');

    // Looser minimums (analytics settings) take in the green tea; a stricter spread drops nothing regular.
    const settings = (await ws.owner.get<AnalyticsSettings>('/api/v1/analytics/settings')).body;
    expect((await ws.owner.send('PUT', '/api/v1/analytics/settings', { ...settings, productCycles: { minGaps: 20, minCustomers: 9, maxSpread: 0.2 } })).status).toBe(200);
    await refreshAnalytics(ctx, 'test', { now: at(400) });
    const looser = (await ws.owner.get<ProductCyclesDto>('/api/v1/analytics/product-cycles')).body;
    expect(looser.items.map((p) => [p.productKey, p.cycleDays, p.customers])).toEqual([
      ['title:sua rua mat', 25, 12], ['sku:MILK-900', 14, 10], ['title:ca phe sua da 500g', 30, 10], ['title:tra xanh', 20, 9],
    ]);

    const supervisor = await t.addAgent(ws.owner, 'supervisor');
    expect((await supervisor.get('/api/v1/analytics/product-cycles')).status).toBe(200);
    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.get('/api/v1/analytics/product-cycles')).status).toBe(403);
    expect((await agent.get('/api/v1/analytics/product-cycles.csv')).status).toBe(403);
  });
});

describe('product repurchase due list', () => {
  it('lists customers a cycle after their last purchase, unless they bought it again or have likely lapsed', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const today = 300;
    const pet = () => line('Hạt cho mèo 2kg', 'CAT-2KG');
    // Twelve regular buyers every 30 days; each one's last purchase is `today − 30 + k` days for k = 0..11.
    const buyers = Array.from({ length: 12 }, (_, k) => series(phone(7, k), today - 120 + k, [30, 30, 30], pet));
    // Customer 12 bought 30 days ago and again 10 days ago: not due. Customer 13 bought 31 days ago (due yesterday).
    const again = series(phone(7, 12), today - 90, [30, 30, 20], pet);
    const yesterday = series(phone(7, 13), today - 91, [30, 30], pet);
    await upsertOrders(ctx, 'shopify', null, [...buyers.flat(), ...again, ...yesterday]);
    await refreshAnalytics(ctx, 'test', { now: at(today) });
    const cycles = (await ws.owner.get<ProductCyclesDto>('/api/v1/analytics/product-cycles')).body;
    expect(cycles.items.map((p) => [p.productKey, p.cycleDays])).toEqual([['sku:CAT-2KG', 30]]);

    const iso = (d: number) => at(d).toISOString().slice(0, 10);
    const due = await listProductRepurchaseDue(ctx, iso(today - 3), iso(today), 0.3);
    const contactOf = async (p: string) => (await sql<{ id: string }>`select id from contacts where workspace_id = ${ws.workspaceId} and phone = ${`+84${p.slice(1)}`}`.execute(t.deps.db)).rows[0]!.id;
    // Last purchases on today − 30 … today − 33 are due today … 3 days ago: customers 0 and 13; later ones are not due yet.
    expect(due.map((d) => [d.contact_id, d.due_on])).toEqual([
      [await contactOf(phone(7, 13)), iso(today - 1)],
      [await contactOf(phone(7, 0)), iso(today)],
    ]);
    const lastOrder = buyers[0]!.at(-1)!;
    expect(due[1]).toMatchObject({ product_key: 'sku:CAT-2KG', product_title: 'Hạt cho mèo 2kg', order_number: lastOrder.orderNumber });
    expect(due[1]!.order_id).toMatch(/^ord_/);

    // Bought again since the refresh: not due any more (orders after the last purchase are checked live).
    await upsertOrders(ctx, 'shopify', null, [order(phone(7, 13), at(today - 1), [line('Hạt cho mèo 2kg', 'CAT-2KG')])]);
    expect((await listProductRepurchaseDue(ctx, iso(today - 3), iso(today), 0.3)).map((d) => d.due_on)).toEqual([iso(today)]);
    // Likely lapsed (P(alive) below the rule's minimum): left out.
    await sql`update analytics_customers set p_alive = 0.1 where workspace_id = ${ws.workspaceId} and contact_id = ${await contactOf(phone(7, 0))}`.execute(t.deps.db);
    expect(await listProductRepurchaseDue(ctx, iso(today - 3), iso(today), 0.3)).toEqual([]);
    expect(await listProductRepurchaseDue(ctx, iso(today - 3), iso(today), 0.05)).toHaveLength(1);

    // A customer who also wrote in under a second phone: that contact's purchase after the refresh counts once merged,
    // and the next refresh reads both contacts' orders as one customer's.
    const [mergedFrom] = await upsertOrders(ctx, 'shopify', null, [order(phone(8, 0), at(today - 1), [line('Hạt cho mèo (túi 2kg)', 'CAT-2KG')])]);
    const survivor = await contactOf(phone(7, 0));
    expect((await ws.owner.post('/api/v1/contacts/merge', { survivorId: survivor, mergedId: mergedFrom!.contact_id })).status).toBe(200);
    expect(await listProductRepurchaseDue(ctx, iso(today - 3), iso(today), 0.05)).toEqual([]);
    await refreshAnalytics(ctx, 'test', { now: at(today) });
    const lastDays = await sql<{ contact_id: string; last_day: string }>`select contact_id, last_day::text as last_day from analytics_product_buyers
      where workspace_id = ${ws.workspaceId} and contact_id in (${survivor}, ${mergedFrom!.contact_id!})`.execute(t.deps.db);
    expect(lastDays.rows).toEqual([{ contact_id: survivor, last_day: iso(today - 1) }]);

    // Another workspace sees none of it.
    const other = await t.workspace();
    expect(await listProductRepurchaseDue(systemCtx(t.deps, other.workspaceId), iso(today - 3), iso(today), 0)).toEqual([]);
    expect((await other.owner.get<ProductCyclesDto>('/api/v1/analytics/product-cycles')).body.items).toEqual([]);
  });
});
