import type { ZodType } from 'zod';
import i18n from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/validation.ts';

/** `lib/validation` messages, with `shop.validation.<field>` where the shop pages have a better one. */
export function shopFieldErrors(schema: ZodType, values: unknown): Record<string, string> {
  const errors = fieldErrors(schema, values);
  for (const field of Object.keys(errors)) {
    const key = `shop.validation.${field}`;
    if (i18n.exists(key)) errors[field] = i18n.t(key);
  }
  return errors;
}
