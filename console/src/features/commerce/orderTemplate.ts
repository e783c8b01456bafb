import type { DeliveryState, OrderDto, templateVariables } from '@careloop/contracts';
import { safeUrl } from '../../lib/safeUrl.ts';
import { formatMinor } from './money.ts';

type Variable = (typeof templateVariables)[number];
export type OrderVariable = Extract<Variable, `order.${string}`>;
export type OrderTemplateValues = Record<OrderVariable, string | null>;

/**
 * `{{order.*}}` values from the contact's most recent order, in the customer's language (`statusLabel`
 * and `lang`). Without an order every value is null, so `{{order.number | …}}` falls back.
 */
export function orderTemplateValues(order: OrderDto | null | undefined, statusLabel: (state: DeliveryState) => string, lang: string): OrderTemplateValues {
  if (!order) {
    return {
      'order.number': null, 'order.status': null, 'order.total': null,
      'order.tracking_number': null, 'order.tracking_url': null, 'order.carrier': null,
    };
  }
  return {
    'order.number': order.number,
    'order.status': statusLabel(order.cancelled ? 'cancelled' : order.deliveryState),
    'order.total': formatMinor(order.total, order.currency, lang),
    'order.tracking_number': order.trackingNumber,
    'order.tracking_url': safeUrl(order.trackingUrl, { relative: false }),
    'order.carrier': order.carrier,
  };
}
