import { DomUtils } from 'htmlparser2';
import type { AnyNode, ChildNode, Element, ParentNode } from 'domhandler';
import { parseHtml } from './dom.ts';
import { REPLY_MARKER_ATTRIBUTE, REPLY_MARKER_CLASS, REPLY_MARKER_PATTERN } from './markers.ts';
import type { QuoteSplit } from './quotes-text.ts';

/**
 * Splits an HTML body at the first quote marker in document order (spec §6.4): Gmail `div.gmail_quote`,
 * `blockquote[type=cite]` (Apple Mail, Thunderbird), `<!-- originalMessage -->`, Outlook
 * `#divRplyFwdMsg` / `#appendonsend` (unverified), CareLoop's marker (class, attribute or visible line),
 * plus Thunderbird's `div.moz-cite-prefix`, Yahoo's `div.yahoo_quoted` and an "-----Original Message-----"
 * line. An attribution ("On … wrote:", "Vào … đã viết:") or `<hr>` just before the marker goes with the quote.
 * Input is raw HTML; the parts are raw too (sanitise each before showing), NFC. A document nested
 * deeper than MAX_DOM_DEPTH is not cut.
 */
export function splitHtmlQuote(html: string): QuoteSplit {
  const full = html.normalize('NFC');
  const doc = parseHtml(full);
  const found = doc ? findMarker(doc.children) : null;
  if (!doc || !found) return { full, reply: full, quoted: '', cutBy: null };
  const start = extendCut(found.node);
  const tail = nodesFrom(start);
  const quoted = tail.map(serialize).join('');
  tail.forEach((node) => DomUtils.removeElement(node));
  if (!hasContent(doc.children)) return { full, reply: full, quoted: '', cutBy: null };
  return { full, reply: doc.children.map(serialize).join(''), quoted, cutBy: found.rule };
}

const serialize = (node: AnyNode) => DomUtils.getOuterHTML(node, { encodeEntities: 'utf8', decodeEntities: true });

const classes = (el: Element) => (el.attribs.class ?? '').toLowerCase().split(/\s+/);
const idOf = (el: Element) => (el.attribs.id ?? '').toLowerCase();

function markerRule(el: Element): string | null {
  const name = el.name.toLowerCase();
  const cls = classes(el);
  if (cls.includes('gmail_quote') || cls.includes('gmail_quote_container')) return 'gmail_quote';
  if (name === 'blockquote' && (el.attribs.type ?? '').toLowerCase() === 'cite') return 'blockquote-cite';
  if (idOf(el) === 'divrplyfwdmsg') return 'outlook-divRplyFwdMsg';
  if (idOf(el) === 'appendonsend') return 'outlook-appendonsend';
  // Gmail prefixes classes of quoted mail ("m_-123careloop-reply-marker"): match a substring.
  if (REPLY_MARKER_ATTRIBUTE in el.attribs || cls.some((c) => c.includes(REPLY_MARKER_CLASS))) return 'careloop-marker';
  if (cls.includes('moz-cite-prefix')) return 'thunderbird-cite-prefix';
  if (cls.includes('yahoo_quoted')) return 'yahoo_quoted';
  return null;
}

const ORIGINAL_MESSAGE_LINE = /^-{2,}\s*(?:original message|thư gốc|tin nhắn gốc)\s*-{2,}$/iu;

/*
 * How both marker lines, and an attribution, must begin, tested on the raw text: collapsing the white
 * space of a paragraph of several KB (to test the whole patterns) was most of the cut's time, and a
 * text that does not begin so cannot match them once collapsed either.
 */
const MARKER_LINE_START = /^[\s>]*[-—–]/u;
const ATTRIBUTION_START = /^\s*(?:on|vào)\s/iu;

function findMarker(nodes: readonly ChildNode[]): { node: ChildNode; rule: string } | null {
  for (const node of nodes) {
    if (DomUtils.isComment(node) && /^\s*originalMessage\s*$/i.test(node.data)) return { node, rule: 'originalMessage-comment' };
    if (DomUtils.isText(node) && MARKER_LINE_START.test(node.data)) {
      const text = node.data.replace(/\s+/g, ' ').trim();
      if (REPLY_MARKER_PATTERN.test(text)) return { node: blockOf(node), rule: 'careloop-marker-text' };
      if (ORIGINAL_MESSAGE_LINE.test(text)) return { node: blockOf(node), rule: 'original-message' };
    }
    if (!DomUtils.isTag(node)) continue;
    const rule = markerRule(node);
    if (rule) return { node, rule };
    const inner = findMarker(node.children);
    if (inner) return inner;
  }
  return null;
}

const ROOTS = new Set(['html', 'body', 'head']);

/** The element a marker line sits in (so the whole line goes), unless that is the body itself. */
function blockOf(node: ChildNode): ChildNode {
  const parent = node.parent;
  return parent && DomUtils.isTag(parent) && !ROOTS.has(parent.name.toLowerCase()) ? parent : node;
}

const ATTRIBUTION = /^(?:on|vào)\s.{5,300}(?:wrote|đã viết)\s*:?$/iu;
const visibleText = (node: AnyNode) => DomUtils.textContent(node).replace(/\s+/g, ' ').trim();

/** Nothing a reader would see: white space, <br>, <hr>, empty wrappers (Outlook's #appendonsend). */
function isFiller(node: ChildNode): boolean {
  if (DomUtils.isText(node)) return node.data.trim() === '';
  if (DomUtils.isComment(node)) return true;
  if (!DomUtils.isTag(node)) return false;
  const name = node.name.toLowerCase();
  if (name === 'br' || name === 'hr') return true;
  return DomUtils.textContent(node).trim() === '' && DomUtils.getElementsByTagName('img', node.children, true, 1).length === 0;
}

/**
 * Moves the cut up over filler before the marker, and climbs out of wrappers the marker opens, so that
 * an attribution in the preceding sibling (Apple Mail, Thunderbird, Outlook's <hr>) is taken too.
 */
function extendCut(marker: ChildNode): ChildNode {
  let start = marker;
  for (;;) {
    let prev = start.prev;
    while (prev && isFiller(prev)) {
      start = prev;
      prev = prev.prev;
    }
    if (prev && ATTRIBUTION_START.test(DomUtils.textContent(prev)) && ATTRIBUTION.test(visibleText(prev))) return prev;
    const parent = start.parent;
    if (prev || !parent || !DomUtils.isTag(parent) || ROOTS.has(parent.name.toLowerCase())) return start;
    start = parent;
  }
}

/** The node, its following siblings, then the following siblings of each ancestor: the rest of the document. */
function nodesFrom(start: ChildNode): ChildNode[] {
  const out: ChildNode[] = [];
  let node: ChildNode | null = start;
  while (node) {
    for (let n: ChildNode | null = node; n; n = n.next) out.push(n);
    const parent: ParentNode | null = node.parent;
    node = parent && DomUtils.isTag(parent) ? parent.next : null;
  }
  return out;
}

function hasContent(nodes: readonly ChildNode[]): boolean {
  return nodes.some((node) => {
    if (DomUtils.isText(node)) return node.data.trim() !== '';
    if (!DomUtils.isTag(node)) return false;
    const name = node.name.toLowerCase();
    if (name === 'img') return true;
    if (name === 'head' || name === 'style' || name === 'script' || name === 'title') return false;
    return hasContent(node.children);
  });
}
