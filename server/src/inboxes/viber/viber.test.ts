import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawWebhook } from '../messaging/types.ts';
import {
  WebhookBodyError, handshakeViber, normalizeViber, parseViberJson, splitViber, verifyViber, viberReplayWindowOk,
} from './protocol.ts';
import { classifyViberStatus, createViberClient, VIBER_EVENT_TYPES } from './client.ts';
import {
  signViberWebhook, startFakeViberApi, viberConversationStartedEvent, viberDeliveredEvent, viberFailedEvent,
  viberMessageEvent, viberPictureEvent, viberSeenEvent, viberSubscribedEvent, viberTextEvent, viberUnsubscribedEvent,
  viberWebhookEvent, type FakeViberApi,
} from '../../test/fakes/viber-api.ts';

const AUTH = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';
const USER = '01234567890A=';
/** Above 2^53: `JSON.parse` would read 4912661846655238000. */
const TOKEN = '4912661846655238145';
const VI = 'Chào shop, mình muốn đổi áo sang size L được không ạ?';

const raw = (r: { body: Buffer; headers: Record<string, string> }, query: Record<string, string> = {}): RawWebhook => ({ method: 'POST', headers: r.headers, query, body: r.body });
const split1 = (text: string) => splitViber(Buffer.from(text))[0]!;
const norm = (text: string) => normalizeViber(split1(text).payload);

describe('verifyViber', () => {
  const event = viberTextEvent({ token: TOKEN, userId: USER, name: 'Lan', text: VI });

  it('accepts the hex HMAC of the raw body, UTF-8, \\u-escaped and NFD alike', () => {
    const plain = signViberWebhook(AUTH, event);
    const escaped = signViberWebhook(AUTH, event, { escapeUnicode: true });
    const nfd = signViberWebhook(AUTH, viberTextEvent({ token: TOKEN, userId: USER, text: VI.normalize('NFD') }));
    expect(escaped.body.toString('utf8')).toContain('\\u00e0');
    expect(plain.headers['x-viber-content-signature']).not.toBe(escaped.headers['x-viber-content-signature']);
    for (const r of [plain, escaped, nfd]) expect(verifyViber(raw(r), { authToken: AUTH })).toEqual({ ok: true });
    const upper = { ...plain, headers: { ...plain.headers, 'x-viber-content-signature': plain.headers['x-viber-content-signature']!.toUpperCase() } };
    expect(verifyViber(raw(upper), { authToken: AUTH })).toEqual({ ok: true });
  });

  it('rejects a forged signature, a tampered or re-serialised body, with 401', () => {
    const forged = signViberWebhook('another-token', event);
    expect(verifyViber(raw(forged), { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    const good = signViberWebhook(AUTH, event);
    const tampered = Buffer.from(good.body.toString('utf8').replace('size L', 'size M'));
    expect(verifyViber({ ...raw(good), body: tampered }, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(good.body.toString('utf8'))));
    expect(verifyViber({ ...raw(good), body: reserialised }, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
  });

  it('rejects a missing or malformed header, a `sig` query parameter alone, and an unconfigured token', () => {
    const good = signViberWebhook(AUTH, event);
    const sig = good.headers['x-viber-content-signature']!;
    const noHeader = { ...raw(good), headers: { 'content-type': 'application/json' } };
    expect(verifyViber(noHeader, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    expect(verifyViber({ ...noHeader, query: { sig } }, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    expect(verifyViber({ ...raw(good), headers: { 'x-viber-content-signature': sig.slice(0, 62) } }, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    expect(verifyViber({ ...raw(good), headers: { 'x-viber-content-signature': `${sig.slice(0, 62)}zz` } }, { authToken: AUTH })).toEqual({ ok: false, status: 401 });
    expect(verifyViber(raw(signViberWebhook('', event)), { authToken: '' })).toEqual({ ok: false, status: 401 });
  });
});

describe('viberReplayWindowOk', () => {
  const now = new Date('2025-03-01T10:00:00Z');
  it('accepts timestamps within the window, as numbers or strings', () => {
    expect(viberReplayWindowOk(now.getTime() - 9 * 60_000, now)).toBe(true);
    expect(viberReplayWindowOk(String(now.getTime() + 60_000), now)).toBe(true);
  });
  it('rejects old, far-future and unreadable timestamps', () => {
    expect(viberReplayWindowOk(now.getTime() - 11 * 60_000, now)).toBe(false);
    expect(viberReplayWindowOk(now.getTime() + 11 * 60_000, now)).toBe(false);
    expect(viberReplayWindowOk(now.getTime() / 1000, now)).toBe(false);
    expect(viberReplayWindowOk('yesterday', now)).toBe(false);
    expect(viberReplayWindowOk(Number.NaN, now)).toBe(false);
  });
  it('takes a custom skew', () => {
    expect(viberReplayWindowOk(now.getTime() - 30_000, now, 10_000)).toBe(false);
  });
});

describe('handshakeViber', () => {
  it('answers the webhook ping with 200 {} and nothing else', () => {
    expect(handshakeViber(raw(signViberWebhook(AUTH, viberWebhookEvent({ token: TOKEN }))))).toEqual({ status: 200, contentType: 'application/json', body: '{}' });
    expect(handshakeViber(raw(signViberWebhook(AUTH, viberTextEvent({ token: TOKEN, userId: USER, text: 'x' }))))).toBeNull();
    expect(handshakeViber(raw({ body: Buffer.from('{"event":'), headers: {} }))).toBeNull();
  });
});

describe('parseViberJson', () => {
  it('keeps a 64-bit message_token exact and safe numbers as numbers', () => {
    const v = parseViberJson(`{"message_token":${TOKEN},"timestamp":1457764197627,"lat":10.7769,"neg":-9007199254740993,"n":[1,2.5e3]}`);
    expect(v).toEqual({ message_token: TOKEN, timestamp: 1457764197627, lat: 10.7769, neg: '-9007199254740993', n: [1, 2500] });
    expect((JSON.parse(`{"t":${TOKEN}}`) as { t: number }).t.toString()).not.toBe(TOKEN);
  });
  it('throws on invalid JSON and lets a repeated key take the last value', () => {
    expect(() => parseViberJson('{"a":')).toThrow();
    expect(parseViberJson('{"a":1,"a":2}')).toEqual({ a: 2 });
  });
});

describe('splitViber', () => {
  it('keys each event kind and orders by the user', () => {
    expect(split1(viberTextEvent({ token: TOKEN, userId: USER, text: VI }))).toMatchObject({ dedupeKey: `msg:${TOKEN}`, orderingKey: USER });
    expect(split1(viberDeliveredEvent({ token: TOKEN, userId: USER }))).toMatchObject({ dedupeKey: `delivered:${TOKEN}:${USER}`, orderingKey: USER });
    expect(split1(viberSeenEvent({ token: TOKEN, userId: USER }))).toMatchObject({ dedupeKey: `seen:${TOKEN}:${USER}` });
    expect(split1(viberFailedEvent({ token: TOKEN, userId: USER }))).toMatchObject({ dedupeKey: `failed:${TOKEN}:${USER}` });
    expect(split1(viberSubscribedEvent({ userId: USER, timestamp: 1700000000123 }))).toMatchObject({ dedupeKey: `subscribed:${USER}:1700000000123`, orderingKey: USER });
    expect(split1(viberUnsubscribedEvent({ userId: USER, timestamp: 1700000000456 }))).toMatchObject({ dedupeKey: `unsubscribed:${USER}:1700000000456`, orderingKey: USER });
    expect(split1(viberConversationStartedEvent({ userId: USER, token: TOKEN }))).toMatchObject({ dedupeKey: `conversation_started:${USER}:${TOKEN}`, orderingKey: USER });
    const noToken = '{"event":"conversation_started","timestamp":1700000000789,"user":{"id":"U2"}}';
    expect(split1(noToken)).toMatchObject({ dedupeKey: 'conversation_started:U2:1700000000789', orderingKey: 'U2' });
  });

  it('hands over the payload with the big token as an exact string', () => {
    const { payload } = split1(viberTextEvent({ token: TOKEN, userId: USER, text: VI }));
    expect((payload as { message_token: unknown }).message_token).toBe(TOKEN);
  });

  it('gives a redelivered message the same key', () => {
    const body = signViberWebhook(AUTH, viberTextEvent({ token: TOKEN, userId: USER, text: VI })).body;
    const escaped = signViberWebhook(AUTH, viberTextEvent({ token: TOKEN, userId: USER, text: VI }), { escapeUnicode: true }).body;
    expect(splitViber(escaped)[0]!.dedupeKey).toBe(splitViber(body)[0]!.dedupeKey);
  });

  it('throws WebhookBodyError on invalid JSON or a body without an event', () => {
    expect(() => splitViber(Buffer.from('{"event":"message",'))).toThrow(WebhookBodyError);
    expect(() => splitViber(Buffer.from('{"timestamp":1}'))).toThrow(WebhookBodyError);
    expect(() => splitViber(Buffer.from('[]'))).toThrow(WebhookBodyError);
  });
});

describe('normalizeViber', () => {
  const sender = { id: USER, name: 'Lan', avatarUrl: 'https://media-direct.cdn.viber.com/download_photo?dlid=fake-avatar', language: 'vi' };
  const msg = (message: Record<string, unknown>) => norm(viberMessageEvent({ token: TOKEN, userId: USER, name: 'Lan', message }))[0];

  it('a text message: exact token, sender, milliseconds', () => {
    const events = norm(viberTextEvent({ token: TOKEN, userId: USER, name: 'Lan', text: VI, timestamp: 1457764197627 }));
    expect(events).toEqual([{ type: 'message', externalId: TOKEN, from: sender, text: VI, attachments: [], sentAt: new Date(1457764197627) }]);
    const escaped = signViberWebhook(AUTH, viberTextEvent({ token: TOKEN, userId: USER, name: 'Lan', text: VI, timestamp: 1457764197627 }), { escapeUnicode: true });
    expect(normalizeViber(splitViber(escaped.body)[0]!.payload)).toEqual(events);
    expect(norm(viberTextEvent({ token: TOKEN, userId: USER, name: 'Lan'.normalize('NFD'), text: VI.normalize('NFD') }))[0]).toMatchObject({ text: VI });
  });

  it('picture, video and file carry url, name and size', () => {
    expect(norm(viberPictureEvent({ token: TOKEN, userId: USER, media: 'https://dl-media.viber.com/x.jpg', fileName: 'ảnh áo.jpg', size: 84213, text: 'Mẫu này' }))[0]).toMatchObject({
      text: 'Mẫu này', attachments: [{ kind: 'image', url: 'https://dl-media.viber.com/x.jpg', name: 'ảnh áo.jpg', size: 84213 }],
    });
    expect(msg({ type: 'video', media: 'https://dl-media.viber.com/v.mp4', size: 1200000, duration: 12 })).toMatchObject({ attachments: [{ kind: 'video', url: 'https://dl-media.viber.com/v.mp4', size: 1200000 }] });
    expect(msg({ type: 'file', media: 'https://dl-media.viber.com/f.pdf', size: 48213, file_name: 'hoá đơn.pdf' })).toMatchObject({ attachments: [{ kind: 'file', url: 'https://dl-media.viber.com/f.pdf', name: 'hoá đơn.pdf', size: 48213 }] });
  });

  it('contact, location, url and sticker', () => {
    const contact = norm(viberMessageEvent({ token: TOKEN, userId: USER, message: { type: 'contact', contact: { name: 'Mẹ', phone_number: '+84912345678' } } }));
    expect(contact).toEqual([expect.objectContaining({ type: 'message', attachments: [{ kind: 'contact', phone: '+84912345678', title: 'Mẹ' }] })]);
    expect(msg({ type: 'location', location: { lat: 21.0285, lon: 105.8542, address: 'Hoàn Kiếm, Hà Nội' } })).toMatchObject({ attachments: [{ kind: 'location', latitude: 21.0285, longitude: 105.8542, title: 'Hoàn Kiếm, Hà Nội' }] });
    expect(msg({ type: 'url', media: 'https://shop.example.vn/ao-thun' })).toMatchObject({ text: '', attachments: [{ kind: 'link', url: 'https://shop.example.vn/ao-thun' }] });
    expect(msg({ type: 'sticker', sticker_id: 46105, media: 'https://viber.com/stickers/46105.png' })).toMatchObject({ attachments: [{ kind: 'sticker', fileId: '46105', url: 'https://viber.com/stickers/46105.png' }] });
  });

  it('ignores message types it cannot show', () => {
    expect(msg({ type: 'rich_media', rich_media: {} })).toMatchObject({ type: 'ignored' });
    expect(msg({ type: 'picture' })).toMatchObject({ type: 'ignored' });
  });

  it('subscribed and unsubscribed are follows; conversation_started opens', () => {
    expect(norm(viberSubscribedEvent({ userId: USER, name: 'Lan' }))).toEqual([{ type: 'follow', userId: USER, following: true, profile: sender }]);
    expect(norm(viberUnsubscribedEvent({ userId: USER }))).toEqual([{ type: 'follow', userId: USER, following: false }]);
    expect(norm(viberConversationStartedEvent({ userId: USER, name: 'Lan', token: TOKEN }))).toEqual([{ type: 'opened', from: sender }]);
  });

  it('delivered, seen and failed point at the exact token', () => {
    expect(norm(viberDeliveredEvent({ token: TOKEN, userId: USER }))).toEqual([{ type: 'delivered', userId: USER, externalIds: [TOKEN] }]);
    expect(norm(viberSeenEvent({ token: TOKEN, userId: USER }))).toEqual([{ type: 'read', userId: USER, externalIds: [TOKEN] }]);
    expect(norm(viberFailedEvent({ token: TOKEN, userId: USER, desc: 'receiver not reachable' }))).toEqual([{ type: 'failed', userId: USER, externalIds: [TOKEN], reason: 'receiver not reachable' }]);
  });

  it('ignores the webhook ping and unknown events', () => {
    expect(norm(viberWebhookEvent({ token: TOKEN }))).toEqual([{ type: 'ignored', reason: 'viber: webhook ping' }]);
    expect(norm('{"event":"client_status","timestamp":1}')[0]!.type).toBe('ignored');
    expect(normalizeViber(null)[0]!.type).toBe('ignored');
  });
});

describe('classifyViberStatus', () => {
  it.each([
    [6, 'receiverNotSubscribed', { kind: 'window_closed', code: 'receiverNotSubscribed' }],
    [5, 'receiverNotRegistered', { kind: 'permanent', code: 'receiverNotRegistered' }],
    [12, 'tooManyRequests', { kind: 'rate_limited', retryAfterSeconds: 60 }],
    [2, 'invalidAuthToken', { kind: 'permanent', code: 'invalidAuthToken' }],
    [1, 'invalidUrl', { kind: 'permanent', code: 'invalidUrl' }],
    [3, 'badData', { kind: 'permanent', code: 'badData' }],
    [10, 'webhookNotSet', { kind: 'permanent', code: 'webhookNotSet' }],
    [11, 'receiverNoSuitableDevice', { kind: 'permanent', code: 'receiverNoSuitableDevice' }],
    [99, 'General error', { kind: 'permanent', code: '99', message: 'General error' }],
  ])('status %s (%s)', (status, message, expected) => {
    expect(classifyViberStatus(status, message)).toMatchObject(expected);
  });
});

describe('Viber client against the fake REST API', () => {
  let api: FakeViberApi;
  let client: ReturnType<typeof createViberClient>;
  const creds = { authToken: AUTH, senderName: 'Cửa hàng Thời trang Hoa Mai Sài Gòn Chi nhánh 2', senderAvatar: 'https://shop.example.vn/logo.png' };
  const message = (over: Partial<Parameters<typeof client.sendMessage>[1]> = {}) => ({ recipientId: USER, text: VI, attachments: [], ...over });
  beforeAll(async () => {
    api = await startFakeViberApi({ authToken: AUTH });
    client = createViberClient({ baseUrl: api.url });
  });
  afterAll(() => api.close());

  it('sends a text and returns the 64-bit message_token exactly', async () => {
    const result = await client.sendMessage(creds, message());
    const last = api.sent.at(-1)!;
    expect(BigInt(last.messageToken)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(result).toEqual({ kind: 'ok', providerMessageId: last.messageToken });
    expect(last).toMatchObject({ receiver: USER, type: 'text', text: VI, sender: { name: Array.from(creds.senderName).slice(0, 28).join(''), avatar: creds.senderAvatar } });
    expect(last.sender.name).toHaveLength(28);
    const req = api.requests.at(-1)!;
    expect(req.path).toBe('/pa/send_message');
    expect(req.headers['x-viber-auth-token']).toBe(AUTH);
    expect(req.body).toMatchObject({ min_api_version: 1 });
    const wire = await fetch(`${api.url}/pa/send_message`, {
      method: 'POST',
      headers: { 'x-viber-auth-token': AUTH },
      body: JSON.stringify({ receiver: USER, min_api_version: 1, sender: { name: 'Shop' }, type: 'text', text: 'a' }),
    }).then((r) => r.text());
    expect(wire).toMatch(/"message_token":\d{19},/);
    const again = await client.sendMessage(creds, message());
    expect(again.kind === 'ok' && BigInt(again.providerMessageId) - BigInt(last.messageToken)).toBe(2n);
  });

  it('sends files by public URL as picture and file messages after the text', async () => {
    const before = api.sent.length;
    const files = [
      { kind: 'image' as const, filename: 'a.jpg', contentType: 'image/jpeg', data: Buffer.from('x') },
      { kind: 'file' as const, filename: 'hoá đơn.pdf', contentType: 'application/pdf', data: Buffer.from('y') },
    ];
    const result = await client.sendMessage(creds, message({ attachments: files }), [
      { kind: 'image', url: 'https://care.example.vn/files/a.jpg', name: 'a.jpg', size: 1 },
      { kind: 'file', url: 'https://care.example.vn/files/hoa-don.pdf', name: 'hoá đơn.pdf', size: 48213 },
    ]);
    const sent = api.sent.slice(before);
    expect(sent.map((s) => s.type)).toEqual(['text', 'picture', 'file']);
    expect(sent[1]).toMatchObject({ media: 'https://care.example.vn/files/a.jpg' });
    expect(sent[2]).toMatchObject({ media: 'https://care.example.vn/files/hoa-don.pdf', fileName: 'hoá đơn.pdf', size: 48213 });
    expect(result).toEqual({ kind: 'ok', providerMessageId: sent[2]!.messageToken });
  });

  it('refuses binary attachments without public URLs, and an empty message', async () => {
    const before = api.requests.length;
    expect(await client.sendMessage(creds, message({ attachments: [{ kind: 'file', filename: 'a', contentType: 'text/plain', data: Buffer.from('a') }] })))
      .toMatchObject({ kind: 'permanent', code: 'attachments_need_urls' });
    expect(await client.sendMessage(creds, message({ text: ' ' }))).toMatchObject({ kind: 'permanent', code: 'empty' });
    expect(api.requests.length).toBe(before);
  });

  it('status 6 is a closed window, 12 a rate limit, a wrong token permanent', async () => {
    api.failNext({ status: 6, status_message: 'receiverNotSubscribed' });
    expect(await client.sendMessage(creds, message())).toMatchObject({ kind: 'window_closed', code: 'receiverNotSubscribed' });
    api.failNext({ status: 12, status_message: 'tooManyRequests' });
    expect(await client.sendMessage(creds, message())).toEqual({ kind: 'rate_limited', retryAfterSeconds: 60, message: 'tooManyRequests' });
    expect(await client.sendMessage({ ...creds, authToken: 'wrong' }, message())).toMatchObject({ kind: 'permanent', code: 'invalidAuthToken' });
  });

  it('HTTP 5xx and network failures are transient', async () => {
    const down = createViberClient({ baseUrl: api.url, fetch: (async () => new Response('<html>503</html>', { status: 503 })) as typeof fetch });
    expect(await down.sendMessage(creds, message())).toMatchObject({ kind: 'transient' });
    const dead = await startFakeViberApi({ authToken: AUTH });
    await dead.close();
    expect(await createViberClient({ baseUrl: dead.url }).sendMessage(creds, message())).toMatchObject({ kind: 'transient' });
  });

  describe('setWebhook', () => {
    let hook: Server;
    let hookUrl: string;
    let answer = 200;
    const seen: RawWebhook[] = [];
    beforeAll(async () => {
      // Our own receiver: verify, then answer the ping like the pipeline would.
      hook = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const r: RawWebhook = { method: 'POST', headers: { 'x-viber-content-signature': req.headers['x-viber-content-signature'] as string }, query: {}, body: Buffer.concat(chunks) };
          seen.push(r);
          const ping = verifyViber(r, { authToken: AUTH }).ok ? handshakeViber(r) : null;
          res.writeHead(answer === 200 && ping ? ping.status : answer === 200 ? 401 : answer, { 'content-type': 'application/json' });
          res.end(ping?.body ?? '');
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/viber/ibx_1`;
    });
    afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

    it('registers once Viber’s signed ping got a 200', async () => {
      expect(await client.setWebhook(AUTH, hookUrl)).toEqual({ ok: true });
      expect(api.webhook).toBe(hookUrl);
      expect(seen).toHaveLength(1);
      expect(splitViber(seen[0]!.body)[0]!.payload).toMatchObject({ event: 'webhook' });
      expect(api.requests.at(-1)!.body).toMatchObject({ url: hookUrl, event_types: VIBER_EVENT_TYPES });
    });

    it('fails when the URL does not answer 200', async () => {
      answer = 500;
      expect(await client.setWebhook(AUTH, `${hookUrl}-broken`)).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringMatching(/invalidUrl/) });
      answer = 200;
      expect(await client.setWebhook('wrong', hookUrl)).toMatchObject({ ok: false, kind: 'permanent' });
    });

    it('getAccountInfo tests the connection', async () => {
      expect(await client.getAccountInfo(AUTH)).toEqual({ ok: true, account: { id: 'pa:5764239742365474823', name: 'Shop Hoa Mai', uri: 'shophoamai', webhook: hookUrl, subscribersCount: 3 } });
      expect(await client.getAccountInfo('wrong')).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringMatching(/auth token/) });
    });
  });
});
