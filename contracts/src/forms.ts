import { z } from 'zod';
import { locales } from './common.ts';

/**
 * Contact-form inboxes: a hosted page (`/forms/:token`) and an embed script that shows it in an
 * iframe. Submissions become conversations in the inbox.
 */
const formFields = z.object({ name: z.boolean(), email: z.boolean(), phone: z.boolean() });
const formSettingsShape = {
  title: z.string().trim().min(1).max(120),
  intro: z.string().trim().max(1000),
  /** Which contact fields must be filled (the submitter always gives an email or a phone). */
  fields: formFields,
  successMessage: z.string().trim().max(500),
  locale: z.enum([...locales, 'auto']),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
};
export const formInboxSettingsInput = z.object({
  ...formSettingsShape,
  intro: formSettingsShape.intro.default(''),
  fields: formFields.partial().default({}).transform((f) => ({ name: f.name ?? true, email: f.email ?? false, phone: f.phone ?? false })),
  successMessage: formSettingsShape.successMessage.default(''),
  locale: formSettingsShape.locale.default('auto'),
  color: formSettingsShape.color.default('#1c7ed6'),
});
/** Updates name only what changes (no defaults, so nothing unsent is reset). */
export const formInboxSettingsPatch = z.object({ ...formSettingsShape, fields: formFields.partial() }).partial();
export type FormInboxSettings = z.output<typeof formInboxSettingsInput>;

export interface FormInboxDto extends FormInboxSettings {
  /** The hosted page (share the link, or embed it). */
  pageUrl: string;
  /** One line to paste where the form should appear. */
  embedSnippet: string;
}

/** Field limits of a submission (the page enforces them too). */
export const formFieldLimits = { name: 120, email: 254, phone: 40, message: 5000 } as const;

/** A submission by a script (JSON); the page posts the same fields form-urlencoded. */
export const formSubmissionInput = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  message: z.string().optional(),
  /** The signed render time from the page (or `GET /forms/:token/ticket`). */
  ticket: z.string().max(200).optional(),
  /** Honeypot: people leave it empty. */
  website: z.string().optional(),
  lang: z.string().max(10).optional(),
});
export type FormSubmission = z.infer<typeof formSubmissionInput>;
