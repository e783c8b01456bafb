import { describe, expect, it } from 'vitest';
import { safeUrl } from './safeUrl.ts';

describe('safeUrl', () => {
  it('keeps same-origin paths and http(s) URLs', () => {
    expect(safeUrl('/files/a.png')).toBe('/files/a.png');
    expect(safeUrl('https://cdn.shop.vn/a b.png')).toBe('https://cdn.shop.vn/a%20b.png');
    expect(safeUrl('http://shop.vn')).toBe('http://shop.vn/');
  });

  it('refuses scripts, data, protocol-relative and unparsable URLs', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', '//evil.example/x', 'ftp://shop.vn/a', 'files/a.png', '', null, undefined]) {
      expect(safeUrl(url)).toBeNull();
    }
  });

  it('links only absolute http(s) URLs for off-site links (tracking)', () => {
    const trackingHref = (url: string | null | undefined) => safeUrl(url, { relative: false });
    expect(trackingHref('https://donhang.ghn.vn/?order_code=GHN1')).toBe('https://donhang.ghn.vn/?order_code=GHN1');
    expect(trackingHref('http://track.vnpost.vn/x')).toBe('http://track.vnpost.vn/x');
    expect(trackingHref('javascript:alert(1)')).toBeNull();
    expect(trackingHref('data:text/html,hi')).toBeNull();
    expect(trackingHref('/relative/path')).toBeNull();
    expect(trackingHref('not a url')).toBeNull();
    expect(trackingHref(null)).toBeNull();
  });
});
