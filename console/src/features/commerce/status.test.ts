import { describe, expect, it } from 'vitest';
import { order } from './fixtures.ts';
import { formatMonth, orderBadges, tierProgress } from './status.ts';

const labels = (o: Parameters<typeof orderBadges>[0]) => orderBadges(o).map((b) => [b.label, b.color]);

describe('orderBadges', () => {
  it('shows delivery first, then payment', () => {
    expect(labels(order())).toEqual([['commerce.delivery.shipped', 'indigo'], ['commerce.payment.paid', 'green']]);
    expect(labels(order({ deliveryState: 'processing', paymentState: 'pending' }))).toEqual([
      ['commerce.delivery.processing', 'blue'], ['commerce.payment.pending', 'yellow'],
    ]);
    expect(labels(order({ deliveryState: 'delivered' }))[0]).toEqual(['commerce.delivery.delivered', 'green']);
  });

  it('says cancelled once, and hides a payment that never happened', () => {
    expect(labels(order({ cancelled: true, deliveryState: 'cancelled', paymentState: 'voided' }))).toEqual([['commerce.delivery.cancelled', 'red']]);
    // The flag wins even if the derived state lags behind.
    expect(labels(order({ cancelled: true, deliveryState: 'processing', paymentState: 'pending' }))).toEqual([['commerce.delivery.cancelled', 'red']]);
    // Money moved: the refund matters to the customer.
    expect(labels(order({ cancelled: true, deliveryState: 'cancelled', paymentState: 'refunded' }))).toEqual([
      ['commerce.delivery.cancelled', 'red'], ['commerce.payment.refunded', 'gray'],
    ]);
  });

  it('marks returns and failed payments', () => {
    expect(labels(order({ deliveryState: 'returned', paymentState: 'partially_refunded' }))).toEqual([
      ['commerce.delivery.returned', 'orange'], ['commerce.payment.partially_refunded', 'orange'],
    ]);
    expect(labels(order({ paymentState: 'failed' }))[1]).toEqual(['commerce.payment.failed', 'red']);
  });
});

describe('tierProgress', () => {
  it('measures from the current tier to the next', () => {
    expect(tierProgress(3_500_000, 2_000_000, 5_000_000)).toBe(50);
    expect(tierProgress(500_000, null, 2_000_000)).toBe(25);
    expect(tierProgress(9_000_000, 5_000_000, null)).toBe(100);
    expect(tierProgress(0, 2_000_000, 5_000_000)).toBe(0);
  });
});

describe('formatMonth', () => {
  it('reads a budget month the local way', () => {
    expect(formatMonth('2026-12', 'vi')).toBe('12/2026');
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(formatMonth('soon', 'vi')).toBe('soon');
  });
});
