import { describe, expect, it } from 'vitest';
import { shopifyHeader } from './fixtures/generate.ts';
import { CsvError } from './parse.ts';
import { detectPreset, headerKey, planColumns, type CsvPreset, type GenericMapping } from './presets.ts';

const wooIes = ['order_id', 'order_number', 'order_date', 'status', 'order_total', 'order_currency', 'customer_email', 'billing_first_name', 'billing_phone', 'line_item_1', 'line_item_2'];
const wooAnalytics = ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales'];

function planError(preset: CsvPreset, headers: string[], mapping?: GenericMapping): CsvError {
  try {
    planColumns(preset, headers, mapping);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('headerKey', () => {
  it('ignores case, surrounding and repeated whitespace, underscores and zero-width marks', () => {
    expect(headerKey('  Lineitem   NAME ')).toBe('lineitem name');
    expect(headerKey('order_total')).toBe('order total');
    expect(headerKey('\u200bName')).toBe('name');
    expect(headerKey('Số điện thoại'.normalize('NFD'))).toBe('số điện thoại');
  });
});

describe('detectPreset', () => {
  it('recognises a Shopify export in any column order and in older layouts', () => {
    expect(detectPreset([...shopifyHeader])).toBe('shopify');
    expect(detectPreset([...shopifyHeader].reverse())).toBe('shopify');
    expect(detectPreset(['Variant', 'Name', 'Email', 'Financial Status', 'Fulfillment Status', 'Fulfillment Date', 'Total', 'Created at', 'Lineitem name'])).toBe('shopify');
    expect(detectPreset(['NAME ', ' financial status', 'TOTAL', 'created AT', 'lineitem  quantity'])).toBe('shopify');
  });

  it('recognises the two WooCommerce files', () => {
    expect(detectPreset(wooIes)).toBe('woo_ies');
    expect(detectPreset(wooAnalytics)).toBe('woo_analytics');
    expect(detectPreset([...wooAnalytics, 'Attribution'])).toBe('woo_analytics');
  });

  it('returns null for anything else, so the user maps columns', () => {
    expect(detectPreset(['Mã đơn', 'Ngày đặt', 'Tổng tiền', 'SĐT'])).toBeNull();
    expect(detectPreset(['Name', 'Email', 'Phone'])).toBeNull();
    expect(detectPreset([])).toBeNull();
  });
});

describe('planColumns', () => {
  it('finds Shopify columns by name, with Name before Id and Phone before Billing/Shipping Phone', () => {
    const headers = ['Id', 'Shipping Phone', 'Total', 'Billing Phone', 'Created at', 'Name', 'Phone'];
    const plan = planColumns('shopify', headers);
    expect(plan.ref).toEqual([5, 0]);
    expect(plan.phone).toEqual([6, 3, 1]);
    expect(plan.total).toEqual([2]);
    expect(plan.statusMode).toBe('shopify');
    expect(plan.lineName).toEqual([]);
  });

  it('falls back to Id when there is no Name column', () => {
    expect(planColumns('shopify', ['Id', 'Created at', 'Total']).ref).toEqual([0]);
  });

  it('refuses a file missing a required column', () => {
    const err = planError('shopify', ['Email', 'Total']);
    expect(err.code).toBe('missing_column');
    expect(err.message).toMatch(/Name or Id/);
    expect(err.message).toMatch(/Created at/);
    expect(planError('woo_analytics', ['Date', 'Order #']).message).toMatch(/Net sales/);
  });

  it('orders Woo line_item_N columns numerically', () => {
    const plan = planColumns('woo_ies', ['order_id', 'order_date', 'order_total', 'line_item_10', 'line_item_2', 'line_item_1']);
    expect(plan.packedLines).toEqual([5, 4, 3]);
    expect(plan.statusMode).toBe('woo');
    expect(plan.lowConfidence).toBe(false);
  });

  it('marks Woo Analytics as low confidence', () => {
    expect(planColumns('woo_analytics', wooAnalytics).lowConfidence).toBe(true);
  });

  it('applies a generic mapping case-insensitively', () => {
    const headers = ['Mã đơn', 'Ngày đặt', 'Tổng tiền', 'SĐT', 'Khách hàng'];
    const plan = planColumns('generic', headers, { orderRef: 'mã ĐƠN', createdAt: 'Ngày đặt', total: 'Tổng tiền', phone: 'SĐT', name: 'Khách hàng' });
    expect(plan.ref).toEqual([0]);
    expect(plan.phone).toEqual([3]);
    expect(plan.shipPhone).toEqual([3]);
    expect(plan.name).toEqual([4]);
    expect(plan.statusMode).toBe('generic');
  });

  it('refuses an incomplete or wrong generic mapping', () => {
    const headers = ['Mã đơn', 'Ngày đặt', 'Tổng tiền'];
    expect(planError('generic', headers, { createdAt: 'Ngày đặt', total: 'Tổng tiền' }).code).toBe('bad_mapping');
    expect(planError('generic', headers, { orderRef: 'Mã đơn', createdAt: 'Ngày đặt' }).code).toBe('bad_mapping');
    expect(planError('generic', headers, { orderRef: 'Mã đơn', createdAt: 'Ngày đặt', total: 'Tổng tiền', bogus: 'x' } as GenericMapping).code).toBe('bad_mapping');
    const missing = planError('generic', headers, { orderRef: 'Mã đơn', createdAt: 'Ngày đặt', total: 'Tổng', phone: 'SĐT' });
    expect(missing.code).toBe('missing_column');
    expect(missing.message).toMatch(/"Tổng" \(total\).*"SĐT" \(phone\)/);
  });
});
