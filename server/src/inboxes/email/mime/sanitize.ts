import sanitizeHtml from 'sanitize-html';
import { normalizeContentId } from './attachments.ts';
import { exceedsDepth, MAX_DOM_DEPTH, stripTags } from './dom.ts';
import { allowedStyles } from './sanitize-styles.ts';

export { htmlToText } from './html-to-text.ts';

export interface SanitizeEmailOptions {
  /**
   * URL of an inline attachment by its normalised Content-ID; null drops the image (unknown cid).
   * May return an absolute http(s) URL, a path, or a `cid:` reference of our own.
   */
  cidUrl: (contentId: string) => string | null;
  /** false: remote `img` sources move to `data-remote-src` for the console to reveal on demand. */
  allowRemoteImages: boolean;
}

export interface SanitizedEmailHtml {
  html: string;
  /** Remote images held back (tracking pixels included). */
  blockedImages: number;
}

/** Attribute that keeps a blocked remote image's URL (always absolute http/https). */
export const REMOTE_SRC_ATTRIBUTE = 'data-remote-src';

const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
  'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'section',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u',
  'ul', 'wbr',
];

/**
 * Disallowed tags whose whole content goes too (sanitize-html skips nested tags of these as well):
 * raw-text and foreign-content elements, which is where mXSS parser-differential payloads live.
 */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'noembed', 'noframes', 'xmp', 'title', 'template',
  'iframe', 'frameset', 'object', 'applet', 'svg', 'math',
];

const TABLE_CELL = ['width', 'height', 'colspan', 'rowspan', 'bgcolor', 'nowrap'];

const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': ['style', 'title', 'dir', 'lang', 'align', 'valign'],
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'border', REMOTE_SRC_ATTRIBUTE],
  table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'bgcolor', 'role'],
  tr: ['height', 'bgcolor'],
  td: TABLE_CELL,
  th: TABLE_CELL,
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  font: ['color', 'face', 'size'],
  ol: ['start', 'type', 'reversed'],
  ul: ['type'],
  li: ['value'],
};

/**
 * A URL as a browser reads it (WHATWG URL parsing): tabs and line breaks anywhere are ignored
 * ("java\tscript:"), leading and trailing controls and spaces too.
 */
const cleanUrl = (value: string | undefined) => (value ?? '').replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
const isWebUrl = (url: string) => /^https?:\/\/[^/]/i.test(url);

/**
 * Sanitises mail HTML for display (spec §6.5): an allowlist of tags, attributes, URL schemes and CSS
 * values; `cid:` images pointed at our attachment URLs; remote images held back unless allowed; links
 * open in a new tab without referrer or opener. Render the result in a sandboxed iframe as well.
 */
export function sanitizeEmailHtml(html: string, opts: SanitizeEmailOptions): SanitizedEmailHtml {
  let blockedImages = 0;
  // Hostile nesting makes the parser quadratic: such a document is shown as its text only.
  const input = exceedsDepth(html) ? stripTags(html) : html;
  const out = sanitizeHtml(input, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'cid'],
    // A `cid:` src that survives the transform is one cidUrl returned (e.g. "cid:att_…" resolved later).
    allowedSchemesByTag: { a: ['http', 'https', 'mailto'], img: ['http', 'https', 'cid'] },
    allowProtocolRelative: false,
    allowedStyles,
    disallowedTagsMode: 'discard',
    nestingLimit: MAX_DOM_DEPTH,
    nonTextTags: DROP_WITH_CONTENT,
    transformTags: {
      a: (tagName, attribs) => {
        const { href: rawHref, target: _target, rel: _rel, ...rest } = attribs;
        const href = cleanUrl(rawHref);
        const kept = isWebUrl(href) || /^mailto:/i.test(href) ? href : /^cid:/i.test(href) ? resolveCid(href, opts) : null;
        return { tagName, attribs: { ...rest, ...(kept ? { href: kept } : {}), target: '_blank', rel: 'noopener noreferrer' } };
      },
      img: (tagName, attribs) => {
        const { src: rawSrc, [REMOTE_SRC_ATTRIBUTE]: _forged, srcset: _srcset, ...rest } = attribs;
        const src = cleanUrl(rawSrc);
        if (/^cid:/i.test(src)) {
          const url = resolveCid(src, opts);
          return { tagName, attribs: url ? { ...rest, src: url } : rest };
        }
        if (!isWebUrl(src)) return { tagName, attribs: rest };
        if (opts.allowRemoteImages) return { tagName, attribs: { ...rest, src } };
        blockedImages++;
        return { tagName, attribs: { ...rest, [REMOTE_SRC_ATTRIBUTE]: src } };
      },
    },
    // An image left with nothing to show (unknown cid, data:, relative, javascript:) is dropped.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs[REMOTE_SRC_ATTRIBUTE],
  });
  return { html: out.normalize('NFC'), blockedImages };
}

function resolveCid(url: string, opts: SanitizeEmailOptions): string | null {
  const id = normalizeContentId(url);
  const resolved = id ? opts.cidUrl(id) : null;
  return resolved ?? null;
}
