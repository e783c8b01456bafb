import { readBounce, type BounceDetails } from './dsn.ts';
import { LOOP_HEADER } from './markers.ts';
import type { ParsedEmail } from './parse.ts';

export { LOOP_HEADER } from './markers.ts';
export type { BounceDetails } from './dsn.ts';

export type EmailKind = 'normal' | 'auto_reply' | 'bulk' | 'bounce';

export interface EmailClassification {
  kind: EmailKind;
  /** Which signal decided, e.g. "header:auto-submitted=auto-replied"; for logs and the system note. */
  reason: string;
  bounce?: BounceDetails;
}

/**
 * Spec §6.3, checked in an order that keeps the signals from shadowing each other:
 * 1. bounce by structure or sender: multipart/report delivery-status, X-Failed-Recipients,
 *    MAILER-DAEMON@ / postmaster@ (Postfix and Exim bounces also say Auto-Submitted, so bounces go first);
 * 2. auto-reply headers: Auto-Submitted not "no", X-Autoreply: yes, X-Autorespond, Precedence: auto_reply;
 * 3. bulk: Precedence bulk/junk/list, List-Id, List-Unsubscribe;
 * 4. auto-reply by subject (last-resort heuristic);
 * 5. bounce by empty Return-Path `<>` alone: RFC 3834 auto-replies use the null sender too, so it comes
 *    after the auto-reply signals, and without a 5.x.x code in the text such a bounce is soft.
 * Additions: a read receipt (multipart/report; report-type=disposition-notification, RFC 8098) is an
 * auto-reply. Deviation: a Google-Groups-style forward (X-Original-Sender present) carries the group's own List-Id /
 * List-Unsubscribe / Precedence: list; those are not counted, or every mail to a support@ group would be bulk.
 */
export function classifyEmail(parsed: ParsedEmail): EmailClassification {
  const h = parsed.headers;
  const bounceReason = structuralBounce(parsed);
  if (bounceReason) return { kind: 'bounce', reason: bounceReason, bounce: readBounce(parsed) };

  if (/^\s*multipart\/report\b[^]*report-type\s*=\s*"?disposition-notification/i.test(h['content-type'] ?? '')) {
    return { kind: 'auto_reply', reason: 'content-type:disposition-notification' };
  }
  const autoSubmitted = h['auto-submitted']?.split(';')[0]!.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return { kind: 'auto_reply', reason: `header:auto-submitted=${autoSubmitted}` };
  if (h['x-autoreply'] !== undefined && h['x-autoreply'].trim().toLowerCase() !== 'no') return { kind: 'auto_reply', reason: 'header:x-autoreply' };
  if (h['x-autorespond'] !== undefined) return { kind: 'auto_reply', reason: 'header:x-autorespond' };
  const precedence = h.precedence?.trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'auto-reply') return { kind: 'auto_reply', reason: `header:precedence=${precedence}` };

  const viaGroup = parsed.xOriginalSender !== null;
  if (precedence === 'bulk' || precedence === 'junk' || (precedence === 'list' && !viaGroup)) return { kind: 'bulk', reason: `header:precedence=${precedence}` };
  if (!viaGroup && h['list-id'] !== undefined) return { kind: 'bulk', reason: 'header:list-id' };
  if (!viaGroup && h['list-unsubscribe'] !== undefined) return { kind: 'bulk', reason: 'header:list-unsubscribe' };

  if (AUTO_REPLY_SUBJECT.test(parsed.subject)) return { kind: 'auto_reply', reason: 'subject' };
  if (parsed.returnPath === '') return { kind: 'bounce', reason: 'return-path:empty', bounce: readBounce(parsed) };
  return { kind: 'normal', reason: 'none' };
}

/**
 * Subjects of out-of-office replies (Outlook EN/VI, older Exchange, common autoresponders). The
 * Vietnamese wording is unverified (spec §6.3); a leading "Re:"/"TL:" is not allowed on purpose.
 */
export const AUTO_REPLY_SUBJECT =
  /^\s*(?:automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (?:the )?office|trả lời tự động|tự động trả lời|thư trả lời tự động)(?![\p{L}\p{N}])/iu;

const DAEMON_SENDER = /^(?:mailer-daemon|postmaster)@/i;

function structuralBounce(parsed: ParsedEmail): string | null {
  const contentType = parsed.headers['content-type']?.toLowerCase() ?? '';
  if (/^\s*multipart\/report\b/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType)) return 'content-type:multipart/report';
  if (parsed.report?.deliveryStatus) return 'part:message/delivery-status';
  if (parsed.headers['x-failed-recipients'] !== undefined) return 'header:x-failed-recipients';
  if (parsed.from.some((a) => DAEMON_SENDER.test(a.address))) return 'sender:mailer-daemon';
  return null;
}

/**
 * A mail CareLoop must never answer automatically (acknowledgement, CSAT, automations): it carries our
 * loop header, or its sender or Reply-To is one of our own addresses; "reply+token@x" counts as "reply@x".
 * The sender is X-Original-Sender when present: a Google-Groups-style forward has the group (our own
 * support address) in From, and the customer there.
 */
export function isLoopRisk(parsed: ParsedEmail, ownAddresses: readonly string[] = []): boolean {
  if (parsed.headers[LOOP_HEADER.toLowerCase()] !== undefined) return true;
  const own = new Set(ownAddresses.map(withoutTag));
  const sender = parsed.xOriginalSender ? [parsed.xOriginalSender] : parsed.from.map((a) => a.address);
  return [...sender, ...parsed.replyTo.map((a) => a.address)].some((address) => own.has(withoutTag(address)));
}

const withoutTag = (address: string) => address.trim().toLowerCase().replace(/^([^@+]+)\+[^@]*@/, '$1@');
