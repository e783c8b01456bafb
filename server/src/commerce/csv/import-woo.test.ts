import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byRef, codes, collect, fixture, ordersOf, rejectedOf, strings } from './fixtures/testing.ts';
import { parsePackedLine } from './lines.ts';
import type { GenericMapping } from './presets.ts';

describe('readOrdersFromCsv: Woo Import Export Suite', async () => {
  const items = await collect(createReadStream(fixture('woo-ies.csv')));

  it('reads one order per row with line_item_N cells, and rejects bad rows', () => {
    expect(ordersOf(items).map((i) => i.order.externalId)).toEqual(['3101', '3102', '3103']);
    expect(rejectedOf(items).map((r) => [r.code, r.orderRef])).toEqual([['missing_date', '3104'], ['negative_quantity', '3105']]);
  });

  it('reads the site-local order_date in Asia/Ho_Chi_Minh and the wc- status', () => {
    const { order, warnings } = byRef(items, '3101');
    expect(warnings).toEqual([]);
    expect(order).toMatchObject({
      placedAt: new Date('2026-05-01T03:00:00Z'), paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false, rawFinancialStatus: 'wc-completed',
      total: 480_000, subtotal: 450_000, shipping: 30_000, discount: 0, currency: 'VND', email: 'thu@example.vn', phone: '0912000111',
      customerName: 'Thu Nguyễn', customerExternalId: '17',
    });
    expect(order.shippingAddress).toMatchObject({ name: 'Thu Nguyễn', address1: '88 Điện Biên Phủ', city: 'Hồ Chí Minh', province: 'Quận Bình Thạnh', countryCode: 'VN' });
    expect(order.lines).toEqual([
      { externalId: null, productId: '12', variantId: null, sku: 'AT-1', title: 'Áo thun', quantity: 2, price: 150_000 },
      { externalId: null, productId: '40', variantId: null, sku: 'CB-2', title: 'Combo: ví | thắt lưng', quantity: 1, price: 150_000 },
    ]);
  });

  it('reads Excel damage: 299.000 total, a phone without its zero; customer_id 0 is a guest', () => {
    const { order, warnings } = byRef(items, '3102');
    expect(order).toMatchObject({ total: 299_000, phone: '0912345678', email: 'khoa@example.vn', customerExternalId: null, paymentState: 'paid', fulfilmentState: 'unfulfilled' });
    expect(order.lines[0]).toMatchObject({ variantId: '56', price: 299_000 });
    expect(codes(warnings)).toEqual(['phone_restored_zero']);
  });

  it('reads a cancelled order and line_item_10', () => {
    expect(byRef(items, '3103').order).toMatchObject({ cancelled: true, paymentState: 'voided', lines: [{ title: 'Dép', quantity: 1, price: 150_000 }] });
  });

  it('uses the time zone option for offset-less dates', async () => {
    const berlin = await collect(createReadStream(fixture('woo-ies.csv')), { preset: 'woo_ies', timezone: 'Europe/Berlin' });
    expect(byRef(berlin, '3101').order.placedAt).toEqual(new Date('2026-05-01T08:00:00Z'));
  });
});

describe('parsePackedLine', () => {
  it('splits key:value pairs on | and is lenient with what it does not know', () => {
    expect(parsePackedLine('name:Áo thun|product_id:12|sku:AT-1|quantity:2|total:300000')).toEqual({ name: 'Áo thun', product_id: '12', sku: 'AT-1', quantity: '2', total: '300000' });
    expect(parsePackedLine('name:Giờ: 10h|Qty:1|Sub Total:5')).toEqual({ name: 'Giờ: 10h', qty: '1', sub_total: '5' });
    expect(parsePackedLine('Áo thun')).toEqual({ name: 'Áo thun' });
    expect(parsePackedLine('name:Bộ | Đỏ|quantity:1')).toEqual({ name: 'Bộ | Đỏ', quantity: '1' });
  });

  it('derives a unit price from a line total, warning when it does not divide', async () => {
    const csv = 'order_id,order_date,order_total,line_item_1\n1,2026-05-01 10:00:00,100000,name:A|quantity:3|total:100000\n';
    const items = await collect(strings(csv), { preset: 'woo_ies' });
    const { order, warnings } = byRef(items, '1');
    expect(order.lines[0]).toMatchObject({ quantity: 3, price: 33_333 });
    expect(codes(warnings)).toEqual(['line_price_rounded']);
  });
});

describe('readOrdersFromCsv: Woo Analytics', async () => {
  const items = await collect(createReadStream(fixture('woo-analytics.csv')));

  it('flags every order as low confidence: the customer is a name only', () => {
    expect(ordersOf(items)).toHaveLength(3);
    for (const { order, warnings } of ordersOf(items)) {
      expect(order.lowConfidence).toBe(true);
      expect(order.email).toBeNull();
      expect(order.phone).toBeNull();
      expect(codes(warnings)).toEqual(['name_only_customer']);
    }
  });

  it('reads Net sales as the total and "2× name" product lists as lines', () => {
    const { order } = byRef(items, '4101');
    expect(order).toMatchObject({ customerName: 'Nguyễn Thị Hạnh', total: 450_000, placedAt: new Date('2026-05-01T03:00:00Z'), paymentState: 'paid', fulfilmentState: 'fulfilled' });
    expect(order.lines.map((l) => [l.title, l.quantity, l.price])).toEqual([['Áo thun cotton', 2, 0], ['Quần jean nữ', 1, 0]]);
    expect(byRef(items, '4102').order.lines.map((l) => [l.title, l.quantity])).toEqual([['Nồi chiên không dầu 5L', 1]]);
    expect(byRef(items, '4103').order.lines.map((l) => l.title)).toEqual(['Son kem lì', 'Bánh quy, hộp 2, 3 vị']);
    expect(byRef(items, '4103').order).toMatchObject({ paymentState: 'refunded', total: 300_000 });
  });
});

describe('readOrdersFromCsv: generic mapping', () => {
  const mapping: GenericMapping = {
    orderRef: 'Mã đơn', createdAt: 'Ngày đặt', status: 'Trạng thái', total: 'Tổng tiền', email: 'Email', phone: 'SĐT', name: 'Khách hàng',
    lineName: 'Sản phẩm', lineQuantity: 'SL', linePrice: 'Đơn giá', lineSku: 'Mã SP', trackingNumber: 'Mã vận đơn', carrier: 'Đơn vị vận chuyển',
    province: 'Tỉnh/TP', district: 'Quận/Huyện', ward: 'Phường/Xã', address: 'Địa chỉ',
  };
  const csv = [
    'Mã đơn;Ngày đặt;Trạng thái;Tổng tiền;Email;SĐT;Khách hàng;Sản phẩm;SL;Đơn giá;Mã SP;Mã vận đơn;Đơn vị vận chuyển;Tỉnh/TP;Quận/Huyện;Phường/Xã;Địa chỉ',
    'DH001;13/05/2026 10:00;Đã giao;450.000;;0912 345 678;Phan Thị Thảo;Áo thun;2;150.000;AT;GHN123;GHN;TP. Hồ Chí Minh;Quận 3;Phường 7;12 Võ Văn Tần',
    'DH001;13/05/2026 10:00;Đã giao;450.000;;0912 345 678;Phan Thị Thảo;Quần short;1;150.000;QS;GHN123;GHN;TP. Hồ Chí Minh;Quận 3;Phường 7;12 Võ Văn Tần',
    'DH002;14/05/2026 09:00;Đã huỷ;200.000;a@b.vn;;Hồ Văn Nam;Mũ;1;200.000;MU;;;Hà Nội;Quận Ba Đình;Phường Kim Mã;5 Kim Mã',
    'DH003;02/05/2026 09:00;lạ lắm;100000;;;;;;;;;;;;;',
  ].join('\n');

  it('reads any file through a { field → header } mapping', async () => {
    const items = await collect(strings(csv), { preset: 'generic', mapping });
    const { order, warnings } = byRef(items, 'DH001');
    expect(warnings).toEqual([]);
    expect(order).toMatchObject({
      total: 450_000, phone: '0912 345 678', customerName: 'Phan Thị Thảo', placedAt: new Date('2026-05-13T03:00:00Z'),
      paymentState: 'pending', fulfilmentState: 'fulfilled', cancelled: false, trackingNumber: 'GHN123', carrier: 'GHN',
    });
    expect(order.shippingAddress).toMatchObject({ name: 'Phan Thị Thảo', phone: '0912 345 678', address1: '12 Võ Văn Tần', ward: 'Phường 7', district: 'Quận 3', province: 'TP. Hồ Chí Minh' });
    expect(order.lines.map((l) => [l.sku, l.quantity, l.price])).toEqual([['AT', 2, 150_000], ['QS', 1, 150_000]]);
    expect(byRef(items, 'DH002').order).toMatchObject({ cancelled: true, email: 'a@b.vn', shippingAddress: { ward: 'Phường Kim Mã' } });
    const odd = byRef(items, 'DH003');
    expect(odd.order.paymentState).toBe('pending');
    expect(codes(odd.warnings)).toEqual(['ambiguous_date', 'unknown_status']);
    expect(odd.order.shippingAddress).toBeNull();
  });
});
