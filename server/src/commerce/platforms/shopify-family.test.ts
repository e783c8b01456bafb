import { describe, it, expect } from 'vitest';
import { countsAsPurchase } from '../order.ts';
import type { NormalizedOrder } from '../order.ts';
import { normalizeShopifyFamilyOrder } from './shopify-family.ts';
import { ShopPayloadError } from './fields.ts';
import type { Json } from './fields.ts';
import { parseJsonLossless } from './json.ts';
import { fixtureBytes } from './fixtures/load.ts';

const load = (name: string): Json => parseJsonLossless(fixtureBytes(name).toString('utf8')) as Json;
const shopify = (patch: (o: Json) => void = () => {}): NormalizedOrder => {
  const o = load('shopify-order.json');
  patch(o);
  return normalizeShopifyFamilyOrder(o, 'shopify');
};
const malformed = (patch: (o: Json) => void, message: RegExp) => {
  expect(() => shopify(patch)).toThrow(ShopPayloadError);
  expect(() => shopify(patch)).toThrow(message);
};

describe('normalizeShopifyFamilyOrder: Shopify', () => {
  it('normalizes every field of a COD order (int64 ids exact, VND decimal strings)', () => {
    expect(shopify()).toEqual({
      externalId: '5123456789012345678',
      orderNumber: '#1001',
      email: 'minhkhai.nguyen@example.vn',
      phone: '+84912345678',
      customerName: 'Nguyễn Thị Minh Khai',
      customerExternalId: '7234567890123456789',
      currency: 'VND',
      total: 430000,
      subtotal: 420000,
      discount: 20000,
      shipping: 30000,
      refunded: 0,
      paymentState: 'pending',
      fulfilmentState: 'fulfilled',
      cancelled: false,
      rawFinancialStatus: 'pending',
      rawFulfillmentStatus: 'fulfilled',
      placedAt: new Date('2024-03-05T07:22:10Z'),
      cancelledAt: null,
      updatedAt: new Date('2024-03-07T02:15:00Z'),
      trackingNumber: 'GHN5A7B9C',
      carrier: 'Giao Hàng Nhanh',
      trackingUrl: 'https://donhang.ghn.vn/?order_code=GHN5A7B9C',
      shippingAddress: {
        name: 'Nguyễn Thị Minh Khai', phone: '0912 345 678', address1: '123 Lê Lợi', address2: 'Phường Bến Thành',
        ward: null, district: null, province: 'Hồ Chí Minh', city: 'Quận 1', zip: '700000', countryCode: 'VN',
      },
      lines: [
        { externalId: '9123456789012345678', productId: '8061536829755', variantId: '8012345678901234567', sku: 'AT-SG-TR-M', title: 'Áo thun cotton Sài Gòn', quantity: 2, price: 150000 },
        { externalId: '13688971493691', productId: '8061536829756', variantId: null, sku: null, title: 'Nón lá Huế', quantity: 1, price: 120000 },
      ],
      note: 'Giao giờ hành chính, gọi trước khi giao',
      tags: ['COD', 'Khách quen'],
    } satisfies NormalizedOrder);
  });

  it('turns an NFD payload into the same NFC order', () => {
    const nfd = fixtureBytes('shopify-order-nfd.json').toString('utf8');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const order = normalizeShopifyFamilyOrder(parseJsonLossless(nfd), 'shopify');
    expect(order).toEqual(shopify());
    expect(order.customerName).toBe('Nguyễn Thị Minh Khai'.normalize('NFC'));
  });

  it('COD: pending + unfulfilled is not a purchase yet; pending + fulfilled is', () => {
    expect(countsAsPurchase(shopify((o) => { o.fulfillment_status = null; }))).toBe(false);
    expect(countsAsPurchase(shopify())).toBe(true);
    expect(countsAsPurchase(shopify((o) => { o.cancelled_at = '2024-03-08T10:00:00+07:00'; }))).toBe(false);
  });

  it('reads cancellation from cancelled_at', () => {
    const o = shopify((x) => { x.cancelled_at = '2024-03-08T10:00:00+07:00'; x.financial_status = 'voided'; });
    expect([o.cancelled, o.cancelledAt, o.paymentState]).toEqual([true, new Date('2024-03-08T03:00:00Z'), 'voided']);
  });

  it('phone precedence: order, customer, shipping, billing', () => {
    expect(shopify((o) => { o.phone = '0901000001'; }).phone).toBe('0901000001');
    expect(shopify().phone).toBe('+84912345678');
    expect(shopify((o) => { (o.customer as Json).phone = null; }).phone).toBe('0912 345 678');
    expect(shopify((o) => { (o.customer as Json).phone = ''; (o.shipping_address as Json).phone = null; }).phone).toBe('0987654321');
  });

  it('email precedence: email, contact_email, customer.email', () => {
    expect(shopify((o) => { o.email = 'a@example.vn'; }).email).toBe('a@example.vn');
    expect(shopify((o) => { delete o.contact_email; (o.customer as Json).email = 'c@example.vn'; }).email).toBe('c@example.vn');
  });

  it('name falls back from the customer to the shipping address', () => {
    const o = shopify((x) => { delete x.customer; (x.shipping_address as Json).name = 'Lý Thường Kiệt'; });
    expect([o.customerName, o.customerExternalId]).toEqual(['Lý Thường Kiệt', null]);
  });

  it('tracking: latest dated fulfillment with a number, cancelled ones skipped, only http(s) links', () => {
    const o = shopify((x) => { (x.fulfillments as Json[]).splice(0, 1); });
    expect([o.trackingNumber, o.carrier, o.trackingUrl]).toEqual(['S1234567.SG01.A1', 'Giao Hàng Tiết Kiệm', 'https://i.ghtk.vn/S1234567.SG01.A1']);
    const js = shopify((x) => { (x.fulfillments as Json[])[0]!.tracking_urls = ['javascript:alert(1)']; });
    expect([js.trackingNumber, js.trackingUrl]).toEqual(['GHN5A7B9C', null]);
    expect(shopify((x) => { x.fulfillments = []; }).trackingNumber).toBeNull();
  });

  it('refunded sums successful refund transactions; null without refunds', () => {
    const o = shopify((x) => {
      x.refunds = [{ transactions: [{ kind: 'refund', status: 'success', amount: '50000.00' }, { kind: 'sale', amount: '1.00' }] }, { transactions: [{ kind: 'refund', amount: '-25000' }] }];
    });
    expect(o.refunded).toBe(75000);
    expect(shopify((x) => { delete x.refunds; }).refunded).toBeNull();
  });

  it('rounds a VND fraction half away from zero and reports it', () => {
    const seen: string[] = [];
    const o = load('shopify-order.json');
    o.total_price = '430000.50';
    expect(normalizeShopifyFamilyOrder(o, 'shopify', { onRounded: (f, raw) => seen.push(`${f}=${raw}`) }).total).toBe(430001);
    expect(seen).toEqual(['total_price=430000.50']);
  });

  it('cleans and caps text, and keeps at most 500 lines', () => {
    const o = shopify((x) => {
      x.note = `  ${'ghi chú '.repeat(400)}`;
      (x.customer as Json).first_name = `Tr\u0000${'ầ'.repeat(300)}`;
      const line = (x.line_items as Json[])[0]!;
      line.title = 'Á'.repeat(600);
      x.line_items = Array.from({ length: 600 }, () => line);
    });
    expect(Array.from(o.note!).length).toBeLessThanOrEqual(2000);
    expect(o.customerName!.startsWith('Trầ')).toBe(true);
    expect(Array.from(o.customerName!).length).toBeLessThanOrEqual(200);
    expect(o.lines).toHaveLength(500);
    expect(o.lines[0]!.title).toBe('Á'.repeat(500));
  });

  it('rejects malformed payloads with a ShopPayloadError naming the field', () => {
    malformed((o) => { delete o.id; }, /^id is missing$/);
    malformed((o) => { o.id = 1.5; }, /id: not an integer id/);
    malformed((o) => { o.total_price = '430.000'.replace('.', ','); }, /total_price: not an amount/);
    malformed((o) => { o.total_price = { amount: 1 }; }, /total_price: not an amount/);
    malformed((o) => { delete o.total_price; }, /total_price is missing/);
    malformed((o) => { o.created_at = '2024-02-30T10:00:00+07:00'; }, /created_at: not a valid date/);
    malformed((o) => { o.created_at = '2024-03-05T14:22:10'; }, /created_at: date has no UTC offset/);
    malformed((o) => { o.created_at = '05/03/2024'; }, /created_at: not an ISO date/);
    malformed((o) => { delete o.created_at; }, /created_at is missing/);
    malformed((o) => { (o.line_items as Json[])[0]!.quantity = 2.5; }, /line_items\[0\]\.quantity/);
    malformed((o) => { (o.line_items as Json[])[1]!.price = 'free'; }, /line_items\[1\]\.price/);
    malformed((o) => { o.currency = 'đồng'; }, /currency/);
    expect(() => normalizeShopifyFamilyOrder([], 'shopify')).toThrow(ShopPayloadError);
  });
});

describe('normalizeShopifyFamilyOrder: Haravan', () => {
  it('reads JSON-number amounts, ward/district/province and refunds', () => {
    expect(normalizeShopifyFamilyOrder(load('haravan-order.json'), 'haravan')).toEqual({
      externalId: '1087654321', orderNumber: '#HRV1042', email: 'tranvanbinh@example.vn', phone: '0903123456',
      customerName: 'Trần Văn Bình', customerExternalId: '1000123456', currency: 'VND',
      total: 180000, subtotal: 150000, discount: 0, shipping: 30000, refunded: 50000,
      paymentState: 'partially_refunded', fulfilmentState: 'unfulfilled', cancelled: false,
      rawFinancialStatus: 'partially_refunded', rawFulfillmentStatus: 'notfulfilled',
      placedAt: new Date('2024-04-10T02:10:00Z'), cancelledAt: null, updatedAt: new Date('2024-04-12T08:30:00Z'),
      trackingNumber: null, carrier: null, trackingUrl: null,
      shippingAddress: {
        name: 'Trần Văn Bình', phone: '0903123456', address1: '12 Hàng Bạc', address2: null, ward: 'Phường Hàng Bạc',
        district: 'Quận Hoàn Kiếm', province: 'Hà Nội', city: null, zip: null, countryCode: 'VN',
      },
      lines: [{ externalId: '1234567', productId: '1000456789', variantId: '1000987654', sku: 'CF-RB-500', title: 'Cà phê rang xay Buôn Ma Thuột 500g', quantity: 1, price: 150000 }],
      note: null,
      tags: [],
    } satisfies NormalizedOrder);
  });

  it('paid and unfulfilled counts as a purchase', () => {
    const o = load('haravan-order.json');
    o.financial_status = 'paid';
    expect(countsAsPurchase(normalizeShopifyFamilyOrder(o, 'haravan'))).toBe(true);
  });
});

describe('normalizeShopifyFamilyOrder: Sapo', () => {
  it('reads a cancelled order, names from the shipping address, tags as an array', () => {
    const order = normalizeShopifyFamilyOrder(load('sapo-order.json'), 'sapo');
    expect(order).toEqual({
      externalId: '21045678', orderNumber: '#SP1005', email: 'le.hoang.anh@example.vn', phone: '0777 888 999',
      customerName: 'Lê Hoàng Anh', customerExternalId: '3456789', currency: 'VND',
      total: 250000, subtotal: 250000, discount: 0, shipping: null, refunded: null,
      paymentState: 'voided', fulfilmentState: 'unfulfilled', cancelled: true,
      rawFinancialStatus: 'voided', rawFulfillmentStatus: null,
      placedAt: new Date('2024-05-20T12:45:00Z'), cancelledAt: new Date('2024-05-21T01:00:00Z'), updatedAt: new Date('2024-05-21T01:00:00Z'),
      trackingNumber: null, carrier: null, trackingUrl: null,
      shippingAddress: {
        name: 'Lê Hoàng Anh', phone: '0777 888 999', address1: '45 Trần Phú', address2: null, ward: null, district: null,
        province: 'Đà Nẵng', city: 'Hải Châu', zip: null, countryCode: 'VN',
      },
      lines: [{ externalId: '31000001', productId: '4100001', variantId: '4200001', sku: 'TRA-OL-200', title: 'Trà Ô Long Bảo Lộc 200g', quantity: 2, price: 125000 }],
      note: null,
      tags: ['hủy', 'web'],
    } satisfies NormalizedOrder);
    expect(countsAsPurchase(order)).toBe(false);
  });
});

describe('money cases (§9)', () => {
  it.each([['150000.00', 150000], ['150000', 150000], [150000, 150000], ['0.00', 0], [150000.0, 150000]])('%j → %i đồng', (raw, want) => {
    expect(shopify((o) => { o.total_price = raw; }).total).toBe(want);
  });
});
