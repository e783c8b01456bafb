import { updateInboxInput, type FormInboxDto, type InboxDto } from '@careloop/contracts';
import { draftParse, serverFieldsOf, type DraftParse } from './serverFields.ts';

/** The setup form of a contact-form inbox: what the hosted page shows and asks for. */
export interface ContactForm {
  name: string;
  title: string;
  intro: string;
  /** Which contact fields the visitor must fill (the page always asks for an email or a phone). */
  fields: { name: boolean; email: boolean; phone: boolean };
  successMessage: string;
  locale: 'vi' | 'en' | 'auto';
  color: string;
}
export type ContactFormField = keyof ContactForm;
export const contactFormFields: readonly ContactFormField[] = ['name', 'title', 'intro', 'fields', 'successMessage', 'locale', 'color'];
export const requirableFields = ['name', 'email', 'phone'] as const;

/** The contract's defaults (name required, the shop colour of the web chat). */
export const newContactForm = (name = ''): ContactForm => ({
  name, title: '', intro: '', fields: { name: true, email: false, phone: false }, successMessage: '', locale: 'auto', color: '#1c7ed6',
});

export function contactFormOf(inbox: Pick<InboxDto, 'name'> & { form: FormInboxDto | null }): ContactForm {
  const f = inbox.form;
  if (!f) return newContactForm(inbox.name);
  return { name: inbox.name, title: f.title, intro: f.intro, fields: { ...f.fields }, successMessage: f.successMessage, locale: f.locale, color: f.color };
}

/** The `form` object the API takes (the whole settings: an update that names every field resets nothing by surprise). */
export function contactFormPayload(form: ContactForm) {
  return {
    title: form.title.trim(), intro: form.intro.trim(), fields: { ...form.fields },
    successMessage: form.successMessage.trim(), locale: form.locale, color: form.color.trim(),
  };
}

export const createContactFormInboxBody = (form: ContactForm) => ({ name: form.name.trim(), channel: 'form' as const, form: contactFormPayload(form) });
export const updateContactFormInboxBody = (form: ContactForm) => ({ name: form.name.trim(), form: contactFormPayload(form) });

const setupSchema = updateInboxInput.pick({ name: true, form: true }).required();

/** A `safeParse` for `useSettingsDraft`: the contract's rules on each field (a title, a `#rrggbb` colour…). */
export const contactFormSchema = {
  safeParse(value: unknown): DraftParse<ContactForm> {
    const form = value as ContactForm;
    const parsed = setupSchema.safeParse(updateContactFormInboxBody(form));
    return draftParse(form, parsed.success ? null : parsed.error.issues, 'form', contactFormFields, 'name');
  },
};

export const contactFormServerErrors = (error: unknown) => serverFieldsOf(error, 'form', contactFormFields);
