import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  signZaloWebhook,
  startFakeZaloApi,
  zaloEchoEvent,
  zaloFileEvent,
  zaloFollowEvent,
  zaloImageEvent,
  zaloLocationEvent,
  zaloSeenEvent,
  zaloSubmitInfoEvent,
  zaloTextEvent,
  zaloUnfollowEvent,
  type FakeZaloApi,
} from '../../test/fakes/zalo-api.ts';
import type { NormalizedEvent, OutboundFile, RawWebhook } from '../messaging/types.ts';
import { classifyZaloError, createZaloClient } from './client.ts';
import * as fx from './fixtures/events.ts';
import { handshakeZalo, isZnsCallback, normalizeZalo, splitZalo, verifyZalo, WebhookBodyError, zaloReplayWindowOk } from './protocol.ts';
import { describeZaloWindow, zaloWindowAfterReply, zaloWindowAfterUserMessage, type ZaloWindowState } from './window.ts';

const creds = { appId: fx.APP_ID, oaSecretKey: fx.OA_SECRET_KEY, oaId: fx.OA_ID };
const post = (body: Buffer | string, headers: Record<string, string | undefined> = {}): RawWebhook => ({
  method: 'POST',
  headers,
  query: {},
  body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
});
const signed = (raw: string, opts: { escapeUnicode?: boolean } = {}) => {
  const { body, headers } = signZaloWebhook({ appId: fx.APP_ID, oaSecretKey: fx.OA_SECRET_KEY }, raw, opts);
  return post(body, headers);
};
const one = (raw: string, oaId = fx.OA_ID): NormalizedEvent => {
  const events = normalizeZalo(JSON.parse(raw), { oaId });
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('Zalo webhook handshake and signature (§1.1, §1.2)', () => {
  it('answers any GET with 200 and no challenge, and leaves POSTs to the pipeline', () => {
    expect(handshakeZalo({ method: 'GET', headers: {}, query: { 'hub.challenge': '42' }, body: Buffer.alloc(0) })).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'ok',
    });
    expect(handshakeZalo(post('{}'))).toBeNull();
  });

  it('signs sha256(app_id + raw body + timestamp + OA secret), not an HMAC', () => {
    const req = signed(fx.TEXT_UTF8);
    const expected = createHash('sha256').update(`${fx.APP_ID}${fx.TEXT_UTF8}${fx.TS}${fx.OA_SECRET_KEY}`, 'utf8').digest('hex');
    expect(req.headers['x-zevent-signature']).toBe(`mac=${expected}`);
    expect(verifyZalo(req, creds)).toEqual({ ok: true });
  });

  it('verifies Vietnamese as literal UTF-8 (NFC and NFD) and as \\u escapes, over the exact bytes', () => {
    expect(verifyZalo(signed(fx.TEXT_UTF8), creds)).toEqual({ ok: true });
    expect(verifyZalo(signed(fx.TEXT_NFD), creds)).toEqual({ ok: true });
    const escaped = signed(fx.TEXT_ESCAPED);
    expect(escaped.body.toString('utf8')).toContain('\\u0111\\u1ecf');
    expect(verifyZalo(escaped, creds)).toEqual({ ok: true });

    const reEscaped = signed(fx.TEXT_UTF8, { escapeUnicode: true });
    expect(reEscaped.body.every((b) => b < 0x80)).toBe(true);
    expect(verifyZalo(reEscaped, creds)).toEqual({ ok: true });
    expect(JSON.parse(reEscaped.body.toString('utf8')).message.text).toBe(fx.VI_TEXT);
  });

  it('rejects a body re-serialised after signing (escaping and whitespace are part of the mac)', () => {
    const escaped = signed(fx.TEXT_ESCAPED);
    const reserialised = post(JSON.stringify(JSON.parse(fx.TEXT_ESCAPED)), escaped.headers);
    expect(verifyZalo(reserialised, creds)).toEqual({ ok: false, status: 401 });
    const nfc = signed(fx.TEXT_NFD);
    expect(verifyZalo(post(fx.TEXT_NFD.normalize('NFC'), nfc.headers), creds)).toEqual({ ok: false, status: 401 });
  });

  it('rejects forgeries: App Secret as key, HMAC(secret, body), a flipped byte, a short mac', () => {
    const withAppSecret = signZaloWebhook({ appId: fx.APP_ID, oaSecretKey: fx.APP_SECRET }, fx.TEXT_UTF8);
    expect(verifyZalo(post(withAppSecret.body, withAppSecret.headers), creds).ok).toBe(false);
    const hmac = createHmac('sha256', fx.OA_SECRET_KEY).update(fx.TEXT_UTF8).digest('hex');
    expect(verifyZalo(post(fx.TEXT_UTF8, { 'x-zevent-signature': `mac=${hmac}` }), creds)).toEqual({ ok: false, status: 401 });
    const good = signed(fx.TEXT_UTF8);
    expect(verifyZalo(post(fx.TEXT_UTF8.replace('size M', 'size L'), good.headers), creds).ok).toBe(false);
    const mac = good.headers['x-zevent-signature']!;
    expect(verifyZalo(post(fx.TEXT_UTF8, { 'x-zevent-signature': mac.slice(0, -1) }), creds).ok).toBe(false);
    expect(verifyZalo(post(fx.TEXT_UTF8, { 'x-zevent-signature': mac.toUpperCase().replace('MAC=', 'mac=') }), creds)).toEqual({ ok: true });
  });

  it('rejects a missing header, the ZNS marker, an unparseable body and another app_id', () => {
    expect(verifyZalo(post(fx.TEXT_UTF8), creds)).toEqual({ ok: false, status: 401 });
    const zns = post('{"app_id":"1","timestamp":"1"}', { 'x-zevent-signature': 'ZNS' });
    expect(isZnsCallback(zns)).toBe(true);
    expect(isZnsCallback(signed(fx.TEXT_UTF8))).toBe(false);
    expect(verifyZalo(zns, creds)).toEqual({ ok: false, status: 401 });

    const broken = '{"app_id":"2553928453557884079","timestamp":"1699003881354",';
    const mac = createHash('sha256').update(`${fx.APP_ID}${broken}${fx.TS}${fx.OA_SECRET_KEY}`).digest('hex');
    expect(verifyZalo(post(broken, { 'x-zevent-signature': `mac=${mac}` }), creds)).toEqual({ ok: false, status: 401 });

    const other = signZaloWebhook({ appId: '999', oaSecretKey: fx.OA_SECRET_KEY }, fx.TEXT_UTF8.replace(fx.APP_ID, '999'));
    expect(verifyZalo(post(other.body, other.headers), creds)).toEqual({ ok: false, status: 401 });
    expect(verifyZalo(signed(fx.TEXT_UTF8), { appId: fx.APP_ID, oaSecretKey: '' }).ok).toBe(false);
  });

  it('bounds the signed timestamp: older or newer than the skew is a replay', () => {
    const at = Number(fx.TS);
    const skew = 10 * 60 * 1000;
    expect(zaloReplayWindowOk(fx.TS, new Date(at))).toBe(true);
    expect(zaloReplayWindowOk(fx.TS, new Date(at + skew))).toBe(true);
    expect(zaloReplayWindowOk(fx.TS, new Date(at + skew + 1))).toBe(false);
    expect(zaloReplayWindowOk(fx.TS, new Date(at - skew))).toBe(true);
    expect(zaloReplayWindowOk(fx.TS, new Date(at - skew - 1))).toBe(false);
    expect(zaloReplayWindowOk(fx.TS, new Date(at + 60_000), 30_000)).toBe(false);
    expect(zaloReplayWindowOk('1699003881', new Date(at))).toBe(false);
    expect(zaloReplayWindowOk('not-a-time', new Date(at))).toBe(false);
    expect(zaloReplayWindowOk('', new Date(at))).toBe(false);
  });
});

describe('splitZalo (dedupe and ordering keys)', () => {
  const split = (raw: string, oaId?: string) => {
    const events = splitZalo(Buffer.from(raw, 'utf8'), oaId);
    expect(events).toHaveLength(1);
    return events[0]!;
  };

  it('keys messages and echoes by msg_id, ordered by the customer', () => {
    expect(split(fx.TEXT_UTF8)).toMatchObject({ dedupeKey: 'msg:cb31dff1c39642cc1b83', orderingKey: fx.USER_ID });
    expect(split(fx.TEXT_ESCAPED).payload).toMatchObject({ message: { text: fx.VI_TEXT } });
    expect(split(fx.IMAGE)).toMatchObject({ dedupeKey: 'msg:img0001', orderingKey: fx.USER_ID });
    expect(split(fx.ECHO_TEXT)).toMatchObject({ dedupeKey: 'msg:oa00000001', orderingKey: fx.USER_ID });
    expect(split(fx.TEXT_UTF8).dedupeKey).toBe(split(fx.TEXT_UTF8).dedupeKey);
  });

  it('keys follow/unfollow by follower, event and time', () => {
    expect(split(fx.FOLLOW)).toMatchObject({ dedupeKey: `follow:${fx.USER_ID}:follow:1677721200000`, orderingKey: fx.USER_ID });
    expect(split(fx.UNFOLLOW)).toMatchObject({ dedupeKey: `follow:${fx.USER_ID}:unfollow:1677721300000`, orderingKey: fx.USER_ID });
  });

  it('keys receipts by their ids (or time) and the customer, whichever side the customer is on', () => {
    expect(split(fx.SEEN)).toMatchObject({ dedupeKey: `user_seen_message:oa00000001,oa00000002:${fx.USER_ID}`, orderingKey: fx.USER_ID });
    expect(split(fx.RECEIVED)).toMatchObject({ dedupeKey: `user_received_message:${fx.TS}:${fx.USER_ID}`, orderingKey: fx.USER_ID });
    const userAsSender = fx.SEEN.replace(`"sender":{"id":"${fx.OA_ID}"},"recipient":{"id":"${fx.USER_ID}"}`, `"sender":{"id":"${fx.USER_ID}"},"recipient":{"id":"${fx.OA_ID}"}`);
    expect(split(userAsSender, fx.OA_ID).orderingKey).toBe(fx.USER_ID);
    expect(split(fx.SEEN, fx.OA_ID).orderingKey).toBe(fx.USER_ID);
  });

  it('keys other events by name, time and a hash of the body (a reaction does not collide with its message)', () => {
    const sha1 = createHash('sha1').update(fx.REACTED).digest('hex');
    expect(split(fx.REACTED)).toMatchObject({ dedupeKey: `user_reacted_message:${fx.TS}:${sha1}`, orderingKey: fx.USER_ID });
    expect(split(fx.SUBMIT_INFO).dedupeKey).toMatch(/^user_submit_info:1699003881354:[0-9a-f]{40}$/);
  });

  it('throws WebhookBodyError for a body that is not a JSON object, and keeps big numbers exact', () => {
    expect(() => splitZalo(Buffer.from('{"event_name":'))).toThrow(WebhookBodyError);
    expect(() => splitZalo(Buffer.from('[1,2]'))).toThrow(WebhookBodyError);
    const big = split('{"event_name":"user_click_button","timestamp":"1","sender":{"id":6142494823000000001}}');
    expect(big.orderingKey).toBe('6142494823000000001');
  });
});

describe('normalizeZalo', () => {
  it('turns user_send_text into a message with secondary id, quote and a ms timestamp', () => {
    expect(one(fx.TEXT_UTF8)).toEqual({
      type: 'message',
      externalId: 'cb31dff1c39642cc1b83',
      from: { id: fx.USER_ID, secondaryId: fx.USER_ID_BY_APP },
      text: fx.VI_TEXT,
      attachments: [],
      replyToExternalId: 'a1b2c3d4e5f60718293a',
      sentAt: new Date(1699003881354),
    });
    const nfd = one(fx.TEXT_NFD);
    expect(nfd.type === 'message' && nfd.text).toBe(fx.VI_TEXT.normalize('NFD'));
    const escaped = one(fx.TEXT_ESCAPED);
    expect(escaped.type === 'message' && escaped.text).toBe(fx.VI_TEXT);
    expect(escaped).not.toHaveProperty('replyToExternalId');
  });

  it('maps every attachment kind of §1.3', () => {
    const attachments = (raw: string) => {
      const e = one(raw);
      if (e.type !== 'message') throw new Error(`expected a message, got ${e.type}`);
      return { text: e.text, attachments: e.attachments };
    };
    expect(attachments(fx.IMAGE)).toEqual({ text: 'Mẫu này ạ', attachments: [{ kind: 'image', url: 'https://photo-stal-15.zadn.vn/a.jpg' }] });
    expect(attachments(fx.GIF).attachments).toEqual([{ kind: 'image', mimeType: 'image/gif', url: 'https://gif.zadn.vn/b.gif' }]);
    expect(attachments(fx.STICKER).attachments).toEqual([{ kind: 'sticker', url: 'https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=9a8b' }]);
    expect(attachments(fx.FILE).attachments).toEqual([{ kind: 'file', url: 'https://f21-zpc.zdn.vn/don-hang.pdf', name: 'Đơn hàng tháng 11.pdf', size: 245760 }]);
    expect(attachments(fx.AUDIO).attachments).toEqual([{ kind: 'audio', url: 'https://voice.zadn.vn/c.aac' }]);
    expect(attachments(fx.VIDEO).attachments).toEqual([{ kind: 'video', url: 'https://video.zadn.vn/d.mp4' }]);
    expect(attachments(fx.LINK)).toEqual({
      text: 'https://shop.vn/ao-dai',
      attachments: [{ kind: 'link', url: 'https://shop.vn/ao-dai', title: 'Áo dài lụa tơ tằm' }],
    });
    expect(attachments(fx.LOCATION).attachments).toEqual([{ kind: 'location', latitude: 10.762622, longitude: 106.660172 }]);
    const card = [{ kind: 'contact', url: 'https://zalo.me/g/abc', title: 'Nguyễn Thị Mai', phone: '0912345678' }];
    expect(attachments(fx.BUSINESS_CARD).attachments).toEqual(card);
    expect(attachments(fx.BUSINESS_CARD.replace('"type":"link"', '"type":"business_card"')).attachments).toEqual(card);
    const bareLocation = fx.LOCATION.replace(/"attachments":\[.*\]\}\}$/, '"location":{"latitude":"21.0285","longitude":"105.8542"}}}');
    expect(attachments(bareLocation).attachments).toEqual([{ kind: 'location', latitude: 21.0285, longitude: 105.8542 }]);
  });

  it('turns oa_send_* into echoes addressed to the customer', () => {
    expect(one(fx.ECHO_TEXT)).toEqual({ type: 'echo', externalId: 'oa00000001', to: fx.USER_ID, text: 'Dạ shop chào chị ạ', attachments: [], sentAt: new Date(Number(fx.TS)) });
    const image = one(fx.ECHO_IMAGE);
    expect(image.type === 'echo' && image.attachments).toEqual([{ kind: 'image', url: 'https://photo.zadn.vn/oa.jpg' }]);
  });

  it('turns follow/unfollow into follow state', () => {
    expect(one(fx.FOLLOW)).toEqual({ type: 'follow', userId: fx.USER_ID, following: true, profile: { id: fx.USER_ID, secondaryId: fx.USER_ID_BY_APP } });
    expect(one(fx.UNFOLLOW)).toMatchObject({ type: 'follow', userId: fx.USER_ID, following: false });
  });

  it('turns receipts into delivered/read, with msg_ids when present and a watermark otherwise', () => {
    expect(one(fx.SEEN)).toEqual({ type: 'read', userId: fx.USER_ID, externalIds: ['oa00000001', 'oa00000002'] });
    expect(one(fx.RECEIVED)).toEqual({ type: 'delivered', userId: fx.USER_ID, watermark: new Date(Number(fx.TS)) });
    const single = fx.RECEIVED.replace('"message":{}', '"message":{"msg_id":"oa00000009"}');
    expect(one(single)).toEqual({ type: 'delivered', userId: fx.USER_ID, externalIds: ['oa00000009'] });
  });

  it('turns user_submit_info into profile facts (unverified field names, address joined)', () => {
    expect(one(fx.SUBMIT_INFO)).toEqual({
      type: 'profile',
      userId: fx.USER_ID,
      name: 'Trần Văn Hùng',
      phone: '0912345678',
      address: '12 Lý Thường Kiệt, Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội',
    });
    const sparse = fx.SUBMIT_INFO.replace(/"info":\{.*\}\}$/, '"info":{"phone_number":"0987654321","email":"hung@example.vn"}}');
    expect(one(sparse)).toEqual({ type: 'profile', userId: fx.USER_ID, phone: '0987654321', email: 'hung@example.vn' });
  });

  it('ignores group, anonymous, other and malformed events, and events for another OA', () => {
    expect(one(fx.GROUP_TEXT)).toEqual({ type: 'ignored', reason: 'group chat' });
    expect(one(fx.ANONYMOUS_TEXT)).toEqual({ type: 'ignored', reason: 'anonymous chat' });
    expect(one(fx.REACTED)).toEqual({ type: 'ignored', reason: 'unhandled event user_reacted_message' });
    expect(one(fx.TEXT_UTF8.replace('"msg_id":"cb31dff1c39642cc1b83",', ''))).toEqual({ type: 'ignored', reason: 'malformed user_send_text' });
    expect(one(fx.TEXT_UTF8, '1111')).toMatchObject({ type: 'ignored', reason: expect.stringContaining('another OA') });
    expect(one(fx.FOLLOW, '1111').type).toBe('ignored');
    expect(normalizeZalo('nope', { oaId: fx.OA_ID })).toEqual([{ type: 'ignored', reason: 'not an object' }]);
    expect(one(fx.TEXT_UTF8, '').type).toBe('message');
  });

  it('normalizes what the fake builders produce', () => {
    const base = { appId: fx.APP_ID, oaId: fx.OA_ID, userId: '42', timestamp: '1700000000000' };
    const norm = (p: object) => normalizeZalo(JSON.parse(JSON.stringify(p)), { oaId: fx.OA_ID })[0]!;
    expect(norm(zaloTextEvent({ ...base, msgId: 'm1', text: 'Dạ', quoteMsgId: 'q1' }))).toMatchObject({ type: 'message', externalId: 'm1', replyToExternalId: 'q1' });
    expect(norm(zaloImageEvent({ ...base, msgId: 'm2', url: 'https://x/a.jpg' }))).toMatchObject({ attachments: [{ kind: 'image' }] });
    expect(norm(zaloFileEvent({ ...base, msgId: 'm3', url: 'https://x/a.pdf', name: 'a.pdf', size: '10', type: 'pdf' }))).toMatchObject({ attachments: [{ kind: 'file', size: 10 }] });
    expect(norm(zaloLocationEvent({ ...base, msgId: 'm4', latitude: '1.5', longitude: '2.5' }))).toMatchObject({ attachments: [{ latitude: 1.5, longitude: 2.5 }] });
    expect(norm(zaloFollowEvent(base))).toMatchObject({ type: 'follow', following: true, userId: '42' });
    expect(norm(zaloUnfollowEvent(base))).toMatchObject({ type: 'follow', following: false });
    expect(norm(zaloEchoEvent({ ...base, msgId: 'e1', text: 'Vâng' }))).toMatchObject({ type: 'echo', to: '42' });
    expect(norm(zaloSeenEvent({ ...base, msgIds: ['e1'] }))).toEqual({ type: 'read', userId: '42', externalIds: ['e1'] });
    expect(norm(zaloSubmitInfoEvent({ ...base, info: { name: 'Lan' } }))).toEqual({ type: 'profile', userId: '42', name: 'Lan' });
  });
});

describe('Zalo reply window: 8 replies within 48 h (§1.6)', () => {
  const t0 = new Date('2024-05-01T10:00:00.000Z');
  const H = 60 * 60 * 1000;
  const empty: ZaloWindowState = { lastUserMessageAt: null, repliesSinceLastUserMessage: 0 };
  const replies = (s: ZaloWindowState, n: number) => Array.from({ length: n }).reduce<ZaloWindowState>((acc) => zaloWindowAfterReply(acc), s);

  it('is closed until the customer writes', () => {
    expect(describeZaloWindow(empty, t0)).toEqual({ open: false, repliesLeft: 0, closesAt: null, reason: 'no_user_message' });
  });

  it('counts down 8 replies and closes at the 8th', () => {
    const s = zaloWindowAfterUserMessage(empty, t0);
    expect(describeZaloWindow(s, t0)).toEqual({ open: true, repliesLeft: 8, closesAt: '2024-05-03T10:00:00.000Z' });
    expect(describeZaloWindow(replies(s, 7), t0)).toMatchObject({ open: true, repliesLeft: 1 });
    expect(describeZaloWindow(replies(s, 8), t0)).toEqual({ open: false, repliesLeft: 0, closesAt: '2024-05-03T10:00:00.000Z', reason: 'quota_used' });
    expect(describeZaloWindow(replies(s, 9), t0)).toMatchObject({ open: false, reason: 'quota_used' });
  });

  it('closes exactly 48 h after the last customer message', () => {
    const s = zaloWindowAfterUserMessage(empty, t0);
    expect(describeZaloWindow(s, new Date(t0.getTime() + 48 * H - 1)).open).toBe(true);
    expect(describeZaloWindow(s, new Date(t0.getTime() + 48 * H))).toEqual({ open: false, repliesLeft: 0, closesAt: '2024-05-03T10:00:00.000Z', reason: 'expired' });
    expect(describeZaloWindow(replies(s, 8), new Date(t0.getTime() + 49 * H)).reason).toBe('expired');
  });

  it('restarts the counter and the clock when the customer writes again, but not for an older message', () => {
    const used = replies(zaloWindowAfterUserMessage(empty, t0), 8);
    const later = new Date(t0.getTime() + 47 * H);
    const again = zaloWindowAfterUserMessage(used, later);
    expect(again).toEqual({ lastUserMessageAt: later.toISOString(), repliesSinceLastUserMessage: 0 });
    expect(describeZaloWindow(again, new Date(t0.getTime() + 60 * H))).toMatchObject({ open: true, repliesLeft: 8, closesAt: new Date(later.getTime() + 48 * H).toISOString() });
    expect(zaloWindowAfterUserMessage(again, t0)).toBe(again);
    expect(zaloWindowAfterUserMessage(again, later)).toEqual(again);
  });
});

describe('classifyZaloError (§1.7)', () => {
  it('maps every class', () => {
    expect(classifyZaloError(-216, 'Access token is invalid')).toEqual({ kind: 'auth_expired', message: 'Access token is invalid' });
    for (const code of [-32, -100]) expect(classifyZaloError(code, 'busy').kind).toBe('transient');
    for (const code of [-213, -217, -227, -230, -232, -234, -244]) {
      expect(classifyZaloError(code, 'Người dùng chưa quan tâm OA')).toEqual({ kind: 'window_closed', code: String(code), message: 'Người dùng chưa quan tâm OA' });
    }
    expect(classifyZaloError(-201, 'Parameters are invalid')).toEqual({ kind: 'permanent', code: '-201', message: 'Parameters are invalid' });
    expect(classifyZaloError(-999, '')).toMatchObject({ kind: 'permanent', code: '-999' });
  });
});

describe('Zalo client against the fake Open API / OAuth', () => {
  const APP = { appId: fx.APP_ID, appSecret: fx.APP_SECRET, accessToken: 'at-initial', refreshToken: 'rt-initial' };
  let api: FakeZaloApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  const start = async () => {
    api = await startFakeZaloApi(APP);
    return { api, client: createZaloClient({ openApiBase: api.url, oauthBase: `${api.url}/` }) };
  };
  const png: OutboundFile = { kind: 'image', filename: 'mẫu áo.png', contentType: 'image/png', data: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') };
  const pdf: OutboundFile = { kind: 'file', filename: 'hoá đơn.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n%âãÏÓ\n') };

  it('sends text with the access_token header and a quote', async () => {
    const { api, client } = await start();
    const result = await client.sendText('at-initial', { recipientId: fx.USER_ID, text: 'Dạ shop chào chị ạ', replyToExternalId: 'cb31dff1c39642cc1b83', attachments: [] });
    expect(result.kind).toBe('ok');
    expect(api.sent).toHaveLength(1);
    expect(result).toEqual({ kind: 'ok', providerMessageId: api.sent[0]!.messageId });
    expect(api.sent[0]).toMatchObject({ recipient: { user_id: fx.USER_ID }, message: { text: 'Dạ shop chào chị ạ', quote_message_id: 'cb31dff1c39642cc1b83' } });
    const req = api.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: '/v3.0/oa/message/cs' });
    expect(req.headers.access_token).toBe('at-initial');
    expect(req.headers.authorization).toBeUndefined();
  });

  it('uploads an image (multipart `file`) and sends a media template with its attachment_id', async () => {
    const { api, client } = await start();
    const result = await client.sendImage('at-initial', fx.USER_ID, png, 'Mẫu mới ạ');
    expect(result.kind).toBe('ok');
    expect(api.uploads).toHaveLength(1);
    const up = api.uploads[0]!;
    expect(up).toMatchObject({ kind: 'image', filename: 'mẫu áo.png', contentType: 'image/png' });
    expect(up.data.equals(png.data)).toBe(true);
    expect(api.requests.map((r) => r.path)).toEqual(['/v2.0/oa/upload/image', '/v3.0/oa/message/cs']);
    expect(api.sent[0]!.message).toEqual({
      text: 'Mẫu mới ạ',
      attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: up.id }] } },
    });
  });

  it('uploads a file and sends it by token; send() sends text then each attachment', async () => {
    const { api, client } = await start();
    expect((await client.sendFile('at-initial', fx.USER_ID, pdf)).kind).toBe('ok');
    expect(api.uploads[0]).toMatchObject({ kind: 'file', filename: 'hoá đơn.pdf' });
    expect(api.sent[0]!.message).toEqual({ attachment: { type: 'file', payload: { token: api.uploads[0]!.id } } });

    const all = await client.send('at-initial', { recipientId: fx.USER_ID, text: 'Gửi chị ảnh và hoá đơn', attachments: [png, pdf] });
    expect(api.sent).toHaveLength(4);
    expect(all).toEqual({ kind: 'ok', providerMessageId: api.sent[3]!.messageId });
    expect(api.requests.slice(2).map((r) => r.path)).toEqual(['/v3.0/oa/message/cs', '/v2.0/oa/upload/image', '/v3.0/oa/message/cs', '/v2.0/oa/upload/file', '/v3.0/oa/message/cs']);
    expect(await client.send('at-initial', { recipientId: fx.USER_ID, text: '  ', attachments: [] })).toMatchObject({ kind: 'permanent' });
  });

  it('stops send() at the first failure', async () => {
    const { api, client } = await start();
    api.failNext({ error: -213, message: 'User has not followed OA' });
    const r = await client.send('at-initial', { recipientId: fx.USER_ID, text: 'Chào chị', attachments: [png] });
    expect(r).toEqual({ kind: 'window_closed', code: '-213', message: 'User has not followed OA' });
    expect(api.requests).toHaveLength(1);
    api.failNext({ error: -32, message: 'Request limit exceeded' });
    expect(await client.send('at-initial', { recipientId: fx.USER_ID, text: '', attachments: [png] })).toMatchObject({ kind: 'transient' });
    expect(api.sent).toHaveLength(0);
  });

  it('classifies every scripted error class, all answered with HTTP 200', async () => {
    const { api, client } = await start();
    const msg = { recipientId: fx.USER_ID, text: 'Dạ', attachments: [] };
    const cases: Array<[number, string]> = [[-216, 'auth_expired'], [-32, 'transient'], [-100, 'transient'], [-230, 'window_closed'], [-244, 'window_closed'], [-201, 'permanent']];
    for (const [error, kind] of cases) {
      api.failNext({ error, message: `lỗi ${error}` });
      expect((await client.sendText('at-initial', msg)).kind).toBe(kind);
    }
    expect(api.sent).toHaveLength(0);
    expect((await client.sendText('wrong-token', msg))).toEqual({ kind: 'auth_expired', message: 'Access token is invalid' });
  });

  it('answers -216 after the token expires; refresh rotates both tokens and the old refresh token stops working', async () => {
    const { api, client } = await start();
    const msg = { recipientId: fx.USER_ID, text: 'Dạ', attachments: [] };
    api.expireAccessToken();
    expect(await client.sendText('at-initial', msg)).toEqual({ kind: 'auth_expired', message: 'Access token is invalid' });
    expect(await client.sendImage('at-initial', fx.USER_ID, png)).toMatchObject({ kind: 'auth_expired' });

    const refreshed = await client.refreshAccessToken(fx.APP_ID, fx.APP_SECRET, 'rt-initial');
    if (!refreshed.ok) throw new Error(refreshed.message);
    expect(refreshed).toEqual({ ok: true, accessToken: api.tokens.accessToken, refreshToken: api.tokens.refreshToken, expiresInSeconds: 90000 });
    expect(refreshed.refreshToken).not.toBe('rt-initial');
    const tokenReq = api.requests.find((r) => r.path === '/v4/oa/access_token')!;
    expect(tokenReq.headers.secret_key).toBe(fx.APP_SECRET);
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({ app_id: fx.APP_ID, grant_type: 'refresh_token', refresh_token: 'rt-initial' });

    expect((await client.sendText(refreshed.accessToken, msg)).kind).toBe('ok');
    expect((await client.sendText('at-initial', msg)).kind).toBe('auth_expired');

    const reused = await client.refreshAccessToken(fx.APP_ID, fx.APP_SECRET, 'rt-initial');
    expect(reused).toMatchObject({ ok: false, permanent: true, message: expect.stringContaining('-14014') });
    const wrongSecret = await client.refreshAccessToken(fx.APP_ID, fx.OA_SECRET_KEY, refreshed.refreshToken);
    expect(wrongSecret).toMatchObject({ ok: false, permanent: true });
    const again = await client.refreshAccessToken(fx.APP_ID, fx.APP_SECRET, refreshed.refreshToken);
    expect(again.ok && again.refreshToken !== refreshed.refreshToken).toBe(true);
  });

  it('exchanges a single-use authorization code with PKCE', async () => {
    const { api, client } = await start();
    const verifier = 'a'.repeat(43);
    const code = api.issueCode(createHash('sha256').update(verifier).digest('base64url'));
    expect(await client.exchangeCode(fx.APP_ID, fx.APP_SECRET, code, 'b'.repeat(43))).toMatchObject({ ok: false, permanent: true });
    const code2 = api.issueCode(createHash('sha256').update(verifier).digest('base64url'));
    const ok = await client.exchangeCode(fx.APP_ID, fx.APP_SECRET, code2, verifier);
    expect(ok).toEqual({ ok: true, accessToken: api.tokens.accessToken, refreshToken: api.tokens.refreshToken, expiresInSeconds: 90000 });
    expect(await client.exchangeCode(fx.APP_ID, fx.APP_SECRET, code2, verifier)).toMatchObject({ ok: false, permanent: true });
    const body = Object.fromEntries(new URLSearchParams(api.requests.at(-2)!.body));
    expect(body).toEqual({ app_id: fx.APP_ID, grant_type: 'authorization_code', code: code2, code_verifier: verifier });
  });

  it('reads a user profile and the OA (test connection)', async () => {
    const { api, client } = await start();
    api.setProfile(fx.USER_ID, { name: 'Nguyễn Thị Lan', avatar: 'https://s240-ava-talk.zadn.vn/lan.jpg' });
    expect(await client.getUserProfile('at-initial', fx.USER_ID)).toEqual({ name: 'Nguyễn Thị Lan', avatarUrl: 'https://s240-ava-talk.zadn.vn/lan.jpg' });
    expect(JSON.parse(api.requests[0]!.query.data!)).toEqual({ user_id: fx.USER_ID });
    expect(await client.getOa('at-initial')).toEqual({ oaId: '3662729599332560487', name: 'Tiệm Áo Dài Cô Ba' });
    expect(await client.getOa('bad-token')).toBeNull();
    expect(await client.getUserProfile('bad-token', fx.USER_ID)).toBeNull();
  });

  it('turns network errors into transient results, never throws', async () => {
    const { api, client } = await start();
    api.dropNext();
    expect(await client.sendText('at-initial', { recipientId: fx.USER_ID, text: 'Dạ', attachments: [] })).toMatchObject({ kind: 'transient' });
    api.dropNext();
    expect(await client.refreshAccessToken(fx.APP_ID, fx.APP_SECRET, 'rt-initial')).toMatchObject({ ok: false, permanent: false });
    expect(api.tokens.refreshToken).toBe('rt-initial');
    const dead = createZaloClient({ openApiBase: 'http://127.0.0.1:9', oauthBase: 'http://127.0.0.1:9' });
    expect(await dead.sendImage('t', fx.USER_ID, png)).toMatchObject({ kind: 'transient' });
    expect(await dead.getOa('t')).toBeNull();
  });

  it('classifies HTTP-level failures without a Zalo body', async () => {
    const answers = [
      new Response('<html>502 Bad Gateway</html>', { status: 502 }),
      new Response('Too many', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('Not found', { status: 404 }),
      new Response('{"error":0,"message":"Success","data":{}}', { status: 200 }),
    ];
    const client = createZaloClient({ openApiBase: 'http://zalo.test', oauthBase: 'http://zalo.test', fetch: async () => answers.shift()! });
    const msg = { recipientId: '1', text: 'x', attachments: [] };
    expect((await client.sendText('t', msg)).kind).toBe('transient');
    expect(await client.sendText('t', msg)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7 });
    expect(await client.sendText('t', msg)).toMatchObject({ kind: 'permanent', code: 'http_404' });
    expect(await client.sendText('t', msg)).toMatchObject({ kind: 'permanent' });
  });
});
