import { firstNameOf, renderTemplate, type FollowupKind, type Locale, type RepurchaseBasis, type TemplateVariable } from '@careloop/contracts';

/** The variables the server fills in a follow-up (`renderFor`); the others of canned replies stay empty here. */
export const followupVariables = ['contact.first_name', 'contact.name', 'order.number', 'product.title', 'workspace.name'] as const satisfies readonly TemplateVariable[];

export interface PreviewSample {
  /** The sample customer's full name, or null to show the fallbacks (`{{contact.first_name | bạn}}`). */
  name: string | null;
  orderNumber: string;
  productTitle: string;
  workspaceName: string;
}

/**
 * Values as the server gives them: the first name by the message's language; an order after delivery, and in a
 * product reminder (the last purchase of the product, whose title it also fills).
 */
export function previewValues(kind: FollowupKind, locale: Locale, sample: PreviewSample, basis: RepurchaseBasis = 'customer'): Partial<Record<TemplateVariable, string | null>> {
  const product = kind === 'repurchase' && basis === 'product';
  return {
    'contact.name': sample.name,
    'contact.first_name': firstNameOf(sample.name, locale),
    'workspace.name': sample.workspaceName,
    'order.number': kind === 'post_purchase' || product ? sample.orderNumber : null,
    'product.title': product ? sample.productTitle : null,
  };
}

export const previewMessage = (template: string, kind: FollowupKind, locale: Locale, sample: PreviewSample, basis: RepurchaseBasis = 'customer') =>
  renderTemplate(template, previewValues(kind, locale, sample, basis));

/** Variables typed in a message that a follow-up never fills (a typo, or `{{agent.name}}` from canned replies). */
export function unfilledVariables(template: string): string[] {
  const found = [...template.matchAll(/\{\{\s*([a-z_.]+)\s*(?:\|[^}]*)?\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((v) => !(followupVariables as readonly string[]).includes(v)))];
}

/** `text` with `token` in place of the selection `start`–`end`, and where the cursor goes after it. */
export function insertToken(text: string, start: number, end: number, token: string): { text: string; cursor: number } {
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
