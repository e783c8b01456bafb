/**
 * A local fake of the Graph API endpoints CareLoop calls for Messenger, Page comments and Instagram
 * (channels.md §2.4, §2.6, §3, §9 "Facebook / Instagram"), plus the signer and payload builders for Meta webhooks.
 *
 * - `POST /v{ver}/{page-id|me}/messages`: JSON, form or multipart (`recipient`, `messaging_type`, `tag`,
 *   `message` as JSON strings and a `filedata` file); `{ recipient_id, message_id }`. With
 *   `setLastCustomerMessage`, the 24 h / 7 d HUMAN_AGENT window is enforced (code 10 / subcode 2018278).
 * - `POST /{comment-id}/comments` `{ message }` → `{ id }`; `POST /{comment-id}` `{ is_hidden }` → `{ success: true }`.
 * - Instagram comments: `POST /{ig-comment-id}/replies` `{ message }` → `{ id }`; `POST /{ig-comment-id}` `{ hide }`.
 *   A Page comment id has the `<page>_<post>` form Instagram's numeric ids lack: each edge refuses the other kind.
 * - `GET /{psid}?fields=…` → the profile set with `setProfile`, else code 100 / subcode 33.
 *
 * `access_token` (query, body or `Authorization: Bearer`) must match: missing → code 104, wrong → code 190.
 * `failNext` queues Graph error objects ahead of normal answers. Every request is recorded.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export * from '../../inboxes/messenger/fixtures/events.ts';

export interface FakeFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Rec {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The parsed body: JSON, form fields or multipart text fields (JSON-looking fields decoded). */
  body: Record<string, unknown>;
  files: FakeFile[];
}

export interface FakeSentMessage {
  recipient: { id?: string; comment_id?: string };
  messaging_type?: string;
  tag?: string;
  message: Record<string, unknown>;
  files?: FakeFile[];
  /** The `message_id` the fake answered with. */
  messageId: string;
}

export interface GraphErrorAnswer {
  status: number;
  error: { message: string; type?: string; code: number; error_subcode?: number; is_transient?: boolean };
  headers?: Record<string, string>;
}

export interface FakeProfile {
  name?: string;
  first_name?: string;
  last_name?: string;
  profile_pic?: string;
  username?: string;
}

export interface FakeGraphApi {
  url: string;
  requests: Rec[];
  sent: FakeSentMessage[];
  commentReplies: Array<{ commentId: string; message: string; id: string; edge: 'comments' | 'replies' }>;
  /** Comment id → is_hidden, as last set. */
  hiddenComments: Map<string, boolean>;
  failNext(answer: GraphErrorAnswer): void;
  setProfile(psid: string, profile: FakeProfile): void;
  /** Enforce the messaging window for this PSID from now on (§2.5). */
  setLastCustomerMessage(psid: string, at: Date): void;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export async function startFakeGraphApi(opts: { pageId: string; accessToken: string; appSecret: string; apiVersion?: string }): Promise<FakeGraphApi> {
  const requests: Rec[] = [];
  const sent: FakeSentMessage[] = [];
  const commentReplies: FakeGraphApi['commentReplies'] = [];
  const hiddenComments = new Map<string, boolean>();
  const failures: GraphErrorAnswer[] = [];
  const profiles = new Map<string, FakeProfile>();
  const lastCustomer = new Map<string, Date>();
  const version = opts.apiVersion ? `v${opts.apiVersion.replace(/^v/, '')}` : null;

  const graphError = (status: number, message: string, code: number, extra: { type?: string; error_subcode?: number; is_transient?: boolean } = {}, headers?: Record<string, string>): Reply => ({
    status,
    headers,
    body: { error: { message, type: extra.type ?? 'OAuthException', code, ...(extra.error_subcode !== undefined ? { error_subcode: extra.error_subcode } : {}), ...(extra.is_transient !== undefined ? { is_transient: extra.is_transient } : {}), fbtrace_id: randomBytes(8).toString('base64url') } },
  });
  const badParam = (message: string): Reply => graphError(400, `(#100) ${message}`, 100);

  function route(rec: Rec, authHeader: string | undefined): Reply {
    const parts = rec.path.split('/').filter(Boolean).map(decodeURIComponent);
    const v = parts.shift() ?? '';
    if (!/^v\d+\.\d+$/.test(v) || (version && v !== version)) return graphError(400, `(#2635) Unknown or unsupported API version ${v}`, 2635);
    const token = rec.query.access_token ?? (typeof rec.body.access_token === 'string' ? rec.body.access_token : undefined) ?? /^(?:Bearer|OAuth) (.+)$/.exec(authHeader ?? '')?.[1];
    if (!token) return graphError(400, '(#104) An access token is required to request this resource.', 104);
    if (token !== opts.accessToken) return graphError(400, 'Invalid OAuth access token - Cannot parse access token', 190);
    const failure = failures.shift();
    if (failure) return graphError(failure.status, failure.error.message, failure.error.code, failure.error, failure.headers);

    const [id, edge, ...rest] = parts;
    if (!id || rest.length > 0) return graphError(400, `Unknown path components: /${parts.slice(2).join('/')}`, 2500);
    if (rec.method === 'POST' && edge === 'messages' && (id === opts.pageId || id === 'me')) return sendMessage(rec);
    const instagramComment = /^\d+$/.test(id);
    if (rec.method === 'POST' && (edge === 'comments' || edge === 'replies')) {
      // Graph answers a wrong edge for the object as an unknown path.
      if ((edge === 'replies') !== instagramComment) return graphError(400, `(#100) Tried accessing nonexisting field (${edge}) on node type (${instagramComment ? 'IGComment' : 'Comment'})`, 100);
      if (typeof rec.body.message !== 'string' || !rec.body.message.trim()) return badParam('The parameter message is required');
      if (instagramComment && [...rec.body.message].length > 2200) return badParam('The comment is too long (2,200 characters at most)');
      const reply = { commentId: id, message: rec.body.message, id: instagramComment ? randomDigits(17) : `${id.split('_')[0]}_${randomDigits(15)}`, edge: edge as 'comments' | 'replies' };
      commentReplies.push(reply);
      return { status: 200, body: { id: reply.id } };
    }
    const hideParam = instagramComment ? 'hide' : 'is_hidden';
    if (rec.method === 'POST' && edge === undefined && (rec.body.is_hidden !== undefined || rec.body.hide !== undefined)) {
      if (rec.body[hideParam] === undefined) return badParam(`The parameter ${hideParam} is required`);
      hiddenComments.set(id, rec.body[hideParam] === true || rec.body[hideParam] === 'true');
      return { status: 200, body: { success: true } };
    }
    if (rec.method === 'GET' && edge === undefined) {
      const profile = profiles.get(id);
      if (!profile) return graphError(400, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, { type: 'GraphMethodException', error_subcode: 33 });
      const fields = (rec.query.fields ?? 'name').split(',');
      return { status: 200, body: { ...Object.fromEntries(Object.entries(profile).filter(([k]) => fields.includes(k))), id } };
    }
    return graphError(400, `Unsupported ${rec.method.toLowerCase()} request.`, 100, { type: 'GraphMethodException', error_subcode: 33 });
  }

  function sendMessage(rec: Rec): Reply {
    const recipient = rec.body.recipient as FakeSentMessage['recipient'] | undefined;
    const message = rec.body.message as Record<string, unknown> | undefined;
    const type = rec.body.messaging_type as string | undefined;
    const tag = rec.body.tag as string | undefined;
    if (!recipient || (typeof recipient.id !== 'string' && typeof recipient.comment_id !== 'string')) return badParam('param recipient must be non-empty.');
    if (!message || typeof message !== 'object') return badParam('param message must be non-empty.');
    if (type !== undefined && !['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(type)) return badParam('param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
    if (type === 'MESSAGE_TAG' && !tag) return badParam('The parameter tag is required');
    const text = message.text;
    const attachment = message.attachment as { type?: string; payload?: { url?: string } } | undefined;
    if (typeof text === 'string') {
      if ([...text].length > 2000) return badParam('Length of param message[text] must be less than or equal to 2000');
    } else if (!attachment?.type) return badParam('param message must contain text or attachment');
    else if (!attachment.payload?.url && !rec.files.some((f) => f.field === 'filedata')) return badParam('Upload attachment failure.');
    if (recipient.id) {
      const last = lastCustomer.get(recipient.id);
      const elapsed = last ? Date.now() - last.getTime() : 0;
      const humanAgent = type === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT';
      if (elapsed > 7 * 24 * HOUR_MS || (elapsed > 24 * HOUR_MS && !humanAgent)) {
        return graphError(400, '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview', 10, { error_subcode: 2018278 });
      }
    }
    const messageId = `m_${randomBytes(24).toString('base64url')}`;
    sent.push({ recipient, ...(type ? { messaging_type: type } : {}), ...(tag ? { tag } : {}), message, ...(rec.files.length ? { files: rec.files } : {}), messageId });
    return { status: 200, body: { recipient_id: recipient.id ?? randomDigits(16), message_id: messageId } };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const rec: Rec = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: {}, files: [] };
        requests.push(rec);
        let reply: Reply;
        try {
          await parseBody(rec, Buffer.concat(chunks), headers['content-type'] ?? '');
          reply = route(rec, headers.authorization);
        } catch (err) {
          reply = graphError(400, `(#100) Could not parse the request body: ${(err as Error).message}`, 100);
        }
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': randomBytes(8).toString('base64url'), ...reply.headers });
        res.end(JSON.stringify(reply.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    commentReplies,
    hiddenComments,
    failNext(answer) {
      failures.push(answer);
    },
    setProfile(psid, profile) {
      profiles.set(psid, profile);
    },
    setLastCustomerMessage(psid, at) {
      lastCustomer.set(psid, at);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** JSON, urlencoded or multipart; Graph reads JSON-looking form fields (`recipient`, `message`) as JSON. */
async function parseBody(rec: Rec, raw: Buffer, contentType: string): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('application/json')) {
    rec.body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    return;
  }
  const form = await new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') rec.body[field] = jsonOrText(value);
    else rec.files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
}

function jsonOrText(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function randomDigits(n: number): string {
  return Array.from(randomBytes(n), (b) => String(b % 10)).join('').replace(/^0/, '1');
}

/**
 * The bytes Meta would POST for this payload, and its headers. `escapeUnicode` writes every non-ASCII UTF-16 unit
 * as `\uXXXX` and `/` as `\/`, as Meta's own JSON encoder does; a string payload is used as is (then escaped).
 */
export function signMetaWebhook(appSecret: string, payload: object | string, opts: { escapeUnicode?: boolean } = {}): { body: Buffer; headers: Record<string, string> } {
  let text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (opts.escapeUnicode) text = escapeLikeMeta(text);
  const body = Buffer.from(text, 'utf8');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
      'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
    },
  };
}

/** Non-ASCII and `/` only ever occur inside JSON strings, so escaping them in the serialised text is safe. */
export function escapeLikeMeta(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\//g, '\\/');
}
