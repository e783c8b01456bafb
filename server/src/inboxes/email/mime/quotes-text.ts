import EmailReplyParser from 'email-reply-parser';
import { REPLY_MARKER_PATTERN } from './markers.ts';

/** Three variants of a body (spec §6.4). `full` is never shortened; `reply` + `quoted` are a split of it. */
export interface QuoteSplit {
  full: string;
  /** The new part the customer wrote. */
  reply: string;
  /** Everything from the cut on: quoted mail, attribution, signature. '' when nothing was cut. */
  quoted: string;
  /** The rule that cut, for logs and tests; null when nothing was cut. */
  cutBy: string | null;
}

interface Cut {
  line: number;
  rule: string;
}

/**
 * Gmail EN/VI attributions, possibly wrapped onto a second line: "On … wrote:", "Vào … đã viết:",
 * "Vào lúc 10:00 ngày 12/05/2025, A đã viết:". The Vietnamese forms are unverified (spec §6.4).
 */
const ATTRIBUTION = /^(?:on|vào)\s.{5,200}(?:wrote|đã viết)\s*:\s*$/iu;
const ATTRIBUTION_START = /^(?:on|vào)\s/iu;
/** First line of an Outlook header block, EN and VI; "*From:*" when the client kept bold as asterisks. */
const OUTLOOK_FROM = /^\*?(?:from|từ)\s*:\*?\s*\S/iu;
const OUTLOOK_FIELD = /^\*?(?:sent|date|to|cc|subject|đã gửi|gửi|ngày|đến|chủ đề)\s*:\*?/iu;
const OUTLOOK_SEPARATOR = /^\s*(?:_{10,}|-{10,})\s*$/;
/** "Thư gốc" is a guess at localised Outlook wording (unverified). */
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:original message|thư gốc|tin nhắn gốc)\s*-{2,}\s*$/iu;
const SIGNATURE = /^--\s?$/;
/** Mobile client footers; the Vietnamese iOS wording ("Được gửi từ iPhone của tôi") is unverified. */
const MOBILE_FOOTER =
  /^\s*(?:sent from my \S.{0,60}|sent from (?:mail|outlook|yahoo mail) for \S.{0,40}|get outlook for \S.{0,40}|(?:được\s+)?gửi từ (?:iphone|ipad|điện thoại|thiết bị|outlook|samsung|yahoo|thư)\b.{0,60})\s*$/iu;
const QUOTE_LINE = /^\s*>/;
/** A short line that ends in ":" and names a date or an address: an attribution in a language we do not know. */
const looksLikeAttribution = (line: string) => line.length <= 300 && line.trimEnd().endsWith(':') && /[@\d]/.test(line);

/**
 * Splits a plain-text body. NFC first; our own rules (CareLoop marker, EN/VI attributions, Outlook
 * header blocks, "-----Original Message-----", `>` blocks, "-- ", mobile footers) and
 * email-reply-parser's multilingual heuristics each propose a cut; the earliest wins. When nothing
 * would be left of the reply (the mail is all quote, or bottom-posted) the whole text is the reply.
 */
export function splitTextQuote(text: string): QuoteSplit {
  const full = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const lines = full.split('\n');
  const cuts = [findOwnCut(lines), findReplyParserCut(lines)].filter((cut): cut is Cut => cut !== null);
  const cut = cuts.sort((a, b) => a.line - b.line)[0];
  if (!cut) return { full, reply: full.trim(), quoted: '', cutBy: null };
  const reply = lines.slice(0, cut.line).join('\n').trim();
  if (reply === '') return { full, reply: full.trim(), quoted: '', cutBy: null };
  return { full, reply, quoted: lines.slice(cut.line).join('\n').trim(), cutBy: cut.rule };
}

function findOwnCut(lines: readonly string[]): Cut | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (REPLY_MARKER_PATTERN.test(line)) return { line: i, rule: 'careloop-marker' };
    if (ATTRIBUTION.test(line)) return { line: i, rule: 'attribution' };
    if (ATTRIBUTION_START.test(line) && i + 1 < lines.length && ATTRIBUTION.test(`${line} ${lines[i + 1]!.trim()}`)) {
      return { line: i, rule: 'attribution' };
    }
    if (OUTLOOK_FROM.test(line) && isOutlookBlock(lines, i)) return { line: separatorAbove(lines, i), rule: 'outlook-header' };
    if (ORIGINAL_MESSAGE.test(line)) return { line: i, rule: 'original-message' };
    if (QUOTE_LINE.test(line)) return { line: attributionAbove(lines, i), rule: 'quote-block' };
    if (SIGNATURE.test(lines[i]!)) return { line: i, rule: 'signature' };
    if (MOBILE_FOOTER.test(line)) return { line: i, rule: 'mobile-footer' };
  }
  return null;
}

/** "From:" followed, within the next five non-empty lines, by at least two other header fields. */
function isOutlookBlock(lines: readonly string[], from: number): boolean {
  const next = lines.slice(from + 1, from + 8).map((l) => l.trim()).filter((l) => l !== '').slice(0, 5);
  return next.filter((l) => OUTLOOK_FIELD.test(l)).length >= 2;
}

/** Outlook draws a line of underscores above the header block; it belongs to the quote. */
function separatorAbove(lines: readonly string[], index: number): number {
  const above = previousNonEmpty(lines, index);
  return above !== null && OUTLOOK_SEPARATOR.test(lines[above]!) ? above : index;
}

function attributionAbove(lines: readonly string[], index: number): number {
  const above = previousNonEmpty(lines, index);
  return above !== null && index - above <= 2 && looksLikeAttribution(lines[above]!) ? above : index;
}

function previousNonEmpty(lines: readonly string[], index: number): number | null {
  for (let i = index - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return i;
  return null;
}

/**
 * email-reply-parser returns the visible text, not positions: the cut is the first line where that
 * text stops matching ours (it rejoins wrapped "On … wrote:" lines and drops quoted fragments).
 */
function findReplyParserCut(lines: readonly string[]): Cut | null {
  // It drops a leading empty line of the first fragment; start the comparison after leading blanks.
  let start = 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  const body = boundedPrefix(lines.slice(start));
  const visible = new EmailReplyParser().read(body.join('\n')).getVisibleText().replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < body.length; i++) {
    if (i >= visible.length || visible[i]!.trimEnd() !== body[i]!.trimEnd()) {
      // Its fragments start at the blank line above a quote; ours at the quote: start where text does.
      let line = i;
      while (line < body.length && body[line]!.trim() === '') line++;
      return line === body.length ? null : { line: start + line, rule: 'email-reply-parser' };
    }
  }
  return null;
}

/**
 * Its patterns scan the whole text with lazy `[\s\S]+?` groups; a reply is near the top, so only the
 * first lines are given to it, each cut to 300 characters (bounds on hostile input; the comparison
 * below is against the same bounded lines, so positions still match).
 */
const REPLY_PARSER_MAX_CHARS = 16 * 1024;
/** Some of its patterns backtrack polynomially within a line; quote headers are short lines. */
const REPLY_PARSER_MAX_LINE = 300;

function boundedPrefix(lines: string[]): string[] {
  let chars = 0;
  const out: string[] = [];
  for (const line of lines) {
    const bounded = line.length > REPLY_PARSER_MAX_LINE ? line.slice(0, REPLY_PARSER_MAX_LINE) : line;
    if (chars + bounded.length > REPLY_PARSER_MAX_CHARS) break;
    chars += bounded.length + 1;
    out.push(bounded);
  }
  return out;
}
