import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { helpArticleInput } from '@careloop/contracts';
import { ApiError } from '../../lib/api.ts';
import { at } from '../../testing/fixtures.ts';
import { article } from './testFixtures.ts';
import { formOfArticle, inputOfForm, newArticleForm, serverFieldErrors } from './articleForm.ts';
import { hasContent, serialize, textToHtml, tidyTree, type HtmlNode } from './editorHtml.ts';

/** The browser's DOMParser is not in node: htmlparser2 builds the same plain tree for the tests. */
interface ParsedNode { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: ParsedNode[] }
const treeOf = (nodes: ParsedNode[]): HtmlNode[] => nodes.flatMap((n): HtmlNode[] => {
  if (n.type === 'text') return [{ type: 'text', text: n.data ?? '' }];
  if (n.type === 'tag' || n.type === 'script' || n.type === 'style') return [{ type: 'element', tag: n.name!, attrs: n.attribs ?? {}, children: treeOf(n.children ?? []) }];
  return [];
});
const tidy = (html: string) => serialize(tidyTree(treeOf((parseDocument(html) as unknown as ParsedNode).children ?? [])));

describe('tidying the editor HTML', () => {
  it('keeps structure, renames presentational tags and turns editor divs into paragraphs', () => {
    expect(tidy('<h1>Đổi trả</h1><div>Dòng <b>một</b></div><div>Dòng <i>hai</i><br></div>')).toBe(
      '<h2>Đổi trả</h2>\n<p>Dòng <strong>một</strong></p>\n<p>Dòng <em>hai</em></p>');
    expect(tidy('<ul><li>Một</li><li>Hai</li></ul><blockquote>Trích</blockquote>')).toBe('<ul><li>Một</li><li>Hai</li></ul>\n<blockquote>Trích</blockquote>');
  });

  it('drops scripts, handlers, styles, unsafe links and images the server would refuse', () => {
    const html = '<p style="color:red" class="x" onclick="alert(1)">Hi <a href="javascript:alert(1)">bad</a> <a href="https://shop.vn/x" onmouseover="y" target="_top">good</a></p>'
      + '<script>alert(1)</script><style>p{}</style><img src="data:image/png;base64,AAA" alt="x"><img src="https://cdn.shop.vn/a.png" alt="Hộp &quot;quà&quot;" onerror="z">';
    expect(tidy(html)).toBe('<p>Hi bad <a href="https://shop.vn/x">good</a></p>\n<p><img src="https://cdn.shop.vn/a.png" alt="Hộp &quot;quà&quot;"></p>');
  });

  it('unwraps what Word and Google Docs paste (spans, fonts, wrapper divs) and wraps loose text', () => {
    const pasted = '<meta charset="utf-8"><b id="docs-internal-guid"><div><p><span style="font-weight:700">Giao hàng</span></p><p><font face="Arial">2–3 ngày</font></p></div></b>';
    expect(tidy(pasted)).toBe('<p><strong>Giao hàng</strong></p>\n<p>2–3 ngày</p>');
    expect(tidy('Dòng đầu<br><div>Dòng sau</div><p></p><p><br></p>')).toBe('<p>Dòng đầu</p>\n<p>Dòng sau</p>');
    expect(tidy('<p>a &lt; b &amp; c</p>')).toBe('<p>a &lt; b &amp; c</p>');
  });

  it('turns pasted plain text into paragraphs and escapes it', () => {
    expect(textToHtml('Chào bạn,\nshop ở đây.\r\n\r\n<b>Không</b> phải HTML')).toBe('<p>Chào bạn,<br>shop ở đây.</p><p>&lt;b&gt;Không&lt;/b&gt; phải HTML</p>');
  });

  it('knows an empty body from one with words or an image', () => {
    expect(hasContent(tidy('<p><br></p><div>&nbsp;</div>'))).toBe(false);
    expect(hasContent(tidy('<p><img src="https://cdn.shop.vn/a.png"></p>'))).toBe(true);
    expect(hasContent('<p>Có</p>')).toBe(true);
  });
});

describe('the article form', () => {
  it('sends only the languages written, tidied, with the category', () => {
    const form = { ...newArticleForm('hcc_returns'), vi: { title: '  Chính sách đổi trả hàng ', bodyHtml: '<div>Đổi trong <b>7 ngày</b></div>' } };
    const { input, errors } = inputOfForm(form, tidy);
    expect(errors).toEqual({});
    expect(input).toEqual({ categoryId: 'hcc_returns', vi: { title: 'Chính sách đổi trả hàng', bodyHtml: '<p>Đổi trong <strong>7 ngày</strong></p>' } });
    expect(helpArticleInput.safeParse(input).success).toBe(true);
  });

  it('asks for a title where a body was written, and for at least one language', () => {
    expect(inputOfForm(newArticleForm(), tidy).errors).toEqual({ 'vi.title': 'oneLanguage' });
    const bodyOnly = { ...newArticleForm(), en: { title: '', bodyHtml: '<p>Returns within 7 days</p>' }, vi: { title: '', bodyHtml: '<p><br></p>' } };
    expect(inputOfForm(bodyOnly, tidy)).toEqual({ input: null, errors: { 'en.title': 'titleRequired' } });
    expect(inputOfForm({ ...newArticleForm(), vi: { title: 'x'.repeat(201), bodyHtml: '' } }, tidy).errors).toEqual({ 'vi.title': 'tooLong' });
  });

  it('checks the address while it may change, and never sends a locked one', () => {
    const base = { ...newArticleForm(), vi: { title: 'Đổi trả', bodyHtml: '' } };
    expect(inputOfForm({ ...base, slug: 'Đổi trả' }, tidy).errors).toEqual({ slug: 'slugFormat' });
    expect(inputOfForm({ ...base, slug: 'doi-tra' }, tidy).input?.slug).toBe('doi-tra');
    const published = formOfArticle(article({ publishedAt: at(3), status: 'published' }));
    expect(published.slugLocked).toBe(true);
    expect(inputOfForm({ ...published, slug: 'new-one' }, tidy).input).not.toHaveProperty('slug');
  });

  it('refuses to empty a stored language (the API would keep it)', () => {
    const stored = formOfArticle(article({ en: { title: 'Returns policy', bodyHtml: '<p>7 days.</p>' } }));
    expect(stored.stored).toEqual(['vi', 'en']);
    expect(inputOfForm({ ...stored, en: { title: '', bodyHtml: '' } }, tidy).errors).toEqual({ 'en.title': 'cannotClear' });
  });

  it("reads the server's refusals at their fields", () => {
    const zod = new ApiError(400, 'validation_failed', 'x', { issues: [{ path: 'vi.title', code: 'too_small', message: 'm' }, { path: 'en.bodyHtml', code: 'too_big', message: 'm' }, { path: 'slug', code: 'invalid_format', message: 'm' }] });
    expect(serverFieldErrors(zod)).toEqual({ 'vi.title': 'titleRequired', 'en.bodyHtml': 'tooLong', slug: 'slugFormat' });
    expect(serverFieldErrors(new ApiError(409, 'already_exists', 'x', { field: 'slug' }))).toEqual({ slug: 'slugTaken' });
    expect(serverFieldErrors(new ApiError(400, 'validation_failed', 'No such category', { field: 'categoryId' }))).toEqual({ categoryId: 'noCategory' });
    expect(serverFieldErrors(new ApiError(403, 'forbidden', 'x'))).toEqual({});
    expect(serverFieldErrors(new Error('boom'))).toEqual({});
  });
});
