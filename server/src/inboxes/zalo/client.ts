/**
 * Zalo OA Open API and OAuth v4 (channels.md §1.4, §1.5, §1.7–§1.9) at configurable bases (`ZALO_OPENAPI_BASE`,
 * `ZALO_OAUTH_BASE`). Zalo answers HTTP 200 for most failures, so every answer is read from its `error` field and
 * classified into one `SendResult`; nothing here throws for a vendor or network failure.
 */
import type { OutboundFile, OutboundMessage, SendResult } from '../messaging/types.ts';
import { parseZaloJson } from './protocol.ts';

export interface ZaloClientOptions {
  /** `https://openapi.zalo.me` */
  openApiBase: string;
  /** `https://oauth.zaloapp.com` */
  oauthBase: string;
  fetch?: typeof fetch;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
}

export type ZaloTokenResult =
  | { ok: true; accessToken: string; refreshToken: string; expiresInSeconds: number }
  /** `permanent`: the grant itself was refused (used or revoked refresh token, wrong secret): re-authorise. */
  | { ok: false; permanent: boolean; message: string };

export interface ZaloClient {
  sendText(accessToken: string, msg: OutboundMessage): Promise<SendResult>;
  sendImage(accessToken: string, recipientId: string, file: OutboundFile, caption?: string): Promise<SendResult>;
  sendFile(accessToken: string, recipientId: string, file: OutboundFile): Promise<SendResult>;
  send(accessToken: string, msg: OutboundMessage): Promise<SendResult>;
  refreshAccessToken(appId: string, appSecret: string, refreshToken: string): Promise<ZaloTokenResult>;
  exchangeCode(appId: string, appSecret: string, code: string, codeVerifier?: string): Promise<ZaloTokenResult>;
  getUserProfile(accessToken: string, userId: string): Promise<{ name?: string; avatarUrl?: string } | null>;
  getOa(accessToken: string): Promise<{ oaId: string; name: string } | null>;
}

/** Access tokens live about 25 h (§1.8); used when `expires_in` is missing or unreadable. */
const DEFAULT_EXPIRES_IN = 90_000;
const WINDOW_CODES = new Set([-213, -217, -227, -230, -232, -234, -244]);

/** §1.7. Which window code means what is unverified, so the raw code and message travel to the agent. */
export function classifyZaloError(code: number, message: string): SendResult {
  if (code === -216) return { kind: 'auth_expired', message };
  if (code === -32 || code === -100) return { kind: 'transient', message: `Zalo error ${code}: ${message}` };
  if (WINDOW_CODES.has(code)) return { kind: 'window_closed', code: String(code), message };
  return { kind: 'permanent', code: String(code), message };
}

type Answer =
  | { kind: 'http'; status: number; headers: Headers; json: Record<string, unknown> | null; text: string }
  | { kind: 'network'; message: string };

export function createZaloClient(opts: ZaloClientOptions): ZaloClient {
  const doFetch = opts.fetch ?? fetch;
  const openApi = opts.openApiBase.replace(/\/+$/, '');
  const oauth = opts.oauthBase.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call(url: string, init: RequestInit): Promise<Answer> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      return { kind: 'network', message: `Zalo unreachable: ${(err as Error).message}` };
    }
    let json: Record<string, unknown> | null = null;
    try {
      const parsed = parseZaloJson(text);
      if (isRecord(parsed)) json = parsed;
    } catch {
      json = null;
    }
    return { kind: 'http', status: res.status, headers: res.headers, json, text };
  }

  /** Open API answer → SendResult; `pick` reads the id out of a successful `data`. */
  function classify(a: Answer, pick: (data: Record<string, unknown>) => string | undefined, what: string): SendResult {
    if (a.kind === 'network') return { kind: 'transient', message: a.message };
    if (a.status === 429) {
      const retry = Number(a.headers.get('retry-after'));
      return { kind: 'rate_limited', retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 60, message: `Zalo HTTP 429 on ${what}` };
    }
    const code = a.json ? Number(a.json.error) : NaN;
    if (a.json && Number.isFinite(code)) {
      if (code !== 0) return classifyZaloError(code, String(a.json.message ?? ''));
      const id = isRecord(a.json.data) ? pick(a.json.data) : undefined;
      // Accepted but without an id: probably sent, so not worth a retry that could duplicate it.
      return id ? { kind: 'ok', providerMessageId: id } : { kind: 'permanent', message: `Zalo ${what}: success without an id: ${a.text.slice(0, 200)}` };
    }
    if (a.status >= 500 || a.status < 400) return { kind: 'transient', message: `Zalo ${what}: HTTP ${a.status}, unreadable answer` };
    return { kind: 'permanent', code: `http_${a.status}`, message: `Zalo ${what}: HTTP ${a.status}: ${a.text.slice(0, 200)}` };
  }

  const jsonPost = (path: string, accessToken: string, body: unknown) =>
    call(`${openApi}${path}`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const messageId = (d: Record<string, unknown>) => idString(d.message_id);

  async function sendCs(accessToken: string, recipientId: string, message: Record<string, unknown>): Promise<SendResult> {
    const answer = await jsonPost('/v3.0/oa/message/cs', accessToken, { recipient: { user_id: recipientId }, message });
    return classify(answer, messageId, 'message/cs');
  }

  async function upload(accessToken: string, kind: 'image' | 'file', file: OutboundFile): Promise<SendResult> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
    const answer = await call(`${openApi}/v2.0/oa/upload/${kind}`, { method: 'POST', headers: { access_token: accessToken }, body: form });
    return classify(answer, (d) => idString(kind === 'image' ? d.attachment_id : d.token), `upload/${kind}`);
  }

  async function tokenGrant(appSecret: string, form: Record<string, string>): Promise<ZaloTokenResult> {
    const a = await call(`${oauth}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: appSecret },
      body: new URLSearchParams(form).toString(),
    });
    if (a.kind === 'network') return { ok: false, permanent: false, message: a.message };
    if (a.status === 429 || a.status >= 500 || !a.json) {
      return { ok: false, permanent: false, message: `Zalo OAuth: HTTP ${a.status}: ${a.text.slice(0, 200)}` };
    }
    const j = a.json;
    const accessToken = typeof j.access_token === 'string' ? j.access_token : '';
    const refreshToken = typeof j.refresh_token === 'string' ? j.refresh_token : '';
    if (accessToken && refreshToken) {
      const expires = Number(j.expires_in);
      return { ok: true, accessToken, refreshToken, expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_EXPIRES_IN };
    }
    const reason = [j.error_name, j.error_reason, j.error_description, j.message].filter((v) => typeof v === 'string' && v).join(': ');
    return { ok: false, permanent: true, message: `Zalo OAuth error ${String(j.error ?? '?')}${reason ? `: ${reason}` : ''}` };
  }

  async function getData(path: string, accessToken: string): Promise<Record<string, unknown> | null> {
    const a = await call(`${openApi}${path}`, { method: 'GET', headers: { access_token: accessToken } });
    if (a.kind !== 'http' || !a.json || Number(a.json.error) !== 0 || !isRecord(a.json.data)) return null;
    return a.json.data;
  }

  const client: ZaloClient = {
    sendText(accessToken, msg) {
      const message: Record<string, unknown> = { text: msg.text };
      if (msg.replyToExternalId) message.quote_message_id = msg.replyToExternalId;
      return sendCs(accessToken, msg.recipientId, message);
    },

    async sendImage(accessToken, recipientId, file, caption) {
      const up = await upload(accessToken, 'image', file);
      if (up.kind !== 'ok') return up;
      const message: Record<string, unknown> = {
        attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: up.providerMessageId }] } },
      };
      if (caption) message.text = caption;
      return sendCs(accessToken, recipientId, message);
    },

    async sendFile(accessToken, recipientId, file) {
      const up = await upload(accessToken, 'file', file);
      if (up.kind !== 'ok') return up;
      return sendCs(accessToken, recipientId, { attachment: { type: 'file', payload: { token: up.providerMessageId } } });
    },

    /** Text first (carrying the quote), then one send per attachment; stops at the first failure. */
    async send(accessToken, msg) {
      let last: SendResult | null = null;
      if (msg.text.trim() !== '') {
        last = await client.sendText(accessToken, msg);
        if (last.kind !== 'ok') return last;
      }
      for (const file of msg.attachments) {
        last = file.kind === 'image'
          ? await client.sendImage(accessToken, msg.recipientId, file)
          : await client.sendFile(accessToken, msg.recipientId, file);
        if (last.kind !== 'ok') return last;
      }
      return last ?? { kind: 'permanent', message: 'nothing to send: no text and no attachments' };
    },

    refreshAccessToken(appId, appSecret, refreshToken) {
      return tokenGrant(appSecret, { app_id: appId, grant_type: 'refresh_token', refresh_token: refreshToken });
    },

    exchangeCode(appId, appSecret, code, codeVerifier) {
      const form: Record<string, string> = { app_id: appId, grant_type: 'authorization_code', code };
      if (codeVerifier) form.code_verifier = codeVerifier;
      return tokenGrant(appSecret, form);
    },

    async getUserProfile(accessToken, userId) {
      const data = await getData(`/v3.0/oa/user/detail?data=${encodeURIComponent(JSON.stringify({ user_id: userId }))}`, accessToken);
      if (!data) return null;
      const avatars = isRecord(data.avatars) ? data.avatars : {};
      const name = typeof data.display_name === 'string' && data.display_name ? data.display_name : undefined;
      const avatarUrl = [data.avatar, avatars['240'], avatars['120']].find((v): v is string => typeof v === 'string' && v !== '');
      return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
    },

    async getOa(accessToken) {
      const data = await getData('/v2.0/oa/getoa', accessToken);
      const oaId = data ? idString(data.oa_id) : undefined;
      if (!data || !oaId) return null;
      return { oaId, name: typeof data.name === 'string' ? data.name : '' };
    },
  };
  return client;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
