import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHex } from '../../platform/crypto.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('widget API', () => {
  it('an unknown inbox token is refused', async () => {
    const reply = await t.visitor('no-such-token').send('GET', '/config');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('unauthenticated');
  });

  it('config speaks the browser language and says whether agents are online', async () => {
    const { inbox } = await t.workspace();
    const vi = await t.visitor(inbox.widgetToken).send('GET', '/config', undefined, { 'accept-language': 'vi-VN,vi;q=0.9' });
    expect(vi.body.locale).toBe('vi');
    expect(vi.body.agentsOnline).toBe(true); // the owner just signed in
    const en = await t.visitor(inbox.widgetToken).send('GET', '/config?locale=en-US');
    expect(en.body.locale).toBe('en');
    // The visitor's language is remembered on the contact, for replies and surveys later.
    const { owner } = await t.workspace();
    const visitor = t.visitor((await owner.get('/api/v1/inboxes')).body[0].widgetToken);
    await visitor.start({ name: 'Jane', locale: 'en-GB' });
    await visitor.say('Hello');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    expect((await owner.get(`/api/v1/contacts/${conv.contact.id}`)).body.locale).toBe('en');
  });

  it('a visitor never reads another visitor\'s conversation, and never sees internal notes', async () => {
    const { owner, inbox } = await t.workspace();
    const alice = t.visitor(inbox.widgetToken);
    const bob = t.visitor(inbox.widgetToken);
    await alice.start({ name: 'Alice' });
    await bob.start({ name: 'Bob' });
    await alice.say('Bí mật của Alice');
    expect((await bob.messages()).body).toEqual([]);
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    await owner.post(`/api/v1/conversations/${conv.id}/messages`, { kind: 'note', body: 'Khách này hay đổi ý' });
    await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Chào Alice', force: true });
    const seen = (await alice.messages()).body.map((m: { body: string }) => m.body);
    expect(seen).toEqual(['Bí mật của Alice', 'Chào Alice']);
    // Bob's token against Alice's inbox id space: nothing leaks.
    expect((await bob.messages()).body).toEqual([]);
  });

  it('identity verification: a signed identifier links the visitor, a forged one is refused', async () => {
    const { owner, inbox } = await t.workspace();
    const secret = (await owner.get(`/api/v1/inboxes/${inbox.id}`)).body.identitySecret as string;
    const signed = t.visitor(inbox.widgetToken);
    const ok = await signed.start({ identifier: 'customer-42', identifierHash: hmacHex(secret, 'customer-42'), name: 'Khách 42' });
    expect(ok.status).toBe(200);
    await signed.say('Tôi là khách 42');

    const forged = t.visitor(inbox.widgetToken);
    const bad = await forged.start({ identifier: 'customer-42', identifierHash: hmacHex('guess', 'customer-42') });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_signature');

    // The same customer on another device continues the same thread.
    const again = t.visitor(inbox.widgetToken);
    await again.start({ identifier: 'customer-42', identifierHash: hmacHex(secret, 'customer-42') });
    expect((await again.messages()).body.map((m: { body: string }) => m.body)).toEqual(['Tôi là khách 42']);
  });

  it('an inbox that requires verification refuses unsigned visitors', async () => {
    const { owner, inbox } = await t.workspace();
    await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { requireIdentityVerification: true } });
    const anonymous = await t.visitor(inbox.widgetToken).start({ name: 'Ẩn danh' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('invalid_signature');
  });

  it('CORS only for the inbox\'s allowed origins', async () => {
    const { owner, inbox } = await t.workspace();
    await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { allowedOrigins: ['https://hoamai.vn'] } });
    const allowed = await t.visitor(inbox.widgetToken).send('GET', '/config', undefined, { origin: 'https://hoamai.vn' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://hoamai.vn');
    const refused = await t.visitor(inbox.widgetToken).send('GET', '/config', undefined, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
  });

  it('only the allowed origins may embed the chat frame (frame-ancestors)', async () => {
    const { owner, inbox } = await t.workspace();
    const open = await t.request('GET', `/widget/frame.html?inbox=${inbox.widgetToken}`);
    expect(open.status).toBe(200); // built by npm test before the suite runs
    expect(open.headers.get('content-security-policy')).toContain('frame-ancestors *');
    await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { allowedOrigins: ['https://hoamai.vn'] } });
    const limited = await t.request('GET', `/widget/frame.html?inbox=${inbox.widgetToken}`);
    expect(limited.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://hoamai.vn");
  });

  it('the offline form leaves a message in the inbox', async () => {
    const { owner, inbox } = await t.workspace();
    const reply = await t.visitor(inbox.widgetToken).send('POST', '/offline', { name: 'Võ Minh Tuấn', phone: '0912 345 678', body: 'Gọi lại cho tôi nhé' });
    expect(reply.status).toBe(201);
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    expect(conv.contact.name).toBe('Võ Minh Tuấn');
    expect(conv.contact.phone).toBe('+84912345678');
    const messages = (await owner.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['incoming', 'activity']);
  });

  it('blocked contacts cannot write', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start({ name: 'Spam' });
    await visitor.say('xin chào');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    expect((await owner.post(`/api/v1/contacts/${conv.contact.id}/block`, { blocked: true, reason: 'Lăng mạ nhân viên' })).status).toBe(200);
    const refused = await visitor.say('lại là tôi');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('blocked_contact');
  });
});
