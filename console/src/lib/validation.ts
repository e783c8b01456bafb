import type { ZodType } from 'zod';
import i18n from '../i18n/index.ts';

/**
 * Validate a form with the same zod schema the server uses; returns translated messages per
 * top-level field (`validation.<field>`, falling back to a generic message).
 */
export function fieldErrors(schema: ZodType, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_');
    if (errors[field]) continue;
    const key = `validation.${field}`;
    errors[field] = i18n.exists(key) ? i18n.t(key) : i18n.t('validation.invalid');
  }
  return errors;
}

/** Only same-site paths may be a post-login destination (no `//evil.example`). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/inbox';
}
