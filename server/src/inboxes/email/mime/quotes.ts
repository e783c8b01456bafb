/**
 * Quote stripping (spec §6.4): three variants of each body — full, reply, quoted. The rules live in
 * quotes-text.ts (plain text, EN + VI) and quotes-html.ts (HTML markers); the markers CareLoop adds
 * to its own mail are in markers.ts.
 */
export { splitTextQuote, type QuoteSplit } from './quotes-text.ts';
export { splitHtmlQuote } from './quotes-html.ts';
export {
  REPLY_MARKER_ATTRIBUTE, REPLY_MARKER_CLASS, REPLY_MARKER_HTML, REPLY_MARKER_LINE_EN, REPLY_MARKER_LINE_VI,
  REPLY_MARKER_PATTERN, REPLY_MARKER_TEXT,
} from './markers.ts';
