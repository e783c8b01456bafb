/**
 * A local fake of the Viber REST Bot API (channels.md §5, §9 "Viber"): `/pa/send_message`, `/pa/set_webhook`
 * (which, like Viber, first POSTs a signed `webhook` event to the URL and succeeds only on a 200) and
 * `/pa/get_account_info`. Every answer is HTTP 200 with a `status`; `message_token` goes out as a bare 64-bit JSON
 * number above 2^53, as Viber writes it. Also the webhook side: event builders (JSON text, for the same reason)
 * and `signViberWebhook`.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeNonAscii } from './telegram-api.ts';

export interface ViberRec {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
}

export interface ViberSent {
  messageToken: string;
  receiver: string;
  type: string;
  sender: { name: string; avatar?: string };
  text?: string;
  media?: string;
  fileName?: string;
  size?: number;
}

export interface FakeViberApi {
  url: string;
  requests: ViberRec[];
  sent: ViberSent[];
  /** The URL the last successful `set_webhook` registered. */
  readonly webhook: string | null;
  failNext(failure: { status: number; status_message: string }): void;
  close(): Promise<void>;
}

const CHAT_HOSTNAME = 'SN-CHAT-05_';
const FIRST_TOKEN = 5098034272017990000n;

/** A JSON value written as bare digits (64-bit tokens). */
const BIG = /"\\u0000big:(-?\d+)"/g;
const big = (v: bigint | number | string): string => `\u0000big:${String(v)}`;

/** JSON text where `bigint` values become bare numbers. */
export function toViberWire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? big(v) : v)).replace(BIG, '$1');
}

export async function startFakeViberApi(opts: { authToken: string }): Promise<FakeViberApi> {
  const requests: ViberRec[] = [];
  const sent: ViberSent[] = [];
  const failures: { status: number; status_message: string }[] = [];
  let webhook: string | null = null;
  let nextToken = FIRST_TOKEN;

  const status = (code: number, message: string, extra: Record<string, unknown> = {}) =>
    toViberWire({ status: code, status_message: message, chat_hostname: CHAT_HOSTNAME, ...extra });

  function sendMessage(b: Record<string, unknown>): string {
    const receiver = typeof b.receiver === 'string' ? b.receiver : '';
    const sender = b.sender as { name?: unknown; avatar?: unknown } | undefined;
    if (!receiver || typeof sender?.name !== 'string' || sender.name === '') return status(4, 'missingData');
    if (sender.name.length > 28) return status(3, 'badData');
    const type = typeof b.type === 'string' ? b.type : '';
    const record: ViberSent = { messageToken: '', receiver, type, sender: { name: sender.name, ...(typeof sender.avatar === 'string' ? { avatar: sender.avatar } : {}) } };
    if (type === 'text') {
      if (typeof b.text !== 'string' || b.text === '') return status(4, 'missingData');
      if (b.text.length > 7000) return status(3, 'badData');
      record.text = b.text;
    } else if (type === 'picture' || type === 'file' || type === 'video') {
      if (typeof b.media !== 'string' || !/^https?:\/\//.test(b.media)) return status(3, 'badData');
      record.media = b.media;
      if (type === 'picture') {
        if (typeof b.text !== 'string' || b.text.length > 120) return status(3, 'badData');
        if (b.text) record.text = b.text;
      }
      if (type === 'file') {
        if (typeof b.file_name !== 'string' || typeof b.size !== 'number') return status(4, 'missingData');
        record.fileName = b.file_name;
        record.size = b.size;
      }
    } else {
      return status(3, 'badData');
    }
    const token = nextToken++;
    record.messageToken = token.toString();
    sent.push(record);
    return status(0, 'ok', { message_token: token, billing_status: 1 });
  }

  /** Viber checks the URL by calling it with a signed `webhook` event; only a 200 registers it. */
  async function setWebhook(b: Record<string, unknown>, authToken: string): Promise<string> {
    const url = typeof b.url === 'string' ? b.url : undefined;
    if (url === undefined) return status(4, 'missingData');
    if (url === '') {
      webhook = null;
      return status(0, 'ok');
    }
    const ping = signViberWebhook(authToken, viberWebhookEvent({ token: nextToken++, timestamp: Date.now() }));
    try {
      const res = await fetch(url, { method: 'POST', headers: ping.headers, body: new Uint8Array(ping.body), signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status !== 200) return status(1, `invalidUrl: webhook answered HTTP ${res.status}`);
    } catch (err) {
      return status(1, `invalidUrl: ${(err as Error).message}`);
    }
    webhook = url;
    return status(0, 'ok', { event_types: Array.isArray(b.event_types) ? b.event_types : ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] });
  }

  async function route(req: IncomingMessage, path: string, raw: Buffer): Promise<string> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      body = undefined;
    }
    requests.push({ method: req.method ?? 'GET', path, headers, body });
    if (headers['x-viber-auth-token'] !== opts.authToken) return status(2, 'invalidAuthToken');
    const failure = failures.shift();
    if (failure) return status(failure.status, failure.status_message);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return status(3, 'badData');
    const b = body as Record<string, unknown>;
    switch (path) {
      case '/pa/send_message':
        return sendMessage(b);
      case '/pa/set_webhook':
        return setWebhook(b, opts.authToken);
      case '/pa/get_account_info':
        return toViberWire({
          status: 0, status_message: 'ok', id: 'pa:5764239742365474823', chat_hostname: CHAT_HOSTNAME, name: 'Shop Hoa Mai',
          uri: 'shophoamai', icon: 'https://media-direct.cdn.viber.com/pg_download?id=fake-icon', category: 'Shopping',
          subcategory: 'Clothing', country: 'VN', webhook: webhook ?? '', event_types: webhook ? ['delivered', 'seen'] : [],
          subscribers_count: 3, members: [{ id: '01234567890A=', name: 'Chủ shop', role: 'admin' }],
        });
      default:
        return status(3, 'badData: unknown method');
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      route(req, path, Buffer.concat(chunks))
        .catch((err: Error) => status(3, `badData: ${err.message}`))
        .then((text) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    get webhook() {
      return webhook;
    },
    failNext(failure) {
      failures.push(failure);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * A webhook POST as Viber makes it: the body bytes and `X-Viber-Content-Signature` (hex HMAC-SHA256 keyed with the
 * auth token). Pass JSON text to keep bare big numbers; objects may hold `bigint`s.
 */
export function signViberWebhook(authToken: string, payload: object | string, opts: { escapeUnicode?: boolean } = {}): { body: Buffer; headers: Record<string, string> } {
  const text = typeof payload === 'string' ? payload : toViberWire(payload);
  const body = Buffer.from(opts.escapeUnicode ? escapeNonAscii(text) : text, 'utf8');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-viber-content-signature': createHmac('sha256', authToken).update(body).digest('hex') },
  };
}

// ---- event builders: JSON text with `message_token` as a bare number ----

type Token = bigint | number | string;
const DEFAULT_TS = 1457764197627;
const user = (o: { userId: string; name?: string; avatar?: string; language?: string }) => ({
  id: o.userId,
  name: o.name ?? 'Lan',
  avatar: o.avatar ?? 'https://media-direct.cdn.viber.com/download_photo?dlid=fake-avatar',
  language: o.language ?? 'vi',
  country: 'VN',
  api_version: 10,
});
const tokenValue = (t: Token): bigint => BigInt(t);

export interface ViberMessageOpts {
  token: Token;
  userId: string;
  name?: string;
  avatar?: string;
  timestamp?: number;
}

/** Any `message` event; `message` is the inner object (`{ type: 'location', location: { lat, lon } }` …). */
export function viberMessageEvent(o: ViberMessageOpts & { message: Record<string, unknown> }): string {
  return toViberWire({
    event: 'message',
    timestamp: o.timestamp ?? DEFAULT_TS,
    chat_hostname: CHAT_HOSTNAME,
    message_token: tokenValue(o.token),
    sender: user(o),
    message: o.message,
    silent: false,
  });
}

export function viberTextEvent(o: ViberMessageOpts & { text: string }): string {
  return viberMessageEvent({ ...o, message: { type: 'text', text: o.text } });
}

export function viberPictureEvent(o: ViberMessageOpts & { media?: string; fileName?: string; size?: number; text?: string }): string {
  const media = o.media ?? 'https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0/5688fdffdf1e.jpg';
  return viberMessageEvent({
    ...o,
    message: { type: 'picture', text: o.text ?? '', media, thumbnail: media, file_name: o.fileName ?? 'anh.jpg', size: o.size ?? 84213 },
  });
}

export function viberSubscribedEvent(o: { userId: string; name?: string; timestamp?: number }): string {
  return toViberWire({ event: 'subscribed', timestamp: o.timestamp ?? DEFAULT_TS, chat_hostname: CHAT_HOSTNAME, user: user(o), message_token: tokenValue('4912661846655238140') });
}

export function viberUnsubscribedEvent(o: { userId: string; timestamp?: number }): string {
  return toViberWire({ event: 'unsubscribed', timestamp: o.timestamp ?? DEFAULT_TS, chat_hostname: CHAT_HOSTNAME, user_id: o.userId, message_token: tokenValue('4912661846655238141') });
}

export function viberConversationStartedEvent(o: { userId: string; name?: string; token: Token; timestamp?: number; subscribed?: boolean }): string {
  return toViberWire({
    event: 'conversation_started',
    timestamp: o.timestamp ?? DEFAULT_TS,
    chat_hostname: CHAT_HOSTNAME,
    message_token: tokenValue(o.token),
    type: 'open',
    context: 'ads',
    user: user(o),
    subscribed: o.subscribed ?? false,
  });
}

function receipt(event: 'delivered' | 'seen' | 'failed', o: { token: Token; userId: string; timestamp?: number }, extra: object = {}): string {
  return toViberWire({ event, timestamp: o.timestamp ?? DEFAULT_TS, chat_hostname: CHAT_HOSTNAME, message_token: tokenValue(o.token), user_id: o.userId, ...extra });
}

export const viberDeliveredEvent = (o: { token: Token; userId: string; timestamp?: number }) => receipt('delivered', o);
export const viberSeenEvent = (o: { token: Token; userId: string; timestamp?: number }) => receipt('seen', o);
export const viberFailedEvent = (o: { token: Token; userId: string; timestamp?: number; desc?: string }) =>
  receipt('failed', o, { desc: o.desc ?? 'failure description' });

export function viberWebhookEvent(o: { token: Token; timestamp?: number }): string {
  return toViberWire({ event: 'webhook', timestamp: o.timestamp ?? DEFAULT_TS, chat_hostname: CHAT_HOSTNAME, message_token: tokenValue(o.token) });
}
