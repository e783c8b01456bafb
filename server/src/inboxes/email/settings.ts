import { emailInboxSettingsInput, type EmailInboxDto, type EmailInboxSettings } from '@careloop/contracts';
import type { z } from 'zod';
import type { Row } from '../../platform/db/schema.ts';

/** The stored settings of an email inbox (passwords included: never presented). */
export const emailSettingsOf = (row: Row<'inboxes'>): EmailInboxSettings => emailInboxSettingsInput.parse(row.settings ?? {});

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
