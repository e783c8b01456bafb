import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';

/**
 * Mail HTML nested deeper than this is not parsed into a tree: htmlparser2 slows down quadratically
 * with depth and the recursive DOM helpers (ours, dom-serializer's, domutils') could overflow the stack.
 * Real mail nests a few dozen levels; hostile mail tens of thousands.
 */
export const MAX_DOM_DEPTH = 400;

/** Void elements, and elements the parser closes when a sibling opens (sloppy mail leaves them open). */
const NOT_COUNTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'thead', 'tbody', 'tfoot',
]);

/** A linear scan of start and end tags; raw text (script, style) is not skipped, so it over-counts if anything. */
export function exceedsDepth(html: string, max = MAX_DOM_DEPTH): boolean {
  let depth = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*?(\/?)>/g)) {
    if (NOT_COUNTED.has(match[2]!.toLowerCase())) continue;
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (!match[3] && ++depth > max) return true;
  }
  return false;
}

/** The tree of a document of sane depth, or null. */
export function parseHtml(html: string): Document | null {
  return exceedsDepth(html) ? null : parseDocument(html, { decodeEntities: true });
}

/**
 * What is left of a too-deep document: its text with every tag removed (linear: a tag match stops at
 * the next `<`). Entities stay encoded, so the result is still HTML, and a safe one.
 */
export function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ').replace(/</g, '&lt;').replace(/\s+/g, ' ').trim();
}
