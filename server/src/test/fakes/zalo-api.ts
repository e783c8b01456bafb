/**
 * A local fake of the Zalo OA Open API and OAuth v4 (channels.md §1.4–§1.9, §9 "Zalo OA") on one port, so the
 * same URL serves as both `ZALO_OPENAPI_BASE` and `ZALO_OAUTH_BASE`:
 *
 * - `POST /v3.0/oa/message/cs`, `POST /v2.0/oa/upload/{image,file}` (multipart field `file`),
 *   `GET /v3.0/oa/user/detail?data={"user_id":…}`, `GET /v2.0/oa/getoa`: the `access_token` header must be the
 *   current, unexpired token, else HTTP 200 `{ error: -216 }` as Zalo does. Sends must reference ids this fake
 *   issued on upload.
 * - `POST /v4/oa/access_token`: form body, `secret_key` header = App Secret. Refresh tokens are single-use: each
 *   refresh issues a new access and refresh token and retires both old ones. Authorization codes come from
 *   `issueCode` (single-use, PKCE S256 checked when a challenge was given). OAuth error codes are illustrative.
 *
 * Also the webhook side: payload builders and `signZaloWebhook`, which signs the exact body bytes as Zalo does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseZaloJson, zaloMac } from '../../inboxes/zalo/protocol.ts';

export interface FakeZaloApiOptions {
  appId: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  oaId?: string;
  oaName?: string;
}

export interface ZaloRec {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as node:http gives them. */
  headers: Record<string, string>;
  body: string;
}

export interface ZaloSent {
  recipient: { user_id: string };
  message: Record<string, unknown>;
  messageId: string;
}

export interface ZaloUpload {
  kind: 'image' | 'file';
  /** `attachment_id` (image) or `token` (file). */
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FakeZaloApi {
  url: string;
  requests: ZaloRec[];
  sent: ZaloSent[];
  uploads: ZaloUpload[];
  /** The currently valid pair, updated in place on every grant. */
  tokens: { accessToken: string; refreshToken: string };
  /** Answer the next Open API request (not OAuth) with this body, HTTP 200. Queued. */
  failNext(answer: { error: number; message: string }): void;
  /** Drop the next request's connection without an answer (a network error for the client). */
  dropNext(): void;
  /** The current access token now answers -216 until a refresh replaces it. */
  expireAccessToken(): void;
  /** A single-use authorization code, as the `/v4/oa/permission` redirect would carry. */
  issueCode(codeChallenge?: string): string;
  setProfile(userId: string, profile: { name: string; avatar?: string }): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

const ok = (data: unknown): Reply => ({ status: 200, body: { error: 0, message: 'Success', data } });
const zaloError = (error: number, message: string): Reply => ({ status: 200, body: { error, message } });
const oauthError = (error: number, name: string, description: string): Reply => ({
  status: 200,
  body: { error, error_name: name, error_reason: name, ref_doc: 'https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new', error_description: description },
});
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export async function startFakeZaloApi(opts: FakeZaloApiOptions): Promise<FakeZaloApi> {
  const oaId = opts.oaId ?? '3662729599332560487';
  const oaName = opts.oaName ?? 'Tiệm Áo Dài Cô Ba';
  const requests: ZaloRec[] = [];
  const sent: ZaloSent[] = [];
  const uploads: ZaloUpload[] = [];
  const tokens = { accessToken: opts.accessToken, refreshToken: opts.refreshToken };
  const failures: Array<{ error: number; message: string }> = [];
  const codes = new Map<string, string | undefined>();
  const profiles = new Map<string, { name: string; avatar?: string }>();
  let expired = false;
  let drops = 0;

  async function route(req: IncomingMessage, url: URL, raw: Buffer): Promise<Reply> {
    const path = url.pathname;
    if (path === '/v4/oa/access_token') return req.method === 'POST' ? grant(req, raw) : { status: 405, body: { error: -405, message: 'Method not allowed' } };
    const openApi = ['/v3.0/oa/message/cs', '/v2.0/oa/upload/image', '/v2.0/oa/upload/file', '/v3.0/oa/user/detail', '/v2.0/oa/getoa'];
    if (!openApi.includes(path)) return { status: 404, body: { error: 404, message: 'Not found' } };
    const failure = failures.shift();
    if (failure) return zaloError(failure.error, failure.message);
    if (req.headers.access_token !== tokens.accessToken || expired) return zaloError(-216, 'Access token is invalid');
    switch (path) {
      case '/v3.0/oa/message/cs':
        return req.method === 'POST' ? sendCs(raw) : zaloError(-201, 'Method is not supported');
      case '/v2.0/oa/upload/image':
      case '/v2.0/oa/upload/file':
        return req.method === 'POST' ? upload(path.endsWith('image') ? 'image' : 'file', req, raw) : zaloError(-201, 'Method is not supported');
      case '/v3.0/oa/user/detail':
        return userDetail(url.searchParams.get('data'));
      default:
        return ok({ oa_id: oaId, name: oaName, description: 'Áo dài may đo', is_verified: true, avatar: 'https://s160-ava-talk.zadn.vn/oa.jpg', cover: 'https://cover-talk.zadn.vn/oa.jpg' });
    }
  }

  function sendCs(raw: Buffer): Reply {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return zaloError(-201, 'Body is not valid JSON');
    }
    const b = body as { recipient?: { user_id?: unknown }; message?: Record<string, unknown> };
    const userId = b.recipient?.user_id;
    const message = b.message;
    if (typeof userId !== 'string' || !userId || !message || typeof message !== 'object') return zaloError(-201, 'Parameters are invalid');
    const text = message.text;
    const attachment = message.attachment as { type?: string; payload?: Record<string, unknown> } | undefined;
    if (attachment === undefined && (typeof text !== 'string' || text === '')) return zaloError(-201, 'Message text is empty');
    if (attachment !== undefined) {
      const problem = checkAttachment(attachment);
      if (problem) return zaloError(-201, problem);
    }
    if (message.quote_message_id !== undefined && typeof message.quote_message_id !== 'string') return zaloError(-201, 'quote_message_id is invalid');
    const messageId = randomBytes(16).toString('hex');
    sent.push({ recipient: { user_id: userId }, message, messageId });
    return ok({ message_id: messageId, user_id: userId });
  }

  function checkAttachment(a: { type?: string; payload?: Record<string, unknown> }): string | null {
    const issued = (kind: 'image' | 'file', id: unknown) => uploads.some((u) => u.kind === kind && u.id === id);
    if (a.type === 'file') return issued('file', a.payload?.token) ? null : 'File token is invalid';
    if (a.type === 'template' && a.payload?.template_type === 'media') {
      const elements = a.payload.elements as Array<Record<string, unknown>> | undefined;
      const el = elements?.[0];
      if (!el || el.media_type !== 'image') return 'Media template is invalid';
      if (typeof el.url === 'string') return null;
      return issued('image', el.attachment_id) ? null : 'attachment_id is invalid';
    }
    return 'Attachment type is not supported';
  }

  async function upload(kind: 'image' | 'file', req: IncomingMessage, raw: Buffer): Promise<Reply> {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) return zaloError(-201, 'Upload must be multipart/form-data');
    let file: ReturnType<FormData['get']>;
    try {
      file = (await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()).get('file');
    } catch {
      return zaloError(-201, 'Multipart body is invalid');
    }
    if (!file || typeof file === 'string') return zaloError(-201, 'File is empty');
    const data = Buffer.from(await file.arrayBuffer());
    if (data.length === 0) return zaloError(-201, 'File is empty');
    const id = kind === 'image' ? randomBytes(20).toString('base64url') : token('ft_');
    uploads.push({ kind, id, filename: file.name, contentType: file.type, data });
    return ok(kind === 'image' ? { attachment_id: id } : { token: id });
  }

  function userDetail(data: string | null): Reply {
    let userId: unknown;
    try {
      userId = (JSON.parse(data ?? '') as { user_id?: unknown }).user_id;
    } catch {
      return zaloError(-201, 'data is invalid');
    }
    if (typeof userId !== 'string' || !userId) return zaloError(-201, 'user_id is invalid');
    const p = profiles.get(userId) ?? { name: `Khách Zalo ${userId.slice(-4)}`, avatar: `https://s240-ava-talk.zadn.vn/${userId}.jpg` };
    return ok({
      user_id: userId,
      user_id_by_app: [...userId].reverse().join(''),
      display_name: p.name,
      user_alias: p.name,
      user_is_follower: true,
      avatar: p.avatar ?? '',
      avatars: { '120': p.avatar ?? '', '240': p.avatar ?? '' },
    });
  }

  function grant(req: IncomingMessage, raw: Buffer): Reply {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return oauthError(-14001, 'Invalid request', 'Content-Type must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('app_id') !== opts.appId) return oauthError(-14002, 'Invalid app_id', 'app_id is invalid');
    if (req.headers.secret_key !== opts.appSecret) return oauthError(-14004, 'Invalid secret_key', 'secret_key is invalid');
    const grantType = form.get('grant_type');
    if (grantType === 'refresh_token') {
      if (!form.get('refresh_token') || form.get('refresh_token') !== tokens.refreshToken) {
        return oauthError(-14014, 'Invalid refresh_token', 'Refresh token is invalid, expired or already used');
      }
    } else if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      if (!codes.has(code)) return oauthError(-14019, 'Invalid code', 'Authorization code is invalid, expired or already used');
      const challenge = codes.get(code);
      codes.delete(code);
      const verifier = form.get('code_verifier');
      if (challenge && (!verifier || createHash('sha256').update(verifier).digest('base64url') !== challenge)) {
        return oauthError(-14020, 'Invalid code_verifier', 'code_verifier does not match code_challenge');
      }
    } else {
      return oauthError(-14001, 'Invalid grant_type', 'grant_type is invalid');
    }
    tokens.accessToken = token('zat_');
    tokens.refreshToken = token('zrt_');
    expired = false;
    return { status: 200, body: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: '90000' } };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: raw.toString('utf8') });
      if (drops > 0) {
        drops--;
        req.socket.destroy();
        return;
      }
      route(req, url, raw)
        .catch((err: Error): Reply => ({ status: 500, body: { error: -1, message: `fake zalo api crashed: ${err.message}` } }))
        .then((reply) => {
          res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(reply.body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    uploads,
    tokens,
    failNext(answer) {
      failures.push(answer);
    },
    dropNext() {
      drops++;
    },
    expireAccessToken() {
      expired = true;
    },
    issueCode(codeChallenge) {
      const code = token('code_');
      codes.set(code, codeChallenge);
      return code;
    },
    setProfile(userId, profile) {
      profiles.set(userId, profile);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * The body bytes and headers Zalo would POST for this payload. `escapeUnicode` writes non-ASCII characters as
 * `\uXXXX` (a JSON string payload is escaped the same way); the mac covers whichever bytes are sent.
 */
export function signZaloWebhook(
  creds: { appId: string; oaSecretKey: string },
  payload: object | string,
  opts: { escapeUnicode?: boolean } = {},
): { body: Buffer; headers: Record<string, string> } {
  let text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (opts.escapeUnicode) text = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const parsed = parseZaloJson(text) as { app_id?: unknown; timestamp?: unknown };
  const body = Buffer.from(text, 'utf8');
  const mac = zaloMac(String(parsed.app_id ?? creds.appId), body, String(parsed.timestamp ?? ''), creds.oaSecretKey);
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
}

export interface ZaloEventBase {
  appId: string;
  oaId: string;
  userId: string;
  /** Epoch ms as a string; default now. */
  timestamp?: string;
  userIdByApp?: string;
}

function userEvent(b: ZaloEventBase, event: string, message: Record<string, unknown>) {
  return {
    app_id: b.appId,
    user_id_by_app: b.userIdByApp ?? [...b.userId].reverse().join(''),
    event_name: event,
    timestamp: b.timestamp ?? String(Date.now()),
    sender: { id: b.userId },
    recipient: { id: b.oaId },
    message,
  };
}

export function zaloTextEvent(o: ZaloEventBase & { msgId: string; text: string; quoteMsgId?: string }) {
  return userEvent(o, 'user_send_text', { text: o.text, msg_id: o.msgId, ...(o.quoteMsgId ? { quote_msg_id: o.quoteMsgId } : {}) });
}

export function zaloImageEvent(o: ZaloEventBase & { msgId: string; url: string; thumbnail?: string; caption?: string }) {
  return userEvent(o, 'user_send_image', {
    msg_id: o.msgId,
    ...(o.caption ? { text: o.caption } : {}),
    attachments: [{ type: 'image', payload: { url: o.url, thumbnail: o.thumbnail ?? o.url } }],
  });
}

export function zaloFileEvent(o: ZaloEventBase & { msgId: string; url: string; name: string; size: string; type: string }) {
  return userEvent(o, 'user_send_file', { msg_id: o.msgId, attachments: [{ type: 'file', payload: { url: o.url, name: o.name, size: o.size, type: o.type } }] });
}

export function zaloLocationEvent(o: ZaloEventBase & { msgId: string; latitude: string; longitude: string }) {
  return userEvent(o, 'user_send_location', {
    msg_id: o.msgId,
    attachments: [{ type: 'location', payload: { coordinates: { latitude: o.latitude, longitude: o.longitude } } }],
  });
}

function followEvent(b: ZaloEventBase, event: 'follow' | 'unfollow') {
  return {
    app_id: b.appId,
    oa_id: b.oaId,
    event_name: event,
    follower: { id: b.userId },
    user_id_by_app: b.userIdByApp ?? [...b.userId].reverse().join(''),
    timestamp: b.timestamp ?? String(Date.now()),
  };
}

export const zaloFollowEvent = (o: ZaloEventBase) => followEvent(o, 'follow');
export const zaloUnfollowEvent = (o: ZaloEventBase) => followEvent(o, 'unfollow');

/** `oa_send_text`: roles flip, `sender` is the OA and `recipient` the customer. */
export function zaloEchoEvent(o: ZaloEventBase & { msgId: string; text: string }) {
  const e = userEvent(o, 'oa_send_text', { text: o.text, msg_id: o.msgId });
  return { ...e, sender: { id: o.oaId }, recipient: { id: o.userId } };
}

/** Receipts are about the OA's messages, so they are written OA → customer like echoes (unverified). */
export function zaloSeenEvent(o: ZaloEventBase & { msgIds: string[]; event?: 'user_seen_message' | 'user_received_message' }) {
  const e = userEvent(o, o.event ?? 'user_seen_message', { msg_ids: o.msgIds });
  return { ...e, sender: { id: o.oaId }, recipient: { id: o.userId } };
}

export function zaloSubmitInfoEvent(o: ZaloEventBase & { info: Record<string, string> }) {
  const { message: _message, ...e } = userEvent(o, 'user_submit_info', {});
  return { ...e, info: o.info };
}
