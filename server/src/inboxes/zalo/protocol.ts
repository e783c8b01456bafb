/**
 * Zalo Official Account webhooks (channels.md §1.1–§1.3): no GET handshake, a plain SHA-256 `mac` over
 * `app_id ‖ raw body ‖ timestamp ‖ OA secret key`, one event per POST, and payload shapes that differ by event
 * family (user → OA, OA → user echoes, follow/unfollow without sender/recipient, receipts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type {
  HandshakeReply,
  InboundAttachment,
  NormalizedEvent,
  RawWebhook,
  Sender,
  SplitEvent,
  VerifyResult,
} from '../messaging/types.ts';

export interface ZaloCredentials {
  appId: string;
  appSecret: string;
  /** The OA Secret Key from the app's webhook settings (signs webhooks); not the App Secret (OAuth). */
  oaSecretKey: string;
  oaId: string;
  accessToken: string;
  refreshToken: string;
}

export class WebhookBodyError extends Error {
  override name = 'WebhookBodyError';
}

export const ZALO_SIGNATURE_HEADER = 'x-zevent-signature';
const MAC = /^mac=([0-9a-fA-F]{64})$/;

const USER_MESSAGE_KINDS = ['text', 'image', 'gif', 'sticker', 'file', 'audio', 'video', 'link', 'location', 'business_card'];
const RECEIPTS = new Set(['user_received_message', 'user_seen_message']);

/** Zalo has no `hub.challenge`: any GET (a browser, Zalo's URL check) just gets 200. */
export function handshakeZalo(req: RawWebhook): HandshakeReply | null {
  if (req.method !== 'GET') return null;
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
}

/** ZNS delivery callbacks carry the literal header `X-ZEvent-Signature: ZNS` and go down a separate route. */
export function isZnsCallback(req: RawWebhook): boolean {
  return req.headers[ZALO_SIGNATURE_HEADER]?.trim() === 'ZNS';
}

/** JSON.parse that keeps integers beyond 2^53 as their exact decimal string (§0.1 item 5). */
export function parseZaloJson(text: string): unknown {
  return parseLossless(text, null, (n) => (isSafeNumber(n) ? Number(n) : n));
}

/** `mac = hex(SHA256(app_id ‖ raw_body ‖ timestamp ‖ oa_secret_key))`, app_id and timestamp read from the body. */
export function zaloMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId, 'utf8').update(rawBody).update(timestamp, 'utf8').update(oaSecretKey, 'utf8').digest('hex');
}

/**
 * 401 for a missing, malformed or forged signature, a `ZNS` header (not ours to verify here), a body that is not
 * a JSON object with `app_id` and `timestamp`, or an `app_id` other than ours. It does not check the timestamp's
 * age: see `zaloReplayWindowOk`.
 */
export function verifyZalo(req: RawWebhook, creds: Pick<ZaloCredentials, 'appId' | 'oaSecretKey'>): VerifyResult {
  const denied: VerifyResult = { ok: false, status: 401 };
  const match = MAC.exec(req.headers[ZALO_SIGNATURE_HEADER]?.trim() ?? '');
  if (!match || !creds.oaSecretKey || !creds.appId) return denied;
  let body: unknown;
  try {
    body = parseZaloJson(req.body.toString('utf8'));
  } catch {
    return denied;
  }
  if (!isRecord(body)) return denied;
  const appId = scalar(body.app_id);
  const timestamp = scalar(body.timestamp);
  if (appId === undefined || timestamp === undefined || appId !== creds.appId) return denied;
  const expected = Buffer.from(zaloMac(appId, req.body, timestamp, creds.oaSecretKey), 'hex');
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : denied;
}

/**
 * The timestamp is inside the signed body, so an old signed request replayed later still verifies; this bounds
 * its age (and a clock far ahead). Zalo itself retries failed deliveries for up to ~2 h with the original
 * timestamp (unverified), so the pipeline should only reach this check for deliveries it has not stored yet, and
 * answer a stale one with 200 rather than 401 to avoid the webhook being disabled.
 */
export function zaloReplayWindowOk(timestampMs: string, now: Date, maxSkewMs = 10 * 60 * 1000): boolean {
  if (!/^\d{1,16}$/.test(timestampMs)) return false;
  return Math.abs(now.getTime() - Number(timestampMs)) <= maxSkewMs;
}

/**
 * One POST is one event. The optional `oaId` settles which side of a receipt is the customer (public sources
 * disagree on whether receipts keep the user as `sender` or flip it like echoes); without it, `recipient`.
 */
export function splitZalo(body: Buffer, oaId?: string): SplitEvent[] {
  let payload: unknown;
  try {
    payload = parseZaloJson(body.toString('utf8'));
  } catch (err) {
    throw new WebhookBodyError(`Zalo webhook body is not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(payload)) throw new WebhookBodyError('Zalo webhook body is not a JSON object');
  const event = str(payload.event_name) ?? '';
  const timestamp = scalar(payload.timestamp) ?? '';
  const message = isRecord(payload.message) ? payload.message : {};
  const msgId = str(message.msg_id);
  const user = userOf(payload, oaId) ?? str(payload.app_id) ?? 'zalo';

  let dedupeKey: string;
  if (/^(user|oa|anonymous)_send_/.test(event) && msgId) {
    dedupeKey = `msg:${msgId}`;
  } else if (event === 'follow' || event === 'unfollow') {
    dedupeKey = `follow:${user}:${event}:${timestamp}`;
  } else if (RECEIPTS.has(event)) {
    const ids = receiptIds(message);
    dedupeKey = `${event}:${ids ? ids.join(',') : timestamp}:${user}`;
  } else {
    dedupeKey = `${event}:${timestamp}:${createHash('sha1').update(body).digest('hex')}`;
  }
  return [{ dedupeKey, orderingKey: user, payload }];
}

/** Cut one event into CareLoop's shapes. Events for another OA (one app can serve several) are ignored. */
export function normalizeZalo(payload: unknown, creds: Pick<ZaloCredentials, 'oaId'>): NormalizedEvent[] {
  if (!isRecord(payload)) return [{ type: 'ignored', reason: 'not an object' }];
  const event = str(payload.event_name) ?? '';
  if (/^(user|oa)_send_group_/.test(event)) return [{ type: 'ignored', reason: 'group chat' }];
  if (/^(anonymous_send_|oa_send_anonymous_)/.test(event)) return [{ type: 'ignored', reason: 'anonymous chat' }];
  const oa = oaOf(payload);
  if (creds.oaId && oa && oa !== creds.oaId) return [{ type: 'ignored', reason: `event for another OA (${oa})` }];
  const message = isRecord(payload.message) ? payload.message : {};
  const sentAt = dateOf(payload.timestamp);
  const sender = idOf(payload.sender);
  const recipient = idOf(payload.recipient);
  const secondaryId = str(payload.user_id_by_app);


  if (event.startsWith('user_send_') && USER_MESSAGE_KINDS.includes(event.slice('user_send_'.length))) {
    const msgId = str(message.msg_id);
    if (!msgId || !sender || !sentAt) return [{ type: 'ignored', reason: `malformed ${event}` }];
    const from: Sender = { id: sender };
    if (secondaryId) from.secondaryId = secondaryId;
    const quote = str(message.quote_msg_id);
    return [{
      type: 'message',
      externalId: msgId,
      from,
      text: str(message.text) ?? '',
      attachments: attachmentsOf(message, event.slice('user_send_'.length)),
      ...(quote ? { replyToExternalId: quote } : {}),
      sentAt,
    }];
  }

  if (event.startsWith('oa_send_')) {
    const msgId = str(message.msg_id);
    if (!msgId || !recipient || !sentAt) return [{ type: 'ignored', reason: `malformed ${event}` }];
    return [{
      type: 'echo',
      externalId: msgId,
      to: recipient,
      text: str(message.text) ?? '',
      attachments: attachmentsOf(message, event.slice('oa_send_'.length)),
      sentAt,
    }];
  }

  if (event === 'follow' || event === 'unfollow') {
    const userId = idOf(payload.follower);
    if (!userId) return [{ type: 'ignored', reason: `malformed ${event}` }];
    const profile: Sender = { id: userId };
    if (secondaryId) profile.secondaryId = secondaryId;
    return [{ type: 'follow', userId, following: event === 'follow', profile }];
  }

  if (RECEIPTS.has(event)) {
    const userId = userOf(payload, creds.oaId || undefined);
    if (!userId) return [{ type: 'ignored', reason: `malformed ${event}` }];
    const ids = receiptIds(message);
    const type = event === 'user_seen_message' ? 'read' : 'delivered';
    if (ids) return [{ type, userId, externalIds: ids }];
    return [sentAt ? { type, userId, watermark: sentAt } : { type, userId }];
  }

  if (event === 'user_submit_info') return [submittedInfo(payload, sender)];

  return [{ type: 'ignored', reason: event ? `unhandled event ${event}` : 'no event_name' }];
}

/**
 * `user_submit_info`: the customer filled the OA's "request user info" form. Field names are unverified (public
 * sources show `info.{name,phone,address,ward,district,city}`), so common spellings are accepted; the name is what
 * the customer typed, not a verified identity.
 */
function submittedInfo(payload: Record<string, unknown>, userId: string | undefined): NormalizedEvent {
  if (!userId) return { type: 'ignored', reason: 'malformed user_submit_info' };
  const message = isRecord(payload.message) ? payload.message : {};
  const info = [payload.info, message.info, payload.user_info].find(isRecord) ?? {};
  const pick = (...keys: string[]) => keys.map((k) => str(info[k])?.trim()).find((v) => v);
  const name = pick('name', 'full_name', 'fullname', 'display_name');
  const phone = pick('phone', 'phone_number', 'phoneNumber', 'mobile');
  const email = pick('email');
  const address = [pick('address', 'street'), pick('ward'), pick('district'), pick('city', 'province')].filter(Boolean).join(', ');
  return {
    type: 'profile',
    userId,
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(address ? { address } : {}),
  };
}

function attachmentsOf(message: Record<string, unknown>, kind: string): InboundAttachment[] {
  const list = Array.isArray(message.attachments) ? message.attachments.filter(isRecord) : [];
  // A business card arrives as a `link`-typed attachment in some captures: the event name wins.
  const typeOf = (a: Record<string, unknown>) => (kind === 'business_card' ? kind : str(a.type) ?? kind);
  const out = list.map((a) => attachment(typeOf(a), isRecord(a.payload) ? a.payload : {}));
  // Some captures put a location straight on the message (`message.location`) instead of in attachments.
  if (out.length === 0 && isRecord(message.location)) out.push(attachment('location', { coordinates: message.location }));
  return out.filter((a): a is InboundAttachment => a !== null);
}

function attachment(type: string, p: Record<string, unknown>): InboundAttachment | null {
  const url = str(p.url);
  const base = url ? { url } : {};
  switch (type) {
    case 'image':
      return { kind: 'image', ...base };
    case 'gif':
      return { kind: 'image', mimeType: 'image/gif', ...base };
    case 'sticker':
      return { kind: 'sticker', ...base };
    case 'audio':
    case 'voice':
      return { kind: 'audio', ...base };
    case 'video':
      return { kind: 'video', ...base };
    case 'file': {
      const name = str(p.name);
      const size = num(p.size);
      return { kind: 'file', ...base, ...(name ? { name } : {}), ...(size !== undefined ? { size } : {}) };
    }
    case 'link': {
      const title = str(p.title);
      return { kind: 'link', ...base, ...(title ? { title } : {}) };
    }
    case 'location': {
      const c = isRecord(p.coordinates) ? p.coordinates : p;
      const latitude = num(c.latitude ?? c.lat);
      const longitude = num(c.longitude ?? c.long ?? c.lng);
      if (latitude === undefined || longitude === undefined) return null;
      return { kind: 'location', latitude, longitude };
    }
    case 'business_card':
    case 'contact': {
      // Shape unverified: a title (the contact's name) and the phone either bare or inside a JSON `description`.
      const title = str(p.title) ?? str(p.name);
      const phone = str(p.phone) ?? phoneInDescription(p.description);
      return { kind: 'contact', ...base, ...(title ? { title } : {}), ...(phone ? { phone } : {}) };
    }
    default:
      return url ? { kind: 'file', url } : null;
  }
}

function phoneInDescription(description: unknown): string | undefined {
  const text = str(description);
  if (!text?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return isRecord(parsed) ? str(parsed.phone) : undefined;
  } catch {
    return undefined;
  }
}

function receiptIds(message: Record<string, unknown>): string[] | undefined {
  const ids = Array.isArray(message.msg_ids) ? message.msg_ids.map(scalar).filter((v): v is string => !!v) : [];
  const single = str(message.msg_id);
  if (single && !ids.includes(single)) ids.push(single);
  return ids.length > 0 ? [...new Set(ids)] : undefined;
}

/** The customer's id: sender for user_*, recipient for oa_send_*, follower for follow/unfollow. */
function userOf(p: Record<string, unknown>, oaId: string | undefined): string | undefined {
  const event = str(p.event_name) ?? '';
  const sender = idOf(p.sender);
  const recipient = idOf(p.recipient);
  if (event === 'follow' || event === 'unfollow') return idOf(p.follower);
  if (RECEIPTS.has(event)) {
    if (oaId && sender && recipient) return sender === oaId ? recipient : sender;
    return recipient ?? sender;
  }
  if (event.startsWith('oa_send_')) return recipient;
  return sender ?? idOf(p.follower) ?? recipient;
}

function oaOf(p: Record<string, unknown>): string | undefined {
  const event = str(p.event_name) ?? '';
  if (event === 'follow' || event === 'unfollow') return str(p.oa_id);
  if (event.startsWith('oa_send_')) return idOf(p.sender);
  if (event.startsWith('user_send_') || event === 'user_submit_info') return idOf(p.recipient);
  return str(p.oa_id);
}

function dateOf(value: unknown): Date | undefined {
  const ms = num(value);
  return ms === undefined ? undefined : new Date(ms);
}

function idOf(v: unknown): string | undefined {
  return isRecord(v) ? scalar(v.id) : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Ids and timestamps are strings on the wire; tolerate a bare number (big ones already strings). */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return str(v);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
