import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConversationDto, InboxDto, MeDto, Role } from '@careloop/contracts';
import { loadConfig, type Config } from '../config.ts';
import { createCareloop, type Careloop } from '../app.ts';
import { createLog } from '../platform/log.ts';
import type { OpenedDatabase } from '../platform/db/index.ts';
import { setupToken } from '../platform/instance.ts';
import { setupWorkspace } from '../workspaces/service.ts';
import { sharedDatabase } from './database.ts';

export interface Reply<T = any> { status: number; body: T; headers: Headers }

let counter = 0;
export const uniqueEmail = (prefix = 'agent') => `${prefix}.${process.pid}.${Date.now()}.${++counter}@shop.test`;

/** An in-process CareLoop on the test database. `app.request` is used; no port is opened. */
export async function startTestApp(opts: { database?: OpenedDatabase; redisUrl?: string; config?: Partial<Config> } = {}) {
  const database = opts.database ?? (await sharedDatabase());
  const config = loadConfig({}, {
    databaseUrl: null, dataDir: mkdtempSync(join(tmpdir(), 'careloop-files-')), logLevel: 'silent', publicUrl: 'http://localhost:3000',
    staticRoot: resolve(import.meta.dirname, '../../..'), redisUrl: opts.redisUrl ?? null,
    // Every test app on the database shares one key, as the nodes of one deployment share CARELOOP_SECRETS_KEY.
    secretsKey: 'careloop-test-secrets-key-0123456789abcdef',
    ...opts.config,
  });
  const careloop = await createCareloop(config, { database, worker: false, log: createLog('silent') });
  return new TestApp(careloop);
}

export class TestApp {
  constructor(readonly careloop: Careloop) {}
  get deps() { return this.careloop.deps; }

  async request<T = any>(method: string, path: string, opts: { json?: unknown; body?: string | Uint8Array | FormData; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.careloop.app.request(path, { method, headers, ...(body !== undefined ? { body: body as never } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  agent(): AgentClient { return new AgentClient(this); }
  visitor(widgetToken: string): VisitorClient { return new VisitorClient(this, widgetToken); }
  close() { return this.careloop.close(); }
  setupToken() { return setupToken(this.deps.secret); }

  /** A new workspace with a signed-in owner and its default web chat inbox. */
  async workspace(opts: { name?: string; locale?: 'vi' | 'en' } = {}) {
    const email = uniqueEmail('owner');
    const password = 'correct horse battery';
    const { workspaceId } = await setupWorkspace(this.deps, {
      workspaceName: opts.name ?? 'Shop Hoa Mai', ownerName: 'Nguyễn Thị Lan', email, password, locale: opts.locale ?? 'vi', timezone: 'Asia/Ho_Chi_Minh',
    }, 'cli');
    const owner = this.agent();
    await owner.login(email, password);
    const inboxes = (await owner.get<InboxDto[]>('/api/v1/inboxes')).body;
    return { workspaceId, owner, inbox: inboxes[0]!, password };
  }

  /** Invite and sign in another agent of the workspace with a role. */
  async addAgent(owner: AgentClient, role: Exclude<Role, 'owner'>, name = 'Trần Văn Minh'): Promise<AgentClient> {
    const email = uniqueEmail(role);
    const invite = await owner.post('/api/v1/invitations', { email, role });
    if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
    const token = new URL(invite.body.acceptUrl).searchParams.get('token');
    const client = this.agent();
    const accepted = await client.send('POST', '/api/v1/invitations/accept', { token, name, password: 'another good password' });
    if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
    client.adopt(accepted);
    return client;
  }
}

/** An agent's browser: keeps the session cookie and sends the CSRF token on writes. */
export class AgentClient {
  cookie = '';
  csrf = '';
  me: MeDto | null = null;
  constructor(readonly t: TestApp) {}

  adopt(reply: Reply) {
    const set = reply.headers.get('set-cookie');
    const match = set && /careloop_session=([^;]*)/.exec(set);
    if (match) this.cookie = `careloop_session=${match[1]}`;
    if (reply.status === 200 && reply.body?.csrfToken) {
      this.csrf = reply.body.csrfToken;
      this.me = reply.body;
    }
  }

  async login(email: string, password: string) {
    const reply = await this.send('POST', '/api/v1/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login failed: ${JSON.stringify(reply.body)}`);
    this.adopt(reply);
    return reply;
  }

  send<T = any>(method: string, path: string, json?: unknown, headers: Record<string, string> = {}) {
    return this.t.request<T>(method, path, {
      ...(json !== undefined ? { json } : {}),
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}), ...headers },
    });
  }
  get<T = any>(path: string) { return this.send<T>('GET', path); }
  post<T = any>(path: string, json: unknown = {}) { return this.send<T>('POST', path, json); }
  patch<T = any>(path: string, json: unknown) { return this.send<T>('PATCH', path, json); }
  put<T = any>(path: string, json: unknown) { return this.send<T>('PUT', path, json); }
  delete<T = any>(path: string) { return this.send<T>('DELETE', path); }
  get id() { return this.me!.agent.id; }
}

/** A website visitor using the widget API. */
export class VisitorClient {
  token = '';
  constructor(readonly t: TestApp, readonly widgetToken: string, readonly origin?: string) {}

  send<T = any>(method: string, path: string, json?: unknown, headers: Record<string, string> = {}) {
    return this.t.request<T>(method, `/api/widget${path}`, {
      ...(json !== undefined ? { json } : {}),
      headers: { 'x-careloop-inbox': this.widgetToken, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
    });
  }
  async start(input: Record<string, unknown> = {}) {
    const reply = await this.send('POST', '/session', input);
    if (reply.status === 200 && reply.body.visitorToken) this.token = reply.body.visitorToken;
    return reply;
  }
  say(body: string, clientId?: string) { return this.send('POST', '/messages', { body, ...(clientId ? { clientId } : {}) }); }
  messages(after?: string) { return this.send('GET', `/messages${after ? `?after=${after}` : ''}`); }
}

/** Listen on a free local port (for WebSocket tests): HTTP + the hub's upgrade handler. */
export async function listen(t: TestApp): Promise<{ url: string; wsUrl: string; close(): Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const server = serve({ fetch: t.careloop.app.fetch, port: 0, hostname: '127.0.0.1' }) as import('node:http').Server;
  server.on('upgrade', (req, socket, head) => void t.careloop.hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A customer who started a web chat (with an email) and wrote once; returns their conversation as agents see it. */
export async function customerInChat(t: TestApp, ws: Awaited<ReturnType<TestApp['workspace']>>, name: string) {
  const email = uniqueEmail('khach');
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name, email });
  await visitor.say('Shop ơi cho mình hỏi');
  const conversation = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations?status=any')).body.items.find((c) => c.contact.email === email)!;
  return { email, visitor, conversation };
}
