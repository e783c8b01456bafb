import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxDto } from '@careloop/contracts';
import { startTestApp, uniqueEmail, type TestApp } from '../../test/harness.ts';
import { checkTicket, signTicket } from './service.ts';

let t: TestApp;
// Rate limits count per address: each test posts from its own (X-Forwarded-For, trusted here).
beforeAll(async () => { t = await startTestApp({ config: { trustProxy: true } }); });
afterAll(async () => { await t.close(); });

let ipCount = 0;
const nextIp = () => `203.0.113.${++ipCount}`;

async function formShop(form: Record<string, unknown> = {}) {
  const ws = await t.workspace({ name: 'Shop <Hoa> & "Mai"' });
  const created = await ws.owner.post<InboxDto>('/api/v1/inboxes', {
    name: 'Liên hệ', channel: 'form',
    form: { title: 'Liên hệ <script>alert(1)</script>', intro: 'Để lại lời nhắn, shop gọi lại trong 24 giờ.', fields: { name: true, phone: false, email: false }, ...form },
  });
  expect(created.status).toBe(201);
  const inbox = created.body;
  const token = inbox.widgetToken;
  const oldTicket = () => signTicket(t.deps.secret, inbox.id, Date.now() - 10_000);
  const ip = nextIp();
  const submit = (fields: Record<string, string>, opts: { ip?: string; lang?: string } = {}) =>
    t.request('POST', `/forms/${token}${opts.lang ? `?lang=${opts.lang}` : ''}`, {
      body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': opts.ip ?? ip },
    });
  const conversations = async () => (await ws.owner.get('/api/v1/conversations?status=any')).body.items.filter((c: { inboxId?: string; inbox?: { id: string } }) => (c.inboxId ?? c.inbox?.id) === inbox.id);
  return { ...ws, formInbox: inbox, token, oldTicket, submit, conversations, ip };
}

describe('contact forms', () => {
  it('the inbox presents its page URL and embed snippet; the embed script inserts an iframe of the page', async () => {
    const shop = await formShop();
    expect(shop.formInbox.form).toMatchObject({ pageUrl: `http://localhost:3000/forms/${shop.token}`, locale: 'auto', fields: { name: true, email: false, phone: false } });
    expect(shop.formInbox.form!.embedSnippet).toBe(`<script async src="http://localhost:3000/forms/${shop.token}/embed.js"></script>`);
    const js = await t.request('GET', `/forms/${shop.token}/embed.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.body).toContain(`"http://localhost:3000/forms/${shop.token}"`);
    expect(js.body).toContain("createElement('iframe')");
    expect(js.body).not.toContain('<script>'); // the title's markup is escaped inside the string
    expect((await t.request('GET', '/forms/no-such-token/embed.js')).status).toBe(404);
    const patched = await shop.owner.patch(`/api/v1/inboxes/${shop.formInbox.id}`, { form: { successMessage: 'Cảm ơn!', fields: { email: true } } });
    expect(patched.body.form).toMatchObject({ successMessage: 'Cảm ơn!', fields: { name: true, email: true, phone: false }, intro: 'Để lại lời nhắn, shop gọi lại trong 24 giờ.' });
  });

  it('the hosted page renders escaped, in Vietnamese or English, with a CSP and no script', async () => {
    const shop = await formShop();
    const vi = await t.request('GET', `/forms/${shop.token}`, { headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' } });
    expect(vi.status).toBe(200);
    const page = vi.body as string;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Liên hệ &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Shop &lt;Hoa&gt; &amp; &quot;Mai&quot;');
    expect(page).not.toContain('<script');
    expect(page).toContain('Số điện thoại');
    expect(page).toContain('name="website"');
    expect(page).toMatch(/name="ticket" value="\d{13}\.[0-9a-f]{32}"/);
    expect(page).toContain('name="viewport"');
    const csp = vi.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(page).toContain(`<style nonce="${nonce}">`);
    const en = await t.request('GET', `/forms/${shop.token}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Phone number');
    expect((await t.request('GET', `/forms/${shop.token}?lang=en`, { headers: { 'accept-language': 'vi' } })).body).toContain('<html lang="en">');
    expect((await t.request('GET', '/forms/no-such-token')).status).toBe(404);
  });

  it('a submission creates the contact and a conversation, and shows the success page', async () => {
    const shop = await formShop();
    const email = uniqueEmail('khach');
    const reply = await shop.submit({ name: 'Trần Thị <b>Bình</b>', email, phone: '0912 345 001', message: 'Cho mình hỏi <b>size</b> áo', ticket: shop.oldTicket(), website: '' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Shop đã nhận được lời nhắn');
    const [conversation] = await shop.conversations();
    expect(conversation.contact).toMatchObject({ name: 'Trần Thị <b>Bình</b>', email });
    const messages = (await shop.owner.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items;
    expect(messages.map((m: { body: string }) => m.body)).toEqual(['Cho mình hỏi <b>size</b> áo']);
    // JSON from a script, same customer (by phone): the same contact.
    const json = await t.request('POST', `/forms/${shop.token}`, {
      json: { phone: '+84912345001', message: 'Thêm một câu hỏi', ticket: shop.oldTicket(), name: 'Bình' }, headers: { 'x-forwarded-for': nextIp() },
    });
    expect(json.status).toBe(201);
    expect(json.body).toEqual({ ok: true });
    const all = await shop.conversations();
    expect(all).toHaveLength(1);
    const ticket = await t.request('GET', `/forms/${shop.token}/ticket`);
    expect(checkTicket(t.deps.secret, shop.formInbox.id, ticket.body.ticket)).toBe('too_fast');
  });

  it('a filled honeypot is thanked and stores nothing', async () => {
    const shop = await formShop();
    const reply = await shop.submit({ name: 'Bot', email: uniqueEmail('bot'), message: 'Buy now', ticket: shop.oldTicket(), website: 'http://spam.example' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Shop đã nhận được lời nhắn');
    expect(await shop.conversations()).toHaveLength(0);
  });

  it('too fast, unsigned, forged or day-old tickets are refused with a localized message', async () => {
    const shop = await formShop();
    const fields = { name: 'Lan', email: uniqueEmail('lan'), message: 'Xin chào' };
    const fast = await shop.submit({ ...fields, ticket: signTicket(t.deps.secret, shop.formInbox.id) });
    expect(fast.status).toBe(400);
    expect(fast.body).toContain('Bạn gửi nhanh quá');
    expect(fast.body).toContain('Xin chào'); // what they wrote is kept
    const fastEn = await shop.submit({ ...fields, ticket: signTicket(t.deps.secret, shop.formInbox.id) }, { lang: 'en', ip: nextIp() });
    expect(fastEn.body).toContain('That was too fast');
    const forged = await shop.submit({ ...fields, ticket: `${Date.now() - 10_000}.${'0'.repeat(32)}` }, { ip: nextIp() });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Vui lòng tải lại trang');
    expect((await shop.submit(fields, { ip: nextIp() })).body).toContain('Vui lòng tải lại trang');
    const old = await shop.submit({ ...fields, ticket: signTicket(t.deps.secret, shop.formInbox.id, Date.now() - 25 * 3600_000) }, { ip: nextIp() });
    expect(old.status).toBe(400);
    const otherInbox = await shop.submit({ ...fields, ticket: signTicket(t.deps.secret, 'ib_other', Date.now() - 10_000) }, { ip: nextIp() });
    expect(otherInbox.status).toBe(400);
    const json = await t.request('POST', `/forms/${shop.token}?lang=en`, { json: { ...fields, ticket: 'nope' }, headers: { 'x-forwarded-for': nextIp() } });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({ code: 'bad_request', details: { reason: 'ticket_invalid' } });
    expect(json.body.error.message).toContain('reload');
    expect(await shop.conversations()).toHaveLength(0);
  });

  it('fields are checked: sizes, required ones, a way to answer', async () => {
    const shop = await formShop();
    const base = { name: 'Lan', email: uniqueEmail('lan'), ticket: shop.oldTicket() };
    const long = await shop.submit({ ...base, message: 'a'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.body).toContain('Nội dung tối đa 5000 ký tự');
    const longName = await t.request('POST', `/forms/${shop.token}`, { json: { ...base, name: 'n'.repeat(121), message: 'hi' }, headers: { 'x-forwarded-for': nextIp() } });
    expect(longName.body.error.details).toMatchObject({ reason: 'too_long', field: 'name' });
    const noContact = await shop.submit({ name: 'Lan', message: 'hi', ticket: shop.oldTicket() }, { ip: nextIp() });
    expect(noContact.body).toContain('email hoặc số điện thoại');
    const badPhone = await shop.submit({ name: 'Lan', phone: '12', message: 'hi', ticket: shop.oldTicket() }, { ip: nextIp() });
    expect(badPhone.body).toContain('Số điện thoại không hợp lệ');
    const noName = await shop.submit({ email: uniqueEmail('x'), message: 'hi', ticket: shop.oldTicket() }, { ip: nextIp() });
    expect(noName.body).toContain('Vui lòng điền Họ tên');
    const huge = await shop.submit({ ...base, message: 'a'.repeat(40_000) }, { ip: nextIp() });
    expect(huge.status).toBe(413);
    expect(huge.body).toContain('Nội dung quá dài');
    expect(await shop.conversations()).toHaveLength(0);
  });

  it('submissions are rate-limited per address', async () => {
    const shop = await formShop();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await shop.submit({ name: 'Lan', phone: `09123450${10 + i}`, message: `Tin ${i}`, ticket: shop.oldTicket() });
      statuses.push(reply.status);
      if (i === 5) {
        expect(reply.body).toContain('Bạn đã gửi nhiều lần');
        expect(reply.headers.get('retry-after')).toBeTruthy();
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Another address is not affected.
    expect((await shop.submit({ name: 'Minh', phone: '0912345099', message: 'Hi', ticket: shop.oldTicket() }, { ip: nextIp() })).status).toBe(200);
  });
});
