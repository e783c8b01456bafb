import { updateInboxInput, type InboxDto, type PhoneInboxDto, type PhoneProvider } from '@careloop/contracts';
import { draftParse, serverFieldsOf, type DraftParse } from './serverFields.ts';

/**
 * The setup form of a phone inbox. The Stringee signing secret is write-only, like the messaging
 * secrets: the form starts it empty, says whether one is stored, and the payload carries it only when
 * the admin typed it (left out = the server keeps the stored one).
 */
export interface PhoneForm {
  name: string;
  provider: PhoneProvider;
  displayNumber: string;
  stringeeSigningSecret: string;
}
export type PhoneField = keyof PhoneForm;
export const phoneFields: readonly PhoneField[] = ['name', 'provider', 'displayNumber', 'stringeeSigningSecret'];

export const newPhoneForm = (name = ''): PhoneForm => ({ name, provider: 'generic', displayNumber: '', stringeeSigningSecret: '' });

/** The form over a saved inbox; the secret stays empty (it never leaves the server). */
export function phoneFormOf(inbox: Pick<InboxDto, 'name'> & { phone: PhoneInboxDto | null }): PhoneForm {
  const p = inbox.phone;
  return { ...newPhoneForm(inbox.name), ...(p ? { provider: p.provider, displayNumber: p.displayNumber ?? '' } : {}) };
}

/** The `phone` object the API takes: an empty display number clears it; the secret only when typed, and only for Stringee. */
export function phonePayload(form: PhoneForm): { provider: PhoneProvider; displayNumber: string | null; stringeeSigningSecret?: string } {
  const secret = form.stringeeSigningSecret.trim();
  return {
    provider: form.provider,
    displayNumber: form.displayNumber.trim() || null,
    ...(form.provider === 'stringee' && secret ? { stringeeSigningSecret: secret } : {}),
  };
}

/** Body of `POST /inboxes` for a new phone inbox. */
export const createPhoneInboxBody = (form: PhoneForm) => ({ name: form.name.trim(), channel: 'phone' as const, phone: phonePayload(form) });
/** Body of `PATCH /inboxes/:id` (a secret left out keeps its stored value). */
export const updatePhoneInboxBody = (form: PhoneForm) => ({ name: form.name.trim(), phone: phonePayload(form) });

/** How the secret input reads: typed now, already stored (leave empty to keep), or not set yet. */
export function phoneSecretState(form: PhoneForm, stored: boolean): 'typed' | 'stored' | 'missing' {
  if (form.stringeeSigningSecret) return 'typed';
  return stored ? 'stored' : 'missing';
}

const setupSchema = updateInboxInput.pick({ name: true, phone: true }).required();

/**
 * A `safeParse` for `useSettingsDraft`: the contract's formats per field, and Stringee needs its
 * signing secret (typed now or already stored) or no call event can be verified.
 */
export function phoneFormSchema(secretStored: boolean) {
  return {
    safeParse(value: unknown): DraftParse<PhoneForm> {
      const form = value as PhoneForm;
      const parsed = setupSchema.safeParse(updatePhoneInboxBody(form));
      const issues: { path: readonly PropertyKey[] }[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path }));
      if (form.provider === 'stringee' && phoneSecretState(form, secretStored) === 'missing') issues.push({ path: ['phone', 'stringeeSigningSecret'] });
      return draftParse(form, issues.length ? issues : null, 'phone', phoneFields, 'name');
    },
  };
}

/** Fields a `validation_failed` answer names. */
export const phoneServerErrors = (error: unknown) => serverFieldsOf(error, 'phone', phoneFields);
