/**
 * Tidies what a contentEditable produces (and what people paste from Word or Google Docs) into the
 * small HTML the server's sanitiser keeps (server/src/helpcenter/sanitize.ts). The server cleans again
 * on write; this pass exists so nothing is lost there: a `<div>` line would otherwise be unwrapped into
 * the previous paragraph, `<b>` and `<font>` noise would survive as inconsistent markup. Works on a plain
 * tree so it runs the same in the browser (DOMParser) and in node tests.
 */
export type HtmlNode =
  | { type: 'text'; text: string }
  | { type: 'element'; tag: string; attrs: Record<string, string>; children: HtmlNode[] };

/** Tags kept as they are. */
const kept = new Set(['h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'em', 'u', 's', 'mark', 'small', 'sub', 'sup', 'ul', 'ol', 'li',
  'blockquote', 'code', 'pre', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption']);
/** Tags renamed to their kept equivalent. */
const renamed: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's', ins: 'u', h1: 'h2', h5: 'h4', h6: 'h4', div: 'p' };
/** Tags dropped with everything inside them. */
const dropped = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'head', 'title', 'meta', 'link', 'button', 'input', 'select', 'textarea', 'form']);
const voidTags = new Set(['br', 'hr', 'img']);
const blockTags = new Set(['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'figure', 'table', 'figcaption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption']);
/** Blocks that may sit at the top level of an article. */
const topBlocks = new Set(['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'blockquote', 'pre', 'hr', 'figure', 'table']);

const allowedAttrs: Record<string, string[]> = { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], ol: ['start'] };

/** Links: http(s) and mailto. Images: http(s), the server's own `/files/` paths, or uploaded help images (`/help/<key>/img/<id>`). */
export const safeLinkHref = (href: string) => (/^(https?:\/\/|mailto:)/i.test(href.trim()) ? href.trim() : null);
const helpImagePath = /^\/help\/[a-z0-9-]{1,100}\/img\/hci_[0-9A-Za-z]{10,40}$/;
export const safeImageSrc = (src: string) => {
  const s = src.trim();
  return /^https?:\/\/\S+$/i.test(s) || /^\/files\/\S+$/.test(s) || helpImagePath.test(s) ? s : null;
};

function cleanAttrs(tag: string, attrs: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const name of allowedAttrs[tag] ?? []) {
    const value = attrs[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  if (tag === 'a') {
    const href = out.href ? safeLinkHref(out.href) : null;
    if (href) out.href = href;
    else delete out.href;
  }
  if (tag === 'img') {
    const src = out.src ? safeImageSrc(out.src) : null;
    if (!src) return null;
    out.src = src;
  }
  return out;
}

/** Google Docs marks bold and italic with styles on spans, and wraps a whole paste in `<b style="font-weight:normal">`. */
function styledTag(raw: string, attrs: Record<string, string>): string {
  const style = (attrs.style ?? '').toLowerCase();
  if (raw === 'span' && /font-weight\s*:\s*(bold|[6-9]00)/.test(style)) return 'strong';
  if (raw === 'span' && /font-style\s*:\s*italic/.test(style)) return 'em';
  if (raw === 'b' && /font-weight\s*:\s*(normal|[1-4]00)/.test(style)) return 'span';
  return renamed[raw] ?? raw;
}

function cleanNode(node: HtmlNode): HtmlNode[] {
  if (node.type === 'text') return node.text ? [{ type: 'text', text: node.text.replace(/\u00a0/g, ' ') }] : [];
  const raw = node.tag.toLowerCase();
  if (dropped.has(raw)) return [];
  const tag = styledTag(raw, node.attrs);
  const children = node.children.flatMap(cleanNode);
  // A div (or an inline tag) holding blocks is only a wrapper (Google Docs, nested editors): keep what it holds.
  const holdsBlocks = children.some((c) => c.type === 'element' && blockTags.has(c.tag));
  if (holdsBlocks && (raw === 'div' || !blockTags.has(tag))) return children;
  if (!kept.has(tag)) return children; // span, font, section…: the text stays, the tag goes
  const attrs = cleanAttrs(tag, node.attrs);
  if (!attrs) return [];
  if (tag === 'a' && !attrs.href) return children;
  return [{ type: 'element', tag, attrs, children: voidTags.has(tag) ? [] : children }];
}

const isBlank = (nodes: HtmlNode[]): boolean =>
  nodes.every((n) => (n.type === 'text' ? n.text.trim() === '' : n.tag === 'br' || (!voidTags.has(n.tag) && isBlank(n.children))));

/** Text and inline elements at the top level are gathered into paragraphs; empty paragraphs go. */
function paragraphs(nodes: HtmlNode[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  let inline: HtmlNode[] = [];
  const flush = () => {
    if (!isBlank(inline)) out.push({ type: 'element', tag: 'p', attrs: {}, children: inline });
    inline = [];
  };
  for (const node of nodes) {
    if (node.type === 'element' && topBlocks.has(node.tag)) {
      flush();
      if (node.tag === 'hr' || !isBlank(node.children) || node.tag === 'figure') out.push(node);
    } else if (node.type === 'element' && blockTags.has(node.tag)) {
      flush();
      out.push(...paragraphs(node.children)); // a stray li or td at the top: keep its text
    } else {
      inline.push(node);
    }
  }
  flush();
  return out;
}

/** Trailing line breaks inside a block show as an empty line on the public page. */
function trimBreaks(node: HtmlNode): HtmlNode {
  if (node.type === 'text') return node;
  const children = node.children.map(trimBreaks);
  while (children.length > 0) {
    const last = children[children.length - 1]!;
    if (last.type === 'element' && last.tag === 'br') children.pop();
    else break;
  }
  return { ...node, children };
}

export function tidyTree(nodes: HtmlNode[]): HtmlNode[] {
  return paragraphs(nodes.flatMap(cleanNode)).map(trimBreaks);
}

export const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

export function serialize(nodes: HtmlNode[]): string {
  return nodes.map((n) => {
    if (n.type === 'text') return escText(n.text);
    const attrs = Object.entries(n.attrs).map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('');
    if (voidTags.has(n.tag)) return `<${n.tag}${attrs}>`;
    const inner = serialize(n.children);
    return topBlocks.has(n.tag) ? `<${n.tag}${attrs}>${inner}</${n.tag}>\n` : `<${n.tag}${attrs}>${inner}</${n.tag}>`;
  }).join('').replace(/\n+$/, '');
}

/** Pasted plain text: blank lines part paragraphs, single line breaks stay breaks. */
export function textToHtml(text: string): string {
  return text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean)
    .map((p) => `<p>${escText(p).replace(/\n/g, '<br>')}</p>`).join('');
}

/** Plain text of a tree (for "is this locale written?" and word counts). */
export function textOf(nodes: HtmlNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : n.tag === 'img' ? '\u{1F5BC}' : `${textOf(n.children)}${blockTags.has(n.tag) || n.tag === 'br' ? ' ' : ''}`)).join('');
}

/** A DOM subtree as a plain tree (browser only; tests build trees with htmlparser2). */
export function treeOfDom(parent: ParentNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  parent.childNodes.forEach((child) => {
    if (child.nodeType === 3) out.push({ type: 'text', text: child.textContent ?? '' });
    else if (child.nodeType === 1) {
      const el = child as Element;
      const attrs: Record<string, string> = {};
      for (const a of Array.from(el.attributes)) attrs[a.name.toLowerCase()] = a.value;
      out.push({ type: 'element', tag: el.tagName.toLowerCase(), attrs, children: treeOfDom(el) });
    }
  });
  return out;
}

/** Parsed in an inert document: no script runs and no image loads while we read it. */
export function parseHtml(html: string): HtmlNode[] {
  return treeOfDom(new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body);
}

export const tidyHtml = (html: string): string => serialize(tidyTree(parseHtml(html)));

/** Whether tidied HTML has any words or images (a locale with only an empty paragraph is not written). */
export const hasContent = (tidied: string): boolean =>
  /<img\b/i.test(tidied) || tidied.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').trim() !== '';
