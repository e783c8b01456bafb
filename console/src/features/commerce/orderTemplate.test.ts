import { describe, expect, it } from 'vitest';
import { renderTemplate } from '@careloop/contracts';
import { order } from './fixtures.ts';
import { orderTemplateValues } from './orderTemplate.ts';
import { latestOrder } from './queries.ts';
import { at } from '../../testing/fixtures.ts';

const vi = (state: string) => ({ processing: 'Đang xử lý', shipped: 'Đang giao', delivered: 'Đã giao', cancelled: 'Đã huỷ', returned: 'Đã hoàn trả' })[state]!;

describe('order template values', () => {
  it('renders the latest order into a canned response', () => {
    const values = orderTemplateValues(order(), vi, 'vi');
    expect(values).toEqual({
      'order.number': '#1001', 'order.status': 'Đang giao', 'order.total': '450.000\u00a0₫',
      'order.tracking_number': 'GHN123456', 'order.tracking_url': 'https://donhang.ghn.vn/?order_code=GHN123456', 'order.carrier': 'GHN',
    });
    expect(renderTemplate('Đơn {{order.number}} ({{order.total}}) {{order.status}}: {{order.carrier}} {{order.tracking_number}} {{ order.tracking_url }}', values))
      .toBe('Đơn #1001 (450.000\u00a0₫) Đang giao: GHN GHN123456 https://donhang.ghn.vn/?order_code=GHN123456');
  });

  it('reads the total in minor units of the order\'s currency', () => {
    expect(orderTemplateValues(order({ currency: 'USD', total: 4500 }), vi, 'en')['order.total']).toBe('$45.00');
  });

  it('falls back when there is no order or no tracking, and never passes a non-http link', () => {
    const none = orderTemplateValues(null, vi, 'vi');
    expect(renderTemplate('{{order.number | chưa có đơn}} {{order.tracking_url|}}', none)).toBe('chưa có đơn ');
    const cod = orderTemplateValues(order({ trackingNumber: null, carrier: null, trackingUrl: 'javascript:alert(1)', cancelled: true }), vi, 'vi');
    expect(cod).toMatchObject({ 'order.status': 'Đã huỷ', 'order.tracking_url': null, 'order.tracking_number': null });
  });

  it('picks the most recently placed order', () => {
    expect(latestOrder([order({ id: 'a', placedAt: at(1) }), order({ id: 'b', placedAt: at(9) }), order({ id: 'c', placedAt: at(5) })])!.id).toBe('b');
    expect(latestOrder([])).toBeNull();
  });
});
