/** Client-side checks for the pre-chat and offline forms; the server validates again. */
import type { MessageKey } from './i18n.ts';

/**
 * Vietnamese numbers as people type them: 0901234567, 090 123 4567, 090.123.4567, +84 90 123 4567,
 * 84901234567, 0084…, (028) 3822 1234. Returns E.164 (+84…) or null. Foreign numbers need a leading '+'.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '').replace(/^00/, '+');
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  if (compact.startsWith('+84')) national = `0${compact.slice(3).replace(/^0/, '')}`;
  else if (compact.startsWith('+')) return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : null;
  else if (compact.startsWith('84') && (compact.length === 11 || compact.length === 12)) national = `0${compact.slice(2).replace(/^0/, '')}`;
  else national = compact;
  const mobile = /^0[35789]\d{8}$/;
  const landline = /^02\d{9}$/;
  return mobile.test(national) || landline.test(national) ? `+84${national.slice(1)}` : null;
}

export function isEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(input.trim());
}

export type ContactField = 'name' | 'phone' | 'email';
export type ContactValues = Partial<Record<ContactField, string>>;
export type FieldErrors = Partial<Record<ContactField | 'body', MessageKey>>;

/** Checks the fields the inbox asks for; returns per-field errors and the cleaned values to send. */
export function validateContact(
  fields: readonly { field: ContactField; required: boolean }[],
  values: ContactValues,
): { errors: FieldErrors; clean: ContactValues } {
  const errors: FieldErrors = {};
  const clean: ContactValues = {};
  for (const { field, required } of fields) {
    const value = (values[field] ?? '').trim();
    if (!value) {
      if (required) errors[field] = 'required';
      continue;
    }
    if (field === 'phone') {
      const phone = normalizePhone(value);
      if (phone) clean.phone = phone;
      else errors.phone = 'invalidPhone';
    } else if (field === 'email') {
      if (isEmail(value)) clean.email = value.toLowerCase();
      else errors.email = 'invalidEmail';
    } else {
      clean.name = value.replace(/\s+/g, ' ');
    }
  }
  return { errors, clean };
}

/** The offline form: name and message required, plus an email or a phone number to answer to. */
export function validateOffline(values: ContactValues & { body?: string }): {
  errors: FieldErrors;
  clean: ContactValues & { body: string };
} {
  const { errors, clean } = validateContact(
    [{ field: 'name', required: true }, { field: 'email', required: false }, { field: 'phone', required: false }],
    values,
  );
  if (!errors.email && !errors.phone && !clean.email && !clean.phone) errors.email = 'emailOrPhone';
  const body = (values.body ?? '').trim();
  if (!body) errors.body = 'required';
  return { errors, clean: { ...clean, body } };
}

/** A resumed visitor sees the pre-chat form again only when a required field is still unknown. */
export function needsPrechat(
  fields: readonly { field: ContactField; required: boolean }[],
  contact: Partial<Record<ContactField, string | null>> | null,
): boolean {
  if (!fields.length) return false;
  if (!contact) return true;
  return fields.some((f) => f.required && !contact[f.field]);
}
