import {
  compensationOfferInput, type CompensationKindName, type CompensationOfferInput, type CompensationSettings,
} from '@careloop/contracts';
import { toAmount, toInteger } from './money.ts';

type NumberField = number | string;

/** What the compensation modal edits: every kind's fields at once, so switching kinds keeps what was typed. */
export interface OfferDraft {
  kind: CompensationKindName;
  message: string;
  voucherType: 'percent' | 'fixed';
  value: NumberField;
  minOrder: NumberField;
  expiresInDays: NumberField;
  maxDiscount: NumberField;
  shippingValue: NumberField;
  points: NumberField;
  cost: NumberField;
  items: string;
  amount: NumberField;
  orderId: string | null;
  reason: string;
}

export function emptyDraft(over: Partial<OfferDraft> = {}): OfferDraft {
  return {
    kind: 'apology', message: '', voucherType: 'percent', value: 10, minOrder: 0, expiresInDays: 30, maxDiscount: '',
    shippingValue: '', points: 100, cost: '', items: '', amount: '', orderId: null, reason: '', ...over,
  };
}

/** A suggested (or earlier) offer as an editable draft. */
export function draftFromOffer(offer: CompensationOfferInput, base: OfferDraft = emptyDraft()): OfferDraft {
  const common = { ...base, kind: offer.kind, orderId: offer.orderId ?? base.orderId, reason: offer.reason ?? base.reason };
  switch (offer.kind) {
    case 'apology': return { ...common, message: offer.message };
    case 'voucher': return {
      ...common, voucherType: offer.voucherType, value: offer.value, minOrder: offer.minOrder ?? 0,
      expiresInDays: offer.expiresInDays ?? 30, maxDiscount: offer.maxDiscount ?? '',
    };
    case 'free_shipping': return { ...common, shippingValue: offer.value ?? '', expiresInDays: offer.expiresInDays ?? 30 };
    case 'points': return { ...common, points: offer.points };
    case 'replacement': return { ...common, cost: offer.cost, items: offer.items ?? '' };
    case 'refund': return { ...common, amount: offer.amount };
  }
}

export interface CostContext {
  settings?: CompensationSettings | null;
  /** The linked order's total, else the customer's latest order's (what the server sizes percent vouchers by). */
  orderTotal?: number | null;
}

/**
 * What the offer will cost the shop in đồng, as the server computes it (server/src/compensation/cost.ts);
 * null when it cannot be known yet (a field is empty, or a percent voucher has neither cap nor order).
 */
export function estimateCost(draft: OfferDraft, ctx: CostContext = {}): number | null {
  switch (draft.kind) {
    case 'apology': return 0;
    case 'voucher': {
      const value = toAmount(draft.value);
      if (value === null) return null;
      if (draft.voucherType === 'fixed') return value;
      const cap = toAmount(draft.maxDiscount);
      if (cap !== null) return cap;
      if (ctx.orderTotal === null || ctx.orderTotal === undefined) return null;
      return Math.round((Math.min(value, 100) * ctx.orderTotal) / 100);
    }
    case 'free_shipping': return toAmount(draft.shippingValue) ?? ctx.settings?.freeShippingCost ?? null;
    case 'points': {
      const points = toAmount(draft.points);
      if (points === null || !ctx.settings) return null;
      return points * ctx.settings.pointValue;
    }
    case 'replacement': return toAmount(draft.cost);
    case 'refund': return toAmount(draft.amount);
  }
}

const optional = (v: NumberField) => toAmount(v) ?? undefined;

/** The draft as the request body, checked with the contract's schema; `fields` names what is wrong. */
export function buildOffer(draft: OfferDraft, conversationId: string):
  | { ok: true; offer: CompensationOfferInput }
  | { ok: false; fields: string[] } {
  const common = { conversationId, orderId: draft.orderId, reason: draft.reason.trim() || null };
  const raw = (() => {
    switch (draft.kind) {
      case 'apology': return { kind: 'apology', message: draft.message, ...common };
      case 'voucher': return {
        kind: 'voucher', voucherType: draft.voucherType, value: optional(draft.value), minOrder: toAmount(draft.minOrder) ?? 0,
        expiresInDays: toInteger(draft.expiresInDays) ?? 30, maxDiscount: draft.voucherType === 'percent' ? toAmount(draft.maxDiscount) : null, ...common,
      };
      case 'free_shipping': return { kind: 'free_shipping', value: toAmount(draft.shippingValue), expiresInDays: toInteger(draft.expiresInDays) ?? 30, ...common };
      case 'points': return { kind: 'points', points: toInteger(draft.points) ?? undefined, ...common };
      case 'replacement': return { kind: 'replacement', cost: optional(draft.cost), items: draft.items.trim() || null, ...common };
      case 'refund': return { kind: 'refund', amount: optional(draft.amount), ...common };
    }
  })();
  const parsed = compensationOfferInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.')))] };
  if (parsed.data.kind === 'voucher' && parsed.data.voucherType === 'percent' && parsed.data.value > 100) return { ok: false, fields: ['value'] };
  return { ok: true, offer: parsed.data };
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export interface Formatters { money: (amount: number) => string; number?: (value: number) => string }

/**
 * One line for an offer or a ledger/approval entry ("Voucher giảm 10% (tối đa 50.000 ₫)"). `details` from the
 * server are the offer's own fields, so the same function reads both; unknown shapes fall back to the kind.
 */
export function describeOffer(kind: CompensationKindName, details: Record<string, unknown>, t: Translate, fmt: Formatters): string {
  const { money, number = String } = fmt;
  const num = (key: string) => (typeof details[key] === 'number' ? (details[key] as number) : null);
  const text = (key: string) => (typeof details[key] === 'string' && (details[key] as string).trim() ? (details[key] as string).trim() : null);
  switch (kind) {
    case 'voucher': {
      const value = num('value');
      if (value === null) return t('commerce.kind.voucher');
      if (details.voucherType === 'fixed') return t('commerce.offer.voucherFixed', { amount: money(value) });
      const cap = num('maxDiscount');
      return cap !== null ? t('commerce.offer.voucherPercentCap', { value, max: money(cap) }) : t('commerce.offer.voucherPercent', { value });
    }
    case 'points': {
      const points = num('points');
      return points === null ? t('commerce.kind.points') : t('commerce.offer.points', { points: number(points) });
    }
    case 'refund': {
      const amount = num('amount');
      return amount === null ? t('commerce.kind.refund') : t('commerce.offer.refund', { amount: money(amount) });
    }
    case 'replacement': {
      const items = text('items');
      return items ? t('commerce.offer.replacementItems', { items }) : t('commerce.kind.replacement');
    }
    default: return t(`commerce.kind.${kind}`);
  }
}

/** The offer and what it costs, without saying the amount twice ("Hoàn tiền 250.000 ₫", not "… · 250.000 ₫"). */
export function offerLine(kind: CompensationKindName, details: Record<string, unknown>, cost: number, t: Translate, fmt: Formatters): string {
  const label = describeOffer(kind, details, t, fmt);
  const amount = fmt.money(cost);
  return cost === 0 || label.includes(amount) ? label : `${label} · ${amount}`;
}
