import { useTranslation } from 'react-i18next';
import type { DeliveryState } from '@careloop/contracts';
import { orderTemplateValues, type OrderTemplateValues } from './orderTemplate.ts';
import { latestOrder, loadedOrders, useContactOrders } from './queries.ts';

/** `{{order.*}}` for canned responses: the contact's latest order, its status in the customer's language. */
export function useOrderTemplateValues(contactId: string, locale: string): OrderTemplateValues {
  const { i18n } = useTranslation();
  const orders = useContactOrders(contactId);
  const lang = locale.startsWith('en') ? 'en' : 'vi';
  const t = i18n.getFixedT(lang);
  return orderTemplateValues(latestOrder(loadedOrders(orders.data)), (state: DeliveryState) => t(`commerce.delivery.${state}`), lang);
}
