import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Service reports in real Chromium (issue 8 §3): two web-chat customers write, the owner answers both
 * a few seconds later and resolves one, a phone call is logged; the reports show the volume and the
 * first-response median, switch between business and calendar hours, filter by channel, and the CSV
 * export of the filtered conversations downloads with its header row. An agent sees only their own.
 */
const session = browserSession('reports');
const api = session.api;

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** "2 giây" as the console writes a duration under a minute in Vietnamese. */
const seconds = (s: number) => `${Math.round(s)} giây`;

async function visitorWrites(owner: Page, name: string, body: string): Promise<string> {
  const inboxes = await api(owner, 'GET', '/api/v1/inboxes');
  const inbox = inboxes.find((i: { channel: string }) => i.channel === 'web_chat');
  const widget = { 'x-careloop-inbox': inbox.widgetToken };
  const visit = await (await owner.request.post(`${session.server.url}/api/widget/session`, { headers: widget, data: { name } })).json();
  const said = await owner.request.post(`${session.server.url}/api/widget/messages`, { headers: { ...widget, authorization: `Bearer ${visit.visitorToken}` }, data: { body } });
  expect(said.status()).toBe(201);
  const list = await api(owner, 'GET', '/api/v1/conversations?status=any&limit=100');
  return list.items.find((c: { contact: { name: string } }) => c.contact.name === name).id;
}

describe('service reports in the console', () => {
  let owner: Page;
  const problems: string[] = [];

  it('a shop with a few conversations: two web chats answered, one resolved, one phone call', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    await session.setUpShop(owner);
    // Open one hour on a weekday three days from now: business time during the test is nil, calendar time is not.
    const weekday = (new Date(Date.now() + 7 * 3_600_000).getUTCDay() + 3) % 7;
    const settings = await api(owner, 'GET', '/api/v1/sla/settings');
    await api(owner, 'PUT', '/api/v1/sla/settings', { ...settings, businessHours: { ...settings.businessHours, alwaysOpen: false, week: [{ day: weekday, open: '08:00', close: '09:00' }] } });

    const first = await visitorWrites(owner, 'Phạm Thu Hà', 'Shop ơi, đơn của em bao giờ giao ạ?');
    const second = await visitorWrites(owner, 'Lê Văn Nam', 'Cho mình hỏi size áo M còn không?');
    await owner.waitForTimeout(2500);
    for (const id of [first, second]) await api(owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'Dạ shop kiểm tra ngay ạ', force: true });
    const fresh = await api(owner, 'GET', `/api/v1/conversations/${first}`);
    await api(owner, 'PATCH', `/api/v1/conversations/${first}`, { version: fresh.version, status: 'resolved' });

    await api(owner, 'POST', '/api/v1/inboxes', { name: 'Hotline', channel: 'phone', phone: { displayNumber: '028 3822 1234' } });
    await api(owner, 'POST', '/api/v1/calls', { phone: '0912 345 678', direction: 'inbound', startedAt: new Date(Date.now() - 60_000).toISOString(), durationSeconds: 95, answered: true });
  });

  it('shows the volume and the first-response median, in business and in calendar hours', async () => {
    const s = await api(owner, 'GET', '/api/v1/reports/summary');
    expect(s.totals.conversations).toBe(3);
    expect(s.firstResponse.count).toBe(2);
    expect(s.firstResponse.median).toBeGreaterThanOrEqual(2);
    expect(s.firstResponse.businessMedian).toBe(0);

    await owner.goto(`${session.server.url}/inbox`);
    await owner.getByTestId('reports-link').click();
    await owner.getByTestId('reports-page').waitFor();
    await expect.poll(() => owner.getByTestId('report-kpi-conversations-value').textContent(), { timeout: 15_000 }).toBe('3');
    expect(await owner.getByTestId('report-kpi-firstResponse-value').textContent()).toBe('0 giây');
    expect(await owner.getByTestId('report-kpi-firstResponse-detail').textContent()).toContain('2 lần đo · Giờ làm việc');
    expect(await owner.getByTestId('backlog-total-value').textContent()).toBe('2');
    await owner.getByTestId('heatmap-table').waitFor();
    expect(await owner.getByTestId('heatmap-row').count()).toBe(7);
    await owner.waitForTimeout(1600); // the charts' entry animation
    await screenshot(owner, 'reports-overview');

    await owner.getByTestId('reports-hours').getByText('Giờ lịch').click();
    await expect.poll(() => owner.getByTestId('report-kpi-firstResponse-value').textContent()).toBe(seconds(s.firstResponse.median));
    expect(new URL(owner.url()).searchParams.get('hours')).toBe('calendar');
    expect(await owner.getByTestId('report-kpi-firstResponse-detail').textContent()).toContain('Giờ lịch');
  });

  it('filters by channel, and the link keeps the filters', async () => {
    await owner.getByTestId('reports-channel').click();
    await owner.getByRole('option', { name: 'Điện thoại' }).click();
    await expect.poll(() => owner.getByTestId('report-kpi-conversations-value').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await owner.getByTestId('report-kpi-firstResponse-value').textContent()).toBe('—');

    await owner.getByTestId('reports-channel').click();
    await owner.getByRole('option', { name: 'Chat trên web' }).click();
    await expect.poll(() => owner.getByTestId('report-kpi-conversations-value').textContent(), { timeout: 10_000 }).toBe('2');
    const url = new URL(owner.url());
    expect(url.searchParams.get('channel')).toBe('web_chat');

    // The same address in a fresh tab shows the same view.
    const again = await owner.context().newPage();
    await again.goto(url.toString());
    await expect.poll(() => again.getByTestId('report-kpi-conversations-value').textContent(), { timeout: 15_000 }).toBe('2');
    const web = await api(owner, 'GET', '/api/v1/reports/summary?channel=web_chat');
    expect(await again.getByTestId('report-kpi-firstResponse-value').textContent()).toBe(seconds(web.firstResponse.median));
    await again.close();
  });

  it('downloads the row-level CSV for the current filters', async () => {
    const href = await owner.getByTestId('reports-export').getAttribute('href');
    expect(href).toContain('channel=web_chat');
    expect(href).toContain('lang=vi');
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('reports-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^careloop-conversations-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    const [header, ...data] = rows;
    expect(header!.slice(0, 4)).toEqual(['Số hội thoại', 'Mã hội thoại', 'Mở lúc', 'Kênh']);
    expect(header).toContain('Phản hồi tiếp, trung vị (giây)');
    expect(header).toHaveLength(24);
    expect(data).toHaveLength(2);
    for (const row of data) {
      expect(row).toHaveLength(24);
      expect(row[3]).toBe('Chat trên website');
    }
    const status = header!.indexOf('Trạng thái');
    expect(data.map((r) => r[status]).sort()).toEqual(['Đang mở', 'Đã xử lý']);
  });

  it('the agents table and repeat contacts', async () => {
    await owner.getByTestId('reports-tab-agents').click();
    const row = owner.getByTestId('agent-row').filter({ hasText: 'Nguyễn Thị Lan' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('agent-handled').textContent()).toBe('2');
    await owner.getByTestId('agents-sort-name').click();
    expect(await owner.getByTestId('agents-table').getAttribute('data-sort')).toBe('name:asc');
    await owner.getByTestId('reports-tab-repeats').click();
    await owner.getByTestId('repeats-empty').waitFor({ timeout: 10_000 });
    await screenshot(owner, 'reports-repeats');
  });

  it('an agent sees their own figures, with no export', async () => {
    const invitation = await api(owner, 'POST', '/api/v1/invitations', { email: 'minh@hoamai.vn', role: 'agent' });
    const agent = await session.newPage();
    problems.push(...watchForScript(agent));
    const accepted = await agent.request.post(`${session.server.url}/api/v1/invitations/accept`, {
      data: { token: new URL(invitation.acceptUrl).searchParams.get('token'), name: 'Trần Văn Minh', password: 'một mật khẩu khác' },
    });
    expect(accepted.status()).toBe(200);
    await agent.goto(`${session.server.url}/reports`);
    await expect.poll(() => agent.getByTestId('report-kpi-conversations-value').textContent(), { timeout: 15_000 }).toBe('0');
    expect(await agent.getByTestId('reports-export').count()).toBe(0);
    expect(await agent.getByTestId('reports-agent').count()).toBe(0);
    expect(await agent.getByTestId('reports-tab-agents').textContent()).toBe('Hiệu suất của tôi');
    await agent.getByTestId('reports-empty').waitFor();
    expect(problems).toEqual([]);
  });
});
