import type { Attachment, StructuredHeader } from 'mailparser';
import { normalizeMessageId } from './ids.ts';
import { sniffContentType } from './sniff.ts';

export interface ParsedAttachment {
  /** Decoded (RFC 2047/2231), NFC, no path, no control characters, at most 200 characters. */
  filename: string;
  /** As the sender declared it (lowercased), not trusted. */
  contentType: string;
  /** From the bytes: what the console may preview or serve. */
  sniffedType: string;
  size: number;
  /** Normalised like a Message-ID; match `cid:` URLs through `normalizeContentId`. */
  contentId: string | null;
  /** Referenced from the HTML body by `cid:`: shown in place, not in the attachment list. */
  inline: boolean;
  content: Buffer;
}

export interface DroppedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: 'too_large' | 'too_many';
}

/** The machine-readable parts of a `multipart/report` (RFC 3462/3464); kept out of `attachments`. */
export interface ReportParts {
  /** The `message/delivery-status` part as text. */
  deliveryStatus: string | null;
  /** The header block of the returned message (`message/rfc822` or `text/rfc822-headers`). */
  returnedHeaders: string | null;
}

export const MAX_FILENAME_CHARS = 200;

/** `cid:` URLs are URL-encoded Content-IDs (RFC 2392); both sides are normalised the same way. */
export function normalizeContentId(value: string | null | undefined): string | null {
  if (!value) return null;
  let decoded = value.replace(/^cid:/i, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep it as given: a stray % is not worth losing the image
  }
  return normalizeMessageId(decoded);
}

/**
 * A file name safe to show and to put in a Content-Disposition: the last path segment only, NFC,
 * without control, bidi-override or shell/Windows-reserved characters, no leading dots, at most
 * 200 characters with the extension kept.
 */
export function sanitizeFilename(name: string | null | undefined, fallback = 'attachment'): string {
  let value = (name ?? '').normalize('NFC').replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
  value = value.split(/[/\\]/).pop() ?? '';
  value = value.replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!value) return fallback;
  const chars = [...value];
  if (chars.length <= MAX_FILENAME_CHARS) return value;
  const dot = value.lastIndexOf('.');
  const ext = dot > 0 && value.length - dot <= 16 ? [...value.slice(dot)] : [];
  return chars.slice(0, MAX_FILENAME_CHARS - ext.length).join('').trimEnd() + ext.join('');
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/heic': '.heic',
  'application/pdf': '.pdf', 'text/plain': '.txt', 'text/html': '.html', 'message/rfc822': '.eml', 'text/calendar': '.ics',
  'application/zip': '.zip',
};

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822', 'message/global']);

export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxAttachments: number;
}

/**
 * Splits mailparser's attachments into kept, dropped (over a limit: the mail itself is still taken)
 * and, for a `multipart/report`, the report parts.
 */
export function collectAttachments(list: readonly Attachment[], html: string | null, isReport: boolean, limits: AttachmentLimits) {
  const attachments: ParsedAttachment[] = [];
  const dropped: DroppedAttachment[] = [];
  const report: ReportParts = { deliveryStatus: null, returnedHeaders: null };
  const referencedCids = cidReferences(html);
  for (const part of list) {
    const contentType = declaredType(part);
    if (isReport && REPORT_TYPES.has(contentType) && takeReportPart(report, contentType, part.content)) continue;
    const sniffedType = sniffContentType(part.content);
    const filename = sanitizeFilename(part.filename, 'attachment' + (EXTENSIONS[sniffedType] ?? EXTENSIONS[contentType] ?? ''));
    const size = part.content.length;
    if (size > limits.maxAttachmentBytes) dropped.push({ filename, contentType, size, reason: 'too_large' });
    else if (attachments.length >= limits.maxAttachments) dropped.push({ filename, contentType, size, reason: 'too_many' });
    else {
      const contentId = normalizeContentId(part.contentId ?? part.cid);
      const inline = contentId !== null && referencedCids.has(contentId);
      attachments.push({ filename, contentType, sniffedType, size, contentId, inline, content: part.content });
    }
  }
  return { attachments, dropped, report: report.deliveryStatus !== null || report.returnedHeaders !== null ? report : null };
}

function declaredType(part: Attachment): string {
  const header = part.headers.get('content-type') as StructuredHeader | undefined;
  return (header?.value || part.contentType || 'application/octet-stream').toLowerCase();
}

/** Returns false for a second part of a kind already taken, which then stays an attachment. */
function takeReportPart(report: ReportParts, contentType: string, content: Buffer): boolean {
  const text = content.toString('utf8');
  if (contentType.endsWith('delivery-status')) {
    if (report.deliveryStatus !== null) return false;
    report.deliveryStatus = text;
    return true;
  }
  if (report.returnedHeaders !== null) return false;
  const end = text.search(/\r?\n\r?\n/);
  report.returnedHeaders = end < 0 ? text : text.slice(0, end);
  return true;
}

function cidReferences(html: string | null): Set<string> {
  const ids = new Set<string>();
  if (!html) return ids;
  for (const match of html.matchAll(/cid:([^"'\s>)]+)/gi)) {
    const id = normalizeContentId(match[1]);
    if (id) ids.add(id);
  }
  return ids;
}
