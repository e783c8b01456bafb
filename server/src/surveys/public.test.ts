import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDto, InboxDto } from '@careloop/contracts';
import type { TestApp } from '../test/harness.ts';
import { signSurveyToken } from './tokens.ts';
import { drainSurveyJobs, getPage, linkIn, messagesOf, postForm, resolve, startSurveyTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startSurveyTestApp(); });
afterAll(async () => { await t.close(); });

let shops = 0;
/** An email inbox whose SMTP server is never reached in these tests: replies wait in the `email.send` queue. */
async function emailShop(locale: 'vi' | 'en' = 'vi') {
  const ws = await t.workspace({ name: 'Shop Mail', locale });
  const domain = `survey${++shops}-${Date.now()}.test`;
  const inbox = await ws.owner.post<InboxDto>('/api/v1/inboxes', { name: 'Email', channel: 'email', email: { address: `hotro@${domain}`, displayName: 'Shop Mail', smtp: { host: '127.0.0.1', port: 9, security: 'none', username: '' } } });
  expect(inbox.status).toBe(201);
  return { ...ws, emailInbox: inbox.body, domain };
}

async function mailIn(shop: Awaited<ReturnType<typeof emailShop>>, from: string, text: string, extraHeaders = '', subject = 'Hỏi đơn hàng') {
  const url = new URL(shop.emailInbox.email!.rawUploadUrl);
  const raw = `From: Khách <${from}>\r\nTo: hotro@${shop.domain}\r\nSubject: ${subject}\r\nMessage-ID: <m.${Date.now()}.${Math.random()}@khach.test>\r\n${extraHeaders}Content-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
  const reply = await t.request('POST', `${url.pathname}${url.search}`, { body: raw, headers: { 'content-type': 'message/rfc822' } });
  expect([200, 201]).toContain(reply.status);
  return reply.body as { outcome: string; conversationId: string };
}

async function surveyedByEmail(locale: 'vi' | 'en' = 'vi') {
  const shop = await emailShop(locale);
  const from = `khach.${Date.now()}.${Math.random().toString(36).slice(2)}@khach.test`;
  const { conversationId } = await mailIn(shop, from, 'Đơn của mình chưa tới');
  await resolve(shop.owner, conversationId);
  await drainSurveyJobs(t, shop.workspaceId);
  const invite = (await messagesOf(shop.owner, conversationId)).find((m) => m.sender.type === 'system' && m.kind === 'outgoing')!;
  return { shop, conversationId, invite, token: linkIn(invite.body)! };
}

describe('CSAT by email: a signed link in a reply', () => {
  it('goes out through the email queue, and the page answers without JavaScript, once', async () => {
    const { shop, conversationId, invite, token } = await surveyedByEmail();
    expect(token).toBeTruthy();
    expect(invite.body).toContain('Cảm ơn bạn đã liên hệ Shop Mail');
    expect(invite.deliveryStatus).toBe('sending');
    const queued = await sql<{ n: number }>`select count(*)::int as n from careloop_jobs.job where name = 'email.send' and data->>'messageId' = ${invite.id}`.execute(t.deps.db);
    expect(queued.rows[0]!.n).toBe(1);

    const page = await getPage(t, `/s/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.body).toContain('Bạn đánh giá thế nào về sự hỗ trợ của Shop Mail?');
    expect(page.body).toContain('name="score" value="1"');
    expect(page.body).not.toContain('<script');
    expect((await getPage(t, `/s/${token}?lang=en`)).body).toContain('How would you rate the support you received from Shop Mail?');

    const answered = await postForm(t, `/s/${token}`, { score: '4' });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`http://localhost:3000/s/${token}?lang=vi&thanks=1`);
    const followUp = await getPage(t, `/s/${token}`);
    expect(followUp.body).toContain('Hãy kể cho chúng tôi về trải nghiệm bạn thích nhất với shop.');
    const commented = await postForm(t, `/s/${token}/comment`, { a_favourite: 'Bạn Lan tư vấn rất nhiệt tình <b>cảm ơn</b>' });
    expect(commented.status).toBe(303);
    const thanks = await getPage(t, `/s/${token}?thanks=1`);
    expect(thanks.body).toContain('Cảm ơn bạn đã dành thời gian góp ý!');

    const again = await postForm(t, `/s/${token}`, { score: '1' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Bạn đã trả lời khảo sát này rồi. Cảm ơn bạn!');
    expect((await postForm(t, `/s/${token}/comment`, { a_favourite: 'lần nữa' })).status).toBe(409);
    expect((await getPage(t, `/s/${token}`)).body).toContain('Bạn đã trả lời khảo sát này rồi');

    await drainSurveyJobs(t, shop.workspaceId);
    const notes = (await messagesOf(shop.owner, conversationId)).filter((m) => m.kind === 'note').map((m) => m.body);
    expect(notes).toEqual(expect.arrayContaining(['Khách trả lời khảo sát CSAT: 4/5.', expect.stringContaining('Bạn Lan tư vấn rất nhiệt tình <b>cảm ơn</b>')]));
    const verbatims = await shop.owner.get('/api/v1/surveys/verbatims?q=nhiet%20tinh');
    expect(verbatims.body.items).toHaveLength(1);
  });

  it('refuses a tampered link as invalid and an old one as expired, with clear pages', async () => {
    const { shop, token } = await surveyedByEmail('en');
    const [sendId, exp, mac] = token.split('.');
    const flipped = `${sendId}.${exp}.${mac!.slice(0, -1)}${mac!.endsWith('0') ? '1' : '0'}`;
    const later = `${sendId}.${Number(exp) + 86_400}.${mac}`;
    for (const bad of [flipped, later, `${sendId}.${exp}`, 'svs_nothing', `${'svs_' + '0'.repeat(26)}.${exp}.${mac}`]) {
      const page = await getPage(t, `/s/${bad}`);
      expect(page.status, bad).toBe(400);
      expect(page.body).toContain('Đường dẫn khảo sát không hợp lệ');
      const post = await postForm(t, `/s/${bad}`, { score: '5' });
      expect(post.status).toBe(400);
    }
    // The same send with a genuine link whose time is up.
    const past = signSurveyToken(t.deps.secret, shop.workspaceId, sendId!, new Date(Date.now() - 60_000));
    const expired = await getPage(t, `/s/${past}?lang=en`);
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('This survey has expired.');
    expect((await postForm(t, `/s/${past}?lang=en`, { score: '5' })).status).toBe(410);
    // A send of another workspace signed with its own id but this workspace's mac is invalid too.
    const other = await surveyedByEmail();
    const [otherId] = other.token.split('.');
    const crossed = signSurveyToken(t.deps.secret, shop.workspaceId, otherId!, new Date(Date.now() + 86_400_000));
    expect((await getPage(t, `/s/${crossed}`)).status).toBe(400);
    // The genuine link still works.
    expect((await postForm(t, `/s/${token}`, { score: '5' })).status).toBe(303);
  });

  it('checks the score and the form, and rate-limits answers per address', async () => {
    const { token } = await surveyedByEmail();
    const outside = await postForm(t, `/s/${token}`, { score: '9' }, '198.51.100.7');
    expect(outside.status).toBe(400);
    expect(outside.body).toContain('Vui lòng chọn một điểm');
    expect((await t.request('POST', `/s/${token}`, { body: '{"score":5}', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' } })).status).toBe(415);
    let limited = 0;
    for (let i = 0; i < 22; i++) if ((await postForm(t, `/s/${token}`, { score: 'x' }, '198.51.100.8')).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await postForm(t, `/s/${token}`, { score: '3' }, '198.51.100.9')).status).toBe(303);
  });

  it('does not survey a customer whose last mail was an automatic reply', async () => {
    const shop = await emailShop();
    const from = `ooo.${Date.now()}@khach.test`;
    const { conversationId } = await mailIn(shop, from, 'Cho mình hỏi giá');
    await shop.owner.post(`/api/v1/conversations/${conversationId}/messages`, { kind: 'outgoing', body: 'Dạ giá 200k ạ', force: true });
    const { number } = (await shop.owner.get<ConversationDto>(`/api/v1/conversations/${conversationId}`)).body;
    const auto = await mailIn(shop, from, 'Tôi đang nghỉ phép đến thứ Hai.', 'Auto-Submitted: auto-replied\r\n', `Re: Hỏi đơn hàng [#${number}]`);
    expect(auto.conversationId).toBe(conversationId);
    await resolve(shop.owner, conversationId);
    await drainSurveyJobs(t, shop.workspaceId);
    expect((await shop.owner.get(`/api/v1/surveys/conversations/${conversationId}`)).body.sends).toMatchObject([{ status: 'skipped', skipReason: 'machine_mail' }]);
  });
});

