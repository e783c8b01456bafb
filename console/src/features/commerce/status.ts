import type { ApprovalDto, DeliveryState, OrderDto, paymentStates } from '@careloop/contracts';

export type PaymentState = (typeof paymentStates)[number];

const paymentColor: Record<PaymentState, string> = {
  pending: 'yellow', authorized: 'blue', paid: 'green', partially_refunded: 'orange', refunded: 'gray', voided: 'gray', failed: 'red',
};
const deliveryColor: Record<DeliveryState, string> = {
  processing: 'blue', shipped: 'indigo', delivered: 'green', cancelled: 'red', returned: 'orange',
};
export const approvalColor: Record<ApprovalDto['status'], string> = {
  pending: 'yellow', approved: 'green', denied: 'red', cancelled: 'gray',
};

export interface OrderBadge {
  /** i18n key under `commerce.` */
  label: string;
  color: string;
  testId: string;
}

/**
 * The badges on an order row: what the customer cares about (delivery) first, then payment. A cancelled
 * order says "cancelled" once; its payment is shown only if money moved (paid, refunded…).
 */
export function orderBadges(order: Pick<OrderDto, 'deliveryState' | 'paymentState' | 'cancelled'>): OrderBadge[] {
  const delivery: DeliveryState = order.cancelled ? 'cancelled' : order.deliveryState;
  const badges: OrderBadge[] = [{ label: `commerce.delivery.${delivery}`, color: deliveryColor[delivery], testId: 'order-delivery' }];
  const quietWhenCancelled: PaymentState[] = ['pending', 'voided', 'failed'];
  if (!(order.cancelled && quietWhenCancelled.includes(order.paymentState))) {
    badges.push({ label: `commerce.payment.${order.paymentState}`, color: paymentColor[order.paymentState] ?? 'gray', testId: 'order-payment' });
  }
  return badges;
}

/** Progress towards the next tier, 0–100, from the current tier's threshold (0 without a tier). */
export function tierProgress(spend12m: number, tierMin: number | null | undefined, nextMin: number | null | undefined): number {
  if (nextMin === null || nextMin === undefined) return 100;
  const from = tierMin ?? 0;
  if (nextMin <= from) return 100;
  return Math.max(0, Math.min(100, Math.round(((spend12m - from) / (nextMin - from)) * 100)));
}

/** A budget month `2026-12` as "12/2026" (vi) or "Dec 2026" (en); anything else is shown as given. */
export function formatMonth(month: string, lang = 'vi'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const [, year, mm] = match;
  if (lang.startsWith('vi')) return `${mm}/${year}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(mm) - 1, 1)));
}
