import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AnalyticsRunDto } from '@careloop/contracts';
import { defaultAnalyticsSettings } from '@careloop/contracts';
import { systemCtx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder } from '../commerce/order.ts';
import { parseCsvDate } from '../commerce/csv/dates.ts';
import { readAnalyticsSettings, refreshAnalytics, updateAnalyticsSettings } from '../analytics/service.ts';

/**
 * A real shop to explore analytics with: the UCI "Online Retail" invoices (a UK gift wholesaler,
 * Dec 2010 – Dec 2011, CC BY 4.0; retention spec §0.2). Amounts stay in GBP (pence), times are
 * read as Europe/London, cancellations (`C…` invoices) are imported as cancelled orders so they
 * never count as purchases. The data carries a customer number but no address or phone, so each
 * customer gets a placeholder email in the reserved `.invalid` domain (never deliverable) to link
 * their orders to one contact.
 */
/** Imported like any CSV export: source `csv`, the invoice number as the order reference. */
export const retailSource = 'csv';
const header = 'invoice_no,customer_id,invoice_datetime,country,n_lines,invoice_total_gbp,is_cancellation';

export interface RetailResult { invoices: number; cancellations: number; customers: number; run: AnalyticsRunDto }

export async function loadRetailDemo(deps: Deps, workspaceId: string, file: string): Promise<RetailResult> {
  const ctx = systemCtx(deps, workspaceId);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let first = true;
  let batch: NormalizedOrder[] = [];
  const customers = new Set<string>();
  let invoices = 0;
  let cancellations = 0;
  for await (const line of lines) {
    if (first) {
      if (line.replace(/^\uFEFF/, '').trim() !== header) throw new AppError('validation_failed', `Not the UCI Online Retail invoice file (expected the header ${header})`);
      first = false;
      continue;
    }
    if (!line.trim()) continue;
    const order = toOrder(line, invoices + 2);
    invoices++;
    if (order.cancelled) cancellations++;
    customers.add(order.customerExternalId!);
    batch.push(order);
    if (batch.length === 1000) {
      await upsertOrders(ctx, retailSource, null, batch, { bulk: true });
      batch = [];
    }
  }
  if (first) throw new AppError('validation_failed', 'The file is empty');
  await upsertOrders(ctx, retailSource, null, batch, { bulk: true });
  const settings = await readAnalyticsSettings(ctx);
  if (settings.currency !== 'GBP') await updateAnalyticsSettings(ctx, { ...defaultAnalyticsSettings, ...settings, currency: 'GBP' });
  const run = await refreshAnalytics(ctx, 'demo');
  return { invoices, cancellations, customers: customers.size, run };
}

function toOrder(line: string, lineNo: number): NormalizedOrder {
  const [invoice, customerId, datetime, country, , total, cancellation] = line.split(',');
  const placed = datetime ? parseCsvDate(datetime, 'Europe/London') : null;
  const pounds = Number(total);
  if (!invoice || !customerId || !/^\d+$/.test(customerId) || !placed || !Number.isFinite(pounds)) {
    throw new AppError('validation_failed', `Line ${lineNo} is not a UCI invoice row: ${line.slice(0, 120)}`);
  }
  const cancelled = cancellation === '1' || invoice.startsWith('C');
  return {
    externalId: invoice, orderNumber: invoice, email: `${customerId}@customers.uci-online-retail.invalid`, phone: null,
    customerName: `UCI customer ${customerId}${country ? ` (${country})` : ''}`, customerExternalId: customerId, currency: 'GBP',
    total: Math.round(Math.abs(pounds) * 100), subtotal: null, discount: null, shipping: null, refunded: null,
    paymentState: cancelled ? 'voided' : 'paid', fulfilmentState: cancelled ? 'unfulfilled' : 'fulfilled', cancelled,
    rawFinancialStatus: null, rawFulfillmentStatus: null, placedAt: placed.date, cancelledAt: cancelled ? placed.date : null, updatedAt: null,
    trackingNumber: null, carrier: null, trackingUrl: null, shippingAddress: null, lines: [], note: null, tags: [],
  };
}
