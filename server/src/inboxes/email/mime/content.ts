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
  const quoted = sanitizeEmailHtml(split.quoted, opts);
  const text = parsed.textSource === 'html'
    ? { full: parsed.text, reply: split.cutBy ? htmlToText(split.reply) : parsed.text, quoted: split.cutBy ? htmlToText(split.quoted) : '', cutBy: split.cutBy }
    : splitTextQuote(parsed.text);
  // The reply's own HTML is sanitised when it is read: the store keeps the full and the quoted HTML.
  let reply: string | undefined;
  const html = {
    full: full.html, quoted: quoted.html, cutBy: split.cutBy,
    get reply() { return (reply ??= split.cutBy ? sanitizeEmailHtml(split.reply, opts).html : full.html); },
  };
  return { text, html, blockedImages: full.blockedImages };
}
