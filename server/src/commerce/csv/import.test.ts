import { createReadStream, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byRef, codes, collect, fixture, ordersOf, rejectedOf, strings } from './fixtures/testing.ts';
import { readOrdersFromCsv, type CsvImportOptions, type CsvItem } from './import.ts';
import { CsvError } from './parse.ts';

describe('readOrdersFromCsv: Shopify export (shuffled columns, multi-row orders, bad rows)', async () => {
  const items = await collect(createReadStream(fixture('shopify-vn.csv')), { preset: 'shopify' });

  it('groups consecutive rows by Name and keeps going past bad rows', () => {
    expect(ordersOf(items).map((i) => i.order.externalId)).toEqual(['#1001', '#1002', '#1003', '#1004', '#1008', '5109']);
    expect(rejectedOf(items).map((r) => [r.code, r.orderRef, r.lines])).toEqual([
      ['missing_order_ref', null, [8, 8]],
      ['bad_date', '#1005', [9, 9]],
      ['bad_amount', '#1006', [10, 10]],
      ['negative_quantity', '#1007', [11, 12]],
    ]);
    for (const r of rejectedOf(items)) expect(r.reason.startsWith(`${r.code}: `)).toBe(true);
  });

  it('reads a two-line order with order-level columns from its first row', () => {
    const { order, lines, warnings } = byRef(items, '#1001');
    expect(lines).toEqual([2, 3]);
    expect(warnings).toEqual([]);
    expect(order).toMatchObject({
      externalId: '#1001', orderNumber: '#1001', email: 'an.nguyen@example.vn', phone: '+84912345678', customerName: 'Nguyễn Văn An',
      currency: 'VND', total: 450000, subtotal: 450000, shipping: 0, discount: 0, refunded: 0,
      paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: 'fulfilled',
      placedAt: new Date('2026-05-01T08:00:00Z'), cancelledAt: null, tags: ['khách quen', 'COD'],
    });
    expect(order.lines).toEqual([
      { externalId: null, productId: null, variantId: null, sku: 'AT-1', title: 'Áo thun cotton', quantity: 2, price: 150000 },
      { externalId: null, productId: null, variantId: null, sku: 'QJ-2', title: 'Quần jean nữ', quantity: 1, price: 150000 },
    ]);
    expect(order.shippingAddress).toEqual({
      name: 'Nguyễn Văn An', phone: '0912345678', address1: '12 Nguyễn Trãi', address2: 'Phường Bến Thành, Quận 1', ward: null, district: null,
      province: 'HCM', city: 'Hồ Chí Minh', zip: null, countryCode: 'VN',
    });
  });

  it('NFC-normalizes NFD text, restores an Excel-dropped zero, reads 1.500.000 and a multi-line note', () => {
    const { order, warnings } = byRef(items, '#1002');
    expect(order.customerName).toBe('Trần Thị Bích Ngọc'.normalize('NFC'));
    expect(order.shippingAddress?.city).toBe('Đà Nẵng'.normalize('NFC'));
    expect(order.lines[0]?.title).toBe('Váy hoa nhí'.normalize('NFC'));
    expect(order.total).toBe(1_500_000);
    expect(order.lines[0]?.price).toBe(1_500_000);
    expect(order.phone).toBe('0912345679');
    expect(codes(warnings)).toEqual(['phone_restored_zero']);
    expect(warnings[0]).toContain('Billing Phone');
    expect(order.note).toBe('Giao giờ hành chính,\n"gọi trước" khi giao');
    expect(order.placedAt).toEqual(new Date('2026-05-02T01:30:00Z'));
    expect(order.paymentState).toBe('pending');
    expect(order.fulfilmentState).toBe('unfulfilled');
  });

  it('drops a phone in scientific notation and reads a cancelled order', () => {
    const { order, warnings } = byRef(items, '#1003');
    expect(order.phone).toBeNull();
    expect(codes(warnings)).toEqual(['excel_scientific']);
    expect(order.total).toBe(150_000);
    expect(order).toMatchObject({ cancelled: true, cancelledAt: new Date('2026-05-03T05:00:00Z'), paymentState: 'voided' });
  });

  it('keeps an old 11-digit mobile raw and the refunded amount apart from the total', () => {
    const { order, warnings } = byRef(items, '#1004');
    expect(order.phone).toBe('01681234567');
    expect(warnings).toEqual([]);
    expect(order).toMatchObject({ total: 250_000, refunded: 50_000, paymentState: 'partially_refunded' });
  });

  it("strips Excel's apostrophe and falls back to Id when Name is empty", () => {
    expect(byRef(items, '#1008').order.phone).toBe('0987654321');
    expect(byRef(items, '5109').order).toMatchObject({ orderNumber: '5109', customerName: 'Đỗ Văn Tài', total: 99_000 });
  });

  it('ends with a progress item covering every data row (not physical line) and byte', () => {
    expect(items.at(-1)).toEqual({ type: 'progress', rows: 12, bytes: statSync(fixture('shopify-vn.csv')).size });
  });

  it('gives the same result with auto-detection and tiny chunks', async () => {
    const bytes = readFileSync(fixture('shopify-vn.csv'));
    async function* tiny(): AsyncGenerator<Buffer> { for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7); }
    expect(await collect(tiny())).toEqual(items);
  });
});

describe('readOrdersFromCsv: other Shopify files', () => {
  it('reads a BOM + semicolon + CRLF file with decimal-comma amounts', async () => {
    const items = await collect(createReadStream(fixture('shopify-bom-semicolon.csv')));
    expect(ordersOf(items)).toHaveLength(2);
    const first = byRef(items, '#2001').order;
    expect(first.total).toBe(1_200_000);
    expect(first.lines.map((l) => [l.title, l.quantity, l.price])).toEqual([['Áo sơ mi linen', 2, 400_000], ['Quần tây; size 30', 1, 400_000]]);
    expect(byRef(items, '#2002').order.phone).toBe('0168 765 4321');
  });

  it('reads the old layout with "Variant" first and "Fulfillment Date"', async () => {
    const items = await collect(createReadStream(fixture('shopify-old-variant.csv')));
    expect(ordersOf(items).map((i) => i.order.externalId)).toEqual(['#0901', '#0902']);
    expect(byRef(items, '#0901').order).toMatchObject({ total: 330_000, shipping: 30_000, placedAt: new Date('2018-03-01T03:00:00Z'), fulfilmentState: 'fulfilled' });
    const old = byRef(items, '#0902');
    expect(old.order.phone).toBe('01651234567');
    expect(codes(old.warnings)).toEqual(['phone_restored_zero']);
  });

  it('rejects an order whose rows are not together, instead of overwriting it', async () => {
    const csv = 'Name,Created at,Total,Lineitem name,Lineitem quantity\n#1,2026-05-01 10:00:00 +0700,100000,A,1\n#2,2026-05-01 11:00:00 +0700,50000,B,1\n#1,2026-05-01 10:00:00 +0700,,C,1\n';
    const items = await collect(strings(csv), { preset: 'shopify' });
    expect(ordersOf(items).map((i) => i.order.externalId)).toEqual(['#1', '#2']);
    expect(rejectedOf(items).map((r) => [r.code, r.orderRef, r.lines])).toEqual([['duplicate_order_ref', '#1', [4, 4]]]);
  });

  it('sums the lines when Total is empty, and rejects an order with neither', async () => {
    const csv = 'Name,Created at,Total,Lineitem name,Lineitem quantity,Lineitem price\n#1,2026-05-01 10:00:00 +0700,,A,2,100.000\n#1,,,B,1,50000\n#2,2026-05-01 10:00:00 +0700,,,,\n';
    const items = await collect(strings(csv), { preset: 'shopify' });
    const { order, warnings } = byRef(items, '#1');
    expect(order.total).toBe(250_000);
    expect(codes(warnings)).toEqual(['total_computed']);
    expect(rejectedOf(items).map((r) => r.code)).toEqual(['missing_total']);
  });

  it('reports rejected rows in file order even inside an open order', async () => {
    const csv = 'Name,Created at,Total,Lineitem name\n#1,2026-05-01 10:00:00 +0700,1,A\n,,,junk\n#1,,,B\n#2,2026-05-01 10:00:00 +0700,1,C\n';
    const items = await collect(strings(csv), { preset: 'shopify' });
    expect(items.filter((i) => i.type !== 'progress').map((i) => i.type === 'order' ? i.order.externalId : i.type === 'rejected' ? i.code : '')).toEqual(['#1', 'missing_order_ref', '#2']);
    expect(byRef(items, '#1').order.lines).toHaveLength(2);
  });

  it('emits progress every N rows', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `#${i},2026-05-01 10:00:00 +0700,1000`).join('\n');
    const items = await collect(strings(`Name,Created at,Total\n${rows}\n`), { preset: 'shopify', progressEvery: 3 });
    expect(items.filter((i) => i.type === 'progress').map((i) => i.type === 'progress' && i.rows)).toEqual([3, 6, 7]);
  });
});

describe('readOrdersFromCsv: file-level errors', () => {
  const fail = async (input: AsyncIterable<Buffer | string>, opts: CsvImportOptions = { preset: 'auto' }): Promise<{ error: CsvError; items: CsvItem[] }> => {
    const items: CsvItem[] = [];
    try {
      for await (const item of readOrdersFromCsv(input, opts)) items.push(item);
    } catch (error) {
      if (error instanceof CsvError) return { error, items };
      throw error;
    }
    throw new Error('expected a CsvError');
  };

  it('stops on invalid UTF-8 after yielding the complete orders before it', async () => {
    async function* input(): AsyncGenerator<Buffer> {
      yield Buffer.from('Name,Created at,Total\n#1,2026-05-01 10:00:00 +0700,1000\n#2,2026-05-01 10:00:00 +0700,2000\n');
      yield Buffer.from([0x23, 0x33, 0x2c, 0xc3, 0x28, 0x0a]);
    }
    const { error, items } = await fail(input(), { preset: 'shopify' });
    expect(error.code).toBe('invalid_encoding');
    expect(ordersOf(items).map((i) => i.order.externalId)).toEqual(['#1']);
  });

  it('refuses unknown formats, empty files, missing columns and bad options', async () => {
    expect((await fail(strings('Mã đơn,Ngày,Tổng\n1,2,3\n'))).error.code).toBe('unknown_format');
    expect((await fail(strings(''))).error.code).toBe('empty_file');
    expect((await fail(strings('Name,Total\n#1,1\n'), { preset: 'shopify' })).error.code).toBe('missing_column');
    expect((await fail(strings('Name\n'), { preset: 'shopify', timezone: 'Mars/Olympus' })).error.code).toBe('bad_option');
    expect((await fail(strings('Name\n'), { preset: 'shopify', currency: 'đồng' })).error.code).toBe('bad_option');
  });
});
