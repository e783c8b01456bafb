import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import { expect } from 'vitest';
import type { ParsedEmail } from './parse.ts';
import { sanitizeEmailHtml } from './sanitize.ts';

export const fixturePath = (file: string) => fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
export const readFixture = (file: string) => readFileSync(fixturePath(file));

/** The attachment URL our tests hand out for an inline part: `/files/<index>`. */
export function cidUrlFor(parsed: ParsedEmail) {
  return (contentId: string) => {
    const index = parsed.attachments.findIndex((a) => a.contentId === contentId);
    return index < 0 ? null : `/files/${index}`;
  };
}

const SAFE_TAGS = new Set([
  'a', 'abbr', 'address', 'article', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
  'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'section',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u',
  'ul', 'wbr',
]);

/**
 * Sanitises already sanitised HTML again, mapping our `/files/N` URLs back to `cid:` and blocked
 * images back to `src`, so that a correct sanitiser gives the same string back.
 */
export function resanitize(html: string): string {
  const input = html.replace(/src="\/files\/(\d+)"/g, 'src="cid:f$1@test"').replace(/data-remote-src=/g, 'src=');
  return sanitizeEmailHtml(input, { cidUrl: (id) => /^f(\d+)@test$/.exec(id)?.[1]?.replace(/^/, '/files/') ?? null, allowRemoteImages: false }).html;
}

/**
 * Sanitised HTML is inert: re-parsed, it has only allowlisted tags, no event handlers, links only to
 * http(s)/mailto, images only from our attachment URLs or held back in data-remote-src, styles without
 * url()/expression()/position, no raw-text element survived, and sanitising it again changes nothing.
 */
export function expectInert(html: string) {
  expect(html).not.toMatch(/<\s*(script|style|iframe|object|embed|form|input|meta|link|base|svg|math|noscript|textarea)\b/i);
  const doc = parseDocument(html, { decodeEntities: true });
  for (const el of DomUtils.findAll(() => true, doc.children)) {
    expect(SAFE_TAGS.has(el.name), `tag <${el.name}>`).toBe(true);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
      expect(value.replace(/[\s\u0000-\u001f]+/g, '')).not.toMatch(/(?:java|vb)script:|data:|expression\(|url\(|-moz-binding|behavior:/i);
      if (name === 'href') expect(value).toMatch(/^(?:https?:\/\/|mailto:)/i);
      if (name === 'src') expect(value).toMatch(/^\/files\/\d+$/);
      if (name === 'data-remote-src') expect(value).toMatch(/^https?:\/\//i);
      if (name === 'style') expect(value).not.toMatch(/position|z-index|@import/i);
    }
    if (el.name === 'a') expect(el.attribs).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
  }
  expect(resanitize(html)).toBe(html);
}
