import { randomBytes } from 'node:crypto';
import { hmacHex, safeEqual } from '../../platform/crypto.ts';

/**
 * The identities CareLoop puts on outgoing mail (channels spec §6.1). Message-IDs carry the
 * conversation and message ids with an 8-hex HMAC, so a reply's In-Reply-To/References can be
 * trusted without a lookup; the Reply-To plus address carries a random per-conversation token.
 * Ids are handled in normalized form: no angle brackets, domain lowercased.
 */
const sig8 = (secret: string, conversationId: string, messageId: string) => hmacHex(secret, `c.${conversationId}.m.${messageId}`).slice(0, 8);

export function ourMessageId(secret: string, conversationId: string, messageId: string, domain: string): string {
  return `c.${conversationId}.m.${messageId}.${sig8(secret, conversationId, messageId)}@${domain.toLowerCase()}`;
}

const ours = /^c\.([a-z]+_[0-9A-Za-z]+)\.m\.([a-z]+_[0-9A-Za-z]+)\.([0-9a-f]{8})@/;

/** The conversation and message of one of our Message-IDs, if its signature is right. */
export function parseOurMessageId(secret: string, id: string): { conversationId: string; messageId: string } | null {
  const m = ours.exec(id);
  if (!m) return null;
  const [, conversationId, messageId, sig] = m as unknown as [string, string, string, string];
  return safeEqual(sig8(secret, conversationId, messageId), sig) ? { conversationId, messageId } : null;
}

/** Lower-case base32 of 130 random bits: unguessable, and safe in the local part of an address. */
export function newReplyToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(26), (b) => alphabet[b & 31]).join('');
}

const replyPattern = /^reply\+([a-z2-7]{26})@(.+)$/;

/** `reply+{token}@{domain}` → token and domain, whatever the domain (the SMTP receiver learns the inbox from the token). */
export function parseReplyAddress(address: string): { token: string; domain: string } | null {
  const m = replyPattern.exec(address.trim().toLowerCase());
  return m ? { token: m[1]!, domain: m[2]! } : null;
}

/** `reply+{token}@{domain}` → token, for any recipient of a mail, when the domain is this inbox's. */
export function replyTokenIn(address: string, replyDomain: string): string | null {
  const parsed = parseReplyAddress(address);
  return parsed && parsed.domain === replyDomain.toLowerCase() ? parsed.token : null;
}

export const replyAddress = (token: string, replyDomain: string) => `reply+${token}@${replyDomain.toLowerCase()}`;

/** `[#1234]` in a subject. */
export function subjectTagOf(subject: string): number | null {
  const m = /\[#(\d{1,9})\]/.exec(subject);
  return m ? Number(m[1]) : null;
}

/** `Re: <subject> [#1234]`, without stacking `Re:`/`Fwd:`/`TL:` prefixes or tags. */
export function replySubject(subject: string, number: number | null): string {
  const base = subject.replace(/\s*\[#\d{1,9}\]\s*/g, ' ').replace(/^(\s*(re|fwd?|tl|trả lời|chuyển tiếp)\s*:\s*)+/iu, '').trim();
  return `Re: ${base || '(no subject)'}${number !== null ? ` [#${number}]` : ''}`;
}
