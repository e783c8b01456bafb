/**
 * Viber REST Bot API callbacks (channels.md §5): hex HMAC-SHA256 of the raw body keyed with the auth token, the
 * `webhook` ping, and the events. `message_token` is a 64-bit integer sent as a bare JSON number, so bodies are read
 * with `parseViberJson`, never `JSON.parse`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isInteger, isSafeNumber, parse } from 'lossless-json';
import type { HandshakeReply, InboundAttachment, NormalizedEvent, RawWebhook, Sender, SplitEvent, VerifyResult } from '../messaging/types.ts';

export interface ViberCredentials {
  authToken: string;
  /** Shown as the sender of every message; Viber allows 28 characters. */
  senderName: string;
  senderAvatar?: string;
}

/** The body is not a Viber callback: answer 400 and store nothing. */
export class WebhookBodyError extends Error {
  override name = 'WebhookBodyError';
}

export const SIGNATURE_HEADER = 'x-viber-content-signature';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks `X-Viber-Content-Signature` only. Some setups also see the signature as a `sig` query parameter; it is
 * ignored on purpose, so the one accepted place is the header.
 */
export function verifyViber(req: RawWebhook, creds: Pick<ViberCredentials, 'authToken'>): VerifyResult {
  const given = req.headers[SIGNATURE_HEADER]?.trim();
  if (!given || !creds.authToken || !HEX_SHA256.test(given)) return { ok: false, status: 401 };
  const expected = createHmac('sha256', creds.authToken).update(req.body).digest();
  const got = Buffer.from(given, 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected) ? { ok: true } : { ok: false, status: 401 };
}

/**
 * Replay check on the signed body's `timestamp` (epoch ms). The signature has no time of its own, so a captured
 * request stays valid forever without this. Viber's own retries keep the original timestamp (unverified): keep the
 * window wider than its retry horizon.
 */
export function viberReplayWindowOk(timestampMs: number | string, now: Date, maxSkewMs = 10 * 60 * 1000): boolean {
  const ts = typeof timestampMs === 'string' ? (/^\d+$/.test(timestampMs) ? Number(timestampMs) : NaN) : timestampMs;
  return Number.isFinite(ts) && Math.abs(now.getTime() - ts) <= maxSkewMs;
}

/** JSON → value; integers beyond 2^53 come back as their exact decimal strings, everything else as `JSON.parse` gives. */
export function parseViberJson(text: string): unknown {
  return parse(text, null, {
    parseNumber: (value) => (isInteger(value) && !isSafeNumber(value) ? value : Number(value)),
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** Tokens and timestamps: a number, or a big integer already kept as a string. */
const idOf = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && v !== '' ? v : undefined);
const nfc = (s: string | undefined) => s?.normalize('NFC');

function parseBody(body: Buffer): Obj {
  let value: unknown;
  try {
    value = parseViberJson(body.toString('utf8'));
  } catch {
    throw new WebhookBodyError('viber: body is not JSON');
  }
  const o = obj(value);
  if (!o || !str(o.event)) throw new WebhookBodyError('viber: no event');
  return o;
}

/** Called after `verifyViber`: the `webhook` ping that `set_webhook` triggers is answered, not stored. */
export function handshakeViber(req: RawWebhook): HandshakeReply | null {
  try {
    return parseBody(req.body).event === 'webhook' ? { status: 200, contentType: 'application/json', body: '{}' } : null;
  } catch {
    return null;
  }
}

/** The user an event is about. */
function userIdOf(e: Obj): string | undefined {
  return str(obj(e.sender)?.id) ?? str(obj(e.user)?.id) ?? str(e.user_id);
}

export function splitViber(body: Buffer): SplitEvent[] {
  const e = parseBody(body);
  const event = e.event as string;
  const token = idOf(e.message_token);
  const ts = idOf(e.timestamp) ?? '';
  const user = userIdOf(e) ?? '';
  let dedupeKey: string;
  switch (event) {
    case 'message':
      dedupeKey = token ? `msg:${token}` : `msg:${user}:${ts}`;
      break;
    case 'delivered':
    case 'seen':
    case 'failed':
      dedupeKey = `${event}:${token ?? ts}:${user}`;
      break;
    case 'subscribed':
    case 'unsubscribed':
      dedupeKey = `${event}:${user}:${ts}`;
      break;
    case 'conversation_started':
      dedupeKey = `conversation_started:${user}:${token ?? ts}`;
      break;
    default:
      dedupeKey = `${event}:${token ?? ts}${user ? `:${user}` : ''}`;
  }
  return [{ dedupeKey, orderingKey: user || event, payload: e }];
}

function senderOf(u: Obj | undefined): Sender | undefined {
  const id = str(u?.id);
  if (!u || !id) return undefined;
  const sender: Sender = { id };
  const name = nfc(str(u.name));
  if (name) sender.name = name;
  const avatar = str(u.avatar);
  if (avatar) sender.avatarUrl = avatar;
  const language = str(u.language);
  if (language) sender.language = language;
  return sender;
}

const ignored = (reason: string): NormalizedEvent[] => [{ type: 'ignored', reason }];

export function normalizeViber(payload: unknown): NormalizedEvent[] {
  const e = obj(payload);
  if (!e) return ignored('viber: not an object');
  const event = str(e.event) ?? '';
  const token = idOf(e.message_token);
  const userId = str(e.user_id);
  switch (event) {
    case 'message':
      return normalizeMessage(e);
    case 'subscribed': {
      const profile = senderOf(obj(e.user));
      return profile ? [{ type: 'follow', userId: profile.id, following: true, profile }] : ignored('viber: subscribed without user');
    }
    case 'unsubscribed':
      return userId ? [{ type: 'follow', userId, following: false }] : ignored('viber: unsubscribed without user_id');
    case 'conversation_started': {
      const from = senderOf(obj(e.user));
      return from ? [{ type: 'opened', from }] : ignored('viber: conversation_started without user');
    }
    case 'delivered':
    case 'seen':
      if (!userId || !token) return ignored(`viber: ${event} without user_id/message_token`);
      return [{ type: event === 'seen' ? 'read' : 'delivered', userId, externalIds: [token] }];
    case 'failed':
      if (!userId || !token) return ignored('viber: failed without user_id/message_token');
      return [{ type: 'failed', userId, externalIds: [token], reason: str(e.desc) ?? 'failed' }];
    case 'webhook':
      return ignored('viber: webhook ping');
    default:
      return ignored(`viber: ${event || 'unknown'} event`);
  }
}

function normalizeMessage(e: Obj): NormalizedEvent[] {
  const from = senderOf(obj(e.sender));
  const token = idOf(e.message_token);
  const ts = num(e.timestamp);
  const m = obj(e.message);
  if (!from || !token || ts === undefined || !m) return ignored('viber: message without sender/message_token/timestamp');
  const type = str(m.type);
  const attachments: InboundAttachment[] = [];
  const media = str(m.media);
  const withFile = (kind: InboundAttachment['kind']) => {
    if (!media) return;
    const a: InboundAttachment = { kind, url: media };
    const name = nfc(str(m.file_name));
    if (name) a.name = name;
    const size = num(m.size);
    if (size !== undefined) a.size = size;
    attachments.push(a);
  };
  switch (type) {
    case 'text':
      break;
    case 'picture':
      withFile('image');
      break;
    case 'video':
      withFile('video');
      break;
    case 'file':
      withFile('file');
      break;
    case 'url':
      if (media) attachments.push({ kind: 'link', url: media });
      break;
    case 'sticker': {
      const sticker: InboundAttachment = { kind: 'sticker' };
      const id = idOf(m.sticker_id);
      if (id) sticker.fileId = id;
      if (media) sticker.url = media;
      attachments.push(sticker);
      break;
    }
    case 'location': {
      const loc = obj(m.location);
      const lat = num(loc?.lat);
      const lon = num(loc?.lon);
      if (lat !== undefined && lon !== undefined) {
        const place: InboundAttachment = { kind: 'location', latitude: lat, longitude: lon };
        const address = nfc(str(loc?.address));
        if (address) place.title = address;
        attachments.push(place);
      }
      break;
    }
    case 'contact': {
      // A shared card: Viber does not say whether it is the sender's own number, so no `profile` event.
      const card = obj(m.contact);
      const phone = str(card?.phone_number);
      if (phone) {
        const name = nfc(str(card?.name));
        attachments.push({ kind: 'contact', phone, ...(name ? { title: name } : {}) });
      }
      break;
    }
    default:
      return ignored(`viber: ${type ?? 'untyped'} message`);
  }
  const text = nfc(str(m.text)) ?? '';
  if (!text && attachments.length === 0) return ignored(`viber: empty ${type} message`);
  return [{ type: 'message', externalId: token, from, text, attachments, sentAt: new Date(ts) }];
}
