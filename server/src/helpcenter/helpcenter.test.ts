import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInChat, type TestApp } from '../test/harness.ts';
import type { HelpArticleDto, HelpCategoryDto, HelpStatsDto } from '@careloop/contracts';
import { startHelpTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startHelpTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/helpcenter';
const returns = { vi: { title: 'Chính sách đổi trả hàng', bodyHtml: '<p>Bạn được đổi trả trong 7 ngày.</p>' } };

describe('help center: agent API', () => {
  it('supervisors write categories and articles; every agent reads; writes are audited', async () => {
    const { owner } = await t.workspace();
    const supervisor = await t.addAgent(owner, 'supervisor');
    const agent = await t.addAgent(owner, 'agent');

    const cat = await supervisor.post(`${api}/categories`, { nameVi: 'Đổi trả', nameEn: 'Returns' });
    expect(cat.status).toBe(201);
    expect(cat.body).toMatchObject({ slug: 'returns', nameVi: 'Đổi trả', position: 0 });
    const cat2 = await supervisor.post(`${api}/categories`, { nameVi: 'Giao hàng' });
    expect(cat2.body).toMatchObject({ slug: 'giao-hang', position: 1 });
    expect((await supervisor.post(`${api}/categories`, { nameVi: 'Khác', slug: 'returns' })).status).toBe(409);

    const created = await supervisor.post(`${api}/articles`, { categoryId: cat.body.id, ...returns });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', slug: 'chinh-sach-doi-tra-hang', categoryId: cat.body.id, vi: returns.vi, en: null, views: 0 });
    expect(created.body.publicUrl).toMatch(/^http:\/\/localhost:3000\/help\/shop-hoa-mai-[a-z0-9]{6}\/a\/chinh-sach-doi-tra-hang$/);

    expect((await agent.post(`${api}/categories`, { nameVi: 'x' })).status).toBe(403);
    expect((await agent.post(`${api}/articles`, returns)).status).toBe(403);
    expect((await agent.patch(`${api}/articles/${created.body.id}`, returns)).status).toBe(403);
    expect((await agent.post(`${api}/articles/${created.body.id}/publish`)).status).toBe(403);
    expect((await agent.delete(`${api}/articles/${created.body.id}`)).status).toBe(403);
    const read = await agent.get<HelpArticleDto[]>(`${api}/articles`);
    expect(read.status).toBe(200);
    expect(read.body.map((a) => a.id)).toEqual([created.body.id]);
    expect(read.body[0]!.abilities).toEqual({ update: false, publish: false, delete: false });
    expect((await agent.get<HelpCategoryDto[]>(`${api}/categories`)).body.map((c) => [c.slug, c.articleCount])).toEqual([['returns', 1], ['giao-hang', 0]]);

    const edited = await supervisor.patch(`${api}/articles/${created.body.id}`, { categoryId: cat.body.id, en: { title: 'Returns policy', bodyHtml: '<p>7 days.</p>' } });
    expect(edited.body).toMatchObject({ vi: returns.vi, en: { title: 'Returns policy' } });
    const published = await supervisor.post(`${api}/articles/${created.body.id}/publish`);
    expect(published.body).toMatchObject({ status: 'published' });
    expect(published.body.publishedAt).toBeTruthy();
    expect((await agent.get<HelpArticleDto[]>(`${api}/articles?status=draft`)).body).toEqual([]);
    expect((await agent.get<HelpArticleDto[]>(`${api}/articles?status=published&categoryId=${cat.body.id}`)).body).toHaveLength(1);
    expect((await agent.get<HelpArticleDto[]>(`${api}/articles?q=doi tra`)).body.map((a) => a.id)).toEqual([created.body.id]);

    const order = await supervisor.put(`${api}/categories/order`, { ids: [cat2.body.id, cat.body.id] });
    expect(order.body.map((c: HelpCategoryDto) => c.slug)).toEqual(['giao-hang', 'returns']);
    expect((await supervisor.put(`${api}/categories/order`, { ids: [cat.body.id] })).status).toBe(400);

    expect((await supervisor.delete(`${api}/categories/${cat.body.id}`)).body).toEqual({ ok: true });
    expect((await agent.get(`${api}/articles/${created.body.id}`)).body.categoryId).toBeNull();
    expect((await supervisor.delete(`${api}/articles/${created.body.id}`)).body).toEqual({ ok: true });
    expect((await supervisor.get(`${api}/articles/${created.body.id}`)).status).toBe(404);

    const actions = ((await owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string }[])
      .filter((e) => e.targetId === created.body.id).map((e) => e.action);
    expect(actions).toEqual(['help_article.deleted', 'help_article.published', 'help_article.updated', 'help_article.created']);
  });

  it('keeps the slug once published and makes unique slugs from titles', async () => {
    const { owner } = await t.workspace();
    const a = (await owner.post(`${api}/articles`, returns)).body as HelpArticleDto;
    const b = (await owner.post(`${api}/articles`, returns)).body as HelpArticleDto;
    expect([a.slug, b.slug]).toEqual(['chinh-sach-doi-tra-hang', 'chinh-sach-doi-tra-hang-2']);
    expect((await owner.patch(`${api}/articles/${b.id}`, { ...returns, slug: 'chinh-sach-doi-tra-hang' })).status).toBe(409);
    const renamed = await owner.patch(`${api}/articles/${b.id}`, { ...returns, slug: 'doi-hang' });
    expect(renamed.body.slug).toBe('doi-hang');
    await owner.post(`${api}/articles/${b.id}/publish`);
    expect((await owner.patch(`${api}/articles/${b.id}`, { ...returns, slug: 'khac' })).body.slug).toBe('doi-hang');
    await owner.post(`${api}/articles/${b.id}/unpublish`);
    const after = await owner.patch(`${api}/articles/${b.id}`, { vi: { title: 'Đổi hàng mới', bodyHtml: '<p>x</p>' }, slug: 'moi' });
    expect(after.body).toMatchObject({ slug: 'doi-hang', status: 'draft', vi: { title: 'Đổi hàng mới' } });
  });

  it('sanitizes article HTML on write', async () => {
    const { owner } = await t.workspace();
    const bodyHtml = '<h1>Tiêu đề</h1><p onclick="x()">Chào <script>alert(1)</script><a href="javascript:alert(1)">xấu</a> '
      + '<a href="https://shop.vn/doi-tra" target="_blank">tốt</a></p><img src="x" onerror="alert(1)"><img src="/files/att_1/a.png" alt="ảnh">'
      + '<img src="javascript:alert(2)"><table><tr><td>1</td></tr></table><pre><code>a &lt; b</code></pre><iframe src="https://evil"></iframe><style>p{}</style>';
    const res = await owner.post(`${api}/articles`, { vi: { title: 'An toàn', bodyHtml } });
    const html: string = res.body.vi.bodyHtml;
    for (const bad of ['<script', 'alert(1)', 'onerror', 'onclick', 'javascript:', '<iframe', '<style', 'src="x"']) expect(html).not.toContain(bad);
    expect(html).toContain('<h2>Tiêu đề</h2>');
    expect(html).toContain('<a href="https://shop.vn/doi-tra" target="_blank" rel="noopener nofollow">tốt</a>');
    expect(html).toContain('<img src="/files/att_1/a.png" alt="ảnh" />');
    expect(html).toContain('<table><tr><td>1</td></tr></table>');
    expect(html).toContain('<pre><code>a &lt; b</code></pre>');
    expect((await owner.post(`${api}/articles`, { vi: { title: '', bodyHtml: 'x' } })).status).toBe(400);
    expect((await owner.post(`${api}/articles`, {})).status).toBe(400);
  });

  it('turns a resolved conversation into a draft article from the question and the replies', async () => {
    const ws = await t.workspace();
    const { conversation, visitor } = await customerInChat(t, ws, 'Lê Thu');
    await visitor.say('Mình muốn đổi size áo thì làm thế nào?');
    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ bạn gửi lại áo trong 7 ngày nhé.\n\nShop đổi miễn phí <size>.', force: true });
    await ws.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'note', body: 'ghi chú nội bộ', force: true });
    const early = await ws.owner.post(`${api}/articles/from-conversation/${conversation.id}`, {});
    expect(early.status).toBe(409);
    const current = (await ws.owner.get(`/api/v1/conversations/${conversation.id}`)).body;
    expect((await ws.owner.patch(`/api/v1/conversations/${conversation.id}`, { version: current.version, status: 'resolved' })).status).toBe(200);
    const agent = await t.addAgent(ws.owner, 'agent');
    expect((await agent.post(`${api}/articles/from-conversation/${conversation.id}`, {})).status).toBe(403);

    const draft = await ws.owner.post(`${api}/articles/from-conversation/${conversation.id}`, {});
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', sourceConversationId: conversation.id, vi: { title: 'Shop ơi cho mình hỏi' }, en: null });
    expect(draft.body.vi.bodyHtml).toContain('Dạ bạn gửi lại áo trong 7 ngày nhé.');
    expect(draft.body.vi.bodyHtml).toContain('&lt;size&gt;');
    expect(draft.body.vi.bodyHtml).not.toContain('ghi chú nội bộ');
    const english = await ws.owner.post(`${api}/articles/from-conversation/${conversation.id}`, { locale: 'en', title: 'Changing sizes' });
    expect(english.body).toMatchObject({ vi: null, en: { title: 'Changing sizes' } });
    const other = await t.workspace();
    expect((await other.owner.post(`${api}/articles/from-conversation/${conversation.id}`, {})).status).toBe(404);
  });

  it('hides other workspaces', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const article = (await a.owner.post(`${api}/articles`, returns)).body as HelpArticleDto;
    const cat = (await a.owner.post(`${api}/categories`, { nameVi: 'Đổi trả' })).body as HelpCategoryDto;
    expect((await b.owner.get(`${api}/articles/${article.id}`)).status).toBe(404);
    expect((await b.owner.patch(`${api}/articles/${article.id}`, returns)).status).toBe(404);
    expect((await b.owner.post(`${api}/articles/${article.id}/publish`)).status).toBe(404);
    expect((await b.owner.delete(`${api}/articles/${article.id}`)).status).toBe(404);
    expect((await b.owner.patch(`${api}/categories/${cat.id}`, { nameVi: 'x' })).status).toBe(404);
    expect((await b.owner.post(`${api}/articles`, { ...returns, categoryId: cat.id })).status).toBe(400);
    expect((await b.owner.get(`${api}/articles`)).body).toEqual([]);
    expect((await b.owner.get(`${api}/articles?q=doi tra hang`)).body).toEqual([]);
  });

  it('reports views, helpfulness and deflected conversations over a period', async () => {
    const ws = await t.workspace();
    const article = (await ws.owner.post(`${api}/articles`, returns)).body as HelpArticleDto;
    await ws.owner.post(`${api}/articles/${article.id}/publish`);
    const quiet = await customerInChat(t, ws, 'Khách Im Lặng');
    const chatty = await customerInChat(t, ws, 'Khách Hỏi Tiếp');
    const db = t.deps.db;
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    // Clicks two hours ago: one customer wrote 10 minutes later (not deflected), the other's chat started long before.
    await sql`update conversations set created_at = ${new Date(twoHoursAgo.getTime() - 86_400_000)} where id = ${quiet.conversation.id}`.execute(db);
    await sql`update conversations set created_at = ${new Date(twoHoursAgo.getTime() + 10 * 60_000)} where id = ${chatty.conversation.id}`.execute(db);
    for (const [id, contact] of [['hcd_t1', quiet.conversation.contact.id], ['hcd_t2', chatty.conversation.contact.id], ['hcd_t3', null]] as const) {
      await sql`insert into help_deflections (id, workspace_id, article_id, contact_id, source, created_at) values (${`${id}_${ws.workspaceId}`}, ${ws.workspaceId}, ${article.id}, ${contact}, 'widget', ${twoHoursAgo})`.execute(db);
    }
    const stats = await ws.owner.get<HelpStatsDto>(`${api}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ articles: { published: 1, draft: 0 }, views: 0, deflection: { clicks: 2, deflected: 1, anonymousClicks: 1, windowMinutes: 30 } });
    expect(stats.body.feedback).toEqual({ helpful: 0, notHelpful: 0, helpfulPercent: null });
    expect(stats.body.top[0]).toMatchObject({ articleId: article.id, title: returns.vi.title });
    const before = await ws.owner.get<HelpStatsDto>(`${api}/stats?to=${encodeURIComponent(new Date(Date.now() - 3 * 3600_000).toISOString())}`);
    expect(before.body.deflection).toMatchObject({ clicks: 0, deflected: 0 });
    expect((await ws.owner.get(`${api}/stats?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z`)).status).toBe(400);
  });
});
