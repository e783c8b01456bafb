import i18n from '../i18n/index.ts';

/** What to call a contact when the name is missing: email, phone, then "Visitor". Always rendered as text. */
export function contactLabel(contact: { name: string | null; email?: string | null; phone?: string | null } | null | undefined): string {
  if (!contact) return i18n.t('contact.unknown');
  return contact.name?.trim() || contact.email || contact.phone || i18n.t('contact.visitor');
}
