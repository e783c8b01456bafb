import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import type { HelpArticleFeedbackDto } from '@careloop/contracts';
import { at, me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleFeedback, FeedbackCard, reasonRows } from './ArticleFeedback.tsx';
import { formOfArticle } from './articleForm.ts';
import { helpKeys } from './queries.ts';
import { article } from './testFixtures.ts';

const hostile = 'Phí ship <b>sai</b> <script>alert(1)</script> & "đắt"';

function feedback(over: Partial<HelpArticleFeedbackDto> = {}): HelpArticleFeedbackDto {
  return {
    articleId: 'hca_1', helpful: 12, notHelpful: 5,
    reasons: { outdated: 3, unclear: 0, missing: 1, wrong: 0, other: 0, none: 1 },
    comments: [
      { id: 'hcf_2', locale: 'vi', reason: 'outdated', comment: hostile, createdAt: at(30) },
      { id: 'hcf_1', locale: 'en', reason: null, comment: 'Line one\nline two', createdAt: at(10) },
    ],
    nextCursor: 'next', ...over,
  };
}

describe("an article's feedback in the sidebar", () => {
  it('lists the reasons given, most first, and leaves out the ones nobody chose', () => {
    expect(reasonRows(feedback())).toEqual([
      { reason: 'outdated', count: 3, percent: 60 },
      { reason: 'missing', count: 1, percent: 20 },
      { reason: 'none', count: 1, percent: 20 },
    ]);
    expect(reasonRows(feedback({ notHelpful: 0, reasons: { outdated: 0, unclear: 0, missing: 0, wrong: 0, other: 0, none: 0 } }))).toEqual([]);
  });

  it('shows counts, reasons and comments in Vietnamese, with the customer text escaped', () => {
    const html = renderHtml(createElement(FeedbackCard, { pages: [feedback()], hasMore: true, loading: false, onMore: () => undefined }), { lang: 'vi' });
    expect(html.one('help-feedback-counts').text).toBe('12 có · 5 không');
    expect(html.all('help-feedback-reason').map((r) => [r.attrs['data-reason'], r.text])).toEqual([
      ['outdated', 'Thông tin đã cũ3'], ['missing', 'Thiếu thông tin1'], ['none', 'Không nêu lý do1'],
    ]);
    const comments = html.all('help-feedback-comment');
    expect(comments).toHaveLength(2);
    expect(comments[0]!.text).toContain('Thông tin đã cũ');
    expect(comments[0]!.text).toContain('VI');
    expect(html.all('help-feedback-text').map((c) => c.text)).toEqual([hostile, 'Line one line two']);
    // The customer's markup is text: no <b> or <script> element comes out of it.
    expect(html.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.html).not.toMatch(/<script|<b>sai/);
    expect(html.one('load-more').text).toBe('Xem góp ý cũ hơn');
  });

  it('joins the pages of comments and says when there is nothing yet, in English', () => {
    const older = feedback({ comments: [{ id: 'hcf_0', locale: 'vi', reason: 'wrong', comment: 'Sai giá', createdAt: at(1) }], nextCursor: null });
    const html = renderHtml(createElement(FeedbackCard, { pages: [feedback(), older], hasMore: false, loading: false, onMore: () => undefined }), { lang: 'en' });
    expect(html.all('help-feedback-text').map((c) => c.text)).toEqual([hostile, 'Line one line two', 'Sai giá']);
    expect(html.all('help-feedback-comment')[2]!.text).toContain('Wrong information');
    expect(html.has('load-more')).toBe(false);

    const empty = feedback({ helpful: 0, notHelpful: 0, reasons: { outdated: 0, unclear: 0, missing: 0, wrong: 0, other: 0, none: 0 }, comments: [], nextCursor: null });
    const none = renderHtml(createElement(FeedbackCard, { pages: [empty], hasMore: false, loading: false, onMore: () => undefined }), { lang: 'en' });
    expect(none.one('help-feedback-counts').text).toBe('0 yes · 0 no');
    expect(none.one('help-feedback-no-reasons').text).toBe('Nobody has chosen a “not helpful” reason yet.');
    expect(none.one('help-feedback-no-comments').text).toBe('No comments yet.');
  });

  it('reads the feedback query of the article, and sits in the editor sidebar', () => {
    const qc = queryClient();
    qc.setQueryData(helpKeys.feedback('hca_1'), { pages: [feedback()], pageParams: [null] });
    expect(renderHtml(createElement(ArticleFeedback, { articleId: 'hca_1' }), { qc, lang: 'en' }).one('help-feedback-counts').text).toBe('12 yes · 5 no');
    expect(renderHtml(createElement(ArticleFeedback, { articleId: 'hca_other' }), { qc }).has('help-feedback-loading')).toBe(true);

    const published = article({ status: 'published', publishedAt: at(3), helpful: 12, notHelpful: 5 });
    const editor = renderHtml(createElement(ArticleEditor, { article: published, initial: formOfArticle(published), categories: [], canWrite: true }),
      { qc, me: me({ role: 'agent' }), lang: 'vi' });
    expect(editor.one('help-feedback').text).toContain('Vì sao chưa hữu ích');
    expect(editor.all('help-feedback-comment')).toHaveLength(2);
    // A new article has no readers yet.
    const fresh = renderHtml(createElement(ArticleEditor, { article: null, initial: formOfArticle(published), categories: [], canWrite: true }), { qc, lang: 'vi' });
    expect(fresh.has('help-feedback')).toBe(false);
  });
});
