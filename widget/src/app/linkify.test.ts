import { describe, expect, it } from 'vitest';
import { linkify, safeUrl } from './linkify.ts';

describe('linkify', () => {
  it('splits out http(s) links and leaves trailing punctuation as text', () => {
    expect(linkify('Xem tại https://shop.vn/sp/1?a=b. Cảm ơn!')).toEqual([
      { text: 'Xem tại ' },
      { text: 'https://shop.vn/sp/1?a=b', href: 'https://shop.vn/sp/1?a=b' },
      { text: '. Cảm ơn!' },
    ]);
  });

  it('never turns markup or other schemes into links', () => {
    expect(linkify('<script>alert(1)</script> javascript:alert(1)')).toEqual([
      { text: '<script>alert(1)</script> javascript:alert(1)' },
    ]);
    expect(linkify('')).toEqual([]);
  });
});

describe('safeUrl', () => {
  it('allows same-origin paths and http(s)/blob only', () => {
    expect(safeUrl('/files/att_1?exp=1&sig=x')).toBe('/files/att_1?exp=1&sig=x');
    expect(safeUrl('https://cdn.shop.vn/a.png')).toBe('https://cdn.shop.vn/a.png');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('//evil.example/a.png')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
  });
});
