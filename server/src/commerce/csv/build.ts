/**
 * One group of rows (one order) → a NormalizedOrder or a rejection. Order-level columns are read from
 * the first row of the group that has them (Shopify fills them only on the order's first row). A bad
 * value in a field the order can't do without (ref, date, total, quantities) rejects the order;
 * anything else becomes a warning and a null.
 */
import { fulfilmentStateOfShopify, paymentStateOfShopify, type NormalizedOrder, type OrderAddress, type OrderLine } from '../order.ts';
import { parseCsvDate } from './dates.ts';
import { cell, linesFromPacked, linesFromProducts, linesFromRows } from './lines.ts';
import type { CsvRow } from './parse.ts';
import type { ColumnPlan } from './presets.ts';
import { statesOfAnyCell, statesOfWooCell, type States } from './statuses.ts';
import { cleanPhone, parseAmount, text, type PhoneCell } from './values.ts';

export interface BuildContext {
  timeZone: string;
  currency: string;
}

export type Built = { order: NormalizedOrder; warnings: string[] } | { code: string; reason: string };

const reject = (code: string, message: string): Built => ({ code, reason: `${code}: ${message}` });

/** First non-empty cell among the candidate columns (in priority order), scanning the group's rows. */
export function firstText(rows: CsvRow[], columns: number[]): string | null {
  for (const i of columns) {
    for (const row of rows) {
      const v = text(cell(row, i));
      if (v !== null) return v;
    }
  }
  return null;
}

const joinNames = (...parts: (string | null)[]): string | null => text(parts.filter(Boolean).join(' ')) ?? null;

export function buildOrder(ref: string, rows: CsvRow[], plan: ColumnPlan, ctx: BuildContext): Built {
  const warnings: string[] = [];
  const get = (columns: number[]) => firstText(rows, columns);

  let currency = ctx.currency;
  const currencyCell = get(plan.currency);
  if (currencyCell !== null) {
    if (/^[a-z]{3}$/i.test(currencyCell)) currency = currencyCell.toUpperCase();
    else warnings.push(`bad_currency: "${currencyCell}" is not a currency code; using ${ctx.currency}`);
  }

  const createdRaw = get(plan.createdAt);
  if (createdRaw === null) return reject('missing_date', 'the order has no creation date');
  const created = parseCsvDate(createdRaw, ctx.timeZone);
  if (created === null) return reject('bad_date', `creation date "${createdRaw}" is not a date`);
  if (created.warning) warnings.push(created.warning);

  const states = statesOf(rows, plan, ctx, warnings);

  const amount = (columns: number[], label: string): number | null => {
    const raw = get(columns);
    if (raw === null) return null;
    const a = parseAmount(raw, currency, label);
    if ('error' in a) {
      warnings.push(`bad_amount: ${a.error}; ignored`);
      return null;
    }
    warnings.push(...a.warnings);
    return a.value;
  };

  const linesResult = plan.packedLines.length > 0 ? linesFromPacked(rows, plan, currency, warnings)
    : plan.products.length > 0 ? linesFromProducts(rows, plan)
    : linesFromRows(rows, plan, currency, warnings);
  if ('code' in linesResult) return reject(linesResult.code, linesResult.message);
  const lines: OrderLine[] = linesResult.lines;

  let total: number;
  const totalRaw = get(plan.total);
  if (totalRaw !== null) {
    const t = parseAmount(totalRaw, currency, 'total');
    if ('error' in t) return reject('bad_amount', t.error);
    if (t.value < 0) return reject('negative_total', `total "${totalRaw}" is negative`);
    total = t.value;
    warnings.push(...t.warnings);
  } else if (lines.length > 0) {
    total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    warnings.push(`total_computed: no total; summed the line items (${total})`);
  } else {
    return reject('missing_total', 'the order has no total and no line items');
  }

  const phones = new Map<string, PhoneCell>();
  const phone = (columns: number[]): string | null => {
    for (const i of columns) {
      const raw = get([i]);
      if (raw === null) continue;
      let cleaned = phones.get(raw);
      if (!cleaned) {
        cleaned = cleanPhone(raw, plan.headers[i]?.trim() || 'phone');
        phones.set(raw, cleaned);
        if (cleaned.warning) warnings.push(cleaned.warning);
      }
      if (cleaned.phone !== null) return cleaned.phone;
    }
    return null;
  };

  let email = get(plan.email);
  if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    warnings.push(`invalid_email: "${email}" is not an email address; ignored`);
    email = null;
  }
  const customerName = get(plan.name) ?? joinNames(get(plan.firstName), get(plan.lastName));
  const customerId = get(plan.customerId);
  const orderPhone = phone(plan.phone);

  const address: OrderAddress = {
    name: get(plan.shipName) ?? joinNames(get(plan.shipFirstName), get(plan.shipLastName)),
    phone: phone(plan.shipPhone),
    address1: get(plan.address1), address2: get(plan.address2), ward: get(plan.ward), district: get(plan.district),
    province: get(plan.province), city: get(plan.city), zip: get(plan.zip), countryCode: countryCode(get(plan.country)),
  };
  const hasAddress = Object.values(address).some((v) => v !== null);

  const order: NormalizedOrder = {
    externalId: ref,
    orderNumber: ref,
    email,
    phone: orderPhone,
    customerName,
    customerExternalId: customerId === null || customerId === '0' ? null : customerId,
    currency,
    total,
    subtotal: amount(plan.subtotal, 'subtotal'),
    discount: amount(plan.discount, 'discount'),
    shipping: amount(plan.shipping, 'shipping'),
    refunded: amount(plan.refunded, 'refunded amount'),
    paymentState: states.paymentState,
    fulfilmentState: states.fulfilmentState,
    cancelled: states.cancelled,
    rawFinancialStatus: states.rawFinancial,
    rawFulfillmentStatus: states.rawFulfillment,
    placedAt: created.date,
    cancelledAt: states.cancelledAt,
    updatedAt: null,
    trackingNumber: get(plan.trackingNumber),
    carrier: get(plan.carrier),
    trackingUrl: null,
    shippingAddress: hasAddress ? address : null,
    lines,
    note: get(plan.note),
    tags: (get(plan.tags) ?? '').split(',').map((t) => t.trim()).filter(Boolean),
  };
  if (plan.lowConfidence) {
    order.lowConfidence = true;
    warnings.push('name_only_customer: the file has no email or phone; the customer is matched by name only (low confidence)');
  }
  return { order, warnings };
}

type ReadStates = States & { rawFinancial: string | null; rawFulfillment: string | null; cancelledAt: Date | null };

function statesOf(rows: CsvRow[], plan: ColumnPlan, ctx: BuildContext, warnings: string[]): ReadStates {
  if (plan.statusMode === 'shopify') {
    const financial = firstText(rows, plan.financialStatus);
    const fulfillment = firstText(rows, plan.fulfillmentStatus);
    const cancelledRaw = firstText(rows, plan.cancelledAt);
    let cancelledAt: Date | null = null;
    if (cancelledRaw !== null) {
      const parsed = parseCsvDate(cancelledRaw, ctx.timeZone);
      if (parsed) cancelledAt = parsed.date;
      else warnings.push(`bad_date: cancelled at "${cancelledRaw}" is not a date; the order is still cancelled`);
    }
    return {
      paymentState: paymentStateOfShopify(financial), fulfilmentState: fulfilmentStateOfShopify(fulfillment), cancelled: cancelledRaw !== null,
      rawFinancial: financial, rawFulfillment: fulfillment, cancelledAt,
    };
  }
  const raw = firstText(rows, plan.status);
  const states = plan.statusMode === 'woo' ? statesOfWooCell(raw) : statesOfAnyCell(raw);
  if (states.unknown) warnings.push(`unknown_status: "${raw}" is not a known status; read as pending`);
  return { paymentState: states.paymentState, fulfilmentState: states.fulfilmentState, cancelled: states.cancelled, rawFinancial: raw, rawFulfillment: null, cancelledAt: null };
}

/** ISO 3166 alpha-2 as exports give it (`VN`); "Vietnam" / "Việt Nam" spelled out is common in VN data. */
function countryCode(raw: string | null): string | null {
  if (raw === null) return null;
  if (/^[a-z]{2}$/i.test(raw)) return raw.toUpperCase();
  return /^vi[eệ]t\s*nam$/iu.test(raw) ? 'VN' : null;
}
