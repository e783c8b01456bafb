/**
 * The Graph API calls a Page (or an Instagram professional account) needs to answer customers (channels.md §2.4,
 * §2.6, §3): Send API text and uploaded attachments, public and private comment replies, hiding comments, and the
 * user profile. Every answer becomes one `SendResult`; vendor errors and network failures never throw.
 */
import type { OutboundFile, OutboundMessage, SendResult } from '../messaging/types.ts';
import type { MetaCredentials } from './protocol.ts';

export type SendWindow = { type: 'RESPONSE' } | { type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };
type Failure = Exclude<SendResult, { kind: 'ok' }>;
type Creds = Pick<MetaCredentials, 'pageId' | 'accessToken'>;

export interface GraphClientOptions {
  /** `https://graph.facebook.com` (or `https://graph.instagram.com`); a local fake in tests (§0.1 item 6). */
  baseUrl: string;
  /** `25.0` or `v25.0`. */
  apiVersion: string;
  fetch?: typeof fetch;
  /** Per request. Default 30 s; uploads count as one request. */
  timeoutMs?: number;
}

export interface GraphProfile {
  name?: string;
  avatarUrl?: string;
}

/** The Send API's limit for `message.text`, in characters. */
export const MAX_TEXT_LENGTH = 2000;
const DEFAULT_RETRY_AFTER = 60;
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export function createGraphClient(opts: GraphClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const version = `v${opts.apiVersion.replace(/^v/, '')}`;

  const url = (creds: Creds, path: string, query: Record<string, string> = {}): string => {
    const q = new URLSearchParams({ ...query, access_token: creds.accessToken });
    return `${base}/${version}/${path.split('/').map(encodeURIComponent).join('/')}?${q}`;
  };

  async function call(method: 'GET' | 'POST', target: string, body?: unknown): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; result: Failure }> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(target, {
        method,
        ...(body instanceof FormData ? { body } : body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, result: { kind: 'transient', message: `Graph API unreachable: ${(err as Error).message}` } };
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // An HTML error page from a proxy: classified by status alone.
    }
    if (!res.ok || (isRecord(parsed) && parsed.error !== undefined)) return { ok: false, result: classifyGraphError(res.status, parsed, res.headers) };
    if (!isRecord(parsed)) return { ok: false, result: { kind: 'permanent', code: 'bad_response', message: `Graph API answered ${res.status} without a JSON object` } };
    return { ok: true, body: parsed };
  }

  const idFrom = (answer: Awaited<ReturnType<typeof call>>, field: 'message_id' | 'id'): SendResult => {
    if (!answer.ok) return answer.result;
    const id = answer.body[field];
    return typeof id === 'string' && id ? { kind: 'ok', providerMessageId: id } : { kind: 'permanent', code: 'bad_response', message: `Graph API answer has no ${field}` };
  };

  const windowFields = (window: SendWindow) =>
    window.type === 'MESSAGE_TAG' ? { messaging_type: 'MESSAGE_TAG', tag: window.tag } : { messaging_type: 'RESPONSE' };

  async function sendAttachment(creds: Creds, recipientId: string, file: OutboundFile, window: SendWindow): Promise<SendResult> {
    const form = new FormData();
    form.set('recipient', JSON.stringify({ id: recipientId }));
    for (const [k, v] of Object.entries(windowFields(window))) form.set(k, v);
    form.set('message', JSON.stringify({ attachment: { type: file.kind, payload: { is_reusable: true } } }));
    form.set('filedata', new Blob([file.data], { type: file.contentType }), file.filename);
    return idFrom(await call('POST', url(creds, `${creds.pageId}/messages`), form), 'message_id');
  }

  return {
    /**
     * One Send API call per attachment (uploaded as `filedata`), then one for the text; the id of the last
     * message sent. A failure stops the sequence, so a retry may repeat attachments that already went out.
     */
    async sendMessage(creds: Creds, msg: OutboundMessage, window: SendWindow): Promise<SendResult> {
      const text = msg.text;
      if ([...text].length > MAX_TEXT_LENGTH) return { kind: 'permanent', code: 'text_too_long', message: `Messenger text is limited to ${MAX_TEXT_LENGTH} characters` };
      if (!text.trim() && msg.attachments.length === 0) return { kind: 'permanent', code: 'empty_message', message: 'Nothing to send' };
      let last: SendResult | null = null;
      for (const file of msg.attachments) {
        last = await sendAttachment(creds, msg.recipientId, file, window);
        if (last.kind !== 'ok') return last;
      }
      if (text.trim()) {
        const body = { recipient: { id: msg.recipientId }, ...windowFields(window), message: { text } };
        last = idFrom(await call('POST', url(creds, `${creds.pageId}/messages`), body), 'message_id');
      }
      return last!;
    },

    /**
     * A public reply under the comment; the new comment's id. A Page comment is answered on its `comments` edge, an
     * Instagram comment on its `replies` edge (channels.md §3).
     */
    async replyToComment(creds: Creds, commentId: string, text: string, flavour: 'messenger' | 'instagram' = 'messenger'): Promise<SendResult> {
      return idFrom(await call('POST', url(creds, `${commentId}/${flavour === 'instagram' ? 'replies' : 'comments'}`), { message: text }), 'id');
    },

    /** A private reply: a Messenger message to the commenter, addressed by the comment id. */
    async privateReply(creds: Creds, commentId: string, text: string): Promise<SendResult> {
      return idFrom(await call('POST', url(creds, `${creds.pageId}/messages`), { recipient: { comment_id: commentId }, message: { text } }), 'message_id');
    },

    /** `ok` carries the comment id (the Graph answer is only `{ success: true }`). */
    async hideComment(creds: Creds, commentId: string, hidden: boolean, flavour: 'messenger' | 'instagram' = 'messenger'): Promise<SendResult> {
      // Page comments take `is_hidden`, Instagram comments `hide`.
      const answer = await call('POST', url(creds, commentId), flavour === 'instagram' ? { hide: hidden } : { is_hidden: hidden });
      if (!answer.ok) return answer.result;
      return answer.body.success === true ? { kind: 'ok', providerMessageId: commentId } : { kind: 'permanent', code: 'not_hidden', message: 'Graph API did not confirm the change' };
    },

    /** Messenger's user profile (or, with `flavour: 'instagram'`, the IG user's); null when it cannot be read. */
    async getProfile(creds: Creds, psid: string, flavour: 'messenger' | 'instagram' = 'messenger'): Promise<GraphProfile | null> {
      const fields = flavour === 'instagram' ? 'name,username,profile_pic' : 'name,first_name,last_name,profile_pic';
      const answer = await call('GET', url(creds, psid, { fields }));
      if (!answer.ok) return null;
      const b = answer.body;
      const joined = [b.first_name, b.last_name].filter((s) => typeof s === 'string' && s).join(' ');
      const name = nonEmpty(b.name) ?? nonEmpty(joined) ?? nonEmpty(b.username);
      const avatarUrl = nonEmpty(b.profile_pic);
      return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;

/**
 * Graph error object `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }` → result class
 * (§0.3). The codes come from the Graph error-handling guide and are not all confirmed for Messenger (§2.4).
 */
export function classifyGraphError(status: number, body: unknown, headers?: { get(name: string): string | null }): Failure {
  const err = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof err.code === 'number' ? err.code : Number(err.code ?? NaN);
  const subcode = typeof err.error_subcode === 'number' ? err.error_subcode : Number(err.error_subcode ?? NaN);
  const message = typeof err.message === 'string' && err.message ? err.message : `Graph API answered HTTP ${status}`;
  const codeText = Number.isFinite(code) ? (Number.isFinite(subcode) ? `${code}/${subcode}` : String(code)) : `http_${status}`;

  if (code === 190 || code === 102) return { kind: 'auth_expired', message };
  if (RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014) || (status === 429 && !Number.isFinite(code))) {
    return { kind: 'rate_limited', retryAfterSeconds: retryAfter(headers) ?? DEFAULT_RETRY_AFTER, message };
  }
  if ((code === 10 && subcode === 2018278) || ((code === 10 || code === 200) && /outside (of )?(the )?allowed window/i.test(message))) {
    return { kind: 'window_closed', code: codeText, message };
  }
  if (code === 1 || code === 2 || code === 1200 || err.is_transient === true) return { kind: 'transient', message };
  if (status >= 500 && status <= 599) return { kind: 'transient', message };
  return { kind: 'permanent', code: codeText, message };
}

/** `Retry-After` seconds, else Meta's business-use-case header (`estimated_time_to_regain_access`, minutes). */
function retryAfter(headers?: { get(name: string): string | null }): number | undefined {
  const plain = Number(headers?.get('retry-after') ?? NaN);
  if (Number.isFinite(plain) && plain > 0) return Math.ceil(plain);
  const usage = headers?.get('x-business-use-case-usage');
  if (!usage) return undefined;
  try {
    const parsed = JSON.parse(usage) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Math.max(0, ...Object.values(parsed).flat().map((u) => Number(u.estimated_time_to_regain_access ?? 0)).filter(Number.isFinite));
    return minutes > 0 ? minutes * 60 : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}
