import { describe, expect, it } from 'vitest';
import { buildOffer, describeOffer, draftFromOffer, emptyDraft, estimateCost, offerLine } from './cost.ts';
import { settings } from './fixtures.ts';

const ctx = { settings, orderTotal: 450_000 };

describe('estimateCost', () => {
  it('costs nothing to apologise', () => {
    expect(estimateCost(emptyDraft({ kind: 'apology' }), ctx)).toBe(0);
  });

  it('sizes a percent voucher by its cap, else by the order', () => {
    expect(estimateCost(emptyDraft({ kind: 'voucher', voucherType: 'percent', value: 10 }), ctx)).toBe(45_000);
    expect(estimateCost(emptyDraft({ kind: 'voucher', voucherType: 'percent', value: 10, maxDiscount: 30_000 }), ctx)).toBe(30_000);
    expect(estimateCost(emptyDraft({ kind: 'voucher', voucherType: 'percent', value: 15 }), { settings, orderTotal: 333_333 })).toBe(50_000);
    expect(estimateCost(emptyDraft({ kind: 'voucher', voucherType: 'percent', value: 10 }), { settings, orderTotal: null })).toBeNull();
    expect(estimateCost(emptyDraft({ kind: 'voucher', voucherType: 'fixed', value: 50_000 }), ctx)).toBe(50_000);
    expect(estimateCost(emptyDraft({ kind: 'voucher', value: '' }), ctx)).toBeNull();
  });

  it('uses the configured shipping cost and point value', () => {
    expect(estimateCost(emptyDraft({ kind: 'free_shipping' }), ctx)).toBe(30_000);
    expect(estimateCost(emptyDraft({ kind: 'free_shipping', shippingValue: 45_000 }), ctx)).toBe(45_000);
    expect(estimateCost(emptyDraft({ kind: 'points', points: 500 }), ctx)).toBe(50_000);
    expect(estimateCost(emptyDraft({ kind: 'points', points: 500 }), { orderTotal: null })).toBeNull();
  });

  it('takes replacement and refund amounts as typed', () => {
    expect(estimateCost(emptyDraft({ kind: 'replacement', cost: 210_000 }), ctx)).toBe(210_000);
    expect(estimateCost(emptyDraft({ kind: 'refund', amount: 450_000 }), ctx)).toBe(450_000);
    expect(estimateCost(emptyDraft({ kind: 'refund', amount: '' }), ctx)).toBeNull();
  });
});

describe('buildOffer', () => {
  it('builds each kind with the conversation, order and reason', () => {
    const voucher = buildOffer(emptyDraft({ kind: 'voucher', voucherType: 'fixed', value: 50_000, orderId: 'ord_1', reason: ' giao trễ ' }), 'conv_1');
    expect(voucher).toEqual({
      ok: true,
      offer: { kind: 'voucher', voucherType: 'fixed', value: 50_000, minOrder: 0, expiresInDays: 30, maxDiscount: null, conversationId: 'conv_1', orderId: 'ord_1', reason: 'giao trễ' },
    });
    expect(buildOffer(emptyDraft({ kind: 'refund', amount: 100_000 }), 'conv_1')).toMatchObject({ ok: true, offer: { kind: 'refund', amount: 100_000, reason: null } });
    expect(buildOffer(emptyDraft({ kind: 'free_shipping' }), 'conv_1')).toMatchObject({ ok: true, offer: { kind: 'free_shipping', value: null, expiresInDays: 30 } });
    expect(buildOffer(emptyDraft({ kind: 'replacement', cost: 0, items: '' }), 'conv_1')).toMatchObject({ ok: true, offer: { cost: 0, items: null } });
  });

  it('names what is missing or out of range', () => {
    expect(buildOffer(emptyDraft({ kind: 'apology', message: '   ' }), 'conv_1')).toEqual({ ok: false, fields: ['message'] });
    expect(buildOffer(emptyDraft({ kind: 'refund', amount: '' }), 'conv_1')).toEqual({ ok: false, fields: ['amount'] });
    expect(buildOffer(emptyDraft({ kind: 'refund', amount: 0 }), 'conv_1')).toEqual({ ok: false, fields: ['amount'] });
    expect(buildOffer(emptyDraft({ kind: 'voucher', voucherType: 'percent', value: 150 }), 'conv_1')).toEqual({ ok: false, fields: ['value'] });
    expect(buildOffer(emptyDraft({ kind: 'points', points: '' }), 'conv_1')).toEqual({ ok: false, fields: ['points'] });
  });

  it('round-trips a suggested offer through the draft', () => {
    const offer = { kind: 'voucher' as const, voucherType: 'percent' as const, value: 10, minOrder: 200_000, expiresInDays: 14, maxDiscount: 50_000, conversationId: 'conv_1', orderId: 'ord_1', reason: 'late' };
    expect(buildOffer(draftFromOffer(offer), 'conv_1')).toEqual({ ok: true, offer });
  });
});

describe('describeOffer', () => {
  const t = (key: string, o?: Record<string, unknown>) => (o ? `${key} ${JSON.stringify(o)}` : key);
  const fmt = { money: (n: number) => `${n}đ`, number: (n: number) => n.toLocaleString('vi-VN') };
  it('says what the offer is from its details', () => {
    expect(describeOffer('voucher', { voucherType: 'percent', value: 10, maxDiscount: 50_000 }, t, fmt)).toBe('commerce.offer.voucherPercentCap {"value":10,"max":"50000đ"}');
    expect(describeOffer('voucher', { voucherType: 'fixed', value: 20_000 }, t, fmt)).toBe('commerce.offer.voucherFixed {"amount":"20000đ"}');
    expect(describeOffer('refund', { amount: 1 }, t, fmt)).toBe('commerce.offer.refund {"amount":"1đ"}');
    expect(describeOffer('free_shipping', {}, t, fmt)).toBe('commerce.kind.free_shipping');
    expect(describeOffer('points', { foo: 1 }, t, fmt)).toBe('commerce.kind.points');
    expect(describeOffer('points', { points: 2000 }, t, fmt)).toBe('commerce.offer.points {"points":"2.000"}');
  });

  it('adds the cost unless the description already says it', () => {
    expect(offerLine('refund', { amount: 250_000 }, 250_000, t, fmt)).toBe('commerce.offer.refund {"amount":"250000đ"}');
    expect(offerLine('points', { points: 2000 }, 200_000, t, fmt)).toBe('commerce.offer.points {"points":"2.000"} · 200000đ');
    expect(offerLine('apology', {}, 0, t, fmt)).toBe('commerce.kind.apology');
  });
});
