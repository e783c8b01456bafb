import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.ts';
import type { HelpArticleDto, HelpSiteDto, HelpSuggestionDto } from '@careloop/contracts';
import { searchArticles } from './search.ts';
import { startHelpTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startHelpTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/helpcenter';
const hostile = '<script>alert("x")</script> & "quotes"';

/** A shop with a category, three published articles (one bilingual, one hostile) and a draft. */
async function shop() {
  const ws = await t.workspace({ name: 'Shop <Hoa> Mai' });
  const cat = (await ws.owner.post(`${api}/categories`, { nameVi: 'Đổi trả & hoàn tiền', nameEn: 'Returns & refunds' })).body;
  const post = async (body: object, publish = true) => {
    const a = (await ws.owner.post(`${api}/articles`, { categoryId: cat.id, ...body })).body as HelpArticleDto;
    if (publish) await ws.owner.post(`${api}/articles/${a.id}/publish`);
    return a;
  };
  const returns = await post({
    vi: { title: 'Chính sách đổi trả hàng', bodyHtml: '<p>Bạn được đổi trả hàng trong vòng 7 ngày kể từ khi nhận hàng.</p><h2>Điều kiện</h2><ul><li>Còn nguyên tem mác</li></ul>' },
    en: { title: 'Return policy', bodyHtml: '<p>You may return items within 7 days of delivery.</p>' },
  });
  const shipping = await post({ vi: { title: 'Thời gian giao hàng', bodyHtml: '<p>Đơn nội thành giao trong 1-2 ngày, có thể đổi địa chỉ.</p>' } });
  const evil = await post({ vi: { title: hostile, bodyHtml: '<p>Nội dung</p>' } });
  const draft = await post({ vi: { title: 'Khuyến mãi bí mật đổi trả', bodyHtml: '<p>Chưa công bố</p>' } }, false);
  const site = (await ws.owner.get<HelpSiteDto>(`${api}/site`)).body;
  const base = `/help/${site.publicKey}`;
  return { ws, cat, returns, shipping, evil, draft, site, base };
}

const page = (path: string, headers: Record<string, string> = {}) => t.request<string>('GET', path, { headers });

describe('the public help center', () => {
  it('renders home, category and article pages as HTML without JavaScript, escaped, with SEO metadata', async () => {
    const s = await shop();
    expect(s.site.url).toBe(`http://localhost:3000${s.base}`);
    const home = await page(s.base);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(home.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(home.body).not.toMatch(/<script/i);
    expect(home.body).toContain('<html lang="vi">');
    expect(home.body).toContain('Shop &lt;Hoa&gt; Mai');
    expect(home.body).toContain('Đổi trả &amp; hoàn tiền');
    expect(home.body).toContain('Chính sách đổi trả hàng');
    expect(home.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(home.body).not.toContain('Khuyến mãi bí mật');
    expect(home.body).toContain(`<link rel="alternate" hreflang="en" href="http://localhost:3000${s.base}?lang=en">`);

    const english = await page(s.base, { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Returns &amp; refunds');
    expect(english.body).toContain('Return policy');

    const article = await page(`${s.base}/a/${s.returns.slug}?lang=vi`);
    expect(article.status).toBe(200);
    expect(article.body).toContain('<h1>Chính sách đổi trả hàng</h1>');
    expect(article.body).toContain('<h2>Điều kiện</h2><ul><li>Còn nguyên tem mác</li></ul>');
    expect(article.body).toContain(`<link rel="canonical" href="http://localhost:3000${s.base}/a/chinh-sach-doi-tra-hang?lang=vi">`);
    expect(article.body).toContain(`hreflang="en" href="http://localhost:3000${s.base}/a/chinh-sach-doi-tra-hang?lang=en"`);
    expect(article.body).toContain('<meta property="og:type" content="article">');
    expect(article.body).toContain('<meta name="description" content="Bạn được đổi trả hàng trong vòng 7 ngày');
    expect(article.body).toMatch(/<form class="fb" id="feedback" method="post"/);

    const evil = await page(`${s.base}/a/${s.evil.slug}`);
    expect(evil.body).not.toContain('<script>alert');
    expect(evil.body).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; · Shop &lt;Hoa&gt; Mai</title>');
    expect(evil.body).not.toContain('hreflang="en"');

    const category = await page(`${s.base}/c/${s.cat.slug}?lang=en`);
    expect(category.status).toBe(200);
    expect(category.body).toContain('<h1>Returns &amp; refunds</h1>');

    expect((await page(`${s.base}/a/${s.draft.slug}`)).status).toBe(404);
    expect((await page(`${s.base}/a/nope`)).status).toBe(404);
    expect((await page('/help/no-such-site')).status).toBe(404);
    expect((await page(`${s.base}/c/nope`)).status).toBe(404);
  });

  it('lists published articles only in the sitemap and points robots.txt at it', async () => {
    const s = await shop();
    const sitemap = await page(`${s.base}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(sitemap.body).toContain(`<loc>http://localhost:3000${s.base}/a/chinh-sach-doi-tra-hang</loc>`);
    expect(sitemap.body).toContain(`<loc>http://localhost:3000${s.base}/a/thoi-gian-giao-hang</loc>`);
    expect(sitemap.body).toContain('hreflang="en"');
    expect(sitemap.body).not.toContain(s.draft.slug);
    const robots = await page(`${s.base}/robots.txt`);
    expect(robots.body).toContain(`Sitemap: http://localhost:3000${s.base}/sitemap.xml`);
  });

  it('searches without diacritics, with typos and in English, published only, with highlighted snippets', async () => {
    const s = await shop();
    const search = (q: string, lang = 'vi') => page(`${s.base}/search?q=${encodeURIComponent(q)}&lang=${lang}`);
    const plain = await search('doi tra hang');
    expect(plain.status).toBe(200);
    expect(plain.body).toContain('Kết quả cho “doi tra hang”');
    expect(plain.body.indexOf('Chính sách đổi trả hàng')).toBeGreaterThan(0);
    expect(plain.body).toContain('<mark>đổi</mark> <mark>trả</mark> <mark>hàng</mark>');
    expect(plain.body).not.toContain('Khuyến mãi bí mật');
    expect((await search('chinh sach doi tar')).body).toContain('Chính sách đổi trả hàng');
    expect((await search('return policy', 'en')).body).toContain('Return policy');
    expect((await search('giao hàng')).body).toContain('Thời gian giao hàng');
    expect((await search('zzzz qqqq')).body).toContain('Không tìm thấy bài viết nào');
    expect((await search('<b>x</b>')).body).toContain('&lt;b&gt;x&lt;/b&gt;');

    for (const mode of ['trigram', 'memory'] as const) {
      const titles = async (q: string, publishedOnly = true) => (await searchArticles(t.deps.db, s.ws.workspaceId, q, { locale: 'vi', publishedOnly, limit: 5, mode })).map((h) => h.title);
      expect((await titles('doi tra hang'))[0]).toBe('Chính sách đổi trả hàng');
      expect((await titles('chinh sach doi tar'))[0]).toBe('Chính sách đổi trả hàng');
      expect(await titles('doi tra hang')).not.toContain('Khuyến mãi bí mật đổi trả');
      expect(await titles('khuyen mai', false)).toContain('Khuyến mãi bí mật đổi trả');
      expect((await titles('giao hang'))[0]).toBe('Thời gian giao hàng');
    }
  });

  it('takes "was this helpful?" answers through a signed form, once per form, and counts views', async () => {
    const s = await shop();
    const url = `${s.base}/a/${s.returns.slug}?lang=vi`;
    const first = await page(url);
    const token = /name="token" value="([^"]+)"/.exec(first.body)![1]!;
    const action = /<form class="fb" id="feedback" method="post" action="([^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&').replace('http://localhost:3000', '');
    const send = (form: Record<string, string>, ip = '203.0.113.9') => t.request<string>('POST', action, {
      body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    });
    const answered = await send({ token, helpful: 'no', reason: 'unclear', comment: 'Thiếu <phí> ship' });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`http://localhost:3000${s.base}/a/chinh-sach-doi-tra-hang?lang=vi&thanks=1#feedback`);
    expect((await send({ token, helpful: 'no', reason: 'unclear' })).status).toBe(303);
    const thanks = await page(`${url}&thanks=1`);
    expect(thanks.body).toContain('Cảm ơn bạn đã góp ý!');
    expect(thanks.body).not.toContain('name="token"');

    const tampered = await send({ token: token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), helpful: 'yes' });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toMatch(/^text\/html/);
    expect(tampered.body).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ');
    const otherArticle = /name="token" value="([^"]+)"/.exec((await page(`${s.base}/a/${s.shipping.slug}`)).body)![1]!;
    expect((await send({ token: otherArticle, helpful: 'yes' })).status).toBe(400);
    expect((await send({ helpful: 'yes' } as Record<string, string>)).status).toBe(400);

    const second = /name="token" value="([^"]+)"/.exec((await page(url)).body)![1]!;
    expect((await send({ token: second, helpful: 'yes' })).status).toBe(303);

    const stored = (await s.ws.owner.get<HelpArticleDto>(`${api}/articles/${s.returns.id}`)).body;
    expect(stored).toMatchObject({ helpful: 1, notHelpful: 1, views: 2 });
    const stats = (await s.ws.owner.get(`${api}/stats`)).body;
    expect(stats.feedback).toEqual({ helpful: 1, notHelpful: 1, helpfulPercent: 50 });

    for (let i = 0; i < 10; i++) await send({ token: second, helpful: 'yes' }, '198.51.100.7');
    const limited = await send({ token: second, helpful: 'yes' }, '198.51.100.7');
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Bạn gửi quá nhanh');
  });

  it('suggests published articles in the widget and records suggestion clicks', async () => {
    const s = await shop();
    const visitor = t.visitor(s.ws.inbox.widgetToken);
    const suggest = await visitor.send<HelpSuggestionDto[]>('GET', `/help/suggest?q=${encodeURIComponent('đổi trả')}`);
    expect(suggest.status).toBe(200);
    expect(suggest.body.length).toBeLessThanOrEqual(5);
    expect(suggest.body[0]).toMatchObject({ articleId: s.returns.id, title: 'Chính sách đổi trả hàng', url: `http://localhost:3000${s.base}/a/chinh-sach-doi-tra-hang?lang=vi` });
    expect(suggest.body[0]!.snippetHtml).toContain('<mark>đổi</mark>');
    expect(suggest.body.map((x) => x.articleId)).not.toContain(s.draft.id);
    expect((await visitor.send('GET', '/help/suggest?q=a')).body).toEqual([]);
    expect((await t.request('GET', '/api/widget/help/suggest?q=doi', { headers: { 'x-careloop-inbox': 'nope' } })).status).toBe(401);

    await visitor.start({ name: 'Khách' });
    expect((await visitor.send('POST', '/help/deflection', { articleId: s.returns.id })).status).toBe(201);
    expect((await visitor.send('POST', '/help/deflection', { articleId: s.draft.id })).status).toBe(404);
    const other = await shop();
    expect((await visitor.send('POST', '/help/deflection', { articleId: other.returns.id })).status).toBe(404);
    expect((await t.visitor(other.ws.inbox.widgetToken).send<HelpSuggestionDto[]>('GET', '/help/suggest?q=doi%20tra')).body.map((x) => x.articleId)).toEqual([other.returns.id]);
  });

  it('never shows one workspace’s articles under another’s address', async () => {
    const a = await shop();
    const b = await shop();
    expect((await page(`${b.base}/a/${a.returns.slug}`)).body).not.toContain(a.returns.id);
    await a.ws.owner.patch(`${api}/articles/${a.shipping.id}`, { categoryId: a.cat.id, vi: { title: 'Chỉ của shop A', bodyHtml: '<p>A</p>' } });
    expect((await page(`${b.base}/a/${a.shipping.slug}`)).body).not.toContain('Chỉ của shop A');
    expect((await page(`${b.base}/search?q=${encodeURIComponent('chi cua shop a')}`)).body).not.toContain('Chỉ của shop A');
    expect((await page(`${a.base}/search?q=${encodeURIComponent('chi cua shop a')}`)).body).toContain('Chỉ của shop A');
    await b.ws.owner.delete(`${api}/articles/${b.returns.id}`);
    expect((await page(`${b.base}/a/${a.returns.slug}`)).status).toBe(404);
    expect((await page(`${a.base}/a/${a.returns.slug}`)).status).toBe(200);
  });
});
