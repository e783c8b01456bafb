import { firstNameOf, renderTemplate, type FollowupKind, type Locale, type templateVariables } from '@careloop/contracts';

/** The variables the server fills in a follow-up (`renderFor`); the others of canned replies stay empty here. */
export const followupVariables = ['contact.first_name', 'contact.name', 'order.number', 'workspace.name'] as const;
type Variable = (typeof templateVariables)[number];

export interface PreviewSample {
  /** The sample customer's full name, or null to show the fallbacks (`{{contact.first_name | bạn}}`). */
  name: string | null;
  orderNumber: string;
  workspaceName: string;
}

/** Values as the server gives them: the first name by the message's language, an order only after a purchase. */
export function previewValues(kind: FollowupKind, locale: Locale, sample: PreviewSample): Partial<Record<Variable, string | null>> {
  return {
    'contact.name': sample.name,
    'contact.first_name': firstNameOf(sample.name, locale),
    'workspace.name': sample.workspaceName,
    'order.number': kind === 'post_purchase' ? sample.orderNumber : null,
  };
}

export const previewMessage = (template: string, kind: FollowupKind, locale: Locale, sample: PreviewSample) =>
  renderTemplate(template, previewValues(kind, locale, sample));

/** Variables typed in a message that a follow-up never fills (a typo, or `{{agent.name}}` from canned replies). */
export function unfilledVariables(template: string): string[] {
  const found = [...template.matchAll(/\{\{\s*([a-z_.]+)\s*(?:\|[^}]*)?\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((v) => !(followupVariables as readonly string[]).includes(v)))];
}

/** `text` with `token` in place of the selection `start`–`end`, and where the cursor goes after it. */
export function insertToken(text: string, start: number, end: number, token: string): { text: string; cursor: number } {
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
