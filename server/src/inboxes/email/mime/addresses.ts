import type { AddressObject, EmailAddress as MailparserAddress } from 'mailparser';

export interface EmailAddress {
  /** Lowercased. */
  address: string;
  /** NFC, trimmed, control and bidi-override characters removed; '' when the header gave none. */
  name: string;
}

/**
 * C0/C1 controls (NUL included) and the bidi embedding/override/isolate marks: a display name is
 * shown to agents, and U+202E can make "gpj.exe" read as "exe.jpg".
 */
const UNSAFE_NAME_CHARS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function cleanDisplayName(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFC')
    .replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, '') // ANSI escape sequences ("\x1b[31m"), not just their ESC
    .replace(/[\t\n\r\f\v]+/g, ' ')
    .replace(UNSAFE_NAME_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Flattens groups (`Team: a@x, b@y;`) and drops entries without an address. */
export function toAddressList(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!header) return [];
  const out: EmailAddress[] = [];
  const visit = (entry: MailparserAddress) => {
    if (entry.group) entry.group.forEach(visit);
    const address = cleanAddress(entry.address);
    if (address) out.push({ address, name: cleanDisplayName(entry.name) });
  };
  for (const object of Array.isArray(header) ? header : [header]) object.value.forEach(visit);
  return out;
}

function cleanAddress(address: string | undefined): string | null {
  const value = (address ?? '').replace(UNSAFE_NAME_CHARS, '').trim().toLowerCase();
  return value.includes('@') ? value : null;
}

/**
 * Addresses in a loosely formatted header value (`Delivered-To`, `X-Original-To`, envelope RCPT TO):
 * the address inside `<…>` when there is one, else every bare `local@domain` token.
 */
export function extractAddresses(value: string | null | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const bracketed = /<([^<>]*)>/.exec(part);
    // Tokens first, then the @ test: a single regex over the part backtracks quadratically on junk.
    const candidates = bracketed ? [bracketed[1]!] : part.split(/[\s<>,;"()]+/).filter((token) => /^[^@]+@[^@]+/.test(token));
    for (const candidate of candidates) {
      const address = cleanAddress(candidate);
      if (address) out.push(address);
    }
  }
  return out;
}

export function dedupe(values: Iterable<string>): string[] {
  return [...new Set(values)];
}
