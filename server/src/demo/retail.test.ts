import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsOverviewDto, CustomerAnalyticsDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { loadRetailDemo } from './retail.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const file = (rows: string[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'careloop-uci-')), 'online_retail.csv');
  writeFileSync(path, ['invoice_no,customer_id,invoice_datetime,country,n_lines,invoice_total_gbp,is_cancellation', ...rows].join('\r\n') + '\r\n');
  return path;
};

describe('UCI Online Retail demo (the real file has this shape)', () => {
  it('imports invoices in GBP pence, leaves cancellations out of purchases and analyses in GBP', async () => {
    const ws = await t.workspace();
    const path = file([
      '536365,17850,2010-12-01 08:26:00,United Kingdom,7,139.12,0',
      '536366,17850,2010-12-01 08:28:00,United Kingdom,2,22.2,0', // same day: one occasion
      'C536379,17850,2010-12-02 09:41:00,United Kingdom,1,-27.5,1',
      '536520,17850,2011-01-10 12:43:00,United Kingdom,3,100,0',
      '536367,13047,2010-12-01 08:34:00,United Kingdom,12,278.73,0',
      '581587,12680,2011-03-27 23:50:00,France,15,249.45,0', // 23:50 in London (BST) is still 27 March there
    ]);
    const result = await loadRetailDemo(t.deps, ws.workspaceId, path);
    expect(result).toMatchObject({ invoices: 6, cancellations: 1, customers: 3, run: { status: 'done' } });

    const o = (await ws.owner.get<AnalyticsOverviewDto>('/api/v1/analytics/overview')).body;
    expect(o).toMatchObject({ currency: 'GBP', purchaseFrequency: { numerator: 4, denominator: 3 }, repeatCustomerRate: { numerator: 1, denominator: 3 } });
    const customers = (await ws.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers?sort=revenue')).body;
    expect(customers.map((c) => [c.name, c.revenue, c.occasions])).toEqual([
      ['UCI customer 17850 (United Kingdom)', 26_132, 2], // 139.12 + 22.20 + 100.00; the cancellation is not a purchase
      ['UCI customer 13047 (United Kingdom)', 27_873, 1],
      ['UCI customer 12680 (France)', 24_945, 1],
    ].sort((a, b) => (b[1] as number) - (a[1] as number)));
    // Loading twice changes nothing (orders are keyed by invoice number).
    expect((await loadRetailDemo(t.deps, ws.workspaceId, path)).customers).toBe(3);
    expect((await ws.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers')).body).toHaveLength(3);
  });

  it('refuses a file of another shape', async () => {
    const ws = await t.workspace();
    const path = join(mkdtempSync(join(tmpdir(), 'careloop-uci-')), 'other.csv');
    writeFileSync(path, 'Name,Email\n#1001,a@b.c\n');
    await expect(loadRetailDemo(t.deps, ws.workspaceId, path)).rejects.toThrow(/Not the UCI Online Retail invoice file/);
  });
});
