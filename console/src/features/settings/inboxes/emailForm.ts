import { updateInboxInput, type EmailInboxDto, type EmailInboxSettingsInput, type InboxDto, type MailSecurity } from '@careloop/contracts';

export type { MailSecurity };

/**
 * The email inbox form, flat so each field has its own error. Passwords are write-only: the form
 * starts them empty and the payload carries one only when the admin typed it.
 */
export interface EmailForm {
  name: string;
  address: string;
  displayName: string;
  /** Empty = the address's own domain. */
  replyDomain: string;
  subjectTag: boolean;
  reopenDays: number;
  signature: string;
  smtpEnabled: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: MailSecurity;
  smtpUsername: string;
  smtpPassword: string;
  smtpAllowSelfSigned: boolean;
  imapEnabled: boolean;
  imapHost: string;
  imapPort: number;
  imapSecurity: MailSecurity;
  imapUsername: string;
  imapPassword: string;
  imapAllowSelfSigned: boolean;
  imapMailbox: string;
}

export type EmailFormField = keyof EmailForm;

export const defaultPorts = {
  smtp: { tls: 465, starttls: 587, none: 25 },
  imap: { tls: 993, starttls: 143, none: 143 },
} as const satisfies Record<'smtp' | 'imap', Record<MailSecurity, number>>;

export function newEmailForm(name = ''): EmailForm {
  return {
    name, address: '', displayName: name, replyDomain: '', subjectTag: true, reopenDays: 30, signature: '',
    smtpEnabled: true, smtpHost: '', smtpPort: defaultPorts.smtp.starttls, smtpSecurity: 'starttls', smtpUsername: '', smtpPassword: '', smtpAllowSelfSigned: false,
    imapEnabled: false, imapHost: '', imapPort: defaultPorts.imap.tls, imapSecurity: 'tls', imapUsername: '', imapPassword: '', imapAllowSelfSigned: false, imapMailbox: 'INBOX',
  };
}

/** The form over a saved inbox; a reply domain equal to the address's own shows as the default (empty). */
export function emailFormOf(inbox: Pick<InboxDto, 'name'> & { email: EmailInboxDto | null }): EmailForm {
  const base = newEmailForm(inbox.name);
  const e = inbox.email;
  if (!e) return base;
  const ownDomain = e.address.split('@')[1] ?? '';
  return {
    ...base,
    name: inbox.name, address: e.address, displayName: e.displayName, replyDomain: e.replyDomain === ownDomain ? '' : e.replyDomain,
    subjectTag: e.subjectTag, reopenDays: e.reopenDays, signature: e.signature,
    ...(e.smtp
      ? { smtpEnabled: true, smtpHost: e.smtp.host, smtpPort: e.smtp.port, smtpSecurity: e.smtp.security, smtpUsername: e.smtp.username, smtpAllowSelfSigned: e.smtp.allowSelfSigned }
      : { smtpEnabled: false }),
    ...(e.imap
      ? { imapEnabled: true, imapHost: e.imap.host, imapPort: e.imap.port, imapSecurity: e.imap.security, imapUsername: e.imap.username,
        imapAllowSelfSigned: e.imap.allowSelfSigned, imapMailbox: e.imap.mailbox }
      : {}),
  };
}

/** The `email` settings the API takes; a password goes along only when one was typed (left out = keep the saved one). */
export function emailSettingsPayload(form: EmailForm): EmailInboxSettingsInput {
  const server = (host: string, port: number, security: MailSecurity, username: string, password: string, allowSelfSigned: boolean) => ({
    host: host.trim(), port, security, username, allowSelfSigned, ...(password ? { password } : {}),
  });
  return {
    address: form.address.trim(),
    displayName: form.displayName.trim(),
    ...(form.replyDomain.trim() ? { replyDomain: form.replyDomain.trim() } : {}),
    subjectTag: form.subjectTag,
    reopenDays: form.reopenDays,
    signature: form.signature,
    smtp: form.smtpEnabled ? server(form.smtpHost, form.smtpPort, form.smtpSecurity, form.smtpUsername, form.smtpPassword, form.smtpAllowSelfSigned) : null,
    imap: form.imapEnabled
      ? { ...server(form.imapHost, form.imapPort, form.imapSecurity, form.imapUsername, form.imapPassword, form.imapAllowSelfSigned), mailbox: form.imapMailbox.trim() }
      : null,
  };
}

/** Body of `POST /inboxes` for a new email inbox. */
export const createEmailInboxBody = (form: EmailForm) => ({ name: form.name.trim(), channel: 'email' as const, email: emailSettingsPayload(form) });
/** Body of `PATCH /inboxes/:id` for an email inbox (the whole settings object, as the API asks). */
export const updateEmailInboxBody = (form: EmailForm) => ({ name: form.name.trim(), email: emailSettingsPayload(form) });

/** The contract's own rules (the server validates with the same schema): name and email settings, both required. */
const emailInboxSchema = updateInboxInput.pick({ name: true, email: true }).required();

const serverFields: Record<string, Partial<Record<string, EmailFormField>>> = {
  smtp: { host: 'smtpHost', port: 'smtpPort', security: 'smtpSecurity', username: 'smtpUsername', password: 'smtpPassword' },
  imap: { host: 'imapHost', port: 'imapPort', security: 'imapSecurity', username: 'imapUsername', password: 'imapPassword', mailbox: 'imapMailbox' },
};

/** The form field an issue of the API schema points at (`email.smtp.host` → `smtpHost`). */
export function formFieldOf(path: readonly PropertyKey[]): EmailFormField | null {
  const [first, second, third] = path.map(String);
  if (first === 'name') return 'name';
  if (first !== 'email' || !second) return null;
  if (second === 'smtp' || second === 'imap') return serverFields[second]![third ?? ''] ?? (second === 'smtp' ? 'smtpHost' : 'imapHost');
  return (['address', 'displayName', 'replyDomain', 'subjectTag', 'reopenDays', 'signature'] as const).find((f) => f === second) ?? null;
}

/**
 * A `safeParse` for `useSettingsDraft`: validates the payload the form would send with the contract's
 * schema and reports issues under the form's own field names. The parsed value is the form itself
 * (the save maps it to the payload), so a typed password is not lost between validation and save.
 */
export const emailFormSchema = {
  safeParse(value: unknown): { success: true; data: EmailForm } | { success: false; error: { issues: { path: PropertyKey[] }[] } } {
    const form = value as EmailForm;
    const parsed = emailInboxSchema.safeParse(updateEmailInboxBody(form));
    if (parsed.success) return { success: true, data: form };
    const fields = new Set(parsed.error.issues.map((issue) => formFieldOf(issue.path) ?? 'form'));
    return { success: false, error: { issues: [...fields].map((field) => ({ path: [field] })) } };
  },
};

/** A new security setting moves a port still at the old default to the new default (587 → 465 for TLS). */
export function portAfterSecurityChange(kind: 'smtp' | 'imap', port: number, from: MailSecurity, to: MailSecurity): number {
  return port === defaultPorts[kind][from] || !Number.isFinite(port) ? defaultPorts[kind][to] : port;
}

/**
 * Whether the saved password still applies: the server keeps it only for the same host and user
 * (pointing the inbox elsewhere without a new password drops it).
 */
export function passwordKept(saved: { host: string; username: string; hasPassword: boolean } | null | undefined, host: string, username: string): boolean {
  return Boolean(saved?.hasPassword && saved.host === host.trim().toLowerCase() && saved.username === username);
}
