/**
 * `{{contact.name}}`-style variables in the text of rule actions. The syntax, the variable list
 * and `{{x | fallback}}` are the canned responses' (`renderTemplate` in contracts/src/canned.ts),
 * so agents learn one template language. One difference: a rule runs unattended and nobody would
 * see a typo, so unknown variables render as nothing instead of staying as typed. Output is plain
 * text; the caller escapes it for HTML (e-mail).
 */
import { firstNameOf, renderTemplate, templateVariables, type TemplateVariable } from '@careloop/contracts';

export interface VariableContext {
  contact?: { name?: string | null; firstName?: string | null; email?: string | null; phone?: string | null; locale?: string | null } | null;
  agent?: { name?: string | null } | null;
  conversation?: { number?: number | null } | null;
  workspace?: { name?: string | null; locale?: string | null } | null;
  /** The event's order, else the contact's latest. `status` is already a label in the customer's language. */
  order?: {
    number?: string | null; status?: string | null;
    /** Integer đồng (formatted "1.250.000 ₫"), or text the caller formatted for another currency. */
    total?: number | string | null;
    trackingNumber?: string | null; trackingUrl?: string | null; carrier?: string | null;
  } | null;
}

type Values = Partial<Record<TemplateVariable, string | number | null>>;

const known = new Set<string>(templateVariables);
const dong = new Intl.NumberFormat('vi-VN');
/** A link the customer will click: http(s) only. */
const httpOnly = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null);

export function variableValues(ctx: VariableContext): Values {
  const locale = ctx.contact?.locale ?? ctx.workspace?.locale ?? 'vi';
  const total = ctx.order?.total;
  return {
    'contact.name': ctx.contact?.name ?? null,
    'contact.first_name': ctx.contact?.firstName ?? firstNameOf(ctx.contact?.name, locale),
    'contact.email': ctx.contact?.email ?? null,
    'contact.phone': ctx.contact?.phone ?? null,
    'agent.name': ctx.agent?.name ?? null,
    'agent.first_name': firstNameOf(ctx.agent?.name, ctx.workspace?.locale ?? 'vi'),
    'conversation.number': ctx.conversation?.number ?? null,
    'workspace.name': ctx.workspace?.name ?? null,
    'order.number': ctx.order?.number ?? null,
    'order.status': ctx.order?.status ?? null,
    'order.total': typeof total === 'number' ? `${dong.format(total)} ₫` : (total ?? null),
    'order.tracking_number': ctx.order?.trackingNumber ?? null,
    'order.tracking_url': httpOnly(ctx.order?.trackingUrl),
    'order.carrier': ctx.order?.carrier ?? null,
  };
}

/** Any `{{…}}` (wider than `renderTemplate`'s, so `{{ Contact.Name }}` blanks too); known ones are left to it. */
const token = /\{\{\s*([^{}|]*?)\s*(?:\|[^{}]*)?\}\}/g;

export function renderVariables(template: string, ctx: VariableContext): string {
  const knownOnly = template.replace(token, (whole, key: string) => (known.has(key) ? whole : ''));
  return renderTemplate(knownOnly, variableValues(ctx));
}
