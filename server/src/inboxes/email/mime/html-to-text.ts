import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { parseHtml, stripTags } from './dom.ts';

/**
 * Plain text from an HTML-only mail, for the message preview, search and quote stripping: block
 * elements become line breaks, list items get "- ", links keep their URL when it differs from the
 * text, images show their alt text. Markup that is never shown (head, script, style…) is skipped.
 * A document nested deeper than MAX_DOM_DEPTH comes out as one line of its text.
 */
export function htmlToText(html: string): string {
  const doc = parseHtml(html) ?? parseDocument(stripTags(html), { decodeEntities: true });
  const out = new TextBuffer();
  walk(doc.children, out, false);
  return out
    .toString()
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SKIPPED = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'textarea']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'pre']);

class TextBuffer {
  private parts: string[] = [];
  private pendingSpace = false;
  /** How many line breaks the text ends with, so that adding a line never rescans the text. */
  private trailingNewlines = 0;

  /** Inline text: runs of white space collapse to one space, none at the start of a line. */
  inline(text: string, pre: boolean) {
    if (pre) {
      this.flushSpace();
      this.push(text);
      return;
    }
    // A no-break space is layout in HTML mail ("Giá&nbsp;hiện"), a plain space in text.
    text.split(/[ \t\r\n\f\u00a0]+/).forEach((word, i) => {
      if (i > 0) this.pendingSpace = true;
      if (!word) return;
      this.flushSpace();
      this.push(word);
    });
  }

  /** Ends the current line; `blank` asks for an empty line (paragraph break). */
  newline(blank = false) {
    this.pendingSpace = false;
    if (this.parts.length === 0) return;
    const wanted = blank ? 2 : 1;
    if (this.trailingNewlines < wanted) this.push('\n'.repeat(wanted - this.trailingNewlines));
  }

  toString() {
    return this.parts.join('');
  }

  private push(text: string) {
    if (!text) return;
    this.parts.push(text);
    const trailing = /\n*$/.exec(text)![0].length;
    this.trailingNewlines = trailing === text.length ? this.trailingNewlines + trailing : trailing;
  }

  private flushSpace() {
    if (this.pendingSpace && this.parts.length > 0 && this.trailingNewlines === 0) this.push(' ');
    this.pendingSpace = false;
  }
}

function walk(nodes: readonly ChildNode[], out: TextBuffer, pre: boolean) {
  for (const node of nodes) {
    if (DomUtils.isText(node)) {
      out.inline(node.data, pre);
      continue;
    }
    if (!DomUtils.isTag(node)) continue;
    const name = node.name.toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (name === 'br') {
      out.newline();
      continue;
    }
    if (name === 'hr') {
      out.newline();
      out.inline('---', false);
      out.newline();
      continue;
    }
    if (name === 'img') {
      const alt = (node.attribs.alt ?? '').trim();
      if (alt) out.inline(`[${alt}]`, false);
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) out.newline(PARAGRAPHS.has(name));
    if (name === 'li') out.inline('- ', false);
    if (name === 'td' || name === 'th') out.inline(' ', false);
    walk(node.children, out, pre || name === 'pre');
    if (name === 'a') appendHref(node.attribs.href, DomUtils.textContent(node), out);
    if (block) out.newline(PARAGRAPHS.has(name));
  }
}

function appendHref(href: string | undefined, text: string, out: TextBuffer) {
  if (!href || !/^https?:/i.test(href)) return;
  const shown = text.replace(/\s+/g, ' ').trim();
  if (shown && (shown === href || href.replace(/^https?:\/\//i, '').replace(/\/$/, '') === shown.replace(/\/$/, ''))) return;
  out.inline(` (${href})`, false);
}
