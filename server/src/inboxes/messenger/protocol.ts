/**
 * Meta webhooks (channels.md §2.1–§2.6, §3): Messenger DMs, Page feed comments and Instagram DMs/comments.
 * A GET `hub.challenge` handshake, `X-Hub-Signature-256` over the raw bytes (Meta escapes non-ASCII as
 * `\uXXXX`, so a re-serialised body never matches), and batched bodies: several `entry[]`, each with several
 * `messaging[]` / `standby[]` / `changes[]` items, every item becoming one SplitEvent.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type {
  AttachmentKind,
  HandshakeReply,
  InboundAttachment,
  NormalizedEvent,
  RawWebhook,
  SplitEvent,
  VerifyResult,
} from '../messaging/types.ts';

/** For Instagram, `pageId` holds the IG professional account id. */
export interface MetaCredentials {
  appId: string;
  appSecret: string;
  verifyToken: string;
  pageId: string;
  accessToken: string;
}

export class WebhookBodyError extends Error {
  override name = 'WebhookBodyError';
}

export type MetaObject = 'page' | 'instagram';

/** What `splitMeta` stores per event and `normalizeMeta` reads back. */
export interface MetaEventPayload {
  object: MetaObject;
  entryId: string;
  /** `entry[].time` as sent (ms for messaging, seconds in feed examples). */
  entryTime?: number;
  /** `standby` = the event belongs to another app's thread under the handover protocol. */
  source: 'messaging' | 'standby' | 'changes';
  item: Record<string, unknown>;
}

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const HOUR_MS = 3_600_000;
const COMMENT_VERBS = new Set(['add', 'edited', 'remove', 'hide', 'unhide']);

/** §2.1: 200 with the raw challenge when mode and token match; 403 otherwise; null for POST. */
export function handshakeMeta(req: RawWebhook, creds: Pick<MetaCredentials, 'verifyToken'>): HandshakeReply | null {
  if (req.method !== 'GET') return null;
  const challenge = req.query['hub.challenge'];
  const ok = req.query['hub.mode'] === 'subscribe' && challenge !== undefined && sameSecret(req.query['hub.verify_token'], creds.verifyToken);
  return ok ? { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge } : { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Forbidden' };
}

/** §2.2: `sha256=<hex HMAC-SHA256(app secret, raw body)>`. An empty app secret never verifies. */
export function verifyMeta(req: RawWebhook, creds: Pick<MetaCredentials, 'appSecret'>): VerifyResult {
  const denied: VerifyResult = { ok: false, status: 401 };
  const match = SIGNATURE.exec(req.headers[META_SIGNATURE_HEADER]?.trim() ?? '');
  if (!match || !creds.appSecret) return denied;
  const expected = createHmac('sha256', creds.appSecret).update(req.body).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : denied;
}

export function splitMeta(body: Buffer): SplitEvent[] {
  let parsed: unknown;
  try {
    parsed = parseLossless(body.toString('utf8'), null, (n) => (isSafeNumber(n) ? Number(n) : n));
  } catch (err) {
    throw new WebhookBodyError(`Webhook body is not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(parsed)) throw new WebhookBodyError('Webhook body is not a JSON object');
  const object = parsed.object;
  if (object !== 'page' && object !== 'instagram') throw new WebhookBodyError(`Unknown webhook object: ${String(object)}`);
  if (!Array.isArray(parsed.entry)) throw new WebhookBodyError('Webhook body has no entry[] array');
  const events: SplitEvent[] = [];
  for (const entry of parsed.entry) {
    if (!isRecord(entry)) continue;
    const entryId = str(entry.id) ?? '';
    const entryTime = typeof entry.time === 'number' ? entry.time : undefined;
    for (const source of ['messaging', 'standby', 'changes'] as const) {
      const items = entry[source];
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (!isRecord(item)) continue;
        const payload: MetaEventPayload = { object, entryId, ...(entryTime !== undefined ? { entryTime } : {}), source, item };
        events.push(source === 'changes' ? splitChange(payload) : splitMessaging(payload));
      }
    }
  }
  return events;
}

function splitMessaging(p: MetaEventPayload): SplitEvent {
  const it = p.item;
  const customer = customerId(p);
  const ts = str(it.timestamp) ?? '';
  const message = rec(it.message);
  const kind = messagingKind(it);
  let dedupeKey: string;
  if (kind === 'message' && str(message.mid)) dedupeKey = `m:${str(message.mid)}`;
  else if (kind === 'delivery') dedupeKey = `delivery:${str(rec(it.delivery).watermark) ?? (arr(rec(it.delivery).mids).map(str).join(',') || ts)}:${customer}`;
  // Instagram read receipts carry `mid` instead of a watermark.
  else if (kind === 'read') dedupeKey = `read:${str(rec(it.read).watermark) ?? str(rec(it.read).mid) ?? ts}:${customer}`;
  else if (kind === 'reaction') {
    const r = rec(it.reaction);
    dedupeKey = `reaction:${customer}:${str(r.mid) ?? ''}:${str(r.action) ?? ''}:${str(r.reaction) ?? str(r.emoji) ?? ''}:${ts}`;
  } else if (kind === 'postback') dedupeKey = postbackId(it);
  else dedupeKey = `${kind}:${customer}:${ts}:${digest(it)}`;
  return { dedupeKey, orderingKey: customer, payload: p };
}

function splitChange(p: MetaEventPayload): SplitEvent {
  const field = str(p.item.field) ?? '';
  const value = rec(p.item.value);
  const fromId = str(rec(value.from).id) ?? '';
  if (isComment(p)) {
    const id = commentId(p);
    const verb = str(value.verb) ?? 'add';
    // The value's hash tells two edits apart even if Meta repeats the original created_time.
    const at = str(value.created_time);
    return { dedupeKey: `comment:${id}:${verb}:${at ? `${at}:` : ''}${digest(value)}`, orderingKey: `${fromId}:${commentPostId(p)}`, payload: p };
  }
  return { dedupeKey: `change:${field}:${digest(value)}`, orderingKey: `${fromId}:${str(value.post_id) ?? ''}`, payload: p };
}

export function normalizeMeta(payload: unknown, creds: Pick<MetaCredentials, 'pageId'>): NormalizedEvent[] {
  if (!isRecord(payload) || !isRecord(payload.item) || (payload.object !== 'page' && payload.object !== 'instagram')) {
    return [{ type: 'ignored', reason: 'not a Meta webhook event' }];
  }
  const p = payload as unknown as MetaEventPayload;
  return [p.source === 'changes' ? normalizeChange(p, creds) : normalizeMessaging(p)];
}

function normalizeMessaging(p: MetaEventPayload): NormalizedEvent {
  const it = p.item;
  const sender = str(rec(it.sender).id) ?? '';
  const sentAt = toDate(it.timestamp, p.entryTime);
  switch (messagingKind(it)) {
    case 'message': {
      const m = rec(it.message);
      const mid = str(m.mid);
      if (!mid) return { type: 'ignored', reason: 'message without mid' };
      if (m.is_deleted === true) return { type: 'ignored', reason: 'message deleted' };
      if (m.is_unsupported === true) return { type: 'ignored', reason: 'unsupported message' };
      const text = nfc(m.text);
      const attachments = arr(m.attachments).map(attachment).filter((a): a is InboundAttachment => a !== null);
      if (m.is_echo === true) {
        const appId = str(m.app_id);
        return { type: 'echo', externalId: mid, to: str(rec(it.recipient).id) ?? '', text, attachments, ...(appId ? { appId } : {}), sentAt };
      }
      const replyTo = str(rec(m.reply_to).mid);
      return { type: 'message', externalId: mid, from: { id: sender }, text, attachments, ...(replyTo ? { replyToExternalId: replyTo } : {}), sentAt };
    }
    case 'delivery': {
      const d = rec(it.delivery);
      const mids = arr(d.mids).map(str).filter((s): s is string => !!s);
      return { type: 'delivered', userId: sender, ...(mids.length ? { externalIds: mids } : {}), ...(d.watermark !== undefined ? { watermark: toDate(d.watermark) } : {}) };
    }
    case 'read': {
      const r = rec(it.read);
      const mid = str(r.mid);
      return { type: 'read', userId: sender, ...(mid ? { externalIds: [mid] } : {}), ...(r.watermark !== undefined ? { watermark: toDate(r.watermark) } : {}) };
    }
    case 'postback': {
      const pb = rec(it.postback);
      return { type: 'message', externalId: postbackId(it), from: { id: sender }, text: nfc(pb.title ?? pb.payload), attachments: [], sentAt };
    }
    case 'reaction':
      return { type: 'ignored', reason: 'reaction' };
    default:
      return { type: 'ignored', reason: `messaging item: ${messagingKind(it)}` };
  }
}

function normalizeChange(p: MetaEventPayload, creds: Pick<MetaCredentials, 'pageId'>): NormalizedEvent {
  const field = str(p.item.field) ?? '';
  const value = rec(p.item.value);
  if (!isComment(p)) {
    return { type: 'ignored', reason: p.object === 'page' && field === 'feed' ? `feed item: ${str(value.item) ?? 'unknown'}` : `change field: ${field}` };
  }
  const from = rec(value.from);
  const fromId = str(from.id) ?? '';
  if (fromId && (fromId === creds.pageId || fromId === p.entryId)) return { type: 'ignored', reason: 'own comment' };
  const verb = str(value.verb) ?? 'add';
  if (!COMMENT_VERBS.has(verb)) return { type: 'ignored', reason: `comment verb: ${verb}` };
  const postId = commentPostId(p);
  const parent = str(value.parent_id);
  // Feed sends parent_id = post_id for top-level comments.
  const parentId = parent && parent !== postId ? parent : undefined;
  const name = (p.object === 'instagram' ? str(from.username) : str(from.name))?.normalize('NFC');
  return {
    type: 'comment',
    externalId: commentId(p),
    postId,
    ...(parentId ? { parentId } : {}),
    from: { id: fromId, ...(name ? { name } : {}), ...(p.object === 'instagram' && name ? { secondaryId: name } : {}) },
    text: nfc(p.object === 'instagram' ? value.text : value.message),
    verb: verb as 'add' | 'edited' | 'remove' | 'hide' | 'unhide',
    sentAt: toDate(value.created_time, p.entryTime),
  };
}

/** §2.5: the Send API's window rule for a human agent's reply. Automations must not use the HUMAN_AGENT branch. */
export function messagingWindow(lastCustomerMessageAt: Date | null, now: Date): { type: 'RESPONSE' } | { type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' } | { type: 'closed' } {
  if (!lastCustomerMessageAt) return { type: 'closed' };
  const elapsed = now.getTime() - lastCustomerMessageAt.getTime();
  if (elapsed <= 24 * HOUR_MS) return { type: 'RESPONSE' };
  if (elapsed <= 7 * 24 * HOUR_MS) return { type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return { type: 'closed' };
}

const PHONE_GROUPS = /\+?\d+(?:[ \t\u00a0.\-–()]{1,3}\d+)*/g;
const NATIONAL_PHONE = /^(?:0[35789]\d{8}|02\d{9})$/;
/** "09.12.2024" or "09-12-2024": a date, whatever digits follow it. */
const DATE = /\b\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d\d\b/;

/**
 * A Vietnamese mobile (0 + 9 digits) or landline (02 + 9 digits) number, national or +84/84/0084, written whole
 * or in groups split by spaces, dots, dashes or parentheses ("09 12.345.678", "+84 (0) 912 345 678").
 * Candidates are runs of whole digit groups, tried from every group, so a price written just before the number
 * ("150.000đ 0912345678") does not hide it, and a number is never cut out of a longer digit run. Dates and an
 * last group of one or two digits followed by `:`/`h` (an hour: "09 12 2024 10:30") are not numbers.
 * Returns the first such number as written, or null.
 */
export function findPhoneNumber(text: string): string | null {
  const normalized = text.normalize('NFKC');
  for (const run of normalized.matchAll(PHONE_GROUPS)) {
    const groups = [...run[0].matchAll(/\+?\d+/g)];
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length <= 13; j++) {
        digits += groups[j]![0].replace('+', '');
        if (!isVietnamesePhone(digits)) continue;
        const end = groups[j]!.index! + groups[j]![0].length;
        const candidate = run[0].slice(groups[i]!.index, end);
        const hour = groups[j]![0].length <= 2 && /^[:hH]/.test(normalized.slice(run.index! + end));
        if (!DATE.test(candidate) && !hour) return candidate;
      }
    }
  }
  return null;
}

export function containsPhoneNumber(text: string): boolean {
  return findPhoneNumber(text) !== null;
}

function isVietnamesePhone(digits: string): boolean {
  let national = digits;
  if (digits.startsWith('0084')) national = digits.slice(4);
  else if (digits.startsWith('84')) national = digits.slice(2);
  else return NATIONAL_PHONE.test(digits);
  return NATIONAL_PHONE.test(national.startsWith('0') ? national : `0${national}`);
}

function messagingKind(it: Record<string, unknown>): string {
  for (const k of ['message', 'delivery', 'read', 'reaction', 'postback', 'optin', 'referral', 'account_linking', 'policy_enforcement', 'pass_thread_control', 'take_thread_control', 'request_thread_control', 'app_roles']) {
    if (it[k] !== undefined) return k;
  }
  return 'unknown';
}

/** The customer's id: the sender, or the recipient of a message the business sent (echoes). */
function customerId(p: MetaEventPayload): string {
  const sender = str(rec(p.item.sender).id) ?? '';
  const recipient = str(rec(p.item.recipient).id) ?? '';
  return rec(p.item.message).is_echo === true || (sender !== '' && sender === p.entryId) ? recipient : sender;
}

/** Postbacks may lack a `mid` (older API versions): keyed by who, when and which button. */
function postbackId(it: Record<string, unknown>): string {
  return `postback:${str(rec(it.sender).id) ?? ''}:${str(it.timestamp) ?? ''}:${digest(rec(it.postback).payload ?? null)}`;
}

function isComment(p: MetaEventPayload): boolean {
  const field = str(p.item.field);
  if (p.object === 'instagram') return field === 'comments' || field === 'live_comments';
  return field === 'feed' && rec(p.item.value).item === 'comment';
}

function commentId(p: MetaEventPayload): string {
  const value = rec(p.item.value);
  return (p.object === 'instagram' ? str(value.id) : str(value.comment_id)) ?? '';
}

function commentPostId(p: MetaEventPayload): string {
  const value = rec(p.item.value);
  return (p.object === 'instagram' ? str(rec(value.media).id) : str(value.post_id)) ?? '';
}

const ATTACHMENT_KINDS: Record<string, AttachmentKind> = {
  image: 'image', video: 'video', audio: 'audio', file: 'file', reel: 'video', ig_reel: 'video',
  fallback: 'link', share: 'link', story_mention: 'link', template: 'link', location: 'location',
};

function attachment(raw: unknown): InboundAttachment | null {
  const a = rec(raw);
  const type = str(a.type) ?? '';
  const payload = rec(a.payload);
  const url = str(payload.url) ?? str(a.url);
  const title = str(payload.title) ?? str(a.title);
  // Messenger delivers stickers (the thumbs-up too) as images with a sticker_id.
  const kind: AttachmentKind | undefined = type === 'image' && payload.sticker_id !== undefined ? 'sticker' : ATTACHMENT_KINDS[type];
  if (!kind) return url ? { kind: 'link', url, ...(title ? { title } : {}) } : null;
  const coords = rec(payload.coordinates);
  return {
    kind,
    ...(url ? { url } : {}),
    ...(title ? { title } : {}),
    ...(typeof coords.lat === 'number' ? { latitude: coords.lat } : {}),
    ...(typeof coords.long === 'number' ? { longitude: coords.long } : {}),
  };
}

/** §0.2: epoch ms, except values below 1e12, which are seconds (feed `created_time`, feed `entry.time`). */
function toDate(value: unknown, fallback?: unknown): Date {
  for (const v of [value, fallback]) {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) return new Date(n < 1e12 ? n * 1000 : n);
  }
  return new Date();
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex').slice(0, 16);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const nfc = (v: unknown): string => (str(v) ?? '').normalize('NFC');
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
