import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';
import { generateShopifyCsv } from '../server/src/commerce/csv/fixtures/generate.ts';

/**
 * Retention analytics against the real server: a Shopify order export is imported, the import
 * triggers the analytics refresh (the worker's subscriber), and a supervisor reads the figures,
 * the segments and refreshes them again with live progress.
 */
const session = browserSession('analytics');
const api = session.api;

async function csv(lines: number): Promise<string> {
  let text = '';
  for await (const chunk of generateShopifyCsv(lines, 11)) text += chunk;
  return text;
}

describe('retention analytics in the console', () => {
  let owner: Page;
  const problems: string[] = [];

  it('an order import refreshes analytics by itself', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    await session.setUpShop(owner);
    const me = await (await owner.request.get(`${session.server.url}/api/v1/me`)).json();
    const imported = await owner.request.post(`${session.server.url}/api/v1/commerce/imports?preset=shopify`, {
      data: await csv(400), headers: { 'content-type': 'text/csv', 'x-csrf-token': me.csrfToken },
    });
    expect(imported.status()).toBe(201);
    expect((await imported.json()).accepted).toBeGreaterThan(100);
    await expect.poll(async () => (await api(owner, 'GET', '/api/v1/analytics/predictions')).run?.status, { timeout: 60_000, interval: 500 }).toBe('done');
  });

  it('shows the figures the server computed, with their definitions', async () => {
    const overview = await api(owner, 'GET', '/api/v1/analytics/overview?period=month');
    expect(overview.repeatCustomerRate.denominator).toBeGreaterThan(50);
    await owner.goto(`${session.server.url}/analytics`);
    await owner.getByText('Tỷ lệ mua lại', { exact: true }).first().waitFor({ timeout: 15_000 });
    const { numerator, denominator } = overview.repeatCustomerRate;
    await owner.getByText(`${numerator} khách mua lại / ${denominator} khách`).first().waitFor();
    await owner.getByText('Giữ chân theo nhóm tháng mua đầu').first().waitFor();
    await screenshot(owner, 'analytics-overview');

    await owner.getByRole('tab', { name: 'Nhóm khách & danh sách' }).click();
    const customers = await api(owner, 'GET', '/api/v1/analytics/customers?sort=revenue&limit=5');
    await owner.getByText(customers[0].name).first().waitFor({ timeout: 10_000 });
    await screenshot(owner, 'analytics-segments');

    await owner.getByRole('tab', { name: 'Chăm sóc → mua lại' }).click();
    await owner.getByTestId('impact-recovery').waitFor({ timeout: 10_000 });
    await owner.getByText('Tỷ lệ cứu vãn sau khiếu nại').first().waitFor();
  });

  it('refreshes on demand with live progress', async () => {
    const before = (await api(owner, 'GET', '/api/v1/analytics/predictions')).run.id;
    await owner.getByRole('tab', { name: 'Tổng quan' }).click();
    await owner.getByRole('button', { name: 'Làm mới số liệu' }).click();
    await expect.poll(async () => {
      const run = (await api(owner, 'GET', '/api/v1/analytics/predictions')).run;
      return run.id !== before && run.status;
    }, { timeout: 60_000, interval: 500 }).toBe('done');
    await owner.getByRole('button', { name: 'Làm mới số liệu' }).waitFor();
  });

  it('an admin changes the gross margin and a product-cycle threshold in the analytics settings', async () => {
    await owner.goto(`${session.server.url}/settings/analytics`);
    const margin = owner.getByTestId('analytics-margin');
    await margin.waitFor({ timeout: 15_000 });
    await margin.fill('35');
    await owner.getByTestId('analytics-cycle-min-customers').fill('12');
    await owner.getByTestId('analytics-settings-save').click();
    await expect.poll(async () => (await api(owner, 'GET', '/api/v1/analytics/settings')).grossMarginPct, { timeout: 10_000 }).toBe(35);
    expect((await api(owner, 'GET', '/api/v1/analytics/settings')).productCycles).toEqual({ minGaps: 30, minCustomers: 12, maxSpread: 1 });
    // Saved: the draft is gone, so there is nothing to save until the next edit.
    await expect.poll(() => owner.getByTestId('analytics-settings-save').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });
});
