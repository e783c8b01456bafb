import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawWebhook } from '../messaging/types.ts';
import { WebhookBodyError, normalizeTelegram, splitTelegram, verifyTelegram } from './protocol.ts';
import { TELEGRAM_ALLOWED_UPDATES, classifyTelegramError, createTelegramClient, splitTelegramText } from './client.ts';
import {
  startFakeTelegramApi, telegramCallbackUpdate, telegramContactUpdate, telegramDocumentUpdate, telegramEditedUpdate,
  telegramGroupUpdate, telegramMyChatMemberUpdate, telegramPhotoUpdate, telegramTextUpdate, telegramWebhookRequest,
  type FakeTelegramApi,
} from '../../test/fakes/telegram-api.ts';

const BOT_TOKEN = '7012345678:AAHfakeTokenForCareLoopTests_0123456';
const SECRET = 'cl_9fK2mQ7xLp-RtV4w';
const VI = 'Xin chào shop, áo này còn size M không ạ? Giao về Đà Nẵng mất mấy ngày?';
/** A chat id above 2^31. */
const CHAT = 7123456789;

const raw = (r: { body: Buffer; headers: Record<string, string> }): RawWebhook => ({ method: 'POST', headers: r.headers, query: {}, body: r.body });

describe('verifyTelegram', () => {
  const update = telegramTextUpdate({ updateId: 10001, chatId: CHAT, messageId: 5, text: VI });

  it('accepts the right secret, over a UTF-8 body and a \\u-escaped one', () => {
    const plain = telegramWebhookRequest(SECRET, update);
    const escaped = telegramWebhookRequest(SECRET, update, { escapeUnicode: true });
    expect(escaped.body.toString('utf8')).toContain('\\u00e0');
    expect(plain.body.equals(escaped.body)).toBe(false);
    expect(verifyTelegram(raw(plain), { secretToken: SECRET })).toEqual({ ok: true });
    expect(verifyTelegram(raw(escaped), { secretToken: SECRET })).toEqual({ ok: true });
  });

  it('rejects a wrong secret of the same and of another length with 403', () => {
    const sameLength = SECRET.slice(0, -1) + (SECRET.endsWith('w') ? 'x' : 'w');
    for (const wrong of [sameLength, 'short', `${SECRET}x`]) {
      expect(verifyTelegram(raw(telegramWebhookRequest(wrong, update)), { secretToken: SECRET })).toEqual({ ok: false, status: 403 });
    }
  });

  it('rejects a missing header, and any request when no secret is configured', () => {
    const req = raw(telegramWebhookRequest(SECRET, update));
    const { 'x-telegram-bot-api-secret-token': _drop, ...headers } = req.headers;
    expect(verifyTelegram({ ...req, headers }, { secretToken: SECRET })).toEqual({ ok: false, status: 403 });
    expect(verifyTelegram(req, { secretToken: '' })).toEqual({ ok: false, status: 403 });
  });
});

describe('splitTelegram', () => {
  it('keys one update by update_id and orders it by the chat id (kept as a string beyond 2^31)', () => {
    const body = telegramWebhookRequest(SECRET, telegramTextUpdate({ updateId: 900000001, chatId: CHAT, messageId: 5, text: VI })).body;
    const [event, ...rest] = splitTelegram(body);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ dedupeKey: 'update:900000001', orderingKey: '7123456789' });
  });

  it('gives a redelivered update the same dedupe key', () => {
    const body = telegramWebhookRequest(SECRET, telegramTextUpdate({ updateId: 42, chatId: CHAT, text: 'a' })).body;
    expect(splitTelegram(body)[0]!.dedupeKey).toBe(splitTelegram(Buffer.from(body))[0]!.dedupeKey);
  });

  it('finds the chat in edited messages, callback queries, my_chat_member and group messages', () => {
    const key = (u: object) => splitTelegram(Buffer.from(JSON.stringify(u)))[0]!.orderingKey;
    expect(key(telegramEditedUpdate({ updateId: 1, chatId: CHAT, text: 'x' }))).toBe(String(CHAT));
    expect(key(telegramCallbackUpdate({ updateId: 2, chatId: CHAT, data: 'size_m' }))).toBe(String(CHAT));
    expect(key(telegramMyChatMemberUpdate({ updateId: 3, chatId: CHAT, status: 'kicked' }))).toBe(String(CHAT));
    expect(key(telegramGroupUpdate({ updateId: 4, chatId: -1001234567890, text: 'x' }))).toBe('-1001234567890');
    expect(key({ update_id: 5, inline_query: { id: '1', from: { id: 55, is_bot: false, first_name: 'B' }, query: 'q', offset: '' } })).toBe('55');
    expect(key({ update_id: 6, poll: { id: 'p1', question: 'q' } })).toBe('update:6');
  });

  it('throws WebhookBodyError on a body that is not an update', () => {
    expect(() => splitTelegram(Buffer.from('{"update_id":1,'))).toThrow(WebhookBodyError);
    expect(() => splitTelegram(Buffer.from('{"message":{}}'))).toThrow(WebhookBodyError);
    expect(() => splitTelegram(Buffer.from('[{"update_id":1}]'))).toThrow(WebhookBodyError);
    expect(() => splitTelegram(Buffer.from('{"update_id":"x1"}'))).toThrow(WebhookBodyError);
  });
});

describe('normalizeTelegram', () => {
  const fromBody = (body: Buffer) => normalizeTelegram(splitTelegram(body)[0]!.payload);

  it('turns a private text message into a message with the sender, in seconds', () => {
    const update = telegramTextUpdate({ updateId: 10001, chatId: CHAT, messageId: 5, text: VI, date: 1700000000, firstName: 'Ngọc', lastName: 'Anh', username: 'ngocanh_vn' });
    const events = fromBody(telegramWebhookRequest(SECRET, update).body);
    expect(events).toEqual([{
      type: 'message',
      externalId: '7123456789:5',
      from: { id: '7123456789', name: 'Ngọc Anh', secondaryId: 'ngocanh_vn', language: 'vi' },
      text: VI,
      attachments: [],
      sentAt: new Date('2023-11-14T22:13:20.000Z'),
    }]);
    expect(fromBody(telegramWebhookRequest(SECRET, update, { escapeUnicode: true }).body)).toEqual(events);
  });

  it('stores NFD Vietnamese as NFC', () => {
    const nfd = VI.normalize('NFD');
    expect(nfd).not.toBe(VI);
    const [event] = normalizeTelegram(telegramTextUpdate({ updateId: 1, chatId: CHAT, text: nfd, firstName: 'Ngọc'.normalize('NFD') }));
    expect(event).toMatchObject({ text: VI, from: { name: 'Ngọc' } });
  });

  it('links a reply to the quoted message', () => {
    const [event] = normalizeTelegram(telegramTextUpdate({ updateId: 1, chatId: CHAT, messageId: 8, text: 'Dạ vâng', replyToMessageId: 7 }));
    expect(event).toMatchObject({ type: 'message', replyToExternalId: `${CHAT}:7` });
  });

  it('takes the largest photo size as a file id, with the caption as text', () => {
    const [event] = normalizeTelegram(telegramPhotoUpdate({ updateId: 2, chatId: CHAT, messageId: 6, caption: 'Mẫu này còn không?', fileId: 'PHOTO-XL' }));
    expect(event).toMatchObject({
      type: 'message',
      text: 'Mẫu này còn không?',
      attachments: [{ kind: 'image', fileId: 'PHOTO-XL', size: 95000, mimeType: 'image/jpeg' }],
    });
  });

  it('reads a document with its name, size and type', () => {
    const [event] = normalizeTelegram(telegramDocumentUpdate({ updateId: 3, chatId: CHAT, fileId: 'DOC1', fileName: 'hoá đơn.pdf', mimeType: 'application/pdf', fileSize: 48213 }));
    expect(event).toMatchObject({ text: '', attachments: [{ kind: 'file', fileId: 'DOC1', name: 'hoá đơn.pdf', size: 48213, mimeType: 'application/pdf' }] });
  });

  it('reads voice, audio, video, video notes, stickers, locations and venues', () => {
    const base = telegramTextUpdate({ updateId: 4, chatId: CHAT, messageId: 9, text: '' }).message;
    const msg = (content: object) => normalizeTelegram({ update_id: 4, message: { ...base, text: undefined, ...content } })[0];
    expect(msg({ voice: { file_id: 'V1', file_unique_id: 'u', duration: 3, mime_type: 'audio/ogg', file_size: 5120 } }))
      .toMatchObject({ attachments: [{ kind: 'audio', fileId: 'V1', mimeType: 'audio/ogg', size: 5120 }] });
    expect(msg({ audio: { file_id: 'A1', file_unique_id: 'u', duration: 200, title: 'Bài hát', file_name: 'bai-hat.mp3', mime_type: 'audio/mpeg' } }))
      .toMatchObject({ attachments: [{ kind: 'audio', fileId: 'A1', title: 'Bài hát', name: 'bai-hat.mp3' }] });
    expect(msg({ video: { file_id: 'VID', file_unique_id: 'u', width: 1, height: 1, duration: 9, mime_type: 'video/mp4', file_size: 900000 } }))
      .toMatchObject({ attachments: [{ kind: 'video', fileId: 'VID', mimeType: 'video/mp4' }] });
    expect(msg({ video_note: { file_id: 'VN', file_unique_id: 'u', length: 240, duration: 5 } }))
      .toMatchObject({ attachments: [{ kind: 'video', fileId: 'VN' }] });
    expect(msg({ sticker: { file_id: 'ST', file_unique_id: 'u', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😍' } }))
      .toMatchObject({ attachments: [{ kind: 'sticker', fileId: 'ST', title: '😍' }] });
    expect(msg({ location: { latitude: 16.0544, longitude: 108.2022 } }))
      .toMatchObject({ attachments: [{ kind: 'location', latitude: 16.0544, longitude: 108.2022 }] });
    expect(msg({ venue: { location: { latitude: 10.7769, longitude: 106.7009 }, title: 'Chợ Bến Thành', address: 'Lê Lợi, Quận 1' }, location: { latitude: 10.7769, longitude: 106.7009 } }))
      .toEqual(expect.objectContaining({ attachments: [{ kind: 'location', latitude: 10.7769, longitude: 106.7009, title: 'Chợ Bến Thành' }] }));
    expect(msg({ animation: { file_id: 'GIF', file_unique_id: 'u', width: 1, height: 1, duration: 1 }, document: { file_id: 'GIF', file_unique_id: 'u', mime_type: 'video/mp4' } }))
      .toMatchObject({ attachments: [{ kind: 'file', fileId: 'GIF' }] });
  });

  it('a contact card of the sender is also their phone (profile); somebody else’s is just a card', () => {
    const own = normalizeTelegram(telegramContactUpdate({ updateId: 5, chatId: CHAT, phone: '84912345678', firstName: 'Lan' }));
    expect(own).toEqual([
      expect.objectContaining({ type: 'message', attachments: [{ kind: 'contact', phone: '84912345678', title: 'Lan' }] }),
      { type: 'profile', userId: String(CHAT), phone: '84912345678', name: 'Lan' },
    ]);
    const other = normalizeTelegram(telegramContactUpdate({ updateId: 6, chatId: CHAT, phone: '+84987654321', contactFirstName: 'Mẹ', contactUserId: 555 }));
    expect(other.map((e) => e.type)).toEqual(['message']);
    const noUser = normalizeTelegram(telegramContactUpdate({ updateId: 7, chatId: CHAT, phone: '+84987654321', contactUserId: null }));
    expect(noUser.map((e) => e.type)).toEqual(['message']);
  });

  it('ignores edits, group, supergroup and channel messages, and content it cannot show', () => {
    const reasons = (u: unknown) => normalizeTelegram(u).map((e) => e.type);
    expect(reasons(telegramEditedUpdate({ updateId: 1, chatId: CHAT, text: 'sửa' }))).toEqual(['ignored']);
    expect(reasons(telegramGroupUpdate({ updateId: 2, chatId: -1001234567890, text: 'chào' }))).toEqual(['ignored']);
    expect(reasons(telegramGroupUpdate({ updateId: 3, chatId: -4001234, text: 'chào', type: 'group' }))).toEqual(['ignored']);
    expect(reasons({ update_id: 4, channel_post: { message_id: 1, chat: { id: -100555, type: 'channel' }, date: 1, text: 'x' } })).toEqual(['ignored']);
    const base = telegramTextUpdate({ updateId: 5, chatId: CHAT, text: '' }).message;
    expect(reasons({ update_id: 5, message: { ...base, text: undefined, pinned_message: { message_id: 1 } } })).toEqual(['ignored']);
    expect(reasons({ update_id: 6, inline_query: { id: '1' } })).toEqual(['ignored']);
    expect(reasons('nope')).toEqual(['ignored']);
  });

  it('my_chat_member: kicked unfollows, member follows with the profile', () => {
    expect(normalizeTelegram(telegramMyChatMemberUpdate({ updateId: 1, chatId: CHAT, status: 'kicked' }))).toEqual([{ type: 'follow', userId: String(CHAT), following: false }]);
    expect(normalizeTelegram(telegramMyChatMemberUpdate({ updateId: 2, chatId: CHAT, status: 'member', firstName: 'Hùng', username: 'hung' }))).toEqual([
      { type: 'follow', userId: String(CHAT), following: true, profile: { id: String(CHAT), name: 'Hùng', secondaryId: 'hung', language: 'vi' } },
    ]);
    const group = telegramMyChatMemberUpdate({ updateId: 3, chatId: -100777, status: 'member' });
    (group.my_chat_member.chat as { type: string }).type = 'supergroup';
    expect(normalizeTelegram(group)[0]!.type).toBe('ignored');
  });

  it('a button press becomes a message with its data, dated when received', () => {
    const receivedAt = new Date('2025-01-02T03:04:05Z');
    const [event] = normalizeTelegram(telegramCallbackUpdate({ updateId: 9, chatId: CHAT, data: 'Xem đơn hàng', callbackId: 'cb-77', messageId: 12 }), receivedAt);
    expect(event).toEqual({
      type: 'message',
      externalId: 'callback:cb-77',
      from: { id: String(CHAT), name: 'An', language: 'vi' },
      text: 'Xem đơn hàng',
      attachments: [],
      replyToExternalId: `${CHAT}:12`,
      sentAt: receivedAt,
    });
    const noData = telegramCallbackUpdate({ updateId: 10, chatId: CHAT, data: 'x' });
    delete (noData.callback_query as { data?: string }).data;
    expect(normalizeTelegram(noData)[0]!.type).toBe('ignored');
  });
});

describe('splitTelegramText', () => {
  it('cuts at line breaks, then spaces, then hard, never inside a surrogate pair', () => {
    expect(splitTelegramText('aaaa\nbbbb\ncc', 10)).toEqual(['aaaa\nbbbb', 'cc']);
    expect(splitTelegramText('một hai ba bốn năm', 8)).toEqual(['một hai', 'ba bốn', 'năm']);
    expect(splitTelegramText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    const parts = splitTelegramText(`${'x'.repeat(9)}😀😀`, 10);
    expect(parts).toEqual(['x'.repeat(9), '😀😀']);
    expect(splitTelegramText('short')).toEqual(['short']);
  });
});

describe('classifyTelegramError', () => {
  it.each([
    [429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } }, { kind: 'rate_limited', retryAfterSeconds: 7 }],
    [429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 12' }, { kind: 'rate_limited', retryAfterSeconds: 12 }],
    [403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, { kind: 'permanent', code: 'blocked', message: 'Forbidden: bot was blocked by the user' }],
    [400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, { kind: 'permanent', code: 'bad_request', message: 'Bad Request: chat not found' }],
    [401, { ok: false, error_code: 401, description: 'Unauthorized' }, { kind: 'permanent', code: 'invalid_token' }],
    [404, { ok: false, error_code: 404, description: 'Not Found' }, { kind: 'permanent', code: 'invalid_token' }],
    [500, { ok: false, error_code: 500, description: 'Internal Server Error' }, { kind: 'transient' }],
    [502, '<html>Bad Gateway</html>', { kind: 'transient', message: '<html>Bad Gateway</html>' }],
    [0, undefined, { kind: 'transient' }],
    [409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' }, { kind: 'permanent', code: '409' }],
  ])('HTTP %s → %j', (status, body, expected) => {
    expect(classifyTelegramError(status, body)).toMatchObject(expected);
  });

  it('does not call a revoked token auth_expired (bot tokens never refresh)', () => {
    const r = classifyTelegramError(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    expect(r.kind).toBe('permanent');
    expect(r.message).toMatch(/bot token.*settings/);
  });
});

describe('Telegram client against the fake Bot API', () => {
  let api: FakeTelegramApi;
  let client: ReturnType<typeof createTelegramClient>;
  beforeAll(async () => {
    api = await startFakeTelegramApi({ botToken: BOT_TOKEN });
    client = createTelegramClient({ baseUrl: api.url });
  });
  afterAll(() => api.close());

  const message = (over: Partial<Parameters<typeof client.sendMessage>[1]> = {}) => ({ recipientId: String(CHAT), text: VI, attachments: [], ...over });

  it('sends a text as a plain message quoting the customer’s message, and returns <chat>:<message_id>', async () => {
    const result = await client.sendMessage(BOT_TOKEN, message({ replyToExternalId: `${CHAT}:5` }));
    const last = api.sent.at(-1)!;
    expect(result).toEqual({ kind: 'ok', providerMessageId: `${CHAT}:${last.messageId}` });
    expect(last).toMatchObject({ method: 'sendMessage', chatId: String(CHAT), text: VI, replyTo: { message_id: 5 } });
    const req = api.requests.at(-1)!;
    expect(req.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(req.params.chat_id).toBe(CHAT);
    expect(req.params.parse_mode).toBeUndefined();
  });

  it('splits a text over 4096 characters into several messages and returns the last id', async () => {
    const para = `${'Dạ shop gửi bạn thông tin chi tiết về sản phẩm. '.repeat(40)}\n`;
    const text = para.repeat(6);
    expect(text.length).toBeGreaterThan(2 * 4096);
    const before = api.sent.length;
    const result = await client.sendMessage(BOT_TOKEN, message({ text, replyToExternalId: `${CHAT}:5` }));
    const parts = api.sent.slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) expect(p.text!.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text).join('\n').replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
    expect(parts[0]!.replyTo).toBeDefined();
    expect(parts.slice(1).every((p) => p.replyTo === undefined)).toBe(true);
    const ids = parts.map((p) => p.messageId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(result).toEqual({ kind: 'ok', providerMessageId: `${CHAT}:${parts.at(-1)!.messageId}` });
  });

  it('sends an image with sendPhoto (text as caption) and a PDF with sendDocument, as multipart', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const pdf = Buffer.from('%PDF-1.4 hoá đơn');
    const before = api.sent.length;
    const result = await client.sendMessage(BOT_TOKEN, message({
      text: 'Ảnh và hoá đơn của bạn',
      attachments: [
        { kind: 'image', filename: 'ảnh.png', contentType: 'image/png', data: png },
        { kind: 'file', filename: 'hoá đơn.pdf', contentType: 'application/pdf', data: pdf },
      ],
    }));
    const [photo, doc, ...more] = api.sent.slice(before);
    expect(more).toHaveLength(0);
    expect(photo).toMatchObject({ method: 'sendPhoto', caption: 'Ảnh và hoá đơn của bạn', file: { field: 'photo', filename: 'ảnh.png', contentType: 'image/png' } });
    expect(photo!.file!.data.equals(png)).toBe(true);
    expect(doc).toMatchObject({ method: 'sendDocument', file: { field: 'document', filename: 'hoá đơn.pdf', contentType: 'application/pdf' } });
    expect(doc!.caption).toBeUndefined();
    expect(doc!.file!.data.equals(pdf)).toBe(true);
    expect(api.requests.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(result).toEqual({ kind: 'ok', providerMessageId: `${CHAT}:${doc!.messageId}` });
  });

  it('sends a text too long for a caption first, and a GIF as a document', async () => {
    const before = api.sent.length;
    const text = 'Chi tiết: '.repeat(150);
    await client.sendMessage(BOT_TOKEN, message({ text, attachments: [{ kind: 'image', filename: 'a.gif', contentType: 'image/gif', data: Buffer.from('GIF89a') }] }));
    const sent = api.sent.slice(before);
    expect(sent.map((s) => s.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(sent[1]!.caption).toBeUndefined();
  });

  it('refuses to send nothing', async () => {
    expect(await client.sendMessage(BOT_TOKEN, message({ text: '  ' }))).toMatchObject({ kind: 'permanent', code: 'empty' });
  });

  it('maps 429 with retry_after to rate_limited with that wait', async () => {
    api.failNext({ status: 429, error_code: 429, description: 'Too Many Requests: retry after 7', retry_after: 7 });
    expect(await client.sendMessage(BOT_TOKEN, message())).toEqual({ kind: 'rate_limited', retryAfterSeconds: 7, message: 'Too Many Requests: retry after 7' });
  });

  it('maps 403 blocked and 400 chat not found to permanent', async () => {
    api.failNext({ status: 403, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(await client.sendMessage(BOT_TOKEN, message())).toMatchObject({ kind: 'permanent', code: 'blocked' });
    api.failNext({ status: 400, error_code: 400, description: 'Bad Request: chat not found' });
    expect(await client.sendMessage(BOT_TOKEN, message())).toMatchObject({ kind: 'permanent', code: 'bad_request', message: 'Bad Request: chat not found' });
  });

  it('maps a wrong token (the fake’s real 401) to permanent, and 500 to transient', async () => {
    expect(await client.sendMessage('7012345678:wrong', message())).toMatchObject({ kind: 'permanent', code: 'invalid_token' });
    api.failNext({ status: 500, error_code: 500, description: 'Internal Server Error' });
    expect(await client.sendMessage(BOT_TOKEN, message())).toMatchObject({ kind: 'transient' });
  });

  it('reports a failure part-way through a split text', async () => {
    let calls = 0;
    const flaky = createTelegramClient({
      baseUrl: api.url,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        calls++;
        return calls === 2 ? new Response('<html>Bad Gateway</html>', { status: 502 }) : fetch(input, init);
      }) as typeof fetch,
    });
    const result = await flaky.sendMessage(BOT_TOKEN, message({ text: `${'x'.repeat(4000)}\n${'y'.repeat(4000)}` }));
    expect(calls).toBe(2);
    expect(result).toEqual({ kind: 'transient', message: '<html>Bad Gateway</html> (after 1 part(s) were delivered)' });
  });

  it('maps a network failure to transient', async () => {
    const dead = await startFakeTelegramApi({ botToken: BOT_TOKEN });
    await dead.close();
    const offline = createTelegramClient({ baseUrl: dead.url });
    expect(await offline.sendMessage(BOT_TOKEN, message())).toMatchObject({ kind: 'transient' });
    const throwing = createTelegramClient({ baseUrl: api.url, fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
    expect(await throwing.sendMessage(BOT_TOKEN, message())).toEqual({ kind: 'transient', message: 'telegram sendMessage: fetch failed' });
  });

  it('getFile gives a download URL for a file id, null for an unknown one', async () => {
    const bytes = Buffer.from('fake jpeg bytes');
    api.addFile('PHOTO-XL', bytes, 'photos/file_7.jpg');
    const file = await client.getFile(BOT_TOKEN, 'PHOTO-XL');
    expect(file).toEqual({ url: `${api.url}/file/bot${BOT_TOKEN}/photos/file_7.jpg`, size: bytes.length });
    const res = await fetch(file!.url);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await client.getFile(BOT_TOKEN, 'nope')).toBeNull();
    api.failNext({ status: 500, error_code: 500, description: 'Internal Server Error' });
    await expect(client.getFile(BOT_TOKEN, 'PHOTO-XL')).rejects.toThrow(/Internal Server Error/);
  });

  it('a file the bot sent can be fetched back', async () => {
    await client.sendMessage(BOT_TOKEN, message({ text: '', attachments: [{ kind: 'file', filename: 'x.txt', contentType: 'text/plain', data: Buffer.from('xin chào') }] }));
    const fileId = [...api.files.keys()].at(-1)!;
    const file = await client.getFile(BOT_TOKEN, fileId);
    expect(Buffer.from(await (await fetch(file!.url)).arrayBuffer()).toString('utf8')).toBe('xin chào');
  });

  it('setWebhook registers the URL, the secret and the update kinds; an http URL is refused', async () => {
    expect(await client.setWebhook(BOT_TOKEN, 'https://care.example.vn/hooks/telegram/ibx_1', SECRET)).toEqual({ ok: true });
    expect(api.webhook).toEqual({ url: 'https://care.example.vn/hooks/telegram/ibx_1', secretToken: SECRET, allowedUpdates: TELEGRAM_ALLOWED_UPDATES });
    expect(await client.setWebhook(BOT_TOKEN, 'http://care.example.vn/hooks', SECRET)).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringMatching(/HTTPS/) });
    expect(await client.setWebhook(BOT_TOKEN, 'https://care.example.vn/hooks', 'bad secret!')).toMatchObject({ ok: false, kind: 'permanent' });
  });

  it('getUpdates waits for an update, confirms by offset, and says why Telegram refuses (webhook set, a second reader)', async () => {
    expect(await client.deleteWebhook(BOT_TOKEN)).toEqual({ ok: true });
    const id = api.pushUpdate(telegramTextUpdate({ updateId: 880_000_001, chatId: CHAT, text: VI }));
    const first = await client.getUpdates(BOT_TOKEN, { offset: 0, waitSeconds: 1 });
    expect(first).toMatchObject({ ok: true, updates: [{ update_id: id, message: { text: VI } }] });
    expect(api.requests.at(-1)!.params).toMatchObject({ offset: 0, timeout: 1, limit: 100, allowed_updates: TELEGRAM_ALLOWED_UPDATES });
    // Asked from past it, the update is confirmed; the poll waits, then answers empty.
    expect(await client.getUpdates(BOT_TOKEN, { offset: id + 1, waitSeconds: 1 })).toEqual({ ok: true, updates: [] });
    expect(api.unconfirmed).toEqual([]);
    // An update arriving during the wait answers at once.
    const waiting = client.getUpdates(BOT_TOKEN, { offset: id + 1, waitSeconds: 5 });
    await expect.poll(() => api.waiting).toBe(1);
    const next = api.pushUpdate(telegramTextUpdate({ updateId: id + 1, chatId: CHAT, messageId: 6, text: 'còn hàng không?' }));
    expect(await waiting).toMatchObject({ ok: true, updates: [{ update_id: next }] });

    // A second reader ends the waiting poll with 409.
    const ended = client.getUpdates(BOT_TOKEN, { offset: next + 1, waitSeconds: 5 });
    await expect.poll(() => api.waiting).toBe(1);
    const second = client.getUpdates(BOT_TOKEN, { offset: next + 1, waitSeconds: 0 });
    expect(await ended).toMatchObject({ ok: false, conflict: 'other_poller', failure: { kind: 'permanent', message: expect.stringMatching(/terminated by other getUpdates request/) } });
    expect(await second).toEqual({ ok: true, updates: [] });

    // While a webhook is set Telegram refuses to be polled.
    await client.setWebhook(BOT_TOKEN, 'https://care.example.vn/hooks/telegram/ibx_1', SECRET);
    expect(await client.getUpdates(BOT_TOKEN, { offset: 0, waitSeconds: 0 })).toMatchObject({ ok: false, conflict: 'webhook' });
    expect(await client.deleteWebhook(BOT_TOKEN)).toEqual({ ok: true });
    expect(api.webhook).toBeNull();
    expect(await client.getUpdates('7012345678:revoked', { offset: 0, waitSeconds: 0 })).toMatchObject({ ok: false, failure: { kind: 'permanent', code: 'invalid_token' } });

    // Stopping aborts a waiting poll.
    const stop = new AbortController();
    const aborted = client.getUpdates(BOT_TOKEN, { offset: next + 1, waitSeconds: 5, signal: stop.signal });
    await expect.poll(() => api.waiting).toBe(1);
    stop.abort();
    expect(await aborted).toMatchObject({ ok: false, failure: { kind: 'transient' } });
  });

  it('getMe tests the connection', async () => {
    expect(await client.getMe(BOT_TOKEN)).toEqual({ ok: true, bot: { id: '7012345678', name: 'CareLoop Test', username: 'careloop_test_bot' } });
    expect(await client.getMe('7012345678:revoked')).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringMatching(/Unauthorized/) });
  });
});
