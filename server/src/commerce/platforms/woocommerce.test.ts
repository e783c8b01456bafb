import { describe, it, expect } from 'vitest';
import { countsAsPurchase } from '../order.ts';
import type { NormalizedOrder } from '../order.ts';
import { normalizeWooOrder } from './woocommerce.ts';
import { ShopPayloadError } from './fields.ts';
import type { Json } from './fields.ts';
import { fixtureBytes } from './fixtures/load.ts';

const load = (name: string): Json => JSON.parse(fixtureBytes(name).toString('utf8')) as Json;
const woo = (name: string, patch: (o: Json) => void = () => {}): NormalizedOrder => {
  const o = load(name);
  patch(o);
  return normalizeWooOrder(o);
};

describe('normalizeWooOrder', () => {
  it('processing (bank transfer): paid, _gmt dates as UTC, billing address when shipping is blank, "150000" amounts', () => {
    expect(woo('woo-order-processing.json')).toEqual({
      externalId: '4521', orderNumber: '4521', email: 'thuha.pham@example.vn', phone: '0934 567 890',
      customerName: 'Phạm Thu Hà', customerExternalId: null, currency: 'VND',
      total: 175000, subtotal: 150000, discount: 0, shipping: 25000, refunded: 0,
      paymentState: 'paid', fulfilmentState: 'unfulfilled', cancelled: false,
      rawFinancialStatus: 'processing', rawFulfillmentStatus: 'processing',
      placedAt: new Date('2024-06-01T14:05:00Z'), cancelledAt: null, updatedAt: new Date('2024-06-01T14:06:30Z'),
      trackingNumber: null, carrier: null, trackingUrl: null,
      shippingAddress: {
        name: 'Phạm Thu Hà', phone: '0934 567 890', address1: '88 Nguyễn Văn Cừ', address2: null, ward: null, district: null,
        province: 'Hà Nội', city: 'Long Biên', zip: null, countryCode: 'VN',
      },
      lines: [{ externalId: '301', productId: '88', variantId: null, sku: 'BP-ST-4', title: 'Bánh pía Sóc Trăng (hộp 4 cái)', quantity: 3, price: 50000 }],
      note: 'Giao buổi sáng giúp em ạ',
      tags: [],
    } satisfies NormalizedOrder);
  });

  it('completed (COD): fulfilled, negative refund total, newest shipment-tracking item, pre-discount unit prices', () => {
    const order = woo('woo-order-completed.json');
    expect(order).toEqual({
      externalId: '4522', orderNumber: '4522', email: 'baovo@example.vn', phone: '0292 3838 123',
      customerName: 'Võ Quốc Bảo', customerExternalId: '17', currency: 'VND',
      total: 320000, subtotal: 350000, discount: 30000, shipping: 0, refunded: 50000,
      paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false,
      rawFinancialStatus: 'completed', rawFulfillmentStatus: 'completed',
      placedAt: new Date('2024-06-02T02:30:00Z'), cancelledAt: null, updatedAt: new Date('2024-06-06T09:00:00Z'),
      trackingNumber: 'S9876543.CT01.B2', carrier: 'Giao Hàng Tiết Kiệm', trackingUrl: 'https://i.ghtk.vn/S9876543.CT01.B2',
      shippingAddress: {
        name: 'Võ Quốc Bảo', phone: '0292 3838 123', address1: '21 Đường 30/4', address2: 'Phường Hưng Lợi', ward: null,
        district: null, province: 'Cần Thơ', city: 'Ninh Kiều', zip: '900000', countryCode: 'VN',
      },
      lines: [
        { externalId: '311', productId: '91', variantId: null, sku: 'NM-PQ-40', title: 'Nước mắm Phú Quốc 40 độ đạm 500ml', quantity: 2, price: 90000 },
        { externalId: '312', productId: '92', variantId: '1203', sku: 'KCL-500', title: 'Khô cá lóc miền Tây - 500g', quantity: 1, price: 170000 },
      ],
      note: null,
      tags: [],
    } satisfies NormalizedOrder);
    expect(countsAsPurchase(order)).toBe(true);
  });

  it('cancelled: voided, cancelledAt from the last modification, no address', () => {
    const order = woo('woo-order-cancelled.json');
    expect(order).toEqual({
      externalId: '4523', orderNumber: '4523', email: 'mylinh.dang@example.vn', phone: '0868 111 222',
      customerName: 'Đặng Mỹ Linh', customerExternalId: null, currency: 'VND',
      total: 150000, subtotal: 130000, discount: 0, shipping: 20000, refunded: 0,
      paymentState: 'voided', fulfilmentState: 'unfulfilled', cancelled: true,
      rawFinancialStatus: 'cancelled', rawFulfillmentStatus: 'cancelled',
      placedAt: new Date('2024-06-03T01:00:00Z'), cancelledAt: new Date('2024-06-04T03:15:00Z'), updatedAt: new Date('2024-06-04T03:15:00Z'),
      trackingNumber: null, carrier: null, trackingUrl: null,
      shippingAddress: null,
      lines: [{ externalId: '321', productId: '95', variantId: null, sku: 'MG-HUE', title: 'Mứt gừng Huế', quantity: 1, price: 130000 }],
      note: null,
      tags: [],
    } satisfies NormalizedOrder);
    expect(countsAsPurchase(order)).toBe(false);
  });

  it('COD pending → completed: a purchase only once completed', () => {
    expect(countsAsPurchase(woo('woo-order-completed.json', (o) => { o.status = 'pending'; }))).toBe(false);
    expect(countsAsPurchase(woo('woo-order-completed.json', (o) => { o.status = 'on-hold'; }))).toBe(false);
    expect(countsAsPurchase(woo('woo-order-completed.json'))).toBe(true);
  });

  it('accepts _gmt dates that already carry Z, and falls back to price without a line subtotal', () => {
    const o = woo('woo-order-processing.json', (x) => {
      x.date_created_gmt = '2024-06-01T14:05:00Z';
      delete (x.line_items as Json[])[0]!.subtotal;
      (x.line_items as Json[])[0]!.price = 49999.5;
    });
    expect(o.placedAt).toEqual(new Date('2024-06-01T14:05:00Z'));
    expect([o.lines[0]!.price, o.subtotal]).toEqual([50000, null]);
  });

  it('keeps the newest tracking item by date_shipped and ignores non-http links', () => {
    const o = woo('woo-order-completed.json', (x) => {
      const items = ((x.meta_data as Json[])[1]!.value as Json[]);
      items[1]!.date_shipped = '1717900000';
      items[1]!.custom_tracking_link = 'javascript:alert(1)';
    });
    expect([o.trackingNumber, o.carrier, o.trackingUrl]).toEqual(['EB123456789VN', 'vietnam-post', null]);
  });

  it.each<[string, (o: Json) => void, RegExp]>([
    ['missing id', (o) => { delete o.id; }, /^id is missing$/],
    ['missing date_created_gmt', (o) => { delete o.date_created_gmt; }, /date_created_gmt is missing/],
    ['bad date', (o) => { o.date_modified_gmt = '2024-06-31T00:00:00'; }, /date_modified_gmt: not a valid date/],
    ['bad total', (o) => { o.total = '175.000đ'; }, /total: not an amount/],
    ['missing total', (o) => { o.total = ''; }, /total is missing/],
    ['bad refund', (o) => { o.refunds = [{ total: 'NaN' }]; }, /refunds\[0\]\.total/],
    ['bad quantity', (o) => { (o.line_items as Json[])[0]!.quantity = -1; }, /line_items\[0\]\.quantity/],
  ])('rejects %s', (_, patch, message) => {
    expect(() => woo('woo-order-processing.json', patch)).toThrow(ShopPayloadError);
    expect(() => woo('woo-order-processing.json', patch)).toThrow(message);
  });
});
