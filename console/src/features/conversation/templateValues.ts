import { firstNameOf, renderTemplate, type ContactDto, type ConversationDto, type MeDto, type templateVariables } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { useContact } from '../contacts/queries.ts';
import type { OrderTemplateValues } from '../commerce/orderTemplate.ts';
import { useOrderTemplateValues } from '../commerce/useOrderTemplateValues.ts';

export type TemplateValues = Partial<Record<(typeof templateVariables)[number], string | number | null>>;

/**
 * Values for canned-response variables in this conversation (`{{contact.first_name | bạn}}`). The full
 * contact, once loaded, knows more than the conversation's summary of it (first name, display phone, locale).
 */
export function templateValues(c: ConversationDto, contact: ContactDto | undefined, me: MeDto, order?: OrderTemplateValues): TemplateValues {
  const name = contact?.name ?? c.contact.name;
  return {
    'contact.name': name,
    'contact.first_name': contact?.firstName ?? firstNameOf(name, contact?.locale ?? me.workspace.locale),
    'contact.email': contact?.email ?? c.contact.email,
    'contact.phone': contact?.phoneDisplay ?? contact?.phone ?? c.contact.phone,
    'agent.name': me.agent.name,
    'agent.first_name': firstNameOf(me.agent.name, me.workspace.locale),
    'conversation.number': c.number,
    'workspace.name': me.workspace.name,
    ...order,
  };
}

export function useTemplateValues(c: ConversationDto): TemplateValues {
  const me = useMe();
  const { data: contact } = useContact(c.contact.id);
  const order = useOrderTemplateValues(c.contact.id, contact?.locale ?? me.workspace.locale);
  return templateValues(c, contact, me, order);
}

export function render(body: string, values: TemplateValues): string {
  return renderTemplate(body, values);
}
