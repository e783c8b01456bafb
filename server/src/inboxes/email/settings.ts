import { emailInboxSettingsInput, type EmailInboxDto, type EmailInboxSettings } from '@careloop/contracts';
import type { z } from 'zod';
import type { Row } from '../../platform/db/schema.ts';
import type { SecretBox } from '../../platform/secrets.ts';

interface EmailSecrets { smtpPassword?: string; imapPassword?: string }

/**
 * The settings of an email inbox with its SMTP and IMAP passwords, which are kept sealed in the
 * inbox's `secrets` (platform/secrets.ts), never in the settings JSON and never presented.
 * (Inboxes saved before passwords were sealed still carry them in the JSON until their next save.)
 */
export function emailSettingsOf(row: Pick<Row<'inboxes'>, 'settings' | 'secrets'>, box: SecretBox): EmailInboxSettings {
  const settings = emailInboxSettingsInput.parse(row.settings ?? {});
  const sealed = row.secrets ? box.open<EmailSecrets>(row.secrets) : {};
  if (settings.smtp && sealed.smtpPassword !== undefined) settings.smtp.password = sealed.smtpPassword;
  if (settings.imap && sealed.imapPassword !== undefined) settings.imap.password = sealed.imapPassword;
  return settings;
}

/**
 * The settings without opening the sealed passwords: enough to receive mail (address, reply domain,
 * reopening). Kept per settings object: the SMTP receiver hands over the same inbox row for a few seconds.
 */
export function emailReceivingSettingsOf(row: Pick<Row<'inboxes'>, 'settings'>): EmailInboxSettings {
  const raw = row.settings;
  if (raw === null || typeof raw !== 'object') return emailInboxSettingsInput.parse(raw ?? {});
  let parsed = receivingSettings.get(raw);
  if (!parsed) receivingSettings.set(raw, (parsed = emailInboxSettingsInput.parse(raw)));
  return parsed;
}
const receivingSettings = new WeakMap<object, EmailInboxSettings>();

/** The columns to store: the settings without passwords, the passwords sealed. */
export function storedEmailSettings(settings: EmailInboxSettings, box: SecretBox): { settings: string; secrets: string } {
  const strip = <T extends { password?: string | undefined }>(server: T | null) => {
    if (!server) return null;
    const { password: _password, ...rest } = server;
    return rest;
  };
  const secrets: EmailSecrets = {
    ...(settings.smtp?.password !== undefined ? { smtpPassword: settings.smtp.password } : {}),
    ...(settings.imap?.password !== undefined ? { imapPassword: settings.imap.password } : {}),
  };
  return { settings: JSON.stringify({ ...settings, smtp: strip(settings.smtp), imap: strip(settings.imap) }), secrets: box.seal(secrets) };
}

/** The domain of `reply+token@…` addresses. */
export const replyDomainOf = (s: EmailInboxSettings): string => s.replyDomain ?? s.address.split('@')[1]!;

/** A new settings object over the stored one: a server whose password is left out keeps its stored password. */
export function mergeEmailSettings(stored: EmailInboxSettings | null, input: z.output<typeof emailInboxSettingsInput>): EmailInboxSettings {
  const keep = <T extends { password?: string | undefined; host: string; username: string }>(next: T | null, old: T | null): T | null => {
    if (!next) return null;
    // A password belongs to one server and account: pointing elsewhere without a new one drops it.
    if (next.password === undefined && old && old.host === next.host && old.username === next.username && old.password !== undefined) return { ...next, password: old.password };
    return next;
  };
  return { ...input, smtp: keep(input.smtp, stored?.smtp ?? null), imap: keep(input.imap, stored?.imap ?? null) };
}

export function presentEmailSettings(s: EmailInboxSettings, rawUploadUrl: string): EmailInboxDto {
  const hide = <T extends { password?: string | undefined }>(server: T | null) => {
    if (!server) return null;
    const { password, ...rest } = server;
    return { ...rest, hasPassword: !!password };
  };
  return {
    address: s.address, displayName: s.displayName, replyDomain: replyDomainOf(s), subjectTag: s.subjectTag, reopenDays: s.reopenDays,
    signature: s.signature, smtp: hide(s.smtp), imap: hide(s.imap), rawUploadUrl,
  };
}
