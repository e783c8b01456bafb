import type { TFunction } from 'i18next';
import { deliveryStates, fulfilmentStates, paymentStates, type AutomationActionType, type AutomationField, type AutomationTrigger } from '@careloop/contracts';
import { enumValues } from './conditionTree.ts';

/** i18n keys cannot hold dots: "message.text" is `automations.fields.message_text`. */
export const keyOf = (name: string) => name.replaceAll('.', '_');

export const fieldLabel = (field: AutomationField, t: TFunction) => t(`automations.fields.${keyOf(field)}`);
export const opLabel = (op: string, t: TFunction) => t(`automations.ops.${op}`);
export const triggerLabel = (trigger: AutomationTrigger, t: TFunction) => t(`automations.triggers.${keyOf(trigger)}`);
export const actionLabel = (type: AutomationActionType, t: TFunction) => t(`automations.actions.${type}`);

/** One enum value of a field, in the words the rest of the console uses for it. */
export function valueLabel(field: AutomationField, value: string, t: TFunction): string {
  switch (field) {
    case 'channel': return t(`channels.${value}`);
    case 'language': case 'sentiment': case 'intent': case 'urgency': return t(`triage.${field}.${value}`);
    case 'priority': return t(`priority.${value}`);
    case 'segment': return value === 'vip' ? t('analytics.vip.badge') : t(`analytics.segments.${value}.name`);
    case 'conversation.status': return t(`status.${value}`);
    case 'order.status': return orderStatusLabel(value, t);
    default: return value;
  }
}

function orderStatusLabel(value: string, t: TFunction): string {
  if ((deliveryStates as readonly string[]).includes(value)) return t(`commerce.delivery.${value}`);
  if ((paymentStates as readonly string[]).includes(value)) return t(`commerce.payment.${value}`);
  return t(`automations.fulfilment.${value}`);
}

export type Option = { value: string; label: string };
export type OptionGroup = { group: string; items: Option[] };

/** The choices of an enum field; order states come in their three groups ("returned" once, under delivery). */
export function enumOptions(field: AutomationField, t: TFunction): Option[] | OptionGroup[] {
  if (field === 'order.status') {
    const delivery = deliveryStates as readonly string[];
    const groups: [string, readonly string[]][] = [
      ['payment', paymentStates],
      ['fulfilment', fulfilmentStates.filter((s) => !delivery.includes(s))],
      ['delivery', deliveryStates],
    ];
    return groups.map(([group, values]) => ({ group: t(`automations.orderGroups.${group}`), items: values.map((v) => ({ value: v, label: orderStatusLabel(v, t) })) }));
  }
  return enumValues(field).map((v) => ({ value: v, label: valueLabel(field, v, t) }));
}
