/**
 * A local fake of the Telegram Bot API (channels.md §4, §9 "Telegram"): `/bot<token>/<method>` for sendMessage,
 * sendPhoto, sendDocument (JSON, form or multipart, like the real API), getFile, setWebhook, deleteWebhook, getMe,
 * getUpdates and file downloads at `/file/bot<token>/<path>`. A wrong token gets Telegram's 401; `failNext` queues
 * error answers. getUpdates behaves as Telegram's: it waits up to `timeout` seconds for an update, an `offset`
 * confirms (forgets) every update below it, it is refused with 409 while a webhook is set, and a second poll
 * ends the one still waiting with 409 (`conflicts` counts those).
 * Also the webhook side: update builders and `telegramWebhookRequest`, which adds the secret header.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramRec {
  httpMethod: string;
  path: string;
  /** The Bot API method (`sendMessage`), absent for file downloads. */
  apiMethod?: string;
  headers: Record<string, string>;
  /** JSON body, form fields and query merged; multipart files appear as `{ filename, contentType, size }`. */
  params: Record<string, unknown>;
}

export interface TelegramSent {
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument';
  messageId: number;
  chatId: string;
  text?: string;
  caption?: string;
  replyTo?: { message_id: number; allow_sending_without_reply?: boolean };
  file?: { field: 'photo' | 'document'; filename: string; contentType: string; data: Buffer };
}

export interface TelegramFailure {
  status: number;
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface FakeTelegramApi {
  url: string;
  requests: TelegramRec[];
  sent: TelegramSent[];
  /** Downloadable files by `file_id` (sent files are added too). */
  files: Map<string, { bytes: Buffer; path: string }>;
  /** What the last `setWebhook` registered. */
  readonly webhook: { url: string; secretToken?: string; allowedUpdates?: unknown } | null;
  /** Queue an update for getUpdates (a customer writing to the bot); it gets the next update_id unless it has one. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Updates not yet confirmed by a higher offset. */
  readonly unconfirmed: number[];
  /** Polls ended by a concurrent one (two readers of one bot). */
  readonly conflicts: number;
  /** Polls waiting right now. */
  readonly waiting: number;
  failNext(failure: TelegramFailure): void;
  addFile(fileId: string, bytes: Buffer, path: string): void;
  close(): Promise<void>;
}

type Reply = { status: number; contentType?: string; body: string | Buffer };
type Params = Record<string, unknown>;
type Upload = { filename: string; contentType: string; data: Buffer };

const json = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body) });
const error = (code: number, description: string): Reply => json(code, { ok: false, error_code: code, description });
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

export async function startFakeTelegramApi(opts: { botToken: string }): Promise<FakeTelegramApi> {
  const botId = Number(/^(\d+):/.exec(opts.botToken)?.[1] ?? 7000000001);
  const bot = { id: botId, is_bot: true, first_name: 'CareLoop Test', username: 'careloop_test_bot' };
  const requests: TelegramRec[] = [];
  const sent: TelegramSent[] = [];
  const files = new Map<string, { bytes: Buffer; path: string }>();
  const failures: TelegramFailure[] = [];
  let webhook: FakeTelegramApi['webhook'] = null;
  let queue: Record<string, unknown>[] = [];
  let nextUpdateId = 500_000_001;
  let conflicts = 0;
  /** The poll waiting for updates, if any: answered when one comes, when it times out, or ended by a conflict. */
  let pending: { answer: (reply: Reply) => void; timer: NodeJS.Timeout; offset: number; limit: number; req: IncomingMessage } | null = null;
  /** The request being answered (set just before `api` runs, synchronously). */
  let current: IncomingMessage | null = null;

  function confirm(offset: number) {
    if (offset > 0) queue = queue.filter((u) => (u.update_id as number) >= offset);
  }
  const due = (offset: number, limit: number) => queue.filter((u) => (u.update_id as number) >= offset).slice(0, limit);
  function endPending(reply: Reply) {
    if (!pending) return;
    clearTimeout(pending.timer);
    const { answer } = pending;
    pending = null;
    answer(reply);
  }

  function getUpdates(p: Params): Reply | Promise<Reply> {
    if (webhook) return error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    if (pending) {
      // A second reader, unless the first one just hung up (a poller stopping: its close may reach us after this
      // request): counted once the answer had time to find the first client still there.
      const first = pending.req;
      setTimeout(() => { if (!first.socket.destroyed) conflicts++; }, 100);
      endPending(error(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.max(0, Number(p.timeout ?? 0));
    confirm(offset);
    const ready = due(offset, limit);
    if (ready.length > 0 || timeout === 0) return json(200, { ok: true, result: ready });
    const req = current!;
    return new Promise<Reply>((answer) => {
      const timer = setTimeout(() => endPending(json(200, { ok: true, result: [] })), timeout * 1000);
      pending = { answer, timer, offset, limit, req };
      // A client that hangs up (a poller stopping) ends its poll there.
      req.socket.once('close', () => {
        if (pending?.req !== req) return;
        clearTimeout(pending.timer);
        pending = null;
      });
    });
  }
  let nextMessageId = 1000;
  let nextFile = 1;

  const now = () => Math.floor(Date.now() / 1000);
  const chatOf = (chatId: string) => ({ id: Number(chatId), type: 'private' });

  function storeFile(upload: Upload, folder: string): { file_id: string; file_unique_id: string; file_size: number } {
    const n = nextFile++;
    const fileId = `fake-file-${n}`;
    files.set(fileId, { bytes: upload.data, path: `${folder}/file_${n}_${upload.filename}` });
    return { file_id: fileId, file_unique_id: `u${n}`, file_size: upload.data.length };
  }

  function replyParams(p: Params): TelegramSent['replyTo'] {
    const raw = typeof p.reply_parameters === 'string' ? JSON.parse(p.reply_parameters) : p.reply_parameters;
    if (raw && typeof raw === 'object' && typeof raw.message_id === 'number') return raw;
    if (p.reply_to_message_id !== undefined) return { message_id: Number(p.reply_to_message_id) };
    return undefined;
  }

  function send(method: TelegramSent['method'], p: Params): Reply {
    const chatId = p.chat_id === undefined || p.chat_id === '' ? undefined : String(p.chat_id);
    if (!chatId) return error(400, 'Bad Request: chat_id is empty');
    if (!/^-?\d+$/.test(chatId)) return error(400, 'Bad Request: chat not found');
    const record: TelegramSent = { method, messageId: 0, chatId };
    const replyTo = replyParams(p);
    if (replyTo) record.replyTo = replyTo;
    const message: Params = { from: bot, chat: chatOf(chatId), date: now() };
    if (method === 'sendMessage') {
      const text = typeof p.text === 'string' ? p.text : '';
      if (text.trim() === '') return error(400, 'Bad Request: message text is empty');
      if (text.length > 4096) return error(400, 'Bad Request: message is too long');
      record.text = message.text = text;
    } else {
      const field = method === 'sendPhoto' ? 'photo' : 'document';
      const upload = p[field] as Upload | string | undefined;
      if (!upload || typeof upload === 'string') return error(400, `Bad Request: there is no ${field} in the request`);
      const caption = typeof p.caption === 'string' ? p.caption : undefined;
      if (caption && caption.length > 1024) return error(400, 'Bad Request: message caption is too long');
      if (caption) record.caption = message.caption = caption;
      record.file = { field, ...upload };
      const stored = storeFile(upload, field === 'photo' ? 'photos' : 'documents');
      if (field === 'photo') message.photo = [{ ...stored, width: 1280, height: 960 }];
      else message.document = { ...stored, file_name: upload.filename, mime_type: upload.contentType };
    }
    record.messageId = nextMessageId++;
    message.message_id = record.messageId;
    sent.push(record);
    return json(200, { ok: true, result: message });
  }

  function api(method: string, p: Params): Reply | Promise<Reply> {
    const failure = failures.shift();
    if (failure) {
      const body: Params = { ok: false, error_code: failure.error_code, description: failure.description };
      if (failure.retry_after !== undefined) body.parameters = { retry_after: failure.retry_after };
      return json(failure.status, body);
    }
    switch (method) {
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return send(method, p);
      case 'getFile': {
        const fileId = typeof p.file_id === 'string' ? p.file_id : '';
        const file = files.get(fileId);
        if (!file) return error(400, 'Bad Request: invalid file_id');
        if (file.bytes.length > 20 * 1024 * 1024) return error(400, 'Bad Request: file is too big');
        return json(200, { ok: true, result: { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: file.bytes.length, file_path: file.path } });
      }
      case 'getUpdates':
        return getUpdates(p);
      case 'deleteWebhook': {
        const had = webhook !== null;
        webhook = null;
        if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue = [];
        return json(200, { ok: true, result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' });
      }
      case 'setWebhook': {
        endPending(error(409, 'Conflict: terminated by setWebhook request'));
        const url = typeof p.url === 'string' ? p.url : '';
        if (url === '') {
          webhook = null;
          return json(200, { ok: true, result: true, description: 'Webhook was deleted' });
        }
        if (!url.startsWith('https://')) return error(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
        if (secret !== undefined && !SECRET.test(secret)) return error(400, 'Bad Request: secret token contains unallowed characters');
        const allowed = typeof p.allowed_updates === 'string' ? JSON.parse(p.allowed_updates) : p.allowed_updates;
        webhook = { url, ...(secret !== undefined ? { secretToken: secret } : {}), ...(allowed !== undefined ? { allowedUpdates: allowed } : {}) };
        return json(200, { ok: true, result: true, description: 'Webhook was set' });
      }
      case 'getMe':
        return json(200, { ok: true, result: { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
      default:
        return error(404, 'Not Found');
    }
  }

  async function route(req: IncomingMessage, url: URL, raw: Buffer): Promise<Reply> {
    const headers = flatHeaders(req);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      requests.push({ httpMethod: req.method ?? 'GET', path: url.pathname, headers, params: {} });
      if (download[1] !== opts.botToken) return error(401, 'Unauthorized');
      const path = decodeURIComponent(download[2]!);
      const file = [...files.values()].find((f) => f.path === path);
      return file ? { status: 200, contentType: 'application/octet-stream', body: file.bytes } : error(404, 'Not Found');
    }
    const m = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    const params = { ...Object.fromEntries(url.searchParams), ...(await bodyParams(headers['content-type'] ?? '', raw)) };
    const rec: TelegramRec = { httpMethod: req.method ?? 'GET', path: url.pathname, headers, params: recordable(params) };
    if (m) rec.apiMethod = m[2]!;
    requests.push(rec);
    if (!m) return error(404, 'Not Found');
    if (m[1] !== opts.botToken) return error(401, 'Unauthorized');
    current = req;
    return api(m[2]!, params);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      route(req, url, Buffer.concat(chunks))
        .catch((err: Error) => error(400, `Bad Request: ${err.message}`))
        .then((reply) => {
          res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
          res.end(reply.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    files,
    get webhook() {
      return webhook;
    },
    pushUpdate(update) {
      const updateId = typeof update.update_id === 'number' ? update.update_id : nextUpdateId++;
      queue.push({ ...update, update_id: updateId });
      if (pending) {
        const ready = due(pending.offset, pending.limit);
        if (ready.length > 0) endPending(json(200, { ok: true, result: ready }));
      }
      return updateId;
    },
    get unconfirmed() {
      return queue.map((u) => u.update_id as number);
    },
    get conflicts() {
      return conflicts;
    },
    get waiting() {
      return pending ? 1 : 0;
    },
    failNext(failure) {
      failures.push(failure);
    },
    addFile(fileId, bytes, path) {
      files.set(fileId, { bytes, path });
    },
    close() {
      endPending(json(200, { ok: true, result: [] }));
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The Bot API takes JSON, urlencoded or multipart bodies; multipart parts that are files become `Upload`s. */
async function bodyParams(contentType: string, raw: Buffer): Promise<Params> {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Params;
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const out: Params = {};
    for (const [k, v] of form as unknown as Iterable<[string, string | File]>) {
      out[k] = typeof v === 'string' ? v : { filename: v.name, contentType: v.type, data: Buffer.from(await v.arrayBuffer()) } satisfies Upload;
    }
    return out;
  }
  return {};
}

function recordable(p: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(p)) {
    const u = v as Partial<Upload> | undefined;
    out[k] = u && typeof u === 'object' && Buffer.isBuffer(u.data) ? { filename: u.filename, contentType: u.contentType, size: u.data.length } : v;
  }
  return out;
}

/** JSON with every non-ASCII UTF-16 unit written as `\uXXXX` (what some senders do; the bytes differ, the data not). */
export function escapeNonAscii(jsonText: string): string {
  return jsonText.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A webhook POST as Telegram makes it: the Update's bytes and the secret header (lower-case names). */
export function telegramWebhookRequest(secretToken: string, update: object, opts: { escapeUnicode?: boolean } = {}): { body: Buffer; headers: Record<string, string> } {
  const text = JSON.stringify(update);
  return {
    body: Buffer.from(opts.escapeUnicode ? escapeNonAscii(text) : text, 'utf8'),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken },
  };
}

// ---- update builders ----

export interface TelegramUserMessageOpts {
  updateId: number;
  chatId: number;
  messageId?: number;
  date?: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  replyToMessageId?: number;
}

const DEFAULT_DATE = 1700000000;

function userOf(o: TelegramUserMessageOpts) {
  return {
    id: o.chatId,
    is_bot: false,
    first_name: o.firstName ?? 'An',
    ...(o.lastName ? { last_name: o.lastName } : {}),
    ...(o.username ? { username: o.username } : {}),
    language_code: o.languageCode ?? 'vi',
  };
}

function privateMessage(o: TelegramUserMessageOpts, content: object) {
  const user = userOf(o);
  const { is_bot: _bot, language_code: _lang, ...chatNames } = user;
  return {
    message_id: o.messageId ?? 1,
    from: user,
    chat: { ...chatNames, type: 'private' },
    date: o.date ?? DEFAULT_DATE,
    ...(o.replyToMessageId !== undefined
      ? { reply_to_message: { message_id: o.replyToMessageId, from: { id: 7000000001, is_bot: true, first_name: 'CareLoop Test' }, chat: { id: o.chatId, type: 'private' }, date: (o.date ?? DEFAULT_DATE) - 60, text: 'Dạ shop xin chào' } }
      : {}),
    ...content,
  };
}

export function telegramTextUpdate(o: TelegramUserMessageOpts & { text: string }) {
  return { update_id: o.updateId, message: privateMessage(o, { text: o.text }) };
}

export function telegramPhotoUpdate(o: TelegramUserMessageOpts & { caption?: string; fileId?: string }) {
  const id = o.fileId ?? 'AgACAgUAAxkBAAIBZ2photo';
  const photo = [
    { file_id: `${id}-s`, file_unique_id: 'AQADs', file_size: 1200, width: 90, height: 67 },
    { file_id: `${id}-m`, file_unique_id: 'AQADm', file_size: 18000, width: 320, height: 240 },
    { file_id: id, file_unique_id: 'AQADx', file_size: 95000, width: 1280, height: 960 },
  ];
  return { update_id: o.updateId, message: privateMessage(o, { photo, ...(o.caption ? { caption: o.caption } : {}) }) };
}

export function telegramDocumentUpdate(o: TelegramUserMessageOpts & { fileId?: string; fileName?: string; mimeType?: string; fileSize?: number; caption?: string }) {
  const document = {
    file_name: o.fileName ?? 'hoá đơn.pdf',
    mime_type: o.mimeType ?? 'application/pdf',
    file_id: o.fileId ?? 'BQACAgUAAxkBAAIBaGdoc',
    file_unique_id: 'AgADdoc',
    file_size: o.fileSize ?? 48213,
  };
  return { update_id: o.updateId, message: privateMessage(o, { document, ...(o.caption ? { caption: o.caption } : {}) }) };
}

/** `contactUserId` defaults to the sender (they shared their own number); pass `null` for a card without a user. */
export function telegramContactUpdate(o: TelegramUserMessageOpts & { phone: string; contactFirstName?: string; contactUserId?: number | null }) {
  const userId = o.contactUserId === undefined ? o.chatId : o.contactUserId;
  const contact = { phone_number: o.phone, first_name: o.contactFirstName ?? o.firstName ?? 'An', ...(userId !== null ? { user_id: userId } : {}) };
  return { update_id: o.updateId, message: privateMessage(o, { contact }) };
}

export function telegramEditedUpdate(o: TelegramUserMessageOpts & { text: string; editDate?: number }) {
  return { update_id: o.updateId, edited_message: privateMessage(o, { text: o.text, edit_date: o.editDate ?? (o.date ?? DEFAULT_DATE) + 30 }) };
}

export function telegramMyChatMemberUpdate(o: { updateId: number; chatId: number; status: 'kicked' | 'member'; date?: number; firstName?: string; username?: string }) {
  const user = userOf({ updateId: o.updateId, chatId: o.chatId, ...(o.firstName ? { firstName: o.firstName } : {}), ...(o.username ? { username: o.username } : {}) });
  const { is_bot: _bot, language_code: _lang, ...chatNames } = user;
  const old = o.status === 'kicked' ? 'member' : 'kicked';
  return {
    update_id: o.updateId,
    my_chat_member: {
      chat: { ...chatNames, type: 'private' },
      from: user,
      date: o.date ?? DEFAULT_DATE,
      old_chat_member: { user: { id: 7000000001, is_bot: true, first_name: 'CareLoop Test' }, status: old, ...(old === 'kicked' ? { until_date: 0 } : {}) },
      new_chat_member: { user: { id: 7000000001, is_bot: true, first_name: 'CareLoop Test' }, status: o.status, ...(o.status === 'kicked' ? { until_date: 0 } : {}) },
    },
  };
}

export function telegramGroupUpdate(o: { updateId: number; chatId: number; messageId?: number; text: string; fromId?: number; type?: 'group' | 'supergroup'; date?: number }) {
  return {
    update_id: o.updateId,
    message: {
      message_id: o.messageId ?? 1,
      from: { id: o.fromId ?? 123, is_bot: false, first_name: 'An', language_code: 'vi' },
      chat: { id: o.chatId, title: 'Nhóm khách quen', type: o.type ?? 'supergroup' },
      date: o.date ?? DEFAULT_DATE,
      text: o.text,
    },
  };
}

export function telegramCallbackUpdate(o: { updateId: number; chatId: number; data: string; callbackId?: string; messageId?: number; firstName?: string }) {
  const user = userOf({ updateId: o.updateId, chatId: o.chatId, ...(o.firstName ? { firstName: o.firstName } : {}) });
  return {
    update_id: o.updateId,
    callback_query: {
      id: o.callbackId ?? `${o.chatId}00${o.updateId}`,
      from: user,
      chat_instance: '-5818461623470938102',
      data: o.data,
      message: {
        message_id: o.messageId ?? 9,
        from: { id: 7000000001, is_bot: true, first_name: 'CareLoop Test' },
        chat: { id: o.chatId, first_name: user.first_name, type: 'private' },
        date: DEFAULT_DATE,
        text: 'Bạn cần hỗ trợ gì?',
      },
    },
  };
}
