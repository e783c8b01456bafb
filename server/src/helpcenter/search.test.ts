import { describe, expect, it } from 'vitest';
import { highlightSnippet, queryTokens, withinOneEdit, wordMatch } from './search.ts';

describe('help center search: words and snippets', () => {
  it('folds the query into at most 8 distinct words', () => {
    expect(queryTokens('Đổi TRẢ hàng đổi')).toEqual(['doi', 'tra', 'hang']);
    expect(queryTokens('a b c d e f g h i j')).toHaveLength(8);
  });

  it('matches words exactly, by prefix while typing, and with one typo', () => {
    expect(wordMatch('hang', 'hang')).toBe(1);
    expect(wordMatch('gia', 'giao')).toBe(0.9);
    expect(wordMatch('tar', 'tra')).toBe(0.7);
    expect(wordMatch('shiping', 'shipping')).toBe(0.7);
    expect(wordMatch('xyz', 'tra')).toBe(0);
    expect(withinOneEdit('doi', 'dio')).toBe(true);
    expect(withinOneEdit('doi', 'dai')).toBe(true);
    expect(withinOneEdit('doi', 'adio')).toBe(false);
  });

  it('marks the words of the text that answer the folded query, diacritics and case kept', () => {
    const html = highlightSnippet('Chính sách Đổi trả hàng trong 7 ngày.', 'doi tra hang');
    expect(html).toBe('Chính sách <mark>Đổi</mark> <mark>trả</mark> <mark>hàng</mark> trong 7 ngày.');
  });

  it('escapes the text around and inside the marks', () => {
    const html = highlightSnippet('<b>đổi</b> & "trả" <script>alert(1)</script>', 'doi tra');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;<mark>đổi</mark>&lt;/b&gt; &amp; &quot;<mark>trả</mark>&quot;');
  });

  it('opens the window shortly before the first hit deep in a long text, with ellipses', () => {
    const filler = 'khách hàng vui lòng kiểm tra đơn '.repeat(60);
    const text = `${filler}hoàn tiền trong vòng bảy ngày ${filler}`;
    const html = highlightSnippet(text, 'hoan tien', 120);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>hoàn</mark> <mark>tiền</mark>');
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(120 + 4);
  });

  it('shows the opening of the text when no word of it answers (a title-only hit)', () => {
    const html = highlightSnippet('Shop giao hàng toàn quốc trong ba ngày làm việc.', 'bao hiem', 20);
    expect(html).toBe('Shop giao hàng toàn …');
    expect(html).not.toContain('<mark>');
  });
});
