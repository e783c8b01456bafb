import { createHmac, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Making it right with authority: an agent opens a conversation whose customer has orders, gives a
 * voucher within their limit, asks for a refund above it; a supervisor in another browser approves;
 * the agent sees the approval arrive without reloading.
 */
const session = browserSession('mir');
const newPage = session.newPage;
const api = session.api;

async function join(owner: Page, role: 'agent' | 'supervisor', email: string, name: string): Promise<Page> {
  const invitation = await api(owner, 'POST', '/api/v1/invitations', { email, role });
  const page = await newPage();
  const token = new URL(invitation.acceptUrl).searchParams.get('token');
  const accepted = await page.request.post(`${session.server.url}/api/v1/invitations/accept`, { data: { token, name, password: 'một mật khẩu đủ dài' } });
  expect(accepted.status()).toBe(200);
  return page;
}

describe('making it right, with authority', () => {
  let owner: Page;
  let minh: Page;
  let hung: Page;
  let conversationId = '';
  const problems: string[] = [];

  it('a complaining customer whose order came in by Shopify webhook', async () => {
    owner = await newPage();
    await session.setUpShop(owner);
    const [inbox] = await api(owner, 'GET', '/api/v1/inboxes');

    // The customer writes in the chat and gives her phone.
    const widget = { 'x-careloop-inbox': inbox.widgetToken };
    const visit = await (await owner.request.post(`${session.server.url}/api/widget/session`, { headers: widget, data: { name: 'Phạm Thu Hà', phone: '0912 345 678' } })).json();
    const said = await owner.request.post(`${session.server.url}/api/widget/messages`, {
      headers: { ...widget, authorization: `Bearer ${visit.visitorToken}` }, data: { body: 'Đơn #1001 giao trễ cả tuần, hàng còn bị móp. Tôi rất thất vọng!' },
    });
    expect(said.status()).toBe(201);

    // Her order arrives from the shop, signed as Shopify signs it.
    const shop = await api(owner, 'POST', '/api/v1/commerce/connections', { platform: 'shopify', name: 'Hoa Mai trên Shopify' });
    const body = JSON.stringify({
      id: 5123456789012345678, name: '#1001', email: 'ha.pham@example.vn', phone: '+84912345678', currency: 'VND',
      created_at: '2026-11-20T09:30:00+07:00', updated_at: '2026-11-21T08:00:00+07:00', financial_status: 'paid', fulfillment_status: 'fulfilled',
      total_price: '450000.00', subtotal_price: '420000.00', total_discounts: '0.00',
      customer: { id: 7001, first_name: 'Hà', last_name: 'Phạm Thu', phone: '+84912345678', email: 'ha.pham@example.vn' },
      shipping_address: { name: 'Phạm Thu Hà', phone: '0912345678', address1: '12 Lý Tự Trọng', ward: 'Phường Bến Nghé', district: 'Quận 1', province: 'Hồ Chí Minh', country_code: 'VN' },
      line_items: [{ id: 1, sku: 'BINH-01', title: 'Bình gốm Bát Tràng', quantity: 1, price: '420000.00' }],
      fulfillments: [{ id: 1, status: 'success', tracking_number: 'GHN123456', tracking_company: 'GHN', tracking_url: 'https://donhang.ghn.vn/?order_code=GHN123456', created_at: '2026-11-21T08:00:00+07:00' }],
    });
    const hook = await fetch(shop.webhookUrl, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': randomUUID(), 'x-shopify-hmac-sha256': createHmac('sha256', shop.webhookSecret).update(body).digest('base64') },
    });
    expect(hook.status).toBe(200);
    const conversations = await api(owner, 'GET', '/api/v1/conversations?view=all');
    conversationId = conversations.items[0].id;
  });

  it('the agent sees the order beside the conversation and gives a voucher within her authority', async () => {
    minh = await join(owner, 'agent', 'minh@hoamai.vn', 'Trần Văn Minh');
    hung = await join(owner, 'supervisor', 'hung@hoamai.vn', 'Lê Quốc Hùng');
    problems.push(...watchForScript(minh), ...watchForScript(hung));
    await minh.goto(`${session.server.url}/conversations/${conversationId}`);
    const order = minh.getByTestId('orders-panel').getByTestId('order-row').filter({ hasText: '1001' });
    await order.waitFor({ timeout: 15_000 });
    expect(await order.textContent()).toContain('450.000');

    await minh.getByTestId('compensate-button').click();
    await minh.getByTestId('compensation-modal').waitFor();
    await minh.getByTestId('compensation-kind-voucher').click();
    await expect.poll(() => minh.getByTestId('compensation-cost').getAttribute('data-cost')).toBe('45000'); // 10 % of 450.000 ₫
    expect(await minh.getByTestId('compensation-needs-approval').count()).toBe(0);
    await minh.getByTestId('compensation-submit').click();
    const voucher = minh.getByTestId('ledger-entry').and(minh.locator('[data-kind=voucher]'));
    await voucher.waitFor({ timeout: 10_000 });
    expect(await voucher.getByTestId('voucher-code').textContent()).toMatch(/[A-Z0-9-]{8,}/);
    await screenshot(minh, 'compensation-voucher');
  });

  it('a refund above her limit becomes an approval request that a supervisor approves live', async () => {
    await minh.getByTestId('compensate-button').click();
    await minh.getByTestId('compensation-kind-refund').click();
    await minh.getByTestId('compensation-refund-amount').fill('400000');
    await minh.getByTestId('compensation-needs-approval').waitFor();
    await minh.getByTestId('compensation-submit').click();
    const status = minh.getByTestId('compensation-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');

    await hung.goto(`${session.server.url}/approvals`);
    const request = hung.getByTestId('approval-row').and(hung.locator('[data-status=pending]'));
    await request.waitFor({ timeout: 10_000 });
    expect(await request.textContent()).toContain('400.000');
    await screenshot(hung, 'approval-request');
    await request.getByTestId('approve-button').click();

    // No reload on the agent's side: the decision arrives over the socket.
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('approved');
    await minh.getByTestId('ledger-entry').and(minh.locator('[data-kind=refund]')).waitFor({ timeout: 10_000 });
    await screenshot(minh, 'compensation-approved');
    expect(problems).toEqual([]);
  });

  it('a duplicate contact with the same phone is offered for merging, with the orders following', async () => {
    const duplicate = await api(owner, 'POST', '/api/v1/contacts', { name: 'Chị Hà (Zalo)', phone: '+84 912 345 678' });
    await hung.goto(`${session.server.url}/contacts/${duplicate.id}`);
    const offer = hung.getByTestId('merge-offer');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.textContent()).toContain('Phạm Thu Hà');
    await offer.getByTestId('merge-offer-open').click();
    await hung.getByTestId('merge-confirm').click();
    await expect.poll(() => hung.getByTestId('merge-offer').count(), { timeout: 10_000 }).toBe(0);
    await hung.getByTestId('orders-panel').getByTestId('order-row').filter({ hasText: '1001' }).waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
  });
});

