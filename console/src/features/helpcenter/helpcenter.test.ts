import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { HelpCategoryDto, HelpStatsDto } from '@careloop/contracts';
import i18n from '../../i18n/index.ts';
import helpVi from '../../i18n/helpcenter.vi.json';
import helpEn from '../../i18n/helpcenter.en.json';
import { ApiError, api } from '../../lib/api.ts';
import { at, me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { canWriteHelp } from './access.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { formOfArticle, newArticleForm } from './articleForm.ts';
import { articleLinkText, conversationLocale } from './articleLink.ts';
import { ArticleList, titleOf, visibleArticles } from './ArticleList.tsx';
import { CategoryList } from './CategoryList.tsx';
import { categoryErrors } from './CategoryModal.tsx';
import { DraftFromConversationButton, draftProblem } from './DraftFromConversation.tsx';
import { article } from './testFixtures.ts';
import { categoryInputOf, helpKeys, moved, statsPeriod } from './queries.ts';
import { deflectionPercent, StatsBody } from './StatsPanel.tsx';

afterEach(() => vi.unstubAllGlobals());

const supervisor = me({ role: 'supervisor' });
const agent = me({ role: 'agent' });

function category(over: Partial<HelpCategoryDto> = {}): HelpCategoryDto {
  return {
    id: 'hcc_returns', slug: 'doi-tra', position: 0, nameVi: 'Đổi trả', nameEn: 'Returns', descriptionVi: 'Đổi và trả hàng', descriptionEn: '',
    articleCount: 1, createdAt: at(0), updatedAt: at(0), ...over,
  };
}

const published = article({
  status: 'published', publishedAt: at(3), views: 1234, helpful: 9, notHelpful: 3,
  en: { title: 'Returns policy', bodyHtml: '<p>7 days.</p>' }, sourceConversationId: 'cv_42',
});

describe('the article editor', () => {
  const render = (props: Partial<Parameters<typeof ArticleEditor>[0]>, who = supervisor, lang: 'vi' | 'en' = 'vi') =>
    renderHtml(createElement(ArticleEditor, { article: published, initial: formOfArticle(published), categories: [category()], canWrite: true, ...props }), { me: who, lang });

  it('shows a published article with its stable address, public link and what readers made of it', () => {
    const html = render({});
    expect(html.one('help-article-heading').text).toBe('Chính sách đổi trả hàng');
    expect(html.one('help-status').text).toBe('Đã đăng');
    expect(html.has('help-article-unpublish')).toBe(true);
    expect(html.has('help-article-publish')).toBe(false);
    expect(html.one('help-article-save').text).toBe('Lưu thay đổi');
    expect(html.one('help-article-slug').attrs.disabled).toBeDefined();
    expect(html.one('help-article-address').text).toContain('địa chỉ giữ nguyên');
    expect(html.one('help-article-url').text).toBe(`${published.publicUrl}?lang=vi`);
    expect(html.one('help-article-view').attrs).toMatchObject({ href: `${published.publicUrl}?lang=vi`, target: '_blank', rel: 'noopener noreferrer' });
    expect([html.one('help-stat-views').text, html.one('help-stat-helpful').text, html.one('help-stat-not-helpful').text]).toEqual(['1.234', '9', '3']);
    expect(html.one('help-stat-percent').text).toBe('75% thấy hữu ích');
    expect(html.one('help-article-source').attrs.href).toBe('/conversations/cv_42');
    expect(html.one('help-article-title-vi').attrs.value).toBe('Chính sách đổi trả hàng');
    expect(html.one('help-article-body-vi').attrs.contenteditable).toBe('true');
    expect(html.has('editor-bold')).toBe(true);
    expect(html.has('help-article-readonly')).toBe(false);
  });

  it('a draft can be published; its address is still editable and not linked yet', () => {
    const draft = article();
    const html = render({ article: draft, initial: formOfArticle(draft) }, supervisor, 'en');
    expect(html.one('help-status').text).toBe('Draft');
    expect(html.one('help-article-publish').text).toBe('Publish');
    expect(html.one('help-article-save').text).toBe('Save draft');
    expect(html.one('help-article-slug').attrs.disabled).toBeUndefined();
    expect(html.has('help-article-view')).toBe(false);
    expect(html.one('help-article-address').text).toContain('Its address once published');
    expect(html.one('help-stat-percent').text).toBe('Nobody has rated this article yet.');
  });

  it('a new article starts empty in Vietnamese, with the chosen category', () => {
    const html = render({ article: null, initial: newArticleForm('hcc_returns') });
    expect(html.one('help-article-heading').text).toBe('Bài viết chưa có tiêu đề');
    expect(html.has('help-article-publish')).toBe(true);
    expect(html.has('help-article-delete')).toBe(false);
    expect(html.has('help-article-url')).toBe(false);
    expect(html.one('help-article-category').attrs.value).toBe('Đổi trả');
  });

  it('is read-only for agents, as the article abilities say', () => {
    const readable = { ...published, abilities: { update: false, publish: false, delete: false } };
    const html = render({ article: readable, initial: formOfArticle(readable), canWrite: false }, agent);
    expect(html.has('help-article-readonly')).toBe(true);
    for (const id of ['help-article-save', 'help-article-publish', 'help-article-unpublish', 'help-article-delete', 'editor-bold']) expect(html.has(id)).toBe(false);
    expect(html.one('help-article-title-vi').attrs.disabled).toBeDefined();
    expect(html.one('help-article-body-vi').attrs.contenteditable).toBe('false');
  });
});

describe('the article list', () => {
  const render = (role = supervisor, lang: 'vi' | 'en' = 'vi') => {
    const qc = queryClient();
    const uncategorized = article({ id: 'hca_2', slug: 'giao-hang', categoryId: null, vi: null, en: { title: 'Delivery times', bodyHtml: '' } });
    qc.setQueryData(helpKeys.articles({ status: 'any', categoryId: null, q: '' }), [published, uncategorized]);
    qc.setQueryData(helpKeys.categories, [category()]);
    return renderHtml(createElement(ArticleList, { canWrite: canWriteHelp(role.agent.role) }), { qc, me: role, lang });
  };

  it('lists titles in the console language, category, status, views and helpfulness', () => {
    const html = render();
    expect(html.all('help-article-row').map((r) => r.attrs['data-article-id'])).toEqual(['hca_1', 'hca_2']);
    expect(html.all('help-article-link').map((l) => [l.text, l.attrs.href])).toEqual([
      ['Chính sách đổi trả hàng', '/helpcenter/articles/hca_1'], ['Delivery times', '/helpcenter/articles/hca_2'],
    ]);
    const first = html.all('help-article-row')[0]!.text;
    expect(first).toContain('VI · EN · /chinh-sach-doi-tra-hang');
    expect(first).toContain('Đổi trả');
    expect(first).toContain('1.234');
    expect(first).toContain('75%');
    expect(html.all('help-article-row')[1]!.text).toContain('Chưa xếp danh mục');
    expect(html.one('help-article-create').attrs.href).toBe('/helpcenter/articles/new');
  });

  it('lets agents read but not write', () => {
    const html = render(agent, 'en');
    expect(html.has('help-article-create')).toBe(false);
    expect(html.all('help-article-link')[0]!.text).toBe('Returns policy');
  });

  it('filters "no category" in the list and picks a title', () => {
    const list = [published, article({ id: 'hca_3', categoryId: null })];
    expect(visibleArticles(list, '__none__').map((a) => a.id)).toEqual(['hca_3']);
    expect(visibleArticles(list, null)).toHaveLength(2);
    expect(titleOf({ vi: null, en: { title: 'Only English', bodyHtml: '' } }, 'vi')).toBe('Only English');
  });
});

describe('categories', () => {
  it('shows them in order with both names and article counts; writers get the controls', () => {
    const qc = queryClient();
    qc.setQueryData(helpKeys.categories, [category(), category({ id: 'hcc_ship', slug: 'giao-hang', nameVi: 'Giao hàng', nameEn: '', articleCount: 3, position: 1 })]);
    const html = renderHtml(createElement(CategoryList, { canWrite: true }), { qc, lang: 'en' });
    expect(html.all('help-category-name').map((n) => n.text)).toEqual(['Đổi trả', 'Giao hàng']);
    expect(html.all('help-category-row')[0]!.text).toContain('1 article');
    expect(html.all('help-category-row')[1]!.text).toContain('No English name yet');
    expect(html.all('help-category-row')[1]!.text).toContain('3 articles');
    expect(html.all('help-category-up')[0]!.attrs.disabled).toBeDefined();
    expect(html.all('help-category-down')[1]!.attrs.disabled).toBeDefined();
    const agentView = renderHtml(createElement(CategoryList, { canWrite: false }), { qc });
    expect(agentView.has('help-category-create')).toBe(false);
    expect(agentView.has('help-category-delete')).toBe(false);
  });

  it('checks the form like the contract and reads a taken address', () => {
    expect(categoryErrors({ nameVi: '', nameEn: 'x' }, null)).toEqual({ nameVi: 'required' });
    expect(categoryErrors({ nameVi: 'Đổi trả', slug: 'Đổi trả' }, null)).toEqual({ slug: 'slugFormat' });
    expect(categoryErrors({ nameVi: 'Đổi trả' }, new ApiError(409, 'already_exists', 'x', { field: 'slug' }))).toEqual({ slug: 'slugTaken' });
    const c = category({ descriptionEn: 'All about returns' });
    expect(categoryInputOf(c, { nameEn: 'Returns & exchanges' })).toEqual({ nameVi: 'Đổi trả', nameEn: 'Returns & exchanges', descriptionVi: 'Đổi và trả hàng', descriptionEn: 'All about returns' });
    expect(moved(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
  });
});

describe('help center figures', () => {
  const stats: HelpStatsDto = {
    from: at(0), to: at(60), articles: { published: 12, draft: 3 }, views: 4321,
    feedback: { helpful: 30, notHelpful: 10, helpfulPercent: 75 },
    deflection: { clicks: 40, deflected: 30, anonymousClicks: 7, windowMinutes: 30 },
    top: [{ articleId: 'hca_1', title: 'Chính sách đổi trả hàng', views: 900, helpful: 20, notHelpful: 2 }],
  };

  it('shows conversations deflected out of suggestion clicks, helpfulness and the top articles', () => {
    const html = renderHtml(createElement(StatsBody, { stats }), { lang: 'vi' });
    expect(html.one('help-kpi-deflected-value').text).toBe('30');
    expect(html.one('help-kpi-deflected-detail').text).toBe('30 / 40 lượt mở bài gợi ý (75%)');
    expect(html.one('help-kpi-deflected').text).toContain('30 phút');
    expect(html.one('help-kpi-helpful-value').text).toBe('75%');
    expect(html.one('help-kpi-views-value').text).toBe('4.321');
    expect(html.one('help-kpi-articles-detail').text).toBe('12 đã đăng · 3 bản nháp');
    expect(html.all('help-stats-top-row').map((r) => r.text)).toEqual(['Chính sách đổi trả hàng900202']);
    expect(deflectionPercent({ ...stats.deflection, clicks: 0, deflected: 0 })).toBeNull();
    const none = renderHtml(createElement(StatsBody, { stats: { ...stats, deflection: { ...stats.deflection, clicks: 0, deflected: 0 }, top: [] } }), { lang: 'en' });
    expect(none.one('help-kpi-deflected-detail').text).toBe('No suggested article was opened 30 or more minutes ago yet.');
    expect(none.has('help-stats-no-top')).toBe(true);
  });

  it('asks for a period ending now, to the minute', () => {
    const period = statsPeriod(7, Date.UTC(2026, 2, 10, 8, 0, 30));
    expect(period).toEqual({ from: '2026-03-03T08:01:00.000Z', to: '2026-03-10T08:01:00.000Z' });
  });

  it('asks the API for the stats of the period, and articles by status, category and diacritic-free query', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return Response.json([]);
    });
    await api.get('/helpcenter/stats', statsPeriod(30, Date.UTC(2026, 2, 10, 8)));
    await api.get('/helpcenter/articles', { status: 'published', categoryId: null, q: 'doi tra hang' });
    expect(urls).toEqual([
      '/api/v1/helpcenter/stats?from=2026-02-08T08%3A00%3A00.000Z&to=2026-03-10T08%3A00%3A00.000Z',
      '/api/v1/helpcenter/articles?status=published&q=doi+tra+hang',
    ]);
  });
});

describe('articles in conversations', () => {
  it('inserts the title and the public link in the conversation language', () => {
    expect(conversationLocale({ triage: { language: 'en', sentiment: null, intent: null, urgency: null } }, 'vi')).toBe('en');
    expect(conversationLocale({ triage: { language: 'other', sentiment: null, intent: null, urgency: null } }, 'en')).toBe('en');
    expect(conversationLocale({ triage: null }, 'vi')).toBe('vi');
    expect(articleLinkText(published, 'en')).toBe(`Returns policy: ${published.publicUrl}?lang=en`);
    expect(articleLinkText(published, 'vi')).toBe(`Chính sách đổi trả hàng: ${published.publicUrl}?lang=vi`);
    expect(articleLinkText(article(), 'en')).toBe(`Chính sách đổi trả hàng: ${published.publicUrl}?lang=vi`);
  });

  it('offers "turn into article" on resolved conversations to supervisors only', () => {
    const resolved = { id: 'cv_1', status: 'resolved' as const, triage: null };
    expect(renderHtml(createElement(DraftFromConversationButton, { conversation: resolved }), { me: supervisor, lang: 'vi' }).one('help-draft-button').text).toBe('Tạo bài viết');
    expect(renderHtml(createElement(DraftFromConversationButton, { conversation: { ...resolved, status: 'open' } }), { me: supervisor }).has('help-draft-button')).toBe(false);
    expect(renderHtml(createElement(DraftFromConversationButton, { conversation: resolved }), { me: agent }).has('help-draft-button')).toBe(false);
    expect(draftProblem(new ApiError(409, 'conflict', 'x', { status: 'open' }))).toBe('notResolved');
    expect(draftProblem(new ApiError(409, 'conflict', 'x', { question: true, replies: 0 }))).toBe('noAnswer');
    expect(draftProblem(new ApiError(403, 'forbidden', 'x'))).toBeNull();
  });
});

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
const base = (key: string) => key.replace(/_(one|other)$/, '');

describe('help center strings', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect([...new Set(flatten(helpEn as Tree).map(base))].sort()).toEqual([...new Set(flatten(helpVi as Tree).map(base))].sort());
  });

  it('has every key the screens use, including the ones built from names', () => {
    const sources = import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(100);
    const built = [
      ...['bold', 'italic', 'h2', 'h3', 'p', 'blockquote', 'insertUnorderedList', 'insertOrderedList', 'removeFormat'].map((c) => `helpcenter.editor.tools.${c}`),
      ...['titleRequired', 'oneLanguage', 'tooLong', 'slugFormat', 'slugTaken', 'noCategory', 'cannotClear', 'invalid'].map((p) => `helpcenter.editor.invalid.${p}`),
      ...['required', 'tooLong', 'slugFormat', 'slugTaken'].map((p) => `helpcenter.categories.invalid.${p}`),
      ...['draft', 'published'].map((s) => `helpcenter.status.${s}`), ...['vi', 'en'].map((l) => `helpcenter.languages.${l}`),
      ...['vi', 'en'].map((l) => `helpcenter.editor.titlePlaceholder.${l}`), ...['any', 'published', 'draft'].map((s) => `helpcenter.list.status.${s}`),
      'helpcenter.draft.notResolved', 'helpcenter.draft.noAnswer',
      ...['outdated', 'unclear', 'missing', 'wrong', 'other', 'none'].map((r) => `helpcenter.feedback.reasons.${r}`),
      ...['type', 'size'].map((p) => `helpcenter.editor.upload.${p}`),
    ];
    for (const lang of ['vi', 'en'] as const) {
      for (const key of [...literal, ...built]) expect(i18n.exists(key, { lng: lang }) || i18n.exists(key, { lng: lang, count: 2 }), `${lang}: ${key}`).toBe(true);
    }
  });
});
