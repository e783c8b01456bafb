import { z } from 'zod';

/** How a mail server connection is protected: implicit TLS (465/993), STARTTLS (587/143) or none (local relays). */
export const mailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof mailSecurity>;

const hostname = z.string().trim().toLowerCase().min(1).max(253).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'Not a host name');
const port = z.number().int().min(1).max(65535);

/** An outgoing (SMTP) or incoming (IMAP) server. The password is write-only: the API never returns it. */
export const mailServerInput = z.object({
  host: hostname,
  port,
  security: mailSecurity,
  username: z.string().max(254).default(''),
  /** Omitted on update = keep the stored one. */
  password: z.string().max(500).optional(),
  /** Accept self-signed certificates (a server on the shop's own network). */
  allowSelfSigned: z.boolean().default(false),
});

export const imapInput = mailServerInput.extend({ mailbox: z.string().trim().min(1).max(200).default('INBOX') });

export const emailInboxSettingsInput = z.object({
  /** The address customers write to (support@shop.vn). */
  address: z.string().trim().toLowerCase().email().max(254),
  /** The sender name on replies ("Shop Hoa Mai"). */
  displayName: z.string().trim().max(80).default(''),
  /** Domain of the `reply+token@…` address replies come back to; default: the address's own domain. */
  replyDomain: hostname.optional(),
  /** `[#1234]` in reply subjects. */
  subjectTag: z.boolean().default(true),
  /** A reply to a resolved conversation reopens it within this many days; later it starts a new one. */
  reopenDays: z.number().int().min(0).max(365).default(30),
  signature: z.string().max(2000).default(''),
  smtp: mailServerInput.nullable().default(null),
  imap: imapInput.nullable().default(null),
});
export type EmailInboxSettingsInput = z.input<typeof emailInboxSettingsInput>;
export type EmailInboxSettings = z.output<typeof emailInboxSettingsInput>;

/** What the API shows of an email inbox: no passwords, only whether one is set. */
export interface EmailInboxDto {
  address: string;
  displayName: string;
  replyDomain: string;
  subjectTag: boolean;
  reopenDays: number;
  signature: string;
  smtp: (Omit<z.output<typeof mailServerInput>, 'password'> & { hasPassword: boolean }) | null;
  imap: (Omit<z.output<typeof imapInput>, 'password'> & { hasPassword: boolean }) | null;
  /** Where a provider that POSTs raw MIME (or a forwarding script) delivers inbound mail. */
  rawUploadUrl: string;
}

/** Email facts of one message, for the console (the timeline shows the reply part; these are one click away). */
export interface EmailMessageDto {
  messageId: string;
  direction: 'in' | 'out';
  subject: string;
  from: { address: string; name: string | null } | null;
  to: { address: string; name: string | null }[];
  cc: { address: string; name: string | null }[];
  classification: 'normal' | 'auto_reply' | 'bulk' | 'bounce';
  classificationReason: string | null;
  textFull: string | null;
  textQuoted: string | null;
  /** Sanitised; remote images are held back as `data-remote-src` until the agent allows them. */
  htmlFull: string | null;
  htmlQuoted: string | null;
  blockedImages: number;
  rfcMessageId: string | null;
}
