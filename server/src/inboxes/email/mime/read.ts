import { buildEmailContent, type EmailContent } from './content.ts';
import { parseEmail, type ParseEmailOptions, type ParsedEmail } from './parse.ts';

/** What is stored of a mail's bodies (EmailContent without the reply HTML, which is sanitized when read). */
export interface StoredEmailContent {
  text: EmailContent['text'];
  html: { full: string; quoted: string; cutBy: string | null } | null;
  blockedImages: number;
}

export interface ReadMail {
  mail: ParsedEmail;
  /** null when the HTML may show inline images: their `cid:` links need the stored attachments' ids first. */
  content: StoredEmailContent | null;
}

/**
 * The CPU-heavy part of receiving a mail, the same on a pool thread (the `email.read` task of threads.ts) or inline: parse,
 * and, unless inline images need their attachments' ids, split the quotes and sanitize. Remote images
 * are held back, as for every inbound mail.
 */
export async function readMail(raw: Uint8Array, opts: ParseEmailOptions): Promise<ReadMail> {
  // A thread receives the bytes as a plain Uint8Array.
  const mail = await parseEmail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), opts);
  // Without a Content-ID among the attachments every `cid:` link is unknown, as it would be after storing them.
  const content = mail.attachments.some((a) => a.contentId) ? null : storedContentOf(buildEmailContent(mail, { cidUrl: () => null, allowRemoteImages: false }));
  return { mail, content };
}

export function storedContentOf(content: EmailContent): StoredEmailContent {
  return {
    text: content.text,
    html: content.html ? { full: content.html.full, quoted: content.html.quoted, cutBy: content.html.cutBy } : null,
    blockedImages: content.blockedImages,
  };
}

/** A ReadMail as it arrives from a thread: attachment bytes come as plain Uint8Arrays and become Buffers again. */
export function revivedReadMail(read: ReadMail): ReadMail {
  for (const a of read.mail.attachments) {
    const bytes: Uint8Array = a.content;
    a.content = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return read;
}
