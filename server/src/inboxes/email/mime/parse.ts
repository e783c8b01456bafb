import { simpleParser, type HeaderLines, type ParsedMail, type StructuredHeader } from 'mailparser';
import { limits } from '@careloop/contracts';
import { cleanDisplayName, dedupe, extractAddresses, toAddressList, type EmailAddress } from './addresses.ts';
import { collectAttachments, type DroppedAttachment, type ParsedAttachment, type ReportParts } from './attachments.ts';
import { EmailContentError } from './errors.ts';
import { htmlToText } from './html-to-text.ts';
import { normalizeInReplyTo, normalizeMessageId, normalizeReferences } from './ids.ts';
import { LOOP_HEADER } from './markers.ts';

export type { EmailAddress } from './addresses.ts';
export type { DroppedAttachment, ParsedAttachment, ReportParts } from './attachments.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENT_BYTES = limits.attachmentBytes;
export const DEFAULT_MAX_ATTACHMENTS = 50;

export interface ParseEmailOptions {
  /** SMTP envelope RCPT TO addresses (spec §6.2: plus-address tokens may only be there). */
  envelopeTo?: string[];
  /** SMTP envelope MAIL FROM when known ('' for the null sender `<>`); overrides the Return-Path header. */
  envelopeFrom?: string | null;
  /** A raw message over this is refused with `too_large`. Default 25 MB. */
  maxMessageBytes?: number;
  /** An attachment over this is dropped (listed in `droppedAttachments`). Default 10 MB. */
  maxAttachmentBytes?: number;
  /** Attachments past this count are dropped. Default 50. */
  maxAttachments?: number;
}

export interface ParsedEmail {
  /** Normalised (spec §6.2); null when the mail has none. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, newest last. */
  references: string[];
  /** NFC; '' when absent. */
  subject: string;
  from: EmailAddress[];
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** To, Cc, Delivered-To, X-Original-To and the envelope, lowercased, deduplicated. */
  recipients: string[];
  /**
   * The envelope sender: `envelopeFrom` when given, else the Return-Path header. '' is the null sender
   * `<>` (bounces, RFC 3834 auto-replies); null when unknown.
   */
  returnPath: string | null;
  /** Google-Groups-style forwards name the real author here. */
  xOriginalSender: string | null;
  /** null when the Date header is missing or unreadable. */
  date: Date | null;
  /** NFC. The text/plain body, or the HTML converted to text when there is none (see textSource). */
  text: string;
  textSource: 'plain' | 'html' | 'none';
  /** As sent (charset decoded), unsanitised: sanitise before showing. `cid:` links are kept. */
  html: string | null;
  /** The headers classification needs, by lowercase name, unfolded; repeated headers joined with ", ". */
  headers: Record<string, string>;
  attachments: ParsedAttachment[];
  droppedAttachments: DroppedAttachment[];
  /** Parts of a multipart/report (bounces); null otherwise. */
  report: ReportParts | null;
  sizeBytes: number;
}

/** Kept in ParsedEmail.headers: what classify.ts reads, plus a few useful for support. */
export const SELECTED_HEADERS = [
  'auto-submitted', 'x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'precedence', 'list-id',
  'list-unsubscribe', 'list-post', 'mailing-list', 'x-failed-recipients', 'return-path', 'content-type',
  LOOP_HEADER.toLowerCase(), 'x-original-sender', 'delivered-to', 'x-original-to', 'x-mailer', 'user-agent', 'date',
] as const;

export async function parseEmail(raw: Buffer, opts: ParseEmailOptions = {}): Promise<ParsedEmail> {
  const maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (raw.length > maxMessageBytes) {
    throw new EmailContentError('too_large', `The message is ${raw.length} bytes, over the ${maxMessageBytes} byte limit`, { sizeBytes: raw.length, maxBytes: maxMessageBytes });
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      keepCidLinks: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepDeliveryStatus: true,
    });
  } catch (cause) {
    throw new EmailContentError('unparseable', 'The message could not be parsed', { cause: String(cause) });
  }
  const headers = selectHeaders(mail.headerLines);
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined;
  const isReport = contentType?.value.toLowerCase() === 'multipart/report';
  const { attachments, dropped, report } = collectAttachments(mail.attachments, html, isReport, {
    maxAttachmentBytes: opts.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    maxAttachments: opts.maxAttachments ?? DEFAULT_MAX_ATTACHMENTS,
  });
  const to = toAddressList(mail.to);
  const cc = toAddressList(mail.cc);
  const plain = (mail.text ?? '').normalize('NFC');
  const textSource = plain.trim() !== '' ? 'plain' : html ? 'html' : 'none';
  return {
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: normalizeInReplyTo(rawHeader(mail.headerLines, 'in-reply-to')),
    references: normalizeReferences(rawHeader(mail.headerLines, 'references')),
    subject: cleanSubject(mail.subject),
    from: toAddressList(mail.from),
    replyTo: toAddressList(mail.replyTo),
    to,
    cc,
    recipients: dedupe([
      ...to.map((a) => a.address),
      ...cc.map((a) => a.address),
      ...extractAddresses(headers['delivered-to']),
      ...extractAddresses(headers['x-original-to']),
      ...(opts.envelopeTo ?? []).flatMap((address) => extractAddresses(address)),
    ]),
    returnPath: envelopeSender(opts.envelopeFrom, headers['return-path']),
    xOriginalSender: extractAddresses(headers['x-original-sender'])[0] ?? null,
    date: parseDate(headers.date),
    text: textSource === 'html' ? htmlToText(html!) : plain,
    textSource,
    html,
    headers,
    attachments,
    droppedAttachments: dropped,
    report,
    sizeBytes: raw.length,
  };
}

/** The value of a header line without its name, unfolded. */
function unfold(line: string): string {
  const colon = line.indexOf(':');
  return line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function rawHeader(lines: HeaderLines, key: string): string | null {
  const values = lines.filter((line) => line.key === key).map((line) => unfold(line.line));
  return values.length > 0 ? values.join(' ') : null;
}

function selectHeaders(lines: HeaderLines): Record<string, string> {
  const wanted = new Set<string>(SELECTED_HEADERS);
  const out: Record<string, string> = {};
  for (const line of lines) {
    if (!wanted.has(line.key)) continue;
    const value = unfold(line.line);
    out[line.key] = line.key in out ? `${out[line.key]}, ${value}` : value;
  }
  return out;
}

/** Subjects are shown and searched: NFC, one line, no control characters. */
function cleanSubject(subject: string | undefined): string {
  return cleanDisplayName(subject);
}

function envelopeSender(envelopeFrom: string | null | undefined, returnPath: string | undefined): string | null {
  const value = envelopeFrom ?? returnPath;
  if (value === undefined || value === null) return null;
  if (/^\s*(?:<\s*>)?\s*$/.test(value)) return '';
  return extractAddresses(value)[0] ?? null;
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}
