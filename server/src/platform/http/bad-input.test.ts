import { limits } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('bad input gets a clear error and loses nothing', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const { owner } = await t.workspace();
    const reply = await t.request('POST', '/api/v1/contacts', { body: '{"name": "Lan"', headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_json');
  });

  it('invalid UTF-8 → 400 invalid_encoding', async () => {
    const { inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const bytes = new Uint8Array([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"body":"\xC3("}
    const reply = await t.request('POST', '/api/widget/messages', { body: bytes, headers: { 'content-type': 'application/json', 'x-careloop-inbox': inbox.widgetToken, authorization: `Bearer ${visitor.token}` } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_encoding');
  });

  it('an oversized message → 400 validation_failed; an oversized body → 413; nothing is stored', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const long = await visitor.say('a'.repeat(limits.messageChars + 1));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('validation_failed');
    const huge = await visitor.say('b'.repeat(limits.jsonBodyBytes + 10));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect((await owner.get('/api/v1/conversations')).body.items).toHaveLength(0);
  });

  it('uploads: too large → 413, not an image from a visitor → 415, a real PNG is accepted', async () => {
    const { inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const upload = (bytes: Uint8Array, name: string, type: string) => {
      const form = new FormData();
      form.set('file', new Blob([bytes], { type }), name);
      return t.request('POST', '/api/widget/attachments', { body: form, headers: { 'x-careloop-inbox': inbox.widgetToken, authorization: `Bearer ${visitor.token}` } });
    };
    const big = await upload(new Uint8Array(limits.attachmentBytes + 1), 'big.png', 'image/png');
    expect(big.status).toBe(413);
    const html = await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'x.png', 'image/png');
    expect(html.status).toBe(415);
    const ok = await upload(png(), 'ảnh đơn hàng.png', 'image/png');
    expect(ok.status).toBe(201);
    expect(ok.body.contentType).toBe('image/png');
    const sent = await visitor.send('POST', '/messages', { body: '', attachmentIds: [ok.body.id] });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments[0].filename).toBe('ảnh đơn hàng.png');
    const file = await t.request('GET', sent.body.attachments[0].url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    const flip = (url: string) => url.replace(/sig=(\w)/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const tampered = await t.request('GET', flip(sent.body.attachments[0].url));
    expect(tampered.status).toBe(403);
  });

  it('HTML and script in names and messages are stored as text, and rich text is sanitized', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start({ name: '<img src=x onerror=alert(1)>' });
    await visitor.say('<script>alert("xss")</script>');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    expect(conv.contact.name).toBe('<img src=x onerror=alert(1)>');
    const rich = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'x', html: '<p onclick="x()">Hi <a href="javascript:alert(1)">link</a><script>bad()</script><b>bold</b></p>', force: true });
    expect(rich.body.html).toBe('<p>Hi <a rel="noopener noreferrer nofollow" target="_blank">link</a><b>bold</b></p>');
  });

  it('another workspace\'s ids are 404, never 403 or data', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const visitor = t.visitor(a.inbox.widgetToken);
    await visitor.start({ name: 'Khách A' });
    await visitor.say('Xin chào');
    const [conv] = (await a.owner.get('/api/v1/conversations')).body.items;
    for (const path of [`/api/v1/conversations/${conv.id}`, `/api/v1/conversations/${conv.id}/messages`, `/api/v1/contacts/${conv.contact.id}`, `/api/v1/inboxes/${a.inbox.id}`]) {
      const reply = await b.owner.get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
    const write = await b.owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'hack' });
    expect(write.status).toBe(404);
    // The other workspace's visitor token does not work against this inbox either.
    const stranger = t.visitor(b.inbox.widgetToken);
    await stranger.start();
    const cross = await t.request('GET', '/api/widget/messages', { headers: { 'x-careloop-inbox': a.inbox.widgetToken, authorization: `Bearer ${stranger.token}` } });
    expect(cross.status).toBe(401);
  });

  it('a wrong content type and unknown routes get the error shape', async () => {
    const { owner } = await t.workspace();
    const reply = await t.request('POST', '/api/v1/contacts', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
    expect(reply.status).toBe(415);
    const unknown = await owner.get('/api/v1/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});
