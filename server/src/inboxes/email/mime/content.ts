import { htmlToText } from './html-to-text.ts';
import type { ParsedEmail } from './parse.ts';
import { splitHtmlQuote, splitTextQuote, type QuoteSplit } from './quotes.ts';
import { sanitizeEmailHtml, type SanitizeEmailOptions } from './sanitize.ts';

export interface EmailContent {
  text: QuoteSplit;
  /** Sanitised full / reply / quoted HTML; null for a text-only mail. */
  html: { full: string; reply: string; quoted: string; cutBy: string | null } | null;
  blockedImages: number;
}

/**
 * The stored variants of one mail's bodies: the HTML is cut on the raw markup (sanitising would drop
 * the classes and ids the cut looks for) and each part sanitised after. For an HTML-only mail the
 * text variants follow the HTML cut, which is more reliable than cutting the converted text.
 */
export function buildEmailContent(parsed: ParsedEmail, opts: SanitizeEmailOptions): EmailContent {
  if (parsed.html === null) return { text: splitTextQuote(parsed.text), html: null, blockedImages: 0 };
  const split = splitHtmlQuote(parsed.html);
  const full = sanitizeEmailHtml(split.full, opts);
  const reply = sanitizeEmailHtml(split.reply, opts);
  const quoted = sanitizeEmailHtml(split.quoted, opts);
  const text = parsed.textSource === 'html'
    ? { full: parsed.text, reply: split.cutBy ? htmlToText(split.reply) : parsed.text, quoted: split.cutBy ? htmlToText(split.quoted) : '', cutBy: split.cutBy }
    : splitTextQuote(parsed.text);
  return { text, html: { full: full.html, reply: reply.html, quoted: quoted.html, cutBy: split.cutBy }, blockedImages: full.blockedImages };
}
