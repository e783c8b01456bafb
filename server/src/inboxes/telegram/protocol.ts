/**
 * Telegram Bot API webhooks (channels.md §4): the secret-token header, one `Update` per POST, and the update
 * kinds CareLoop acts on. Telegram ids are below 2^53 (the Bot API promises at most 52 significant bits), so plain
 * `JSON.parse` reads them exactly; they leave this file as strings.
 */
import { timingSafeEqual } from 'node:crypto';
import type { InboundAttachment, NormalizedEvent, RawWebhook, Sender, SplitEvent, VerifyResult } from '../messaging/types.ts';

export interface TelegramCredentials {
  botToken: string;
  /** Sent to `setWebhook` as `secret_token`; Telegram echoes it in `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken: string;
}

/** The body is not a Telegram Update: answer 400 and store nothing. */
export class WebhookBodyError extends Error {
  override name = 'WebhookBodyError';
}

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function verifyTelegram(req: RawWebhook, creds: Pick<TelegramCredentials, 'secretToken'>): VerifyResult {
  const given = req.headers[SECRET_HEADER];
  if (!given || !creds.secretToken) return { ok: false, status: 403 };
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(creds.secretToken, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b) ? { ok: true } : { ok: false, status: 403 };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const id = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? v : undefined);
const nfc = (s: string | undefined) => s?.normalize('NFC');

/** The chat an update belongs to; falls back to the acting user (a private chat's id is the user's id). */
function chatIdOf(update: Obj): string | undefined {
  for (const [kind, value] of Object.entries(update)) {
    if (kind === 'update_id') continue;
    const v = obj(value);
    if (!v) continue;
    const chat = id(obj(v.chat)?.id) ?? id(obj(obj(v.message)?.chat)?.id);
    if (chat) return chat;
    const user = id(obj(v.from)?.id) ?? id(obj(v.user)?.id);
    if (user) return user;
  }
  return undefined;
}

export function splitTelegram(body: Buffer): SplitEvent[] {
  let update: Obj | undefined;
  try {
    update = obj(JSON.parse(body.toString('utf8')));
  } catch {
    throw new WebhookBodyError('telegram: body is not JSON');
  }
  if (!update) throw new WebhookBodyError('telegram: no update_id');
  return [eventOfUpdate(update)];
}

/** One Update as a stored event, from a webhook or from `getUpdates`: keyed by `update_id`, ordered by its chat. */
export function eventOfUpdate(update: Obj): SplitEvent {
  const updateId = id(update.update_id);
  if (!updateId) throw new WebhookBodyError('telegram: no update_id');
  return { dedupeKey: `update:${updateId}`, orderingKey: chatIdOf(update) ?? `update:${updateId}`, payload: update };
}

type MessageEvent = Extract<NormalizedEvent, { type: 'message' }>;

const ignored = (reason: string): NormalizedEvent[] => [{ type: 'ignored', reason }];

/**
 * One Update → events. `receivedAt` dates a `callback_query`, which carries no date of its own (pass the raw
 * event's received time so replays give the same answer).
 */
export function normalizeTelegram(payload: unknown, receivedAt: Date = new Date()): NormalizedEvent[] {
  const update = obj(payload);
  if (!update) return ignored('telegram: not an object');
  const message = obj(update.message);
  if (message) return normalizeMessage(message);
  if (update.edited_message !== undefined || update.edited_business_message !== undefined) return ignored('telegram: edited message');
  if (update.channel_post !== undefined || update.edited_channel_post !== undefined) return ignored('telegram: channel post');
  // Business-account chats mix the customer's and the owner's messages; not supported yet.
  if (update.business_message !== undefined) return ignored('telegram: business_message');
  const callback = obj(update.callback_query);
  if (callback) return normalizeCallback(callback, receivedAt);
  const member = obj(update.my_chat_member);
  if (member) return normalizeMembership(member);
  const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
  return ignored(`telegram: ${kind}`);
}

function senderOf(user: Obj | undefined, chat: Obj): Sender {
  const first = str(user?.first_name) ?? str(chat.first_name);
  const last = str(user?.last_name) ?? str(chat.last_name);
  const name = [first, last].filter(Boolean).join(' ');
  const sender: Sender = { id: id(chat.id)! };
  if (name) sender.name = nfc(name)!;
  const username = str(user?.username) ?? str(chat.username);
  if (username) sender.secondaryId = username;
  const language = str(user?.language_code);
  if (language) sender.language = language;
  return sender;
}

function privateChat(message: Obj): { chat: Obj; chatId: string } | string {
  const chat = obj(message.chat);
  const chatId = id(chat?.id);
  if (!chat || !chatId) return 'telegram: message without chat';
  if (chat.type !== 'private') return `telegram: ${String(chat.type)} chat`;
  return { chat, chatId };
}

function normalizeMessage(message: Obj): NormalizedEvent[] {
  const where = privateChat(message);
  if (typeof where === 'string') return ignored(where);
  const { chat, chatId } = where;
  const messageId = id(message.message_id);
  const date = num(message.date);
  if (!messageId || date === undefined) return ignored('telegram: message without message_id/date');
  const from = obj(message.from);
  const sender = senderOf(from, chat);
  const text = nfc(str(message.text) ?? str(message.caption)) ?? '';
  const attachments = attachmentsOf(message);
  if (!text && attachments.length === 0) return ignored('telegram: message with no supported content');

  const event: MessageEvent = {
    type: 'message',
    externalId: `${chatId}:${messageId}`,
    from: sender,
    text,
    attachments,
    sentAt: new Date(date * 1000),
  };
  const replyTo = id(obj(message.reply_to_message)?.message_id);
  if (replyTo) event.replyToExternalId = `${chatId}:${replyTo}`;
  const events: NormalizedEvent[] = [event];

  // A contact card of the sender themself is their own phone number (the "share my phone" button).
  const contact = obj(message.contact);
  const phone = str(contact?.phone_number);
  if (contact && phone && id(contact.user_id) !== undefined && id(contact.user_id) === id(from?.id)) {
    const name = [str(contact.first_name), str(contact.last_name)].filter(Boolean).join(' ');
    events.push({ type: 'profile', userId: chatId, phone, ...(name ? { name: nfc(name)! } : {}) });
  }
  return events;
}

/** Files come as `file_id`s, fetched later through `getFile`. */
function attachmentsOf(m: Obj): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  const file = (kind: InboundAttachment['kind'], f: Obj | undefined, extra: Partial<InboundAttachment> = {}) => {
    const fileId = str(f?.file_id);
    if (!f || !fileId) return;
    const a: InboundAttachment = { kind, fileId, ...extra };
    const name = str(f.file_name);
    if (name) a.name = nfc(name)!;
    const size = num(f.file_size);
    if (size !== undefined) a.size = size;
    const mime = str(f.mime_type);
    if (mime) a.mimeType = mime;
    out.push(a);
  };

  if (Array.isArray(m.photo) && m.photo.length > 0) {
    const sizes = m.photo.map(obj).filter((p): p is Obj => p !== undefined);
    const largest = sizes.reduce((best, p) => ((num(p.width) ?? 0) * (num(p.height) ?? 0) >= (num(best.width) ?? 0) * (num(best.height) ?? 0) ? p : best), sizes[0]!);
    // Telegram re-encodes photos as JPEG.
    file('image', largest, { mimeType: 'image/jpeg' });
  }
  // An animation (GIF/MP4) also arrives as `document`; keep one attachment.
  if (m.animation !== undefined && m.document === undefined) file('video', obj(m.animation));
  file('file', obj(m.document));
  file('video', obj(m.video));
  file('video', obj(m.video_note));
  const audio = obj(m.audio);
  file('audio', audio, str(audio?.title) ? { title: nfc(str(audio?.title))! } : {});
  file('audio', obj(m.voice));
  const sticker = obj(m.sticker);
  file('sticker', sticker, str(sticker?.emoji) ? { title: str(sticker?.emoji)! } : {});

  const venue = obj(m.venue);
  const location = obj(venue?.location) ?? obj(m.location);
  const lat = num(location?.latitude);
  const lon = num(location?.longitude);
  if (lat !== undefined && lon !== undefined) {
    const place: InboundAttachment = { kind: 'location', latitude: lat, longitude: lon };
    const title = str(venue?.title);
    if (title) place.title = nfc(title)!;
    out.push(place);
  }

  const contact = obj(m.contact);
  const phone = str(contact?.phone_number);
  if (contact && phone) {
    const name = [str(contact.first_name), str(contact.last_name)].filter(Boolean).join(' ');
    out.push({ kind: 'contact', phone, ...(name ? { title: nfc(name)! } : {}) });
  }
  return out;
}

/** An inline-keyboard button press: its `data` becomes the customer's message. */
function normalizeCallback(cb: Obj, receivedAt: Date): NormalizedEvent[] {
  const cbId = str(cb.id);
  const data = str(cb.data);
  const from = obj(cb.from);
  const userId = id(from?.id);
  if (!cbId || !data || !from || !userId) return ignored('telegram: callback_query without data');
  const message = obj(cb.message);
  let chat: Obj = { id: userId, type: 'private' };
  if (message) {
    const where = privateChat(message);
    if (typeof where === 'string') return ignored(where);
    chat = where.chat;
  }
  const event: MessageEvent = {
    type: 'message',
    externalId: `callback:${cbId}`,
    from: senderOf(from, chat),
    text: nfc(data)!,
    attachments: [],
    sentAt: receivedAt,
  };
  const pressedOn = id(message?.message_id);
  if (pressedOn) event.replyToExternalId = `${id(chat.id)}:${pressedOn}`;
  return [event];
}

/** The customer blocked (`kicked`) or restarted (`member`) the bot. */
function normalizeMembership(m: Obj): NormalizedEvent[] {
  const chat = obj(m.chat);
  const chatId = id(chat?.id);
  if (!chat || !chatId) return ignored('telegram: my_chat_member without chat');
  if (chat.type !== 'private') return ignored(`telegram: my_chat_member in a ${String(chat.type)} chat`);
  const status = obj(m.new_chat_member)?.status;
  if (status === 'kicked') return [{ type: 'follow', userId: chatId, following: false }];
  if (status === 'member') return [{ type: 'follow', userId: chatId, following: true, profile: senderOf(obj(m.from), chat) }];
  return ignored(`telegram: my_chat_member ${String(status)}`);
}
