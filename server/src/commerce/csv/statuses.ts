/**
 * Status cells → CareLoop states (channels.md §7.4). Shopify has three columns and uses the shared
 * mappers; Woo has one `status` (slug, `wc-` prefixed slug, or a label, possibly Vietnamese); a
 * generic file can hold any of these, so it tries each vocabulary in turn.
 */
import { paymentStateOfShopify, statesOfWoo, type FulfilmentState, type PaymentState } from '../order.ts';

export interface States {
  paymentState: PaymentState;
  fulfilmentState: FulfilmentState;
  cancelled: boolean;
  /** Set when the value was not recognised (it is then read as pending/unfulfilled). */
  unknown?: boolean;
}

/** Labels Vietnamese shops type or export, both tone-mark styles (hủy/huỷ, vietnam.md §4.3). */
const vietnamese: Record<string, string> = {
  'hoàn thành': 'completed', 'đã hoàn thành': 'completed', 'đang xử lý': 'processing', 'tạm giữ': 'on-hold', 'chờ xử lý': 'pending',
  'chờ thanh toán': 'pending', 'đã hủy': 'cancelled', 'đã huỷ': 'cancelled', 'hủy': 'cancelled', 'huỷ': 'cancelled',
  'đã hoàn tiền': 'refunded', 'đã hoàn lại tiền': 'refunded', 'hoàn tiền': 'refunded', 'thất bại': 'failed',
  'đã thanh toán': 'paid', 'đã giao': 'delivered', 'giao thành công': 'delivered', 'đang giao': 'shipped', 'hoàn hàng': 'returned', 'trả hàng': 'returned',
};

const wooStatuses = new Set(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft']);

/** `wc-completed`, `Completed`, `On hold`, `Đã hủy` → a Woo-style slug. */
export function statusKey(raw: string): string {
  const s = raw.normalize('NFC').trim().toLowerCase().replace(/^wc-/, '');
  return vietnamese[s] ?? s.replace(/[\s_]+/g, '-');
}

export function statesOfWooCell(raw: string | null): States {
  if (raw === null) return { ...statesOfWoo(null) };
  const key = statusKey(raw);
  return wooStatuses.has(key) ? statesOfWoo(key) : { ...statesOfWoo(null), unknown: true };
}

/** Any one-column status: Woo slugs, Shopify financial statuses, delivery words, Vietnamese labels. */
export function statesOfAnyCell(raw: string | null): States {
  if (raw === null) return { ...statesOfWoo(null) };
  const key = statusKey(raw);
  if (wooStatuses.has(key)) return statesOfWoo(key);
  switch (key) {
    case 'canceled': return statesOfWoo('cancelled');
    case 'paid': case 'authorized': case 'partially-paid': case 'partially-refunded': case 'voided': case 'expired':
      return { paymentState: paymentStateOfShopify(key.replace('-', '_')), fulfilmentState: 'unfulfilled', cancelled: false };
    case 'fulfilled': case 'delivered': case 'shipped': return { paymentState: 'pending', fulfilmentState: 'fulfilled', cancelled: false };
    case 'returned': return { paymentState: 'pending', fulfilmentState: 'returned', cancelled: false };
    default: return { ...statesOfWoo(null), unknown: true };
  }
}
