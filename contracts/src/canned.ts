import { z } from 'zod';
import { limits } from './limits.ts';

export const cannedInput = z.object({
  shortCode: z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_-]+$/u),
  title: z.string().trim().min(1).max(120),
  body: z.string().min(1).max(limits.cannedBodyChars),
});
export interface CannedResponseDto { id: string; shortCode: string; title: string; body: string; createdAt: string }

/** Variables a canned response may use; rendered by `renderTemplate`. */
export const templateVariables = [
  'contact.name', 'contact.first_name', 'contact.email', 'contact.phone',
  'agent.name', 'agent.first_name', 'conversation.number', 'workspace.name',
  // The contact's most recent order (empty, so the fallback applies, when they have none).
  'order.number', 'order.status', 'order.total', 'order.tracking_number', 'order.tracking_url', 'order.carrier',
] as const;
/** Variables only follow-ups fill: the product a repurchase reminder is about (canned replies do not list them). */
export const followupOnlyVariables = ['product.title'] as const;
export type TemplateVariable = (typeof templateVariables)[number] | (typeof followupOnlyVariables)[number];
const knownVariables: readonly string[] = [...templateVariables, ...followupOnlyVariables];

/**
 * Replace `{{ path }}` with values; unknown variables stay as typed so the agent sees them,
 * known variables with no value become `fallback` (`{{contact.first_name | bạn}}`).
 */
export function renderTemplate(template: string, values: Partial<Record<TemplateVariable, string | number | null>>): string {
  return template.replace(/\{\{\s*([a-z_.]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g, (whole, key: string, fallback?: string) => {
    if (!knownVariables.includes(key)) return whole;
    const value = values[key as TemplateVariable];
    return value === null || value === undefined || value === '' ? (fallback ?? '') : String(value);
  });
}

/**
 * Vietnamese given names come last: "Nguyễn Thị Lan" → "Lan". Western order "John Smith"
 * cannot be told apart reliably, so a `first_name` attribute wins where set.
 */
export function firstNameOf(fullName: string | null | undefined, locale: string | null = 'vi'): string | null {
  if (!fullName) return null;
  const parts = fullName.trim().split(/\s+/);
  if (parts.length === 0 || !parts[0]) return null;
  return locale === 'en' ? parts[0] : parts[parts.length - 1]!;
}
