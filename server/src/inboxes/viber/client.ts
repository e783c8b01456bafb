/**
 * Viber REST Bot API client (channels.md §5) at a configurable base URL (`VIBER_API_BASE`). Viber answers HTTP 200
 * with a `status` field for every outcome; its `message_token` is a 64-bit integer, read big-int safe.
 */
import type { OutboundFile, OutboundMessage, SendResult } from '../messaging/types.ts';
import { parseViberJson, type ViberCredentials } from './protocol.ts';

export const VIBER_SENDER_NAME_MAX = 28;
/** Callbacks `set_webhook` subscribes to (messages always come). */
export const VIBER_EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];

/**
 * Viber's `status` codes as its REST Bot API docs list them (several client libraries agree on 0–19). The live
 * API has not been checked by us: treat the numbers, and the classes below, as unverified.
 */
export const VIBER_STATUS: Record<number, string> = {
  0: 'ok', 1: 'invalidUrl', 2: 'invalidAuthToken', 3: 'badData', 4: 'missingData', 5: 'receiverNotRegistered',
  6: 'receiverNotSubscribed', 7: 'publicAccountBlocked', 8: 'publicAccountNotFound', 9: 'publicAccountSuspended',
  10: 'webhookNotSet', 11: 'receiverNoSuitableDevice', 12: 'tooManyRequests', 13: 'apiVersionNotSupported',
  14: 'incompatibleWithVersion', 15: 'publicAccountNotAuthorized', 16: 'inchatReplyMessageNotAllowed',
  17: 'publicAccountIsNotInline', 18: 'noPublicChat', 19: 'cannotSendBroadcast',
};

type Failure = Exclude<SendResult, { kind: 'ok' }>;

/**
 * A non-zero `status` → a result class. Viber lets a bot write only to subscribers, or once in reply to
 * `conversation_started`: `receiverNotSubscribed` (6) is therefore the closed window, shown to the agent. The
 * 60 s wait for `tooManyRequests` (12) is our choice: Viber gives no retry time.
 */
export function classifyViberStatus(status: number, message: string): Failure {
  const code = VIBER_STATUS[status] ?? String(status);
  const said = message || code;
  switch (status) {
    case 6:
      return { kind: 'window_closed', code, message: `The customer is not subscribed to this Viber bot (${said}): Viber only delivers to subscribers, or one reply after they open the chat` };
    case 12:
      return { kind: 'rate_limited', retryAfterSeconds: 60, message: said };
    case 2:
      return { kind: 'permanent', code, message: `Viber rejected the auth token (${said}): check it in the inbox settings` };
    case 5:
      return { kind: 'permanent', code, message: `The receiver is not a Viber user (${said})` };
    case 10:
      return { kind: 'permanent', code, message: `Viber requires a webhook before sending (${said}): reconnect the inbox` };
    default:
      return { kind: 'permanent', code, message: said };
  }
}

/** A file Viber can fetch itself: it takes only public URLs, never uploads. */
export interface ViberPublicFile {
  kind: OutboundFile['kind'];
  url: string;
  name: string;
  size: number;
}

export interface ViberClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; a timeout is `transient`. Default 30 s. */
  timeoutMs?: number;
}

export type ViberCheck<T = object> = ({ ok: true } & T) | { ok: false; kind: Failure['kind']; message: string };
export interface ViberAccountInfo {
  id: string;
  name: string;
  uri?: string;
  webhook?: string;
  subscribersCount?: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const tokenOf = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) ? String(v) : str(v));

type Answer = { ok: true; body: Obj } | { ok: false; failure: Failure };

export function createViberClient(opts: ViberClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call(authToken: string, path: string, body: Obj): Promise<Answer> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-viber-auth-token': authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, failure: { kind: 'transient', message: `viber ${path}: ${(err as Error).message}` } };
    }
    if (res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      return { ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: after > 0 ? after : 60, message: `viber ${path}: HTTP 429` } };
    }
    if (res.status >= 500) return { ok: false, failure: { kind: 'transient', message: `viber ${path}: HTTP ${res.status}` } };
    let answer: Obj | undefined;
    try {
      answer = obj(parseViberJson(text));
    } catch {
      answer = undefined;
    }
    if (!res.ok || !answer || typeof answer.status !== 'number') {
      return { ok: false, failure: { kind: res.ok ? 'transient' : 'permanent', message: `viber ${path}: HTTP ${res.status} ${text.slice(0, 200)}` } };
    }
    if (answer.status !== 0) return { ok: false, failure: classifyViberStatus(answer.status, str(answer.status_message) ?? '') };
    return { ok: true, body: answer };
  }

  const check = (a: Answer & { ok: false }) => ({ ok: false as const, kind: a.failure.kind, message: a.failure.message });

  return {
    /**
     * The text, then one `picture`/`file` message per public URL; returns the last `message_token`. Binary
     * attachments without public URLs cannot go to Viber and fail the send up front.
     */
    async sendMessage(creds: ViberCredentials, msg: OutboundMessage, publicUrls: ViberPublicFile[] = []): Promise<SendResult> {
      if (msg.attachments.length > 0 && publicUrls.length === 0) {
        return { kind: 'permanent', code: 'attachments_need_urls', message: 'Viber only sends files it can download from a public URL' };
      }
      const sender: Obj = { name: Array.from(creds.senderName).slice(0, VIBER_SENDER_NAME_MAX).join('') };
      if (creds.senderAvatar) sender.avatar = creds.senderAvatar;
      const envelope = { receiver: msg.recipientId, min_api_version: 1, sender };
      const parts: Obj[] = [];
      if (msg.text.trim() !== '') parts.push({ ...envelope, type: 'text', text: msg.text });
      for (const f of publicUrls) {
        parts.push(f.kind === 'image'
          ? { ...envelope, type: 'picture', media: f.url, text: '' }
          : { ...envelope, type: 'file', media: f.url, size: f.size, file_name: f.name });
      }
      if (parts.length === 0) return { kind: 'permanent', code: 'empty', message: 'nothing to send: no text and no attachments' };
      let last: string | undefined;
      for (const [i, part] of parts.entries()) {
        const answer = await call(creds.authToken, '/pa/send_message', part);
        if (!answer.ok) {
          return i === 0 ? answer.failure : { ...answer.failure, message: `${answer.failure.message} (after ${i} part(s) were delivered)` };
        }
        last = tokenOf(answer.body.message_token);
      }
      return last ? { kind: 'ok', providerMessageId: last } : { kind: 'transient', message: 'viber: sent, but the answer had no message_token' };
    },

    /** Viber calls `url` with a signed `webhook` event before answering; status 0 means that call got a 200. */
    async setWebhook(authToken: string, url: string): Promise<ViberCheck> {
      const answer = await call(authToken, '/pa/set_webhook', { url, event_types: VIBER_EVENT_TYPES, send_name: true, send_photo: true });
      return answer.ok ? { ok: true } : check(answer);
    },

    /** The "test connection" button. */
    async getAccountInfo(authToken: string): Promise<ViberCheck<{ account: ViberAccountInfo }>> {
      const answer = await call(authToken, '/pa/get_account_info', {});
      if (!answer.ok) return check(answer);
      const b = answer.body;
      const account: ViberAccountInfo = { id: str(b.id) ?? '', name: str(b.name) ?? '' };
      const uri = str(b.uri);
      if (uri) account.uri = uri;
      const webhook = str(b.webhook);
      if (webhook) account.webhook = webhook;
      if (typeof b.subscribers_count === 'number') account.subscribersCount = b.subscribers_count;
      return { ok: true, account };
    },
  };
}

export type ViberClient = ReturnType<typeof createViberClient>;
