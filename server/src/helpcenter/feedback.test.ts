import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpArticleDto, HelpArticleFeedbackDto } from '@careloop/contracts';
import type { TestApp } from '../test/harness.ts';
import { startHelpTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startHelpTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/helpcenter';

/** A published article and a way to answer its public "was this helpful?" form, as a reader would. */
async function publishedArticle() {
  const ws = await t.workspace();
  const article = (await ws.owner.post<HelpArticleDto>(`${api}/articles`, { vi: { title: 'Phí giao hàng', bodyHtml: '<p>Miễn phí từ 300.000 đ.</p>' } })).body;
  await ws.owner.post(`${api}/articles/${article.id}/publish`);
  const url = article.publicUrl.replace('http://localhost:3000', '');
  let reader = 0;
  const answer = async (form: Record<string, string>) => {
    const page = await t.request<string>('GET', `${url}?lang=vi`);
    const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await t.request('POST', `${url}/feedback?lang=vi`, {
      body: new URLSearchParams({ token, ...form }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${++reader}` },
    });
    expect(res.status).toBe(303);
  };
  return { ws, article, answer };
}

describe("an article's feedback", () => {
  it('counts answers by helpfulness and reason and lists comments newest first, for every agent', async () => {
    const { ws, article, answer } = await publishedArticle();
    await answer({ helpful: 'yes' });
    await answer({ helpful: 'yes', comment: 'ignored: only "no" answers keep a comment' });
    await answer({ helpful: 'no', reason: 'outdated', comment: 'Phí đã tăng <b>lên</b> 35k <script>alert(1)</script>' });
    await answer({ helpful: 'no', reason: 'missing' });
    await answer({ helpful: 'no', comment: 'Không thấy phí ship ngoại thành' });

    const agent = await t.addAgent(ws.owner, 'agent');
    const res = await agent.get<HelpArticleFeedbackDto>(`${api}/articles/${article.id}/feedback`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      articleId: article.id, helpful: 2, notHelpful: 3,
      reasons: { outdated: 1, unclear: 0, missing: 1, wrong: 0, other: 0, none: 1 },
      nextCursor: null,
    });
    // Stored as the customer wrote it; the console shows it as text.
    expect(res.body.comments.map((c) => [c.reason, c.comment, c.locale])).toEqual([
      [null, 'Không thấy phí ship ngoại thành', 'vi'],
      ['outdated', 'Phí đã tăng <b>lên</b> 35k <script>alert(1)</script>', 'vi'],
    ]);
    expect(res.body.comments[0]!.id).toMatch(/^hcf_/);
    expect(Date.parse(res.body.comments[0]!.createdAt)).not.toBeNaN();
    const article2 = (await agent.get<HelpArticleDto>(`${api}/articles/${article.id}`)).body;
    expect([article2.helpful, article2.notHelpful]).toEqual([2, 3]);
  });

  it('pages through the comments 50 at a time by cursor', async () => {
    const { ws, article, answer } = await publishedArticle();
    await answer({ helpful: 'no', reason: 'unclear', comment: 'Bình luận thật' });
    const base = Date.now() - 86_400_000;
    // Many readers over a day (inserted directly: the public form allows 10 answers per address per 10 minutes).
    for (let i = 0; i < 55; i++) {
      await sql`insert into help_feedback (id, workspace_id, article_id, locale, helpful, reason, comment, token_id, created_at)
        values (${`hcf_bulk${String(i).padStart(3, '0')}_${ws.workspaceId}`}, ${ws.workspaceId}, ${article.id}, 'en', false, 'wrong', ${`comment ${i}`}, ${`tok${i}`}, ${new Date(base + i * 60_000)})`.execute(t.deps.db);
    }
    const first = (await ws.owner.get<HelpArticleFeedbackDto>(`${api}/articles/${article.id}/feedback`)).body;
    expect(first.notHelpful).toBe(56);
    expect(first.reasons).toMatchObject({ wrong: 55, unclear: 1 });
    expect(first.comments).toHaveLength(50);
    expect(first.comments[0]!.comment).toBe('Bình luận thật');
    expect(first.comments[1]!.comment).toBe('comment 54');
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = (await ws.owner.get<HelpArticleFeedbackDto>(`${api}/articles/${article.id}/feedback?cursor=${first.nextCursor}`)).body;
    expect(second.comments.map((c) => c.comment)).toEqual(['comment 5', 'comment 4', 'comment 3', 'comment 2', 'comment 1', 'comment 0']);
    expect(second.nextCursor).toBeNull();
    expect(second.notHelpful).toBe(56);

    const small = (await ws.owner.get<HelpArticleFeedbackDto>(`${api}/articles/${article.id}/feedback?limit=2`)).body;
    expect(small.comments.map((c) => c.comment)).toEqual(['Bình luận thật', 'comment 54']);
    expect((await ws.owner.get(`${api}/articles/${article.id}/feedback?limit=51`)).status).toBe(400);
    expect((await ws.owner.get(`${api}/articles/${article.id}/feedback?cursor=not-a-cursor`)).status).toBe(400);
    expect((await ws.owner.get(`${api}/articles/${article.id}/feedback?cursor=${Buffer.from('["x",1]').toString('base64url')}`)).status).toBe(400);
  });

  it('answers an article without feedback with zeros, and hides other workspaces', async () => {
    const { ws, article, answer } = await publishedArticle();
    await answer({ helpful: 'no', reason: 'wrong', comment: 'Bí mật của shop A' });
    const draft = (await ws.owner.post<HelpArticleDto>(`${api}/articles`, { vi: { title: 'Nháp', bodyHtml: '<p>x</p>' } })).body;
    expect((await ws.owner.get(`${api}/articles/${draft.id}/feedback`)).body).toEqual({
      articleId: draft.id, helpful: 0, notHelpful: 0, reasons: { outdated: 0, unclear: 0, missing: 0, wrong: 0, other: 0, none: 0 }, comments: [], nextCursor: null,
    });
    const other = await t.workspace();
    const refused = await other.owner.get(`${api}/articles/${article.id}/feedback`);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain('Bí mật');
    expect((await ws.owner.get(`${api}/articles/hca_nope/feedback`)).status).toBe(404);
    expect((await t.request('GET', `${api}/articles/${article.id}/feedback`)).status).toBe(401);
  });
});
