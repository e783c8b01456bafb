import { formFieldLimits, type FormSubmission, type Locale } from '@careloop/contracts';
import { inTransaction, systemCtx, type Ctx, type Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hmacHex, safeEqual } from '../../platform/crypto.ts';
import { t, type MessageKey } from '../../platform/i18n.ts';
import { getContactRow, resolveCustomerContacts, updateContactFields } from '../../contacts/service.ts';
import { isInvalidPhone, normalizePhoneVN } from '../../contacts/phone.ts';
import { receiveIncoming } from '../../messages/service.ts';
import { findInboxByWidgetToken } from '../service.ts';
import { formSettingsOf } from './settings.ts';

export type FormInbox = NonNullable<Awaited<ReturnType<typeof findInboxByWidgetToken>>>;

/** The inbox's public token names the form (and its workspace). */
export async function resolveFormInbox(deps: Deps, token: string): Promise<FormInbox | null> {
  if (!token || token.length > 100) return null;
  const inbox = await findInboxByWidgetToken(deps.db, token);
  return inbox && inbox.channel === 'form' ? inbox : null;
}

/** `?lang=` first, then the form's fixed language, then the browser's, then the workspace's. */
export function pickLocale(inbox: FormInbox, lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang === 'vi' || lang === 'en') return lang;
  const fixed = formSettingsOf(inbox).locale;
  if (fixed !== 'auto') return fixed;
  for (const part of (acceptLanguage ?? '').toLowerCase().split(',').slice(0, 10)) {
    const tag = part.trim().slice(0, 2);
    if (tag === 'vi' || tag === 'en') return tag;
  }
  return inbox.workspace_locale === 'en' ? 'en' : 'vi';
}

// The signed render time --------------------------------------------------------------------------------

/** People take more than 3 s to fill a form; a page left open for over a day is reloaded. */
export const minFillMs = 3_000;
export const maxTicketAgeMs = 24 * 3600_000;

const ticketMac = (secret: string, inboxId: string, at: number) => hmacHex(secret, `form-ticket:${inboxId}:${at}`).slice(0, 32);

/** Embedded in the page: when it was rendered, signed with the server secret. */
export const signTicket = (secret: string, inboxId: string, at: number = Date.now()) => `${at}.${ticketMac(secret, inboxId, at)}`;

export function checkTicket(secret: string, inboxId: string, ticket: string | undefined, now: number = Date.now()): 'ok' | 'too_fast' | 'invalid' {
  const m = /^(\d{13})\.([0-9a-f]{32})$/.exec(ticket ?? '');
  if (!m) return 'invalid';
  const at = Number(m[1]);
  if (!safeEqual(ticketMac(secret, inboxId, at), m[2]!)) return 'invalid';
  if (now - at > maxTicketAgeMs || at - now > 60_000) return 'invalid';
  return now - at < minFillMs ? 'too_fast' : 'ok';
}

// Submissions ----------------------------------------------------------------------------------------------

export interface CleanSubmission { name: string; email: string; phone: string; message: string }

const refuse = (locale: Locale, key: MessageKey, details: Record<string, unknown>, code: 'validation_failed' | 'bad_request' = 'validation_failed', params: Record<string, string> = {}) =>
  new AppError(code, t(locale, key, params), details);

/** Trim, NFC, size and shape checks, each refusal in the visitor's language. */
export function cleanSubmission(inbox: FormInbox, input: FormSubmission, locale: Locale): CleanSubmission {
  const s = formSettingsOf(inbox);
  const out = { name: '', email: '', phone: '', message: '' };
  for (const field of ['name', 'email', 'phone', 'message'] as const) {
    const value = (input[field] ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
    const label = t(locale, `form.${field}` as MessageKey);
    if (value.length > formFieldLimits[field]) throw refuse(locale, 'form.error.too_long', { reason: 'too_long', field, max: formFieldLimits[field] }, 'validation_failed', { field: label, max: String(formFieldLimits[field]) });
    const required = field === 'message' || s.fields[field as 'name' | 'email' | 'phone'];
    if (required && !value) throw refuse(locale, 'form.error.required', { reason: 'required', field }, 'validation_failed', { field: label });
    out[field] = field === 'message' ? value : value.replace(/\s+/g, ' ');
  }
  if (out.email && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(out.email)) throw refuse(locale, 'form.error.email', { reason: 'invalid', field: 'email' });
  if (out.phone && isInvalidPhone(normalizePhoneVN(out.phone))) throw refuse(locale, 'form.error.phone', { reason: 'invalid', field: 'phone' });
  if (!out.email && !out.phone) throw refuse(locale, 'form.error.contact', { reason: 'contact_needed', field: 'email' });
  return out;
}

export type SubmitOutcome = { outcome: 'stored'; conversationId: string } | { outcome: 'ignored' };

/**
 * One submission: the honeypot and the signed render time first (a filled honeypot is answered
 * like a success and stores nothing), then the fields; the customer is found or created by phone or
 * email and the message lands in the inbox like any channel's.
 */
export async function submitForm(deps: Deps, inbox: FormInbox, input: FormSubmission, locale: Locale, ip: string | null): Promise<SubmitOutcome> {
  const log = deps.log.child({ ws: inbox.workspace_id, inbox: inbox.id });
  if (input.website && input.website.trim() !== '') {
    log.info('form: honeypot filled, submission dropped', { ip });
    return { outcome: 'ignored' };
  }
  const ticket = checkTicket(deps.secret, inbox.id, input.ticket);
  if (ticket === 'too_fast') throw refuse(locale, 'form.error.too_fast', { reason: 'too_fast' }, 'bad_request');
  if (ticket === 'invalid') throw refuse(locale, 'form.error.expired', { reason: 'ticket_invalid' }, 'bad_request');
  const clean = cleanSubmission(inbox, input, locale);
  const ctx: Ctx = { ...systemCtx(deps, inbox.workspace_id), log, ip };
  const [contactId] = await inTransaction(ctx, (tx) => resolveCustomerContacts(tx, [{ name: clean.name || null, email: clean.email || null, phone: clean.phone || null }]));
  if (!contactId) throw refuse(locale, 'form.error.contact', { reason: 'contact_needed' });
  if (clean.name && !(await getContactRow(ctx, contactId)).name) await updateContactFields(ctx, contactId, { name: clean.name });
  try {
    const result = await receiveIncoming(ctx, { inboxId: inbox.id, contactId, body: clean.message });
    return { outcome: 'stored', conversationId: result.conversationId };
  } catch (err) {
    // A blocked customer is not told so: the page thanks them as usual.
    if (err instanceof AppError && err.code === 'blocked_contact') return { outcome: 'ignored' };
    throw err;
  }
}
