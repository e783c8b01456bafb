import sanitizeHtml from 'sanitize-html';
import { fold } from '@careloop/contracts';

/**
 * Article HTML is written by agents but read by anyone, so it is cleaned once on write against an
 * allow-list: structure (headings, lists, tables, code), links (http/https/mailto, never followed
 * by search engines on the shop's behalf) and images (http/https, our own /files/ URLs, or the help
 * center's uploaded images at `/help/<key>/img/<id>`). Scripts, event handlers, styles and
 * `javascript:` or `data:` URLs cannot survive. Given the server's public URL, absolute addresses of
 * our own uploaded images are stored relative, so they keep working if the public URL changes.
 */
export function sanitizeArticleHtml(html: string, opts: { publicUrl?: string } = {}): string {
  return sanitizeHtml(html, {
    allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'mark', 'small', 'sub', 'sup',
      'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'img', 'figure', 'figcaption',
      'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption'],
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      // An h1 belongs to the page (the article's title): authors' h1s become h2s.
      h1: 'h2',
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }),
      img: (tagName, attribs) => ({ tagName, attribs: attribs.src ? { ...attribs, src: ownImagePath(attribs.src.trim(), opts.publicUrl) } : attribs }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImage(frame.attribs.src ?? ''),
    disallowedTagsMode: 'discard',
  });
}

/** An uploaded help center image, as the editor inserts it. */
const helpImagePath = /^\/help\/[a-z0-9-]{1,100}\/img\/hci_[0-9A-Za-z]{10,40}$/;

/** `https://<public url>/help/<key>/img/<id>` → `/help/<key>/img/<id>`; any other address as it was. */
function ownImagePath(src: string, publicUrl: string | undefined): string {
  const base = publicUrl?.replace(/\/+$/, '');
  if (!base || !src.toLowerCase().startsWith(`${base.toLowerCase()}/help/`)) return src;
  const path = src.slice(base.length);
  return helpImagePath.test(path) ? path : src;
}

/** Absolute http(s) images, our own files (`/files/...`) or uploaded help images; sanitize-html already refused other schemes. */
const isAllowedImage = (src: string) => /^https?:\/\//i.test(src) || /^\/files\/[^\s]+$/.test(src) || helpImagePath.test(src);

/** Plain text of article HTML: block ends become line breaks, entities are decoded. */
export function articleText(html: string): string {
  const marked = html.replace(/<\/(p|li|h[2-4]|blockquote|pre|tr|figcaption|caption)>|<br\s*\/?>/gi, '$&\n').replace(/<\/t[dh]>/gi, '$& ');
  return sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n\n').trim();
}

/** Folded words of a text: what search compares (diacritics removed, đ → d, lower case). */
export const foldedWords = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The folded search column: words joined by single spaces, so phrase matching does not trip on punctuation. */
export const searchText = (text: string) => foldedWords(text).join(' ');

/** A URL slug from a title: folded ASCII words joined by hyphens, at most 80 characters. */
export function slugify(title: string): string {
  const words = fold(title).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > 80) break;
    out = next;
  }
  return out || 'bai-viet';
}
