/**
 * Mail HTML for the sandboxed frame. The server has already sanitised it (channels spec §6.5); these
 * helpers only add the frame's own document around it and, on the agent's request, let the held-back
 * remote images load. The frame is `sandbox` without `allow-scripts`, and the CSP below forbids
 * scripts, frames, fonts, media and connections again: two locks, in case one is ever left open.
 */

/** Where a blocked remote image keeps its URL (server: `REMOTE_SRC_ATTRIBUTE`). */
export const REMOTE_SRC = 'data-remote-src';

/** The few DOM members the reveal needs, so it can be tested without a browser. */
export interface HtmlElementLike {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}
export interface HtmlDocumentLike {
  body: { innerHTML: string; querySelectorAll(selectors: string): ArrayLike<HtmlElementLike> } | null;
}
export type ParseHtml = (html: string) => HtmlDocumentLike;

/** The browser's parser: an inert document (no scripts run, no images load). */
export const parseWithDomParser: ParseHtml = (html) => new DOMParser().parseFromString(html, 'text/html');

/** An absolute http(s) URL as the browser itself reads it (tabs and new lines inside are ignored), or null. */
export function webUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The agent allowed remote images: each `data-remote-src` holding an http(s) URL becomes the image's
 * `src`; any other value is dropped, never moved. Works on a parsed document, so no untrusted value is
 * ever pasted into markup by hand; the browser serialises the result.
 */
export function revealRemoteImages(html: string, parse: ParseHtml = parseWithDomParser): string {
  const doc = parse(html);
  const body = doc.body;
  if (!body) return '';
  const images = body.querySelectorAll(`img[${REMOTE_SRC}]`);
  for (let i = 0; i < images.length; i++) {
    const img = images[i]!;
    const url = webUrl(img.getAttribute(REMOTE_SRC));
    img.removeAttribute(REMOTE_SRC);
    if (url) img.setAttribute('src', url);
  }
  return body.innerHTML;
}

/** An origin fit for a CSP source list (`https://care.shop.vn`), or null. */
function cspOrigin(origin: string | null | undefined): string | null {
  const url = webUrl(origin ?? null);
  return url ? new URL(url).origin : null;
}

/**
 * The frame's policy: nothing but images (https, data, and our own `/files/` for inline `cid:` images)
 * and inline styles. `form-action` is not covered by `default-src`, so it is closed explicitly.
 */
export function emailFrameCsp(origin: string | null | undefined): string {
  const own = cspOrigin(origin);
  return `default-src 'none'; img-src https: data:${own ? ` ${own}` : ''}; style-src 'unsafe-inline'; form-action 'none'`;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Readable defaults for mail that brings no styles, and no horizontal scrolling for wide images. */
const FRAME_STYLE = [
  'html{color-scheme:light}',
  'body{margin:0;padding:12px 14px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#212529;background:#fff;overflow-wrap:anywhere}',
  'img{max-width:100%;height:auto}',
  'pre{white-space:pre-wrap}',
  'table{max-width:100%}',
  'blockquote{margin:0 0 0 8px;padding-left:10px;border-left:3px solid #dee2e6;color:#495057}',
  'a{color:#1c7ed6}',
].join('');

/**
 * The `srcdoc` of the email frame: the CSP first (before any content), no referrer for the images,
 * links opening in a new tab, then the sanitised body. The body is the server's sanitised HTML as is:
 * it is markup by design, and the sandbox + CSP keep it inert.
 */
export function buildEmailSrcdoc(sanitisedHtml: string, opts: { origin: string | null | undefined }): string {
  return '<!doctype html>'
    + '<html><head>'
    + `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(emailFrameCsp(opts.origin))}">`
    + '<meta charset="utf-8">'
    + '<meta name="referrer" content="no-referrer">'
    + '<base target="_blank">'
    + `<style>${FRAME_STYLE}</style>`
    + `</head><body>${sanitisedHtml}</body></html>`;
}

/**
 * The `sandbox` tokens of the frame. No `allow-scripts`, `allow-same-origin`, `allow-forms`,
 * `allow-top-navigation` or `allow-modals`. Popups are allowed so links in a customer's mail (an order
 * page, a tracking link) open when the agent clicks them: without scripts a popup can only come from
 * that click, the sanitiser keeps http(s)/mailto links only and marks them `noopener noreferrer`, and
 * escaping the sandbox makes the new tab an ordinary page rather than an inert one.
 */
export const EMAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
