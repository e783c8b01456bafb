import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { startFakeShopApi } from '../test/fakes/shop-api.ts';
import { connectShop, deliver, shopifyOrderJson } from '../test/shops.ts';
import { backfillDone } from './backfill.ts';
import { importOrdersCsv } from './imports.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

type Owner = Awaited<ReturnType<TestApp['workspace']>>['owner'];
const findContact = async (owner: Owner, q: string) => (await owner.get(`/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.items[0];

const shopifyCsv = [
  'Email,Name,Financial Status,Fulfillment Status,Total,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Phone,Shipping Province',
  'hoa@example.vn,#2001,paid,fulfilled,"350000.00",VND,2026-10-01 09:00:00 +0700,1,Áo thun,200000.00,Lê Thị Hoa,0901234567,Hà Nội',
  ',#2001,,,,,,1,Quần jean,150000.00,,,',
  'binh@example.vn,#2002,pending,,"120000",VND,2026-10-02 10:00:00 +0700,2,Tất,60000,Phạm Văn Bình,01214567890,Đà Nẵng',
  ',,paid,,abc,VND,not a date,1,Lỗi,1,,,',
].join('\r\n');

async function* chunks(text: string) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += 37) yield bytes.subarray(i, i + 37);
}

describe('orders beside the conversation', () => {
  it('pages a contact\'s orders newest first with lifetime spend, and offers a merge when a chat contact shares the phone', async () => {
    const { owner, workspaceId, inbox } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    for (let i = 0; i < 25; i++) {
      const day = String(1 + i).padStart(2, '0');
      await deliver(t, shop, 'orders/create', shopifyOrderJson({ id: 3000 + i, phone: '0909876543', total: '100000.00', financial: i === 0 ? 'refunded' : 'paid', createdAt: `2026-10-${day}T08:00:00+07:00` }));
    }
    const orderContact = await findContact(owner, '0909876543');
    const first = (await owner.get(`/api/v1/commerce/contacts/${orderContact.id}/orders?limit=20`)).body;
    expect(first.orderCount).toBe(25);
    expect(first.lifetimeSpend).toBe(24 * 100000);
    expect(first.orders).toHaveLength(20);
    expect(first.orders[0].placedAt > first.orders[19].placedAt).toBe(true);
    const second = (await owner.get(`/api/v1/commerce/contacts/${orderContact.id}/orders?limit=20&cursor=${first.nextCursor}`)).body;
    expect(second.orders).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.orders, ...second.orders].map((o: { id: string }) => o.id)).size).toBe(25);

    // A chat contact created by an agent with the same phone: both sidebars offer the merge.
    const chat = await owner.post('/api/v1/contacts', { name: 'Chị Mai', phone: '+84 909 876 543' });
    expect(chat.status).toBe(201);
    const sidebar = (await owner.get(`/api/v1/commerce/contacts/${chat.body.id}/orders`)).body;
    expect(sidebar.mergeSuggestions).toEqual([expect.objectContaining({ contactId: orderContact.id, orderCount: 25, matchedBy: 'phone' })]);
    const merged = await owner.post('/api/v1/contacts/merge', { survivorId: chat.body.id, mergedId: orderContact.id });
    expect(merged.status).toBe(200);
    const after = (await owner.get(`/api/v1/commerce/contacts/${chat.body.id}/orders`)).body;
    expect(after.orderCount).toBe(25);
    expect(after.mergeSuggestions).toEqual([]);
    expect(workspaceId && inbox).toBeTruthy();
  });

  it('answers "where is my order?" in the widget only for the right number and phone, and rate limits guesses', async () => {
    const { owner, inbox } = await t.workspace();
    const shop = await connectShop(owner, 'shopify');
    await deliver(t, shop, 'orders/fulfilled', shopifyOrderJson({ id: 4001, name: '#4001', phone: '0912000111', fulfillment: 'fulfilled', tracking: 'GHN4001' }));
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start({});
    const hit = await visitor.send('POST', '/orders/lookup', { orderNumber: '4001', phone: '+84 912 000 111' });
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ number: '#4001', deliveryState: 'shipped', trackingNumber: 'GHN4001', total: 450000 });
    expect(hit.body).not.toHaveProperty('email');
    expect(hit.body).not.toHaveProperty('shippingAddress');
    const wrongPhone = await visitor.send('POST', '/orders/lookup', { orderNumber: '#4001', phone: '0912000112' });
    const unknown = await visitor.send('POST', '/orders/lookup', { orderNumber: '9999', phone: '0912000111' });
    expect(wrongPhone.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrongPhone.body).toEqual(unknown.body);
    let limited = 0;
    for (let i = 0; i < 5; i++) if ((await visitor.send('POST', '/orders/lookup', { orderNumber: `${i}`, phone: '0912000111' })).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });

  it('backfills Shopify and Haravan history through their REST APIs, page by page, through a rate limit', async () => {
    for (const platform of ['shopify', 'haravan'] as const) {
      const fake = await startFakeShopApi({ platform, orders: 120, token: 'secret-token' });
      try {
        const { owner } = await t.workspace();
        const shop = await connectShop(owner, platform, { baseUrl: fake.url, accessToken: 'secret-token' });
        fake.failNext(429, 1, '0.01');
        const started = await owner.post(`/api/v1/commerce/connections/${shop.id}/backfill`);
        expect(started.status).toBe(202);
        await backfillDone(shop.id);
        const [after] = (await owner.get('/api/v1/commerce/connections')).body;
        expect(after.backfill).toMatchObject({ status: 'done', imported: 120, error: null });
        // The 429 was waited out and retried; Haravan's 50-order pages need three more.
        expect(fake.requests.filter((r) => r.path.includes('orders')).length).toBeGreaterThanOrEqual(platform === 'haravan' ? 4 : 2);
        // A second run over the same history changes nothing.
        await owner.post(`/api/v1/commerce/connections/${shop.id}/backfill`);
        await backfillDone(shop.id);
      } finally {
        await fake.close();
      }
    }
  });

  it('reports a wrong token as a failed backfill instead of crashing', async () => {
    const fake = await startFakeShopApi({ platform: 'shopify', orders: 5, token: 'right' });
    try {
      const { owner } = await t.workspace();
      const shop = await connectShop(owner, 'shopify', { baseUrl: fake.url, accessToken: 'wrong' });
      await owner.post(`/api/v1/commerce/connections/${shop.id}/backfill`);
      await backfillDone(shop.id);
      const [after] = (await owner.get('/api/v1/commerce/connections')).body;
      expect(after.backfill.status).toBe('failed');
      expect(after.backfill.error).toBeTruthy();
    } finally {
      await fake.close();
    }
  });
});

describe('CSV order import', () => {
  it('dry-runs, then imports a Shopify export once (multi-row orders, old phones, a bad row), idempotently', async () => {
    const { owner, workspaceId } = await t.workspace();
    const dry = await t.request('POST', '/api/v1/commerce/imports?dryRun=true&fileName=orders.csv', {
      body: shopifyCsv, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'text/csv' },
    });
    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({ dryRun: true, status: 'done', accepted: 2, rejected: 1 });
    expect(dry.body.rejections[0].lines[0]).toBe(5);
    expect(await findContact(owner, '0901234567')).toBeUndefined();

    const ctx = systemCtx(t.deps, workspaceId);
    const real = await importOrdersCsv({ ...ctx, actor: { type: 'cli' } }, chunks(shopifyCsv), { dryRun: false });
    expect(real).toMatchObject({ status: 'done', accepted: 2, rejected: 1 });
    const again = await importOrdersCsv({ ...ctx, actor: { type: 'cli' } }, chunks(shopifyCsv), { dryRun: false });
    expect(again.accepted).toBe(2);

    const hoa = await findContact(owner, '0901234567');
    const orders = (await owner.get(`/api/v1/commerce/contacts/${hoa.id}/orders`)).body;
    expect(orders.orderCount).toBe(1);
    expect(orders.orders[0]).toMatchObject({ number: '#2001', total: 350000, itemCount: 2 });
    expect(orders.orders[0].lines.map((l: { title: string }) => l.title)).toEqual(['Áo thun', 'Quần jean']);
    const binh = await findContact(owner, '0794567890'); // 0121 → 079 (MobiFone, 2018)
    expect(binh?.name).toBe('Phạm Văn Bình');
    const list = (await owner.get('/api/v1/commerce/imports')).body;
    expect(list).toHaveLength(3);
  });

  it('refuses imports from agents and a generic import without a mapping', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const denied = await t.request('POST', '/api/v1/commerce/imports', { body: shopifyCsv, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf } });
    expect(denied.status).toBe(403);
    const generic = await t.request('POST', '/api/v1/commerce/imports?preset=generic', { body: shopifyCsv, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
    expect(generic.status).toBe(400);
  });
});
