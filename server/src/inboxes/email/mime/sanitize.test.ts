import { describe, expect, it } from 'vitest';
import { htmlToText, REMOTE_SRC_ATTRIBUTE, sanitizeEmailHtml } from './sanitize.ts';
import { expectInert } from './test-helpers.ts';

const cidUrl = (id: string) => (id === 'logo@shop.vn' ? '/files/7' : null);
const clean = (html: string, allowRemoteImages = false) => sanitizeEmailHtml(html, { cidUrl, allowRemoteImages });
const VI = '<p>Cảm ơn shop, đơn hàng đã tới.</p><img src="cid:logo@shop.vn" alt="logo">';

describe('sanitizeEmailHtml: each XSS vector comes out inert, Vietnamese text and cid images kept', () => {
  it.each([
    ['<script>', '<script>alert(1)</script>', ['alert']],
    ['onerror', '<img src="x" onerror="alert(1)">', ['onerror', 'alert']],
    ['onload on body', '<body onload="alert(1)"><p>hi</p></body>', ['onload']],
    ['javascript: href', '<a href="javascript:alert(1)">x</a>', ['javascript']],
    ['entity-encoded javascript:', '<a href="&#106;avascript&colon;alert(1)">x</a>', ['avascript']],
    ['javascript: split by a tab', '<a href="java\tscript:alert(1)">x</a>', ['script:']],
    ['<svg><script>', '<svg><script>alert(1)</script><text>svg text</text></svg>', ['alert', 'svg text']],
    ['<math><mtext> mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>', ['onerror', 'mglyph']],
    ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', ['onerror']],
    ['iframe', '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>', ['evil', 'srcdoc']],
    ['form and input', '<form action="https://evil.example"><input name="pw"><button>OK</button></form>', ['<form', '<input', 'evil']],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', ['refresh', 'evil']],
    ['<style> tag', '<style>p{background:url(https://t.example/p.png)}</style>', ['background', 't.example']],
    ['url(javascript:) in style', '<p style="background-image:url(javascript:alert(1));color:red">x</p>', ['url(', 'javascript']],
    ['expression() in style', '<p style="width:expression(alert(1))">x</p>', ['expression']],
    ['position:fixed overlay', '<div style="position:fixed;top:0;left:0;z-index:9999">Đăng nhập lại</div>', ['position', 'z-index']],
    ['CSS escapes', '<p style="color:\\72 ed;background:u\\72l(x)">x</p>', ['\\']],
    ['data: image', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', ['data:']],
    ['protocol-relative image', '<img src="//evil.example/p.gif">', ['evil']],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">', ['swf']],
    ['base and link', '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">', ['evil']],
    ['forged data-remote-src', `<img ${REMOTE_SRC_ATTRIBUTE}="javascript:alert(1)" alt="x">`, ['javascript']],
  ])('%s', (_name, attack, gone) => {
    const out = clean(`${VI}${attack}`).html;
    for (const needle of gone) expect(out).not.toContain(needle);
    expect(out).toContain('<p>Cảm ơn shop, đơn hàng đã tới.</p>');
    expect(out).toContain('<img alt="logo" src="/files/7" />');
    expectInert(out);
  });
});

describe('sanitizeEmailHtml: images and links', () => {
  it('points cid: images at our URLs and drops unknown cids', () => {
    // The domain part of a Content-ID is case-insensitive, the local part is not.
    const out = clean('<p>a</p><img src="cid:logo@Shop.VN"><img src="cid:missing@x" alt="gone"><p>b</p><img src="cid:logo%40shop.vn"><img src="cid:LOGO@shop.vn">');
    expect(out.html).toBe('<p>a</p><img src="/files/7" /><p>b</p><img src="/files/7" />');
    expect(out.blockedImages).toBe(0);
  });

  it('accepts a cid: reference of our own from cidUrl (resolved by the presenter later)', () => {
    const out = sanitizeEmailHtml('<img src="cid:logo@shop.vn" alt="logo">', { cidUrl: () => 'cid:att_01JV', allowRemoteImages: false });
    expect(out.html).toBe('<img alt="logo" src="cid:att_01JV" />');
  });

  it('holds back remote images unless allowed, and counts them', () => {
    const html = '<img src="https://cdn.example/a.jpg" alt="a"><img src="http://t.example/p.gif" width="1" height="1">';
    const blocked = clean(html);
    expect(blocked.html).toBe(`<img alt="a" ${REMOTE_SRC_ATTRIBUTE}="https://cdn.example/a.jpg" /><img width="1" height="1" ${REMOTE_SRC_ATTRIBUTE}="http://t.example/p.gif" />`);
    expect(blocked.blockedImages).toBe(2);
    const allowed = clean(html, true);
    expect(allowed.html).toBe('<img alt="a" src="https://cdn.example/a.jpg" /><img width="1" height="1" src="http://t.example/p.gif" />');
    expect(allowed.blockedImages).toBe(0);
  });

  it('drops srcset and relative image sources', () => {
    expect(clean('<img src="https://a.example/x.jpg" srcset="https://evil.example/y.jpg 2x"><img src="/api/v1/me">', true).html).toBe('<img src="https://a.example/x.jpg" />');
  });

  it('opens links in a new tab without opener or referrer; keeps mailto, drops relative and cid hrefs it cannot resolve', () => {
    expect(clean('<a href="https://shop.example/p?a=1&amp;b=2" target="_self" rel="opener">SP</a>').html).toBe(
      '<a href="https://shop.example/p?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">SP</a>',
    );
    expect(clean('<a href=" mailto:support@hoasen.example?subject=Đơn hàng DH1 ">gửi thư</a>').html).toContain('href="mailto:support@hoasen.example?subject=Đơn hàng DH1"');
    expect(clean('<a href="/logout">x</a><a href="cid:nope@x">y</a>').html).toBe(
      '<a target="_blank" rel="noopener noreferrer">x</a><a target="_blank" rel="noopener noreferrer">y</a>',
    );
  });
});

describe('sanitizeEmailHtml: styles', () => {
  it.each([
    ['color:#1a2b3c', 'color:#1a2b3c'],
    ['color:rgb(0, 0, 0)', 'color:rgb(0, 0, 0)'],
    ['background-color:yellow', 'background-color:yellow'],
    ['font-family:"Times New Roman", Arial, sans-serif', 'font-family:"Times New Roman", Arial, sans-serif'],
    ['font-size:12pt;font-weight:700;font-style:italic', 'font-size:12pt;font-weight:700;font-style:italic'],
    ['text-align:center;line-height:1.5', 'text-align:center;line-height:1.5'],
    ['margin:0 0 12px 0;padding:4px 8px', 'margin:0 0 12px 0;padding:4px 8px'],
    ['width:600px;max-width:100%', 'width:600px;max-width:100%'],
    ['border:1px solid #cccccc;border-collapse:collapse', 'border:1px solid #cccccc;border-collapse:collapse'],
    ['border-left:2px solid rgb(204,204,204)', 'border-left:2px solid rgb(204,204,204)'],
    ['margin:-9999px', null],
    ['background:url(https://t.example/x.png)', null],
    ['background-image:url(x.png)', null],
    ['position:absolute;top:0', null],
    ['color:red;behavior:url(x.htc)', 'color:red'],
  ])('%s', (style, kept) => {
    const out = clean(`<p style='${style}'>x</p>`).html;
    expect(out).toBe(kept === null ? '<p>x</p>' : `<p style="${kept.replace(/"/g, '&quot;')}">x</p>`);
  });
});

describe('sanitizeEmailHtml: text', () => {
  it('returns NFC and keeps text inside dropped wrappers (html, body, unknown tags)', () => {
    const out = clean('<html><body><custom-tag>Tiếng Việt</custom-tag></body></html>'.normalize('NFD')).html;
    expect(out).toBe('Tiếng Việt');
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines and paragraphs, lists into "- " items', () => {
    expect(htmlToText('<div>Dạ shop ơi,</div><div>Em hỏi:</div><ul><li>Áo <b>M</b></li><li>Quần</li></ul><p>Cảm ơn</p>')).toBe(
      'Dạ shop ơi,\nEm hỏi:\n\n- Áo M\n- Quần\n\nCảm ơn',
    );
  });

  it('handles br, hr, tables, images, entities and no-break spaces', () => {
    expect(htmlToText('A<br>B<hr>C')).toBe('A\nB\n---\nC');
    expect(htmlToText('<table><tr><td>Mã</td><td>DH1</td></tr><tr><td>Giá</td><td>299.000&#8363;</td></tr></table>')).toBe('Mã DH1\nGiá 299.000₫');
    expect(htmlToText('<img src="x" alt="ảnh 1"> và&nbsp;&nbsp;tiếp &lt;b&gt;')).toBe('[ảnh 1] và tiếp <b>');
  });

  it('keeps a link target when it differs from the text', () => {
    expect(htmlToText('<a href="https://shop.vn/sp">trang sản phẩm</a>')).toBe('trang sản phẩm (https://shop.vn/sp)');
    expect(htmlToText('<a href="https://shop.vn/">shop.vn</a>')).toBe('shop.vn');
    expect(htmlToText('<a href="javascript:x()">bấm</a>')).toBe('bấm');
  });

  it('skips head, style, script and title; keeps pre formatting; NFC', () => {
    expect(htmlToText('<head><title>T</title><style>p{}</style></head><script>x()</script><p>Nội dung</p>')).toBe('Nội dung');
    expect(htmlToText('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
    expect(htmlToText('<p>Việt</p>'.normalize('NFD'))).toBe('Việt');
  });
});
