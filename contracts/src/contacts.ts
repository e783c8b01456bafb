import { z } from 'zod';
import { limits } from './limits.ts';
import { locales, pageQuery } from './common.ts';

const attributes = z.record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((v) => JSON.stringify(v).length <= limits.attributesBytes, 'attributes too large');

export const contactInput = z.object({
  name: z.string().trim().max(limits.nameChars).nullable().optional(),
  email: z.string().trim().toLowerCase().max(limits.emailChars).email().nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  avatarUrl: z.string().url().max(1000).nullable().optional(),
  locale: z.enum(locales).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(limits.labelChars)).max(limits.tagsPerContact).optional(),
  attributes: attributes.optional(),
});
export type ContactInput = z.infer<typeof contactInput>;

export const blockContactInput = z.object({ blocked: z.boolean(), reason: z.string().trim().max(500).nullable().optional() });
export const mergeContactsInput = z.object({ survivorId: z.string().max(64), mergedId: z.string().max(64) });
export const contactListQuery = pageQuery.extend({ q: z.string().max(limits.searchQueryChars).optional() });

export interface ContactIdentityDto { id: string; inboxId: string; channel: string; externalId: string }
export interface ContactDto {
  id: string;
  name: string | null;
  firstName: string | null;
  email: string | null;
  phone: string | null;
  phoneDisplay: string | null;
  avatarUrl: string | null;
  locale: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  blocked: boolean;
  blockedReason: string | null;
  identities: ContactIdentityDto[];
  lastActivityAt: string | null;
  createdAt: string;
}
export interface ContactMergeDto { id: string; survivorId: string; mergedId: string; createdAt: string; undoneAt: string | null }

/** Two contacts that share a phone or an email an unverified channel reported: an agent decides. */
export interface ContactMergeSuggestionDto {
  id: string;
  contact: ContactDto;
  other: ContactDto;
  reason: 'phone' | 'email';
  identifier: string;
  createdAt: string;
}
export const decideMergeSuggestionInput = z.object({ decision: z.enum(['accept', 'reject']) });
