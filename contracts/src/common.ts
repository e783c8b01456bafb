import { z } from 'zod';
import { limits } from './limits.ts';

export const roles = ['owner', 'admin', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];
/** `roles` runs from most to least powerful. */
export const roleAtLeast = (role: Role, min: Role): boolean => roles.indexOf(role) <= roles.indexOf(min);
export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];

export const idParam = z.string().min(3).max(64).regex(/^[a-z]+_[0-9A-Za-z]+$/);
export const email = z.string().trim().toLowerCase().max(limits.emailChars).email();
export const personName = z.string().trim().min(1).max(limits.nameChars);
export const password = z.string().min(10).max(200);

/** Cursor pagination: `?cursor=…&limit=…` in, `{ items, nextCursor }` out. */
export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
});
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Abilities the server computed for the actor, so the UI never guesses. */
export type Abilities = Record<string, boolean>;
