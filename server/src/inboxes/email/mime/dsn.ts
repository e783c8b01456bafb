import { extractAddresses } from './addresses.ts';
import { normalizeMessageId } from './ids.ts';
import type { ParsedEmail } from './parse.ts';

export interface BounceDetails {
  /** 5.x.x (or Action: failed without a status): mark the address undeliverable. 4.x.x or unknown: warn only. */
  hard: boolean;
  /** Enhanced status code (RFC 3463), e.g. "5.1.1". */
  status: string | null;
  /** failed | delayed | delivered | relayed | expanded (RFC 3464), lowercased. */
  action: string | null;
  finalRecipient: string | null;
  /** Diagnostic-Code without its type prefix ("smtp; "). */
  diagnostic: string | null;
  /** The Message-ID of our mail that bounced, from the returned headers: finds the outbound message. */
  originalMessageId: string | null;
}

type Fields = Map<string, string>;

/**
 * Groups of `Name: value` fields separated by blank lines (RFC 3464 §2.1): the first group is about
 * the message, every further group about one recipient. Folded lines are unfolded.
 */
export function parseFieldGroups(text: string): Fields[] {
  const groups: Fields[] = [];
  for (const block of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const fields: Fields = new Map();
    const unfolded = block.replace(/\n[ \t]+/g, ' ');
    for (const line of unfolded.split('\n')) {
      const match = /^([A-Za-z0-9-]+)[ \t]*:[ \t]*(.*)$/.exec(line);
      if (match && !fields.has(match[1]!.toLowerCase())) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
    }
    if (fields.size > 0) groups.push(fields);
  }
  return groups;
}

const STATUS = /(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?!\.?\d)/;
/** In free text only failure classes count, and not inside an IP address or version number. */
const TEXT_STATUS = /(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?!\.?\d)/;

/** Strips the address-type / diagnostic-type prefix: "rfc822; a@b" → "a@b". */
const typed = (value: string | undefined) => (value ? value.replace(/^[A-Za-z0-9-]+\s*;\s*/, '').trim() || null : null);

/**
 * Details of a bounce. With a delivery-status part they come from it (the first recipient that
 * failed, else the first recipient); without one (old-style MAILER-DAEMON text) a status code is
 * looked for in the text, and the bounce counts as hard only when that code is 5.x.x.
 */
export function readBounce(parsed: ParsedEmail): BounceDetails {
  const originalMessageId = findOriginalMessageId(parsed);
  const failedHeader = extractAddresses(parsed.headers['x-failed-recipients'])[0] ?? null;
  const groups = parsed.report?.deliveryStatus ? parseFieldGroups(parsed.report.deliveryStatus).slice(1) : [];
  const recipients = groups.filter((group) => group.has('final-recipient') || group.has('original-recipient') || group.has('action'));
  const chosen = recipients.find((group) => group.get('action')?.toLowerCase() === 'failed') ?? recipients[0];
  if (chosen) {
    const status = STATUS.exec(chosen.get('status') ?? '')?.[0] ?? null;
    const action = chosen.get('action')?.toLowerCase() ?? null;
    const recipient = typed(chosen.get('final-recipient') ?? chosen.get('original-recipient'));
    return {
      hard: status ? status.startsWith('5') : action === 'failed',
      status,
      action,
      finalRecipient: (recipient ? extractAddresses(recipient)[0] : null) ?? failedHeader,
      diagnostic: typed(chosen.get('diagnostic-code')),
      originalMessageId,
    };
  }
  const status = TEXT_STATUS.exec(parsed.text)?.[0] ?? null;
  return {
    hard: status?.startsWith('5') ?? false,
    status,
    action: null,
    finalRecipient: failedHeader,
    diagnostic: null,
    originalMessageId,
  };
}

/**
 * The Message-ID of the returned message: from the report's returned headers, else from an
 * attached message or header block, else from a copy of the headers quoted in the body text (qmail,
 * Exim and some hosted mailboxes inline them).
 */
export function findOriginalMessageId(parsed: ParsedEmail): string | null {
  const sources = [
    parsed.report?.returnedHeaders,
    ...parsed.attachments
      .filter((a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers')
      .map((a) => a.content.toString('utf8')),
  ];
  for (const source of sources) {
    if (!source) continue;
    const headerBlock = source.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)[0]!;
    const id = messageIdIn(headerBlock);
    if (id) return id;
  }
  return messageIdIn(parsed.text);
}

function messageIdIn(text: string): string | null {
  const match = /^[ \t>]*Message-ID[ \t]*:[ \t]*(?:\n[ \t]+)?(<[^<>\s]+>)/im.exec(text.replace(/\r\n/g, '\n'));
  return match ? normalizeMessageId(match[1]) : null;
}
