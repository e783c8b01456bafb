import type { CompensationOfferInput, CompensationSettings } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { getOrderRow, latestPurchaseOf } from '../commerce/service.ts';
import { contactFamilyOf } from '../contacts/service.ts';

export interface Costed {
  cost: number;
  /** The order the offer is linked to (checked to belong to the workspace). */
  order: Row<'orders'> | null;
  /** What the ledger and the approval keep besides the cost: the offer as given and what sized it. */
  details: Record<string, unknown>;
}

/** The offer without the fields the ledger has columns for. */
function offerDetails(offer: CompensationOfferInput): Record<string, unknown> {
  const { conversationId: _c, orderId: _o, idempotencyKey: _k, ...rest } = offer;
  return rest;
}

/**
 * What an offer costs the shop, in đồng. A percent voucher costs its cap (`maxDiscount`), or the
 * percentage of the linked order (else the customer's latest order); that amount is also the
 * most the voucher will ever take off, so the ledger never understates it.
 */
export async function costOf(ctx: Ctx, offer: CompensationOfferInput, settings: CompensationSettings, contactId: string): Promise<Costed> {
  const order = offer.orderId ? await getOrderRow(ctx, offer.orderId) : null;
  // The order must be this customer's (or a contact merged into them), and a refund cannot exceed what is left of it.
  if (order && (!order.contact_id || !(await contactFamilyOf(ctx, contactId)).includes(order.contact_id))) {
    throw new AppError('validation_failed', "The order is not this customer's", { issues: [{ path: 'orderId', message: 'another customer' }] });
  }
  if (order && offer.kind === 'refund' && offer.amount > order.total - (order.refunded ?? 0)) {
    throw new AppError('validation_failed', 'The refund is more than what is left of the order', { issues: [{ path: 'amount', message: 'above the order total' }] });
  }
  const details = offerDetails(offer);
  switch (offer.kind) {
    case 'apology': return { cost: 0, order, details };
    case 'voucher': {
      if (offer.voucherType === 'fixed') return { cost: offer.value, order, details };
      if (offer.value > 100) throw new AppError('validation_failed', 'A percent voucher is 1–100 %', { issues: [{ path: 'value', message: 'max 100' }] });
      if (offer.maxDiscount !== null && offer.maxDiscount !== undefined) return { cost: offer.maxDiscount, order, details };
      const basis = order ?? (await latestPurchaseOf(ctx, contactId));
      if (!basis) {
        throw new AppError('validation_failed', 'This customer has no order to size a percent voucher by; set maxDiscount', {
          issues: [{ path: 'maxDiscount', message: 'required without an order' }],
        });
      }
      const cost = Math.round((offer.value * basis.total) / 100);
      return { cost, order, details: { ...details, maxDiscount: cost, basisOrderId: basis.id, basisOrderTotal: basis.total } };
    }
    case 'free_shipping': {
      const value = offer.value ?? settings.freeShippingCost;
      return { cost: value, order, details: { ...details, value } };
    }
    case 'points': return { cost: offer.points * settings.pointValue, order, details: { ...details, pointValue: settings.pointValue } };
    case 'replacement': return { cost: offer.cost, order, details };
    case 'refund': return { cost: offer.amount, order, details };
  }
}
