import { fold, type CompensationOfferInput, type CompensationSettings, type CompensationSuggestionDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { requireScope } from '../agents/policy.ts';
import { customerValueOf, type CustomerValue } from '../commerce/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { requireConversation } from '../conversations/service.ts';
import { covers, limitOf } from './policy.ts';
import { readCompensationSettings } from './settings.ts';

/** Labels compared folded, with spaces and underscores as hyphens: `Khiếu nại` = `khieu-nai`. */
const labelKey = (label: string) => fold(label).trim().replace(/[\s_]+/g, '-');
const complaintLabels = new Set(['complaint', 'khieu-nai']);
const lateLabels = new Set(['late-delivery', 'giao-tre']);

/** A customer who has spent this much gets half as much again. */
export const vipLifetimeSpend = 5_000_000;
const roundThousand = (amount: number) => Math.round(amount / 1000) * 1000;
const floorThousand = (amount: number) => Math.floor(amount / 1000) * 1000;
const reasons = {
  vi: { complaint: 'Khiếu nại', vip: 'Khiếu nại — khách thân thiết', late: 'Giao hàng trễ' },
  en: { complaint: 'Complaint', vip: 'Complaint — valued customer', late: 'Late delivery' },
};

/**
 * The suggestion, plus what goes with its main offer (a late delivery: points on top of free
 * shipping); `cost` and `withinAuthority` cover all of them.
 */
export type Suggestion = CompensationSuggestionDto;

/**
 * "Offer before they ask": for a conversation labelled as a complaint or a late delivery, what to
 * offer, sized by the order and the customer's value and capped at the viewer's authority.
 */
export async function suggestCompensation(ctx: Ctx, conversationId: string): Promise<Suggestion | null> {
  requireScope(ctx.actor, 'conversations:read');
  const conversation = await requireConversation(ctx, conversationId);
  const keys = conversation.labels.map(labelKey);
  const trigger = keys.some((k) => complaintLabels.has(k)) ? 'complaint' : keys.some((k) => lateLabels.has(k)) ? 'late_delivery' : null;
  if (!trigger) return null;
  const [settings, value, workspace] = await Promise.all([readCompensationSettings(ctx), customerValueOf(ctx, conversation.contact_id), getWorkspace(ctx)]);
  const say = reasons[workspace.locale === 'en' ? 'en' : 'vi'];
  const limit = limitOf(ctx.actor, settings);
  const order = value.latestOrder;
  const basis = { orderId: order?.id ?? null, orderTotal: order?.total ?? null, lifetimeSpend: value.lifetimeSpend, orderCount: value.orderCount };
  const vip = value.lifetimeSpend >= vipLifetimeSpend;
  const common = { conversationId, orderId: order?.id ?? null };

  if (trigger === 'complaint') {
    let amount = Math.max(20_000, roundThousand((order?.total ?? 0) / 10));
    if (vip) amount = roundThousand(amount * 1.5);
    const capped = limit === null ? amount : Math.min(amount, floorThousand(limit));
    const fits = capped >= 1000;
    const cost = fits ? capped : amount;
    const offer: CompensationOfferInput = {
      kind: 'voucher', voucherType: 'fixed', value: cost, minOrder: 0, expiresInDays: 30, ...common,
      reason: vip ? say.vip : say.complaint,
    };
    return { trigger, offer, cost, withinAuthority: covers(limit, cost), basis, also: [] };
  }
  return lateDelivery(settings, value, limit, vip, { ...common, reason: say.late }, basis);
}

/** Free shipping on the next order, plus points worth 5 % of the late order (min 10.000 ₫) if they fit. */
function lateDelivery(
  settings: CompensationSettings, value: CustomerValue, limit: number | null, vip: boolean,
  common: { conversationId: string; orderId: string | null; reason: string }, basis: CompensationSuggestionDto['basis'],
): Suggestion {
  const shipping = settings.freeShippingCost;
  const offer: CompensationOfferInput = { kind: 'free_shipping', value: null, expiresInDays: 30, ...common };
  let worth = Math.max(10_000, roundThousand((value.latestOrder?.total ?? 0) * 0.05));
  if (vip) worth = roundThousand(worth * 1.5);
  const pointValue = Math.max(settings.pointValue, 1);
  let points = Math.ceil(worth / pointValue);
  if (limit !== null) points = Math.min(points, Math.floor(Math.max(limit - shipping, 0) / pointValue));
  const also: CompensationOfferInput[] = points > 0 ? [{ kind: 'points', points, ...common }] : [];
  const cost = shipping + (points > 0 ? points * settings.pointValue : 0);
  return { trigger: 'late_delivery', offer, cost, withinAuthority: covers(limit, cost), basis, also };
}
