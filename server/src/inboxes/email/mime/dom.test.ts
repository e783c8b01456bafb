import { describe, expect, it } from 'vitest';
import { exceedsDepth, MAX_DOM_DEPTH, stripTags } from './dom.ts';
import { htmlToText } from './html-to-text.ts';
import { splitHtmlQuote } from './quotes.ts';
import { sanitizeEmailHtml } from './sanitize.ts';

const nested = (depth: number, inner: string) => '<div>'.repeat(depth) + inner + '</div>'.repeat(depth);

describe('hostile nesting', () => {
  it('measures depth in one pass, not counting void elements or elements closed by their siblings', () => {
    expect(exceedsDepth(nested(MAX_DOM_DEPTH, 'x'))).toBe(false);
    expect(exceedsDepth(nested(MAX_DOM_DEPTH + 1, 'x'))).toBe(true);
    expect(exceedsDepth('<p>a'.repeat(5000) + '<br><img src=x><li>b'.repeat(5000))).toBe(false);
    expect(exceedsDepth('<table><tr><td>'.repeat(MAX_DOM_DEPTH + 1))).toBe(true);
  });

  it('shows a document nested 50,000 levels deep as text, quickly, without a stack overflow', () => {
    const html = nested(50_000, 'Chào <b>shop</b> &amp; <script>alert(1)</script>') + '<blockquote type="cite">cũ</blockquote>';
    const started = performance.now();
    const sanitized = sanitizeEmailHtml(html, { cidUrl: () => null, allowRemoteImages: false }).html;
    expect(sanitized).toBe('Chào shop &amp; alert(1) cũ');
    expect(splitHtmlQuote(html)).toEqual({ full: html, reply: html, quoted: '', cutBy: null });
    expect(htmlToText(html)).toBe('Chào shop & alert(1) cũ');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('stripTags leaves inert, still-encoded text', () => {
    expect(stripTags('<p>a &lt;b&gt;</p><img src=x onerror=alert(1)> < c <<<')).toBe('a &lt;b&gt; &lt; c &lt;&lt;&lt;');
  });
});
