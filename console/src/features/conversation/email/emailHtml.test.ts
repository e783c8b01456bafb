import { describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import { buildEmailSrcdoc, EMAIL_FRAME_SANDBOX, emailFrameCsp, revealRemoteImages, webUrl, type ParseHtml } from './emailHtml.ts';

/**
 * Unit tests run in Node, which has no DOMParser: this stands in for it with a real HTML parser
 * (htmlparser2, already in the workspace for the server's mail code). The browser's own DOMParser is
 * exercised end to end in e2e/email.test.ts.
 */
const parse: ParseHtml = (html) => {
  const doc = parseDocument(html);
  return {
    body: {
      get innerHTML() { return DomUtils.getInnerHTML(doc, { encodeEntities: 'utf8' }); },
      querySelectorAll(selectors: string) {
        const attr = /^img\[([\w-]+)\]$/.exec(selectors)?.[1];
        if (!attr) throw new Error(`selector not supported by the test parser: ${selectors}`);
        return DomUtils.findAll((el) => el.name === 'img' && attr in el.attribs, doc.children).map((el) => ({
          getAttribute: (name: string) => el.attribs[name] ?? null,
          setAttribute: (name: string, value: string) => { el.attribs[name] = value; },
          removeAttribute: (name: string) => { delete el.attribs[name]; },
        }));
      },
    },
  };
};

/** Every `img` of some markup as its attribute map. */
const images = (html: string) => DomUtils.findAll((el) => el.name === 'img', parseDocument(html).children).map((el) => ({ ...el.attribs }));

describe('revealing remote images', () => {
  it('moves each held-back http(s) URL into src and leaves the rest of the mail alone', () => {
    const html = '<p>Chào shop, ảnh đơn hàng đây ạ</p>'
      + '<img alt="logo" src="/files/att_1?sig=abc">'
      + '<img alt="a" data-remote-src="https://cdn.shop.vn/a.png" width="20">'
      + '<img alt="b" data-remote-src="http://tracker.example/p.gif">';
    const out = revealRemoteImages(html, parse);
    expect(images(out)).toEqual([
      { alt: 'logo', src: '/files/att_1?sig=abc' },
      { alt: 'a', src: 'https://cdn.shop.vn/a.png', width: '20' },
      { alt: 'b', src: 'http://tracker.example/p.gif' },
    ]);
    expect(out).not.toContain('data-remote-src');
    expect(out).toContain('Chào shop, ảnh đơn hàng đây ạ');
  });

  it('drops anything that is not an absolute web URL instead of moving it', () => {
    const hostile = ['javascript:alert(1)', 'java\tscript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox', '//evil.example/x.png', '/files/att_2', 'cid:logo@shop', '', 'https://'];
    const html = hostile.map((v, i) => `<img alt="${i}" data-remote-src="${v.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`).join('');
    const out = revealRemoteImages(html, parse);
    expect(images(out)).toEqual(hostile.map((_v, i) => ({ alt: String(i) })));
  });

  it('cannot be used to smuggle attributes: the URL stays one attribute value', () => {
    const out = revealRemoteImages('<img data-remote-src="https://x.example/a.png&quot; onerror=&quot;alert(1)">', parse);
    const [img] = images(out);
    expect(Object.keys(img!)).toEqual(['src']);
    expect(img!.src).toBe('https://x.example/a.png%22%20onerror=%22alert(1)');
  });

  it('does nothing to a mail without held-back images', () => {
    expect(revealRemoteImages('<p>Không có ảnh</p>', parse)).toBe('<p>Không có ảnh</p>');
  });
});

describe('webUrl', () => {
  it('accepts http(s) only and normalises like the browser does', () => {
    expect(webUrl('https://Shop.VN/a b.png')).toBe('https://shop.vn/a%20b.png');
    expect(webUrl('ftp://shop.vn/a')).toBeNull();
    expect(webUrl(null)).toBeNull();
  });
});

describe('the srcdoc of the email frame', () => {
  const origin = 'https://care.hoamai.vn';

  it('opens with a strict CSP, no referrer and links to a new tab, then the body', () => {
    const doc = buildEmailSrcdoc('<p>Xin chào</p>', { origin });
    const head = doc.slice(0, doc.indexOf('<body>'));
    expect(doc.startsWith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(head).toContain(`content="default-src 'none'; img-src https: data: ${origin}; style-src 'unsafe-inline'; form-action 'none'"`);
    expect(head).toContain('<base target="_blank">');
    expect(head).toContain('<meta name="referrer" content="no-referrer">');
    expect(doc.endsWith('<body><p>Xin chào</p></body></html>')).toBe(true);
    expect(doc.toLowerCase()).not.toContain('<script');
    expect(doc).not.toContain('allow-scripts');
  });

  it('allows no scripts, frames, fonts, media or connections: default-src none and nothing re-opened', () => {
    const csp = emailFrameCsp(origin);
    expect(csp.split(';').map((d) => d.trim().split(' ')[0])).toEqual(['default-src', 'img-src', 'style-src', 'form-action']);
    expect(csp).not.toMatch(/script-src|unsafe-eval|\*/);
  });

  it('takes only the origin of the console URL, and nothing that is not one', () => {
    expect(emailFrameCsp('http://127.0.0.1:5173/conversations/1')).toContain("img-src https: data: http://127.0.0.1:5173;");
    expect(emailFrameCsp('javascript:alert(1)')).toContain("img-src https: data:;");
    const hostile = buildEmailSrcdoc('', { origin: '"><script>alert(1)</script>' });
    expect(hostile.toLowerCase()).not.toContain('<script');
    expect(hostile).toContain("img-src https: data:;");
  });

  it('sandboxes without scripts, same origin, forms, modals or top navigation', () => {
    const tokens = EMAIL_FRAME_SANDBOX.split(/\s+/);
    for (const forbidden of ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-modals', 'allow-top-navigation', 'allow-top-navigation-by-user-activation']) {
      expect(tokens).not.toContain(forbidden);
    }
  });
});
