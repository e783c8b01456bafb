/**
 * Telegram Bot API client (channels.md §4) at a configurable base URL (`TELEGRAM_API_BASE`). Texts go out plain
 * (no `parse_mode`), so an agent's `<` or `*` is never read as markup. Bot tokens do not expire: a 401 means the
 * token was revoked or mistyped, which no retry fixes.
 */
import type { OutboundFile, OutboundMessage, SendResult } from '../messaging/types.ts';

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** sendPhoto takes at most 10 MB; larger images go as documents. */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** What `setWebhook` subscribes to: the kinds `normalizeTelegram` acts on. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'];

export interface TelegramClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; a timeout is `transient`. Default 30 s. */
  timeoutMs?: number;
}

type Failure = Exclude<SendResult, { kind: 'ok' }>;
/** Result of the settings-page calls (`setWebhook`, `getMe`). */
export type TelegramCheck<T = object> = ({ ok: true } & T) | { ok: false; kind: Failure['kind']; message: string };
export interface TelegramBotInfo {
  id: string;
  username?: string;
  name: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Any failed Bot API answer → a result class. `status` is the HTTP status; the body's `error_code` wins when
 * present (0 = the request never got an answer).
 */
export function classifyTelegramError(status: number, body: unknown): Failure {
  const o = obj(body);
  const code = num(o?.error_code) ?? status;
  const description = str(o?.description) ?? (typeof body === 'string' && body ? body.slice(0, 200) : `HTTP ${status}`);
  if (code === 429) {
    const retryAfter = num(obj(o?.parameters)?.retry_after) ?? Number(/retry after (\d+)/i.exec(description)?.[1] ?? NaN);
    return { kind: 'rate_limited', retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 5, message: description };
  }
  if (code === 401 || code === 404) {
    return { kind: 'permanent', code: 'invalid_token', message: `Telegram rejected the bot token (${description}): check it in the inbox settings` };
  }
  if (code === 403) return { kind: 'permanent', code: 'blocked', message: description };
  if (code === 400) return { kind: 'permanent', code: 'bad_request', message: description };
  if (code === 0 || code >= 500) return { kind: 'transient', message: description };
  return { kind: 'permanent', code: String(code), message: description };
}

/**
 * Cut a text into Telegram-sized messages: at the last line break in the second half of the window, else at the
 * last space, else hard (never inside a surrogate pair). Lengths are UTF-16 units, as Telegram counts.
 */
export function splitTelegramText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = Math.max(cut, window.lastIndexOf(' '));
    let skip = 1;
    if (cut <= 0) {
      cut = limit;
      skip = 0;
      const c = rest.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  out.push(rest);
  return out.filter((chunk) => chunk.trim() !== '');
}

/** `chat_id` as the number Telegram sends (usernames like `@channel` stay strings). */
const chatIdParam = (id: string): number | string => (/^-?\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id);

/** `<chat>:<message_id>` → the message id to reply to. */
function replyTarget(externalId: string | undefined): number | undefined {
  const m = externalId ? /^-?\d+:(\d+)$/.exec(externalId) : null;
  return m ? Number(m[1]) : undefined;
}

type Answer = { ok: true; result: unknown } | { ok: false; failure: Failure };
/** What `getUpdates` brings: Update objects (each with a safe-integer `update_id`), or why not. */
export type TelegramUpdates = { ok: true; updates: Record<string, unknown>[] } | { ok: false; failure: Failure; conflict?: 'webhook' | 'other_poller' };

export function createTelegramClient(opts: TelegramClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call(botToken: string, method: string, params: Obj | FormData, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Answer> {
    const isForm = params instanceof FormData;
    let res: Response;
    let text: string;
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? timeoutMs);
    try {
      res = await doFetch(`${base}/bot${botToken}/${method}`, {
        method: 'POST',
        headers: isForm ? {} : { 'content-type': 'application/json' },
        body: isForm ? params : JSON.stringify(params),
        signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, failure: { kind: 'transient', message: `telegram ${method}: ${(err as Error).message}` } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    const o = obj(json);
    if (res.ok && o?.ok === true) return { ok: true, result: o.result };
    return { ok: false, failure: classifyTelegramError(res.status, json) };
  }

  const messageIdOf = (result: unknown, chatId: string): string | undefined => {
    const m = obj(result);
    const messageId = num(m?.message_id);
    const chat = num(obj(m?.chat)?.id);
    return messageId === undefined ? undefined : `${chat ?? chatId}:${messageId}`;
  };

  function fileForm(chatId: number | string, file: OutboundFile): FormData {
    const asPhoto = file.kind === 'image' && PHOTO_TYPES.has(file.contentType) && file.data.length <= PHOTO_MAX_BYTES;
    const form = new FormData();
    form.set('chat_id', String(chatId));
    form.set(asPhoto ? 'photo' : 'document', new Blob([file.data], { type: file.contentType }), file.filename);
    return form;
  }

  return {
    /**
     * Text longer than 4096 goes as several messages; with attachments, a text that fits a caption (1024) rides on
     * the first file, a longer one goes first on its own. The reply quote goes on the first message. Returns the
     * last message's id. A failure part-way is reported as such: a retry re-sends the parts already delivered.
     */
    async sendMessage(botToken: string, msg: OutboundMessage): Promise<SendResult> {
      const chatId = chatIdParam(msg.recipientId);
      const replyTo = replyTarget(msg.replyToExternalId);
      let replyPending = replyTo !== undefined;
      const reply = () => {
        if (!replyPending) return undefined;
        replyPending = false;
        // The quoted message may have been deleted since; send anyway rather than fail with 400.
        return { message_id: replyTo, allow_sending_without_reply: true };
      };
      const text = msg.text.trim() === '' ? '' : msg.text;
      const captionOnFile = msg.attachments.length > 0 && text.length <= TELEGRAM_CAPTION_LIMIT;
      let last: string | undefined;
      let sent = 0;
      const failed = (failure: Failure): Failure =>
        sent === 0 ? failure : { ...failure, message: `${failure.message} (after ${sent} part(s) were delivered)` };

      if (text && !captionOnFile) {
        for (const chunk of splitTelegramText(text)) {
          const params: Obj = { chat_id: chatId, text: chunk };
          const r = reply();
          if (r) params.reply_parameters = r;
          const answer = await call(botToken, 'sendMessage', params);
          if (!answer.ok) return failed(answer.failure);
          last = messageIdOf(answer.result, msg.recipientId) ?? last;
          sent++;
        }
      }
      for (const [i, file] of msg.attachments.entries()) {
        const form = fileForm(chatId, file);
        if (i === 0 && captionOnFile && text) form.set('caption', text);
        const r = reply();
        if (r) form.set('reply_parameters', JSON.stringify(r));
        const method = form.has('photo') ? 'sendPhoto' : 'sendDocument';
        const answer = await call(botToken, method, form);
        if (!answer.ok) return failed(answer.failure);
        last = messageIdOf(answer.result, msg.recipientId) ?? last;
        sent++;
      }
      if (sent === 0) return { kind: 'permanent', code: 'empty', message: 'nothing to send: no text and no attachments' };
      if (!last) return { kind: 'transient', message: 'telegram: sent, but the answer had no message_id' };
      return { kind: 'ok', providerMessageId: last };
    },

    /**
     * A `file_id` → its download URL (valid for at least an hour). The URL embeds the bot token: download it, never
     * store or log it. Null when Telegram refuses for good (unknown id, file over 20 MB); throws on a transient
     * failure so the job retries.
     */
    async getFile(botToken: string, fileId: string): Promise<{ url: string; size?: number } | null> {
      const answer = await call(botToken, 'getFile', { file_id: fileId });
      if (!answer.ok) {
        if (answer.failure.kind === 'permanent') return null;
        throw new Error(`telegram getFile: ${answer.failure.message}`);
      }
      const file = obj(answer.result);
      const path = str(file?.file_path);
      if (!path) return null;
      const size = num(file?.file_size);
      return { url: `${base}/file/bot${botToken}/${path}`, ...(size !== undefined ? { size } : {}) };
    },

    async setWebhook(botToken: string, url: string, secretToken: string): Promise<TelegramCheck> {
      const answer = await call(botToken, 'setWebhook', { url, secret_token: secretToken, allowed_updates: TELEGRAM_ALLOWED_UPDATES });
      return answer.ok ? { ok: true } : { ok: false, kind: answer.failure.kind, message: answer.failure.message };
    },

    /** Back to webhooks off: needed before `getUpdates`, which Telegram refuses (409) while a webhook is set. */
    async deleteWebhook(botToken: string): Promise<TelegramCheck> {
      const answer = await call(botToken, 'deleteWebhook', { drop_pending_updates: false });
      return answer.ok ? { ok: true } : { ok: false, kind: answer.failure.kind, message: answer.failure.message };
    },

    /**
     * Long polling (channels.md §4): the updates from `offset` on, waiting up to `waitSeconds` for one to come.
     * Calling with a higher offset confirms the earlier ones, which Telegram then forgets. A 409 says why:
     * a webhook is set, or another process is polling the same bot.
     */
    async getUpdates(botToken: string, opts: { offset: number; waitSeconds: number; limit?: number; signal?: AbortSignal }): Promise<TelegramUpdates> {
      const params: Obj = { offset: opts.offset, timeout: opts.waitSeconds, limit: opts.limit ?? 100, allowed_updates: TELEGRAM_ALLOWED_UPDATES };
      // The request stays open while Telegram waits: its own time limit is that wait and a margin.
      const answer = await call(botToken, 'getUpdates', params, { timeoutMs: opts.waitSeconds * 1000 + 15_000, ...(opts.signal ? { signal: opts.signal } : {}) });
      if (!answer.ok) {
        const conflict = answer.failure.kind === 'permanent' && answer.failure.code === '409'
          ? (/webhook/i.test(answer.failure.message) ? 'webhook' as const : 'other_poller' as const) : undefined;
        return { ok: false, failure: answer.failure, ...(conflict ? { conflict } : {}) };
      }
      if (!Array.isArray(answer.result)) return { ok: false, failure: { kind: 'transient', message: 'telegram getUpdates: the result is not a list' } };
      return { ok: true, updates: answer.result.filter((u): u is Obj => obj(u) !== undefined && Number.isSafeInteger(obj(u)!.update_id)) };
    },

    /** The "test connection" button: is the token valid, and which bot is it. */
    async getMe(botToken: string): Promise<TelegramCheck<{ bot: TelegramBotInfo }>> {
      const answer = await call(botToken, 'getMe', {});
      if (!answer.ok) return { ok: false, kind: answer.failure.kind, message: answer.failure.message };
      const me = obj(answer.result);
      const bot: TelegramBotInfo = { id: String(num(me?.id) ?? ''), name: str(me?.first_name) ?? '' };
      const username = str(me?.username);
      if (username) bot.username = username;
      return { ok: true, bot };
    },
  };
}

export type TelegramClient = ReturnType<typeof createTelegramClient>;
