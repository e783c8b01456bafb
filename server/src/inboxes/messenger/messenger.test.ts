import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asStandby,
  batchMetaEvents,
  escapeLikeMeta,
  feedCommentEvent,
  instagramCommentEvent,
  instagramMessageEvent,
  messengerAttachmentEvent,
  messengerDeliveryEvent,
  messengerEchoEvent,
  messengerPostbackEvent,
  messengerReactionEvent,
  messengerReadEvent,
  messengerTextEvent,
  signMetaWebhook,
  startFakeGraphApi,
  type FakeGraphApi,
} from '../../test/fakes/graph-api.ts';
import type { NormalizedEvent, OutboundMessage, RawWebhook } from '../messaging/types.ts';
import { classifyGraphError, createGraphClient, type GraphClient } from './client.ts';
import {
  FIXTURE_APP_ID,
  FIXTURE_APP_SECRET,
  FIXTURE_PAGE_ID,
  FIXTURE_PSID_A,
  FIXTURE_PSID_B,
  RAW_BATCH_ESCAPED,
  RAW_BATCH_UTF8,
  RAW_FEED_COMMENT_ESCAPED,
} from './fixtures/raw.ts';
import {
  containsPhoneNumber,
  handshakeMeta,
  messagingWindow,
  normalizeMeta,
  splitMeta,
  verifyMeta,
  WebhookBodyError,
  type MetaCredentials,
} from './protocol.ts';

const creds: MetaCredentials = { appId: FIXTURE_APP_ID, appSecret: FIXTURE_APP_SECRET, verifyToken: 'xac-minh-9f8e', pageId: FIXTURE_PAGE_ID, accessToken: 'EAAGfixturePageToken' };
const IG_ID = '17841400000000001';
const igCreds: MetaCredentials = { ...creds, pageId: IG_ID };
const PSID = '6789012345678901';
const T = 1_718_000_000_123;
const HOUR = 3_600_000;

const get = (query: Record<string, string>): RawWebhook => ({ method: 'GET', headers: {}, query, body: Buffer.alloc(0) });
const post = (body: Buffer, headers: Record<string, string | undefined>): RawWebhook => ({ method: 'POST', headers, query: {}, body });
const bytes = (payload: object | string) => signMetaWebhook(FIXTURE_APP_SECRET, payload).body;
const normalizeAll = (payload: object | string, c: MetaCredentials = creds): NormalizedEvent[] => splitMeta(bytes(payload)).flatMap((e) => normalizeMeta(e.payload, c));
const only = (payload: object | string, c: MetaCredentials = creds): NormalizedEvent => {
  const events = normalizeAll(payload, c);
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('handshakeMeta', () => {
  const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'xac-minh-9f8e', 'hub.challenge': '1158201444' };

  it('answers the raw challenge as text/plain when mode and token match', () => {
    expect(handshakeMeta(get(q), creds)).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: '1158201444' });
  });

  it('answers 403 for a wrong, longer, shorter or missing token', () => {
    for (const token of ['xac-minh-9f8f', 'xac-minh-9f8e0', 'xac-minh-9f8', '']) {
      expect(handshakeMeta(get({ ...q, 'hub.verify_token': token }), creds)?.status).toBe(403);
    }
    const { 'hub.verify_token': _, ...noToken } = q;
    expect(handshakeMeta(get(noToken), creds)?.status).toBe(403);
  });

  it('answers 403 for a wrong mode or no challenge, and never matches an unconfigured token', () => {
    expect(handshakeMeta(get({ ...q, 'hub.mode': 'unsubscribe' }), creds)?.status).toBe(403);
    const { 'hub.challenge': _, ...noChallenge } = q;
    expect(handshakeMeta(get(noChallenge), creds)?.status).toBe(403);
    expect(handshakeMeta(get({ ...q, 'hub.verify_token': '' }), { verifyToken: '' })?.status).toBe(403);
  });

  it('leaves POSTs to verification', () => {
    expect(handshakeMeta(post(Buffer.from('{}'), {}), creds)).toBeNull();
  });
});

describe('verifyMeta', () => {
  const KNOWN = '81e90a98e52439a8ff054bb5285e97ca3dc0693a108d0a36fe0f611b2adccfea';
  const signed = signMetaWebhook(FIXTURE_APP_SECRET, RAW_BATCH_ESCAPED);
  const withSig = (sig: string | undefined, body = signed.body) => post(body, { 'x-hub-signature-256': sig });

  it('signs the escaped fixture to the HMAC computed outside Node', () => {
    expect(signed.headers['x-hub-signature-256']).toBe(`sha256=${KNOWN}`);
    expect(verifyMeta(withSig(`sha256=${KNOWN}`), creds)).toEqual({ ok: true });
  });

  it('verifies \\u-escaped and literal UTF-8 Vietnamese bodies over their own bytes', () => {
    const utf8 = signMetaWebhook(FIXTURE_APP_SECRET, RAW_BATCH_UTF8);
    expect(utf8.body.toString('utf8')).toContain('Còn hàng không shop?');
    expect(verifyMeta(post(utf8.body, utf8.headers), creds)).toEqual({ ok: true });
    const escaped = signMetaWebhook(FIXTURE_APP_SECRET, JSON.parse(RAW_BATCH_UTF8) as object, { escapeUnicode: true });
    expect(escaped.body.toString('utf8')).toBe(RAW_BATCH_ESCAPED);
    expect(verifyMeta(post(escaped.body, escaped.headers), creds)).toEqual({ ok: true });
  });

  it('rejects the escaped body re-serialised with real characters (the signature is over raw bytes)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW_BATCH_ESCAPED)));
    expect(reserialised.equals(signed.body)).toBe(false);
    expect(verifyMeta(withSig(`sha256=${KNOWN}`, reserialised), creds)).toEqual({ ok: false, status: 401 });
  });

  it('rejects a forged, tampered, missing, wrongly prefixed or wrong-length signature', () => {
    const forged = createHmac('sha256', 'another-app-secret').update(signed.body).digest('hex');
    const tampered = Buffer.from(signed.body.toString('utf8').replace('m_AbC1xYz', 'm_AbC1xYZ'));
    const sha1 = createHmac('sha1', FIXTURE_APP_SECRET).update(signed.body).digest('hex');
    for (const req of [
      withSig(`sha256=${forged}`),
      withSig(`sha256=${KNOWN}`, tampered),
      withSig(undefined),
      withSig(''),
      withSig(KNOWN),
      withSig(`sha1=${KNOWN}`),
      withSig(`sha1=${sha1}`),
      withSig(`SHA256=${KNOWN}`),
      withSig(`sha256=${KNOWN.slice(0, 62)}`),
      withSig(`sha256=${KNOWN}00`),
      withSig(`sha256=${KNOWN.slice(0, 63)}z`),
    ]) {
      expect(verifyMeta(req, creds)).toEqual({ ok: false, status: 401 });
    }
  });

  it('never verifies with an empty app secret', () => {
    const empty = createHmac('sha256', '').update(signed.body).digest('hex');
    expect(verifyMeta(withSig(`sha256=${empty}`), { appSecret: '' })).toEqual({ ok: false, status: 401 });
  });
});

describe('splitMeta', () => {
  it('cuts a batch of entries into one event per messaging item, in order, with stable keys', () => {
    const events = splitMeta(Buffer.from(RAW_BATCH_ESCAPED));
    expect(events.map((e) => [e.dedupeKey, e.orderingKey])).toEqual([
      ['m:m_AbC1xYz', FIXTURE_PSID_A],
      [`read:1718000000300:${FIXTURE_PSID_A}`, FIXTURE_PSID_A],
      [`delivery:1718000000440:${FIXTURE_PSID_B}`, FIXTURE_PSID_B],
      ['m:m_Echo9', FIXTURE_PSID_B],
      ['m:m_Nfd2', FIXTURE_PSID_B],
    ]);
    expect(events[0]!.payload).toMatchObject({ object: 'page', entryId: FIXTURE_PAGE_ID, entryTime: 1718000000500, source: 'messaging' });
  });

  it('gives the same events for the escaped and the literal UTF-8 encoding, and on redelivery', () => {
    const escaped = splitMeta(Buffer.from(RAW_BATCH_ESCAPED));
    expect(splitMeta(Buffer.from(RAW_BATCH_UTF8)).map((e) => e.dedupeKey)).toEqual(escaped.map((e) => e.dedupeKey));
    expect(splitMeta(Buffer.from(RAW_BATCH_ESCAPED))).toEqual(escaped);
    const feed = splitMeta(Buffer.from(RAW_FEED_COMMENT_ESCAPED));
    expect(splitMeta(Buffer.from(JSON.stringify(JSON.parse(RAW_FEED_COMMENT_ESCAPED)))).map((e) => e.dedupeKey)).toEqual(feed.map((e) => e.dedupeKey));
    // Meta may batch a redelivered item with others, under a later entry time: the key stays the item's.
    const first = messengerPostbackEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, title: 'Xem đơn hàng', payload: 'ORDER_STATUS', timestamp: T });
    const again = batchMetaEvents(messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_other', text: 'a', timestamp: T + 5 }), { ...first, entry: [{ ...first.entry[0], time: T + 60_000 }] });
    expect(splitMeta(bytes(again))[1]!.dedupeKey).toBe(splitMeta(bytes(first))[0]!.dedupeKey);
  });

  it('splits mixed batches: several entries, messaging and feed changes together', () => {
    const body = batchMetaEvents(
      messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: 'p1', mid: 'm_1', text: 'Chào shop', timestamp: T }),
      messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: 'p2', mid: 'm_2', text: 'Ship COD không?', timestamp: T + 1 }),
      messengerReactionEvent({ pageId: FIXTURE_PAGE_ID, psid: 'p1', mid: 'm_out', emoji: '❤', timestamp: T + 2 }),
      feedCommentEvent({ pageId: FIXTURE_PAGE_ID, postId: `${FIXTURE_PAGE_ID}_55`, commentId: '55_66', from: { id: 'u9', name: 'Lan' }, message: 'Giá?', createdTime: 1_718_000_010 }),
    );
    body.entry[0]!.messaging = [...(body.entry[0]!.messaging as object[]), ...(body.entry[1]!.messaging as object[])];
    body.entry.splice(1, 1);
    const events = splitMeta(bytes(body));
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.orderingKey)).toEqual(['p1', 'p2', 'p1', `u9:${FIXTURE_PAGE_ID}_55`]);
    expect(events[2]!.dedupeKey).toBe(`reaction:p1:m_out:react:love:${T + 2}`);
    expect(events[3]!.dedupeKey).toMatch(/^comment:55_66:add:1718000010:[0-9a-f]{16}$/);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(4);
  });

  it('keeps standby items, marked as such', () => {
    const events = splitMeta(bytes(asStandby(messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_sb', text: 'Alo', timestamp: T }))));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ dedupeKey: 'm:m_sb', orderingKey: PSID, payload: { source: 'standby' } });
  });

  it('keeps integers beyond 2^53 exact, as strings', () => {
    const raw = `{"object":"page","entry":[{"id":"${FIXTURE_PAGE_ID}","time":${T},"messaging":[{"sender":{"id":"${FIXTURE_PAGE_ID}"},"recipient":{"id":"${PSID}"},"timestamp":${T},"message":{"mid":"m_big","is_echo":true,"app_id":12345678901234567890,"text":"ok"}}]}]}`;
    expect(only(raw)).toMatchObject({ type: 'echo', appId: '12345678901234567890' });
  });

  it('throws WebhookBodyError for invalid JSON, an unknown object or a missing entry array', () => {
    expect(() => splitMeta(Buffer.from('{"object":"page","entry":['))).toThrow(WebhookBodyError);
    expect(() => splitMeta(Buffer.from('[]'))).toThrow(WebhookBodyError);
    expect(() => splitMeta(Buffer.from('{"object":"user","entry":[]}'))).toThrow(/Unknown webhook object: user/);
    expect(() => splitMeta(Buffer.from('{"object":"page"}'))).toThrow(WebhookBodyError);
    expect(splitMeta(Buffer.from('{"object":"instagram","entry":[]}'))).toEqual([]);
  });
});

describe('normalizeMeta: Messenger', () => {
  it('normalizes the fixture batch: text + image, read, delivery, our echo, NFD text as NFC', () => {
    const events = normalizeAll(RAW_BATCH_ESCAPED);
    expect(events).toEqual([
      { type: 'message', externalId: 'm_AbC1xYz', from: { id: FIXTURE_PSID_A }, text: 'Còn hàng không shop? Áo size M màu đỏ 😍', attachments: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/ao-do.jpg?_nc_cat=1&oh=00_x' }], sentAt: new Date(1718000000123) },
      { type: 'read', userId: FIXTURE_PSID_A, watermark: new Date(1718000000300) },
      { type: 'delivered', userId: FIXTURE_PSID_B, externalIds: ['m_Out1', 'm_Out2'], watermark: new Date(1718000000440) },
      { type: 'echo', externalId: 'm_Echo9', to: FIXTURE_PSID_B, text: 'Dạ còn ạ, chị cho em xin địa chỉ nhé', attachments: [], appId: FIXTURE_APP_ID, sentAt: new Date(1718000000460) },
      { type: 'message', externalId: 'm_Nfd2', from: { id: FIXTURE_PSID_B }, text: 'Giao hàng về Đà Nẵng mất mấy ngày?'.normalize('NFC'), attachments: [], sentAt: new Date(1718000000470) },
    ]);
    expect((events[4] as { text: string }).text).toBe((events[4] as { text: string }).text.normalize('NFC'));
  });

  it('keeps reply_to and the text of a quick reply', () => {
    expect(only(messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_q', text: 'Size M', timestamp: T, replyToMid: 'm_prev', quickReplyPayload: 'SIZE_M' }))).toEqual({
      type: 'message', externalId: 'm_q', from: { id: PSID }, text: 'Size M', attachments: [], replyToExternalId: 'm_prev', sentAt: new Date(T),
    });
  });

  it('maps every attachment type', () => {
    const event = only(messengerAttachmentEvent({
      pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_att', timestamp: T,
      attachments: [
        { type: 'image', url: 'https://cdn/i.jpg' },
        { type: 'image', url: 'https://cdn/like.png', payload: { sticker_id: 369239263222822 } },
        { type: 'video', url: 'https://cdn/v.mp4' },
        { type: 'audio', url: 'https://cdn/a.mp4' },
        { type: 'file', url: 'https://cdn/hoa-don.pdf' },
        { type: 'reel', url: 'https://cdn/reel', payload: { title: 'Mẫu mới', reel_video_id: '88' } },
        { type: 'ig_reel', url: 'https://cdn/igreel' },
        { type: 'fallback', url: 'https://shop.vn/sp/1', title: 'Áo thun' },
        { type: 'location', payload: { coordinates: { lat: 10.7769, long: 106.7009 } } },
        { type: 'something_new', url: 'https://cdn/x' },
        { type: 'something_else' },
      ],
    }));
    expect(event.type === 'message' && event.attachments).toEqual([
      { kind: 'image', url: 'https://cdn/i.jpg' },
      { kind: 'sticker', url: 'https://cdn/like.png' },
      { kind: 'video', url: 'https://cdn/v.mp4' },
      { kind: 'audio', url: 'https://cdn/a.mp4' },
      { kind: 'file', url: 'https://cdn/hoa-don.pdf' },
      { kind: 'video', url: 'https://cdn/reel', title: 'Mẫu mới' },
      { kind: 'video', url: 'https://cdn/igreel' },
      { kind: 'link', url: 'https://shop.vn/sp/1', title: 'Áo thun' },
      { kind: 'location', latitude: 10.7769, longitude: 106.7009 },
      { kind: 'link', url: 'https://cdn/x' },
    ]);
    expect(event.type === 'message' && event.text).toBe('');
  });

  it('tells our echoes from other apps’ by app_id, keyed on the customer', () => {
    const ours = messengerEchoEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_e1', text: 'Dạ', timestamp: T, appId: Number(FIXTURE_APP_ID) });
    const inbox = messengerEchoEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_e2', text: 'Shop gửi mã giảm giá', timestamp: T });
    expect(splitMeta(bytes(ours))[0]).toMatchObject({ dedupeKey: 'm:m_e1', orderingKey: PSID });
    expect(only(ours)).toEqual({ type: 'echo', externalId: 'm_e1', to: PSID, text: 'Dạ', attachments: [], appId: FIXTURE_APP_ID, sentAt: new Date(T) });
    expect(only(inbox)).toMatchObject({ type: 'echo', externalId: 'm_e2', to: PSID, appId: '263902037430900' });
  });

  it('normalizes receipts with and without mids', () => {
    expect(only(messengerDeliveryEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, watermark: T }))).toEqual({ type: 'delivered', userId: PSID, watermark: new Date(T) });
    expect(only(messengerReadEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, watermark: T }))).toEqual({ type: 'read', userId: PSID, watermark: new Date(T) });
    expect(splitMeta(bytes(messengerReadEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, watermark: T })))[0]!.dedupeKey).toBe(`read:${T}:${PSID}`);
  });

  it('turns a postback into a message titled by the button, keyed by payload and time', () => {
    const body = (payload: string, timestamp = T) => messengerPostbackEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, title: 'Xem đơn hàng', payload, timestamp });
    const event = only(body('ORDER_STATUS'));
    const key = splitMeta(bytes(body('ORDER_STATUS')))[0]!.dedupeKey;
    expect(event).toEqual({ type: 'message', externalId: key, from: { id: PSID }, text: 'Xem đơn hàng', attachments: [], sentAt: new Date(T) });
    expect(key).toMatch(new RegExp(`^postback:${PSID}:${T}:[0-9a-f]{16}$`));
    expect(splitMeta(bytes(body('TRACK')))[0]!.dedupeKey).not.toBe(key);
    expect(splitMeta(bytes(body('ORDER_STATUS', T + 1)))[0]!.dedupeKey).not.toBe(key);
  });

  it('ignores reactions (react and unreact keyed apart), deleted messages and other items', () => {
    const react = messengerReactionEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_x', emoji: '😆', reaction: 'laugh', timestamp: T });
    const unreact = messengerReactionEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_x', emoji: '😆', reaction: 'laugh', action: 'unreact', timestamp: T + 9 });
    expect(only(react)).toEqual({ type: 'ignored', reason: 'reaction' });
    expect(splitMeta(bytes(react))[0]!.dedupeKey).not.toBe(splitMeta(bytes(unreact))[0]!.dedupeKey);
    const optin = { object: 'page', entry: [{ id: FIXTURE_PAGE_ID, time: T, messaging: [{ sender: { id: PSID }, recipient: { id: FIXTURE_PAGE_ID }, timestamp: T, optin: { ref: 'landing' } }] }] };
    expect(only(optin)).toEqual({ type: 'ignored', reason: 'messaging item: optin' });
    expect(splitMeta(bytes(optin))[0]!.dedupeKey).toMatch(new RegExp(`^optin:${PSID}:${T}:`));
    const deleted = instagramMessageEvent({ igId: IG_ID, igsid: 'ig1', mid: 'm_del', text: '', timestamp: T });
    (deleted.entry[0]!.messaging as Array<{ message: Record<string, unknown> }>)[0]!.message = { mid: 'm_del', is_deleted: true };
    expect(only(deleted, igCreds)).toEqual({ type: 'ignored', reason: 'message deleted' });
    expect(normalizeMeta({ hello: 'world' }, creds)).toEqual([{ type: 'ignored', reason: 'not a Meta webhook event' }]);
  });

  it('normalizes standby events like primary ones', () => {
    expect(only(asStandby(messengerTextEvent({ pageId: FIXTURE_PAGE_ID, psid: PSID, mid: 'm_sb', text: 'Alo shop', timestamp: T })))).toMatchObject({ type: 'message', externalId: 'm_sb', text: 'Alo shop' });
  });
});

describe('normalizeMeta: comments', () => {
  const postId = `${FIXTURE_PAGE_ID}_998877665544332`;
  const comment = (o: Partial<Parameters<typeof feedCommentEvent>[0]> = {}) =>
    feedCommentEvent({ pageId: FIXTURE_PAGE_ID, postId, commentId: '998877665544332_1', from: { id: '2455667788990011', name: 'Nguyễn Thị Hoa' }, message: 'Còn size M không shop?', createdTime: 1_718_000_090, ...o });

  it('normalizes a feed comment with created_time in seconds, keyed per commenter and post', () => {
    expect(only(comment())).toEqual({
      type: 'comment', externalId: '998877665544332_1', postId, from: { id: '2455667788990011', name: 'Nguyễn Thị Hoa' },
      text: 'Còn size M không shop?', verb: 'add', sentAt: new Date(1_718_000_090_000),
    });
    expect(splitMeta(bytes(comment()))[0]!.orderingKey).toBe(`2455667788990011:${postId}`);
    expect(only(RAW_FEED_COMMENT_ESCAPED)).toMatchObject({ type: 'comment', text: 'Còn size M không shop? sđt em 0912.345.678', from: { name: 'Nguyễn Thị Hoa' } });
  });

  it('reads created_time given in milliseconds too', () => {
    expect(only(comment({ createdTime: 1_718_000_090_000 }))).toMatchObject({ sentAt: new Date(1_718_000_090_000) });
  });

  it('keeps a reply’s parent, and edits and removals as new events', () => {
    expect(only(comment({ parentId: '998877665544332_0' }))).toMatchObject({ parentId: '998877665544332_0' });
    const keys = (['add', 'edited', 'remove', 'hide', 'unhide'] as const).map((verb) => {
      expect(only(comment({ verb }))).toMatchObject({ type: 'comment', verb });
      return splitMeta(bytes(comment({ verb })))[0]!.dedupeKey;
    });
    expect(new Set(keys).size).toBe(5);
    const edit2 = splitMeta(bytes(comment({ verb: 'edited', message: 'Còn size L không?' })))[0]!.dedupeKey;
    expect(keys).not.toContain(edit2);
    expect(splitMeta(bytes(comment()))[0]!.dedupeKey).toBe(keys[0]);
  });

  it('ignores the Page’s own comments, other feed items and unknown verbs', () => {
    expect(only(comment({ from: { id: FIXTURE_PAGE_ID, name: 'Shop Áo Đẹp' } }))).toEqual({ type: 'ignored', reason: 'own comment' });
    const like = comment();
    ((like.entry[0]!.changes as Array<{ value: Record<string, unknown> }>)[0]!.value).item = 'reaction';
    expect(only(like)).toEqual({ type: 'ignored', reason: 'feed item: reaction' });
    const blocked = comment();
    ((blocked.entry[0]!.changes as Array<{ value: Record<string, unknown> }>)[0]!.value).verb = 'block';
    expect(only(blocked)).toEqual({ type: 'ignored', reason: 'comment verb: block' });
  });
});

describe('normalizeMeta: Instagram', () => {
  it('normalizes a DM and an echo (no app id)', () => {
    expect(only(instagramMessageEvent({ igId: IG_ID, igsid: '5566778899', mid: 'aWdfZ', text: 'Mẫu này còn không ạ?', timestamp: T }), igCreds)).toEqual({
      type: 'message', externalId: 'aWdfZ', from: { id: '5566778899' }, text: 'Mẫu này còn không ạ?', attachments: [], sentAt: new Date(T),
    });
    const echo = instagramMessageEvent({ igId: IG_ID, igsid: '5566778899', mid: 'aWdfE', text: 'Dạ còn ạ', timestamp: T, echo: true });
    expect(only(echo, igCreds)).toEqual({ type: 'echo', externalId: 'aWdfE', to: '5566778899', text: 'Dạ còn ạ', attachments: [], sentAt: new Date(T) });
    expect(splitMeta(bytes(echo))[0]!.orderingKey).toBe('5566778899');
  });

  it('reads Instagram read receipts that carry a mid instead of a watermark', () => {
    const body = { object: 'instagram', entry: [{ id: IG_ID, time: T, messaging: [{ sender: { id: 'ig1' }, recipient: { id: IG_ID }, timestamp: T, read: { mid: 'aWdfR' } }] }] };
    expect(only(body, igCreds)).toEqual({ type: 'read', userId: 'ig1', externalIds: ['aWdfR'] });
    expect(splitMeta(bytes(body))[0]!.dedupeKey).toBe('read:aWdfR:ig1');
  });

  it('normalizes a comment with the media as the post, and ignores our own', () => {
    const body = instagramCommentEvent({ igId: IG_ID, commentId: '17865799348089039', from: { id: '232323232', username: 'hoa.nguyen' }, text: 'Giá bao nhiêu ạ?', mediaId: '123123123', time: 1_718_000_200 });
    expect(only(body, igCreds)).toEqual({
      type: 'comment', externalId: '17865799348089039', postId: '123123123', from: { id: '232323232', name: 'hoa.nguyen', secondaryId: 'hoa.nguyen' },
      text: 'Giá bao nhiêu ạ?', verb: 'add', sentAt: new Date(1_718_000_200_000),
    });
    expect(splitMeta(bytes(body))[0]).toMatchObject({ orderingKey: '232323232:123123123' });
    expect(splitMeta(bytes(body))[0]!.dedupeKey).toMatch(/^comment:17865799348089039:add:[0-9a-f]{16}$/);
    const own = instagramCommentEvent({ igId: IG_ID, commentId: '1786', from: { id: IG_ID, username: 'shop' }, text: 'Inbox ạ', mediaId: '123123123', time: 1_718_000_201 });
    expect(only(own, igCreds)).toEqual({ type: 'ignored', reason: 'own comment' });
  });
});

describe('messagingWindow', () => {
  const now = new Date('2024-06-10T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('applies RESPONSE up to 24 h, HUMAN_AGENT up to 7 days, then closes', () => {
    expect(messagingWindow(null, now)).toEqual({ type: 'closed' });
    expect(messagingWindow(ago(0), now)).toEqual({ type: 'RESPONSE' });
    expect(messagingWindow(ago(-5 * 60_000), now)).toEqual({ type: 'RESPONSE' });
    expect(messagingWindow(ago(24 * HOUR), now)).toEqual({ type: 'RESPONSE' });
    expect(messagingWindow(ago(24 * HOUR + 1), now)).toEqual({ type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(messagingWindow(ago(7 * 24 * HOUR), now)).toEqual({ type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(messagingWindow(ago(7 * 24 * HOUR + 1), now)).toEqual({ type: 'closed' });
  });
});

describe('containsPhoneNumber', () => {
  it.each([
    '0912345678',
    'sđt 0912 345 678 nhé',
    '09 12.345.678',
    '0912-345-678',
    '0912.345.678',
    '091 234 5678',
    'SĐT:0388123456',
    '+84 912 345 678',
    '+84912345678',
    '84912345678',
    '84-912-345-678',
    '0084 912 345 678',
    '+84 (0) 912 345 678',
    '(028) 3822 1234',
    '028.3822.1234',
    'giá 150.000đ, sđt 0912345678',
    'ship 30.000 0912 345 678 ạ',
    'gọi em ０９１２３４５６７８', // full-width digits
    'inbox e\u00a00978\u00a0123\u00a0456',
    '0566 789 012 (Vietnamobile)',
    '070 123 4567 và 0812345678',
    'ngày 09.12.2024, sđt 0912 345 678',
    '0912345678: gọi sau 5h',
  ])('flags %s', (text) => {
    expect(containsPhoneNumber(text)).toBe(true);
  });

  it.each([
    '150.000đ',
    'Giá 1.500.000 đ',
    'Tổng 2.500.000đ (đã giảm 150.000đ)',
    'mã đơn 12345678',
    'đơn #DH20240912',
    'size 38 39 40 41 42',
    'cao 1m60 nặng 55kg',
    '0912 345',
    '091234567',
    '09123456789',
    '20240912345678',
    '01234567890',
    '1900 1234',
    '12/09/2024 lúc 09:30',
    'hẹn 09.12.2024 10:30 nhé',
    'lúc 09 12 2024 10:30',
    'giao 09-12-2024 10h',
    'ship 15.000 và 20.000',
    'Còn size M không shop?',
    '',
  ])('does not flag %s', (text) => {
    expect(containsPhoneNumber(text)).toBe(false);
  });
});

describe('classifyGraphError', () => {
  const err = (code: number, extra: Record<string, unknown> = {}) => ({ error: { message: `(#${code}) test`, type: 'OAuthException', code, fbtrace_id: 'Ab', ...extra } });
  const headers = (h: Record<string, string>) => new Headers(h);

  it('maps 190 (and 102) to auth_expired', () => {
    expect(classifyGraphError(400, err(190, { error_subcode: 463 }))).toEqual({ kind: 'auth_expired', message: '(#190) test' });
    expect(classifyGraphError(400, err(102)).kind).toBe('auth_expired');
  });

  it('maps throttling codes to rate_limited, 60 s unless a header says otherwise', () => {
    for (const code of [4, 17, 32, 613, 80006]) expect(classifyGraphError(400, err(code))).toEqual({ kind: 'rate_limited', retryAfterSeconds: 60, message: `(#${code}) test` });
    expect(classifyGraphError(400, err(613), headers({ 'retry-after': '120' }))).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 120 });
    const buc = JSON.stringify({ [FIXTURE_PAGE_ID]: [{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 5 }] });
    expect(classifyGraphError(400, err(80006), headers({ 'x-business-use-case-usage': buc }))).toMatchObject({ retryAfterSeconds: 300 });
    expect(classifyGraphError(429, 'Too Many Requests')).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 60 });
  });

  it('maps the out-of-window errors to window_closed', () => {
    expect(classifyGraphError(400, err(10, { error_subcode: 2018278 }))).toEqual({ kind: 'window_closed', code: '10/2018278', message: '(#10) test' });
    const outside = { error: { message: '(#10) This message is sent outside of allowed window.', code: 10 } };
    expect(classifyGraphError(400, outside)).toMatchObject({ kind: 'window_closed', code: '10' });
    expect(classifyGraphError(400, { error: { message: '(#200) Message sent outside of allowed window', code: 200 } }).kind).toBe('window_closed');
    expect(classifyGraphError(403, err(10))).toEqual({ kind: 'permanent', code: '10', message: '(#10) test' });
  });

  it('maps unavailable people and other client errors to permanent with the code', () => {
    expect(classifyGraphError(400, err(551, { error_subcode: 1545041, message: 'This person isn\'t available right now.' }))).toEqual({ kind: 'permanent', code: '551/1545041', message: 'This person isn\'t available right now.' });
    expect(classifyGraphError(400, err(100, { error_subcode: 2018001 }))).toMatchObject({ kind: 'permanent', code: '100/2018001' });
    expect(classifyGraphError(404, '<html>Not Found</html>')).toEqual({ kind: 'permanent', code: 'http_404', message: 'Graph API answered HTTP 404' });
  });

  it('maps server errors, codes 1/2 and is_transient to transient', () => {
    expect(classifyGraphError(500, err(1))).toEqual({ kind: 'transient', message: '(#1) test' });
    expect(classifyGraphError(400, err(2)).kind).toBe('transient');
    expect(classifyGraphError(400, err(1200)).kind).toBe('transient');
    expect(classifyGraphError(400, err(368, { is_transient: true })).kind).toBe('transient');
    expect(classifyGraphError(503, '<html>Service Unavailable</html>')).toEqual({ kind: 'transient', message: 'Graph API answered HTTP 503' });
  });
});

describe('Graph client against the fake', () => {
  let fake: FakeGraphApi;
  let client: GraphClient;
  const text = (t: string, recipientId = PSID): OutboundMessage => ({ recipientId, text: t, attachments: [] });
  const RESPONSE = { type: 'RESPONSE' } as const;
  const HUMAN_AGENT = { type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } as const;

  beforeAll(async () => {
    fake = await startFakeGraphApi({ pageId: FIXTURE_PAGE_ID, accessToken: creds.accessToken, appSecret: FIXTURE_APP_SECRET, apiVersion: '25.0' });
    client = createGraphClient({ baseUrl: `${fake.url}/`, apiVersion: 'v25.0' });
  });
  afterAll(() => fake.close());

  it('sends text with RESPONSE and returns the message id', async () => {
    const before = fake.requests.length;
    const result = await client.sendMessage(creds, text('Dạ còn ạ, chị lấy size nào?'), RESPONSE);
    const sent = fake.sent.at(-1)!;
    expect(result).toEqual({ kind: 'ok', providerMessageId: sent.messageId });
    const req = fake.requests[before]!;
    expect(req).toMatchObject({ method: 'POST', path: `/v25.0/${FIXTURE_PAGE_ID}/messages`, query: { access_token: creds.accessToken } });
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Dạ còn ạ, chị lấy size nào?' } });
  });

  it('sends with the HUMAN_AGENT tag, which the fake accepts between 24 h and 7 days only', async () => {
    const psid = '1000000000000042';
    fake.setLastCustomerMessage(psid, new Date(Date.now() - 30 * HOUR));
    const window = messagingWindow(new Date(Date.now() - 30 * HOUR), new Date());
    expect(window).toEqual(HUMAN_AGENT);
    expect(await client.sendMessage(creds, text('Em chào chị', psid), RESPONSE)).toMatchObject({ kind: 'window_closed', code: '10/2018278' });
    expect((await client.sendMessage(creds, text('Em chào chị', psid), HUMAN_AGENT)).kind).toBe('ok');
    expect(fake.requests.at(-1)!.body).toEqual({ recipient: { id: psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Em chào chị' } });
    fake.setLastCustomerMessage(psid, new Date(Date.now() - 8 * 24 * HOUR));
    expect((await client.sendMessage(creds, text('Em chào chị', psid), HUMAN_AGENT)).kind).toBe('window_closed');
  });

  it('uploads each attachment as multipart, then sends the text, and returns the text’s id', async () => {
    const before = fake.sent.length;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const pdf = Buffer.from('%PDF-1.4 hoá đơn\n%%EOF');
    const result = await client.sendMessage(creds, {
      recipientId: PSID, text: 'Hoá đơn của chị ạ',
      attachments: [
        { kind: 'image', filename: 'áo-đỏ.jpg', contentType: 'image/jpeg', data: jpeg },
        { kind: 'file', filename: 'hoá-đơn.pdf', contentType: 'application/pdf', data: pdf },
      ],
    }, RESPONSE);
    const sent = fake.sent.slice(before);
    expect(sent).toHaveLength(3);
    expect(result).toEqual({ kind: 'ok', providerMessageId: sent[2]!.messageId });
    expect(sent[0]).toMatchObject({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { is_reusable: true } } } });
    expect(sent[0]!.files).toHaveLength(1);
    expect(sent[0]!.files![0]).toMatchObject({ field: 'filedata', filename: 'áo-đỏ.jpg', contentType: 'image/jpeg' });
    expect(sent[0]!.files![0]!.data.equals(jpeg)).toBe(true);
    expect(sent[1]!.files![0]!.data.equals(pdf)).toBe(true);
    expect(sent[1]!.message).toEqual({ attachment: { type: 'file', payload: { is_reusable: true } } });
    expect(sent[2]).toMatchObject({ message: { text: 'Hoá đơn của chị ạ' } });
    expect(sent[2]!.files).toBeUndefined();
  });

  it('returns the last attachment’s id when there is no text, and stops at the first failure', async () => {
    const file = { kind: 'image' as const, filename: 'a.png', contentType: 'image/png', data: Buffer.from('png') };
    const before = fake.sent.length;
    const ok = await client.sendMessage(creds, { recipientId: PSID, text: ' ', attachments: [file, file] }, HUMAN_AGENT);
    expect(fake.sent.length - before).toBe(2);
    expect(ok).toEqual({ kind: 'ok', providerMessageId: fake.sent.at(-1)!.messageId });
    expect(fake.sent.at(-1)).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    fake.failNext({ status: 400, error: { message: '(#100) Upload attachment failure.', code: 100, error_subcode: 2018047 } });
    const failed = await client.sendMessage(creds, { recipientId: PSID, text: 'kèm ảnh', attachments: [file, file] }, RESPONSE);
    expect(failed).toMatchObject({ kind: 'permanent', code: '100/2018047' });
    expect(fake.sent.length - before).toBe(2);
  });

  it('refuses text over 2000 characters and empty messages without calling Meta', async () => {
    const before = fake.requests.length;
    expect(await client.sendMessage(creds, text('ạ'.repeat(2001)), RESPONSE)).toMatchObject({ kind: 'permanent', code: 'text_too_long' });
    expect(await client.sendMessage(creds, text('  '), RESPONSE)).toMatchObject({ kind: 'permanent', code: 'empty_message' });
    expect(fake.requests.length).toBe(before);
    expect((await client.sendMessage(creds, text('ạ'.repeat(2000)), RESPONSE)).kind).toBe('ok');
  });

  it('replies to a comment publicly and privately, and hides and unhides it', async () => {
    const commentId = '998877665544332_1122334455667788';
    const pub = await client.replyToComment(creds, commentId, 'Shop đã inbox chị ạ');
    expect(pub).toEqual({ kind: 'ok', providerMessageId: fake.commentReplies.at(-1)!.id });
    expect(fake.commentReplies.at(-1)).toMatchObject({ commentId, message: 'Shop đã inbox chị ạ' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v25.0/${commentId}/comments`, body: { message: 'Shop đã inbox chị ạ' } });

    const priv = await client.privateReply(creds, commentId, 'Chào chị, size M còn ạ');
    expect(priv).toEqual({ kind: 'ok', providerMessageId: fake.sent.at(-1)!.messageId });
    expect(fake.requests.at(-1)!.body).toEqual({ recipient: { comment_id: commentId }, message: { text: 'Chào chị, size M còn ạ' } });

    expect(await client.hideComment(creds, commentId, true)).toEqual({ kind: 'ok', providerMessageId: commentId });
    expect(fake.hiddenComments.get(commentId)).toBe(true);
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v25.0/${commentId}`, body: { is_hidden: true } });
    expect((await client.hideComment(creds, commentId, false)).kind).toBe('ok');
    expect(fake.hiddenComments.get(commentId)).toBe(false);
  });

  it('reads a profile, or null when Meta will not say', async () => {
    fake.setProfile('555', { first_name: 'Hoa', last_name: 'Nguyễn Thị', name: 'Nguyễn Thị Hoa', profile_pic: 'https://platform-lookaside.fbsbx.com/p/555' });
    expect(await client.getProfile(creds, '555')).toEqual({ name: 'Nguyễn Thị Hoa', avatarUrl: 'https://platform-lookaside.fbsbx.com/p/555' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v25.0/555', query: { fields: 'name,first_name,last_name,profile_pic' } });
    fake.setProfile('556', { first_name: 'Lan', last_name: 'Trần' });
    expect(await client.getProfile(creds, '556')).toEqual({ name: 'Lan Trần' });
    fake.setProfile('ig7', { username: 'lan.tran', profile_pic: 'https://cdn/ig7' });
    expect(await client.getProfile(igCreds, 'ig7', 'instagram')).toEqual({ name: 'lan.tran', avatarUrl: 'https://cdn/ig7' });
    expect(await client.getProfile(creds, 'unknown')).toBeNull();
  });

  it('classifies each scripted Graph error', async () => {
    const cases: Array<[Parameters<FakeGraphApi['failNext']>[0], Record<string, unknown>]> = [
      [{ status: 400, error: { message: 'Error validating access token: Session has expired', code: 190, error_subcode: 463 } }, { kind: 'auth_expired' }],
      [{ status: 400, error: { message: '(#4) Application request limit reached', code: 4 } }, { kind: 'rate_limited', retryAfterSeconds: 60 }],
      [{ status: 400, error: { message: '(#613) Calls to this api have exceeded the rate limit.', code: 613 }, headers: { 'retry-after': '90' } }, { kind: 'rate_limited', retryAfterSeconds: 90 }],
      [{ status: 400, error: { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 } }, { kind: 'window_closed', code: '10/2018278' }],
      [{ status: 400, error: { message: '(#551) This person isn\'t available right now.', code: 551, error_subcode: 1545041 } }, { kind: 'permanent', code: '551/1545041' }],
      [{ status: 500, error: { message: 'An unknown error has occurred.', code: 1 } }, { kind: 'transient' }],
      [{ status: 500, error: { message: 'Internal error', code: 9999 } }, { kind: 'transient' }],
    ];
    for (const [answer, expected] of cases) {
      fake.failNext(answer);
      expect(await client.sendMessage(creds, text('Dạ'), RESPONSE)).toMatchObject(expected);
    }
    fake.failNext({ status: 400, error: { message: '(#100) No matching user found', code: 100, error_subcode: 2018001 } });
    expect(await client.privateReply(creds, '1_2', 'x')).toMatchObject({ kind: 'permanent', code: '100/2018001' });
    fake.failNext({ status: 400, error: { message: '(#4) limit', code: 4 } });
    expect(await client.replyToComment(creds, '1_2', 'x')).toMatchObject({ kind: 'rate_limited' });
    fake.failNext({ status: 400, error: { message: 'expired', code: 190 } });
    expect(await client.hideComment(creds, '1_2', true)).toMatchObject({ kind: 'auth_expired' });
  });

  it('gets auth_expired from the fake for a wrong token', async () => {
    const result = await client.sendMessage({ ...creds, accessToken: 'EAAGwrong' }, text('Dạ'), RESPONSE);
    expect(result).toEqual({ kind: 'auth_expired', message: 'Invalid OAuth access token - Cannot parse access token' });
  });

  it('answers transient when the Graph API cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const offline = createGraphClient({ baseUrl: `http://127.0.0.1:${port}`, apiVersion: '25.0' });
    expect(await offline.sendMessage(creds, text('Dạ'), RESPONSE)).toMatchObject({ kind: 'transient', message: expect.stringContaining('unreachable') });
    expect(await offline.replyToComment(creds, '1_2', 'x')).toMatchObject({ kind: 'transient' });
    expect(await offline.getProfile(creds, '555')).toBeNull();
  });
});

describe('signMetaWebhook', () => {
  it('escapes like Meta: lowercase \\u, surrogate pairs and \\/', () => {
    expect(escapeLikeMeta(JSON.stringify({ t: 'Đẹp 😍', u: 'https://a/b' }))).toBe('{"t":"\\u0110\\u1eb9p \\ud83d\\ude0d","u":"https:\\/\\/a\\/b"}');
    const { body, headers } = signMetaWebhook(FIXTURE_APP_SECRET, { t: 'Đẹp' }, { escapeUnicode: true });
    expect([...body].every((b) => b < 0x80)).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ t: 'Đẹp' });
    expect(headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', FIXTURE_APP_SECRET).update(body).digest('hex')}`);
  });
});
