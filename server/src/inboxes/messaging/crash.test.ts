import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/index.ts';
import { signViberWebhook, viberTextEvent } from '../../test/fakes/viber-api.ts';
import { testDatabaseUrl } from '../../test/database.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { freePort } from '../../test/ports.ts';
import { viberBot } from '../../test/messaging-kit.ts';
import { processDueEvents } from './processor.ts';

const root = resolve(import.meta.dirname, '../../../..');
const secretsKey = 'crash-test-secrets-key-0123456789abcdef';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

/** A database nobody has used: the node's first-run setup needs an empty one. */
async function emptyDatabase(): Promise<{ databaseUrl: string | null; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-crash-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const serverUrl = testDatabaseUrl;
  if (!serverUrl) return { databaseUrl: null, dataDir };
  const pg = (await import('pg')).default;
  const name = `careloop_crash_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), dataDir };
}

describe('a webhook acknowledged just before the server dies', () => {
  it('is processed exactly once after the restart', async () => {
    if (!existsSync(join(root, 'server/dist/main.mjs'))) spawnSync('node', [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    const where = await emptyDatabase();
    const port = await freePort();
    // A web node (no worker): it stores and acknowledges, and nothing processes before it is killed.
    const child = spawn(process.execPath, [join(root, 'server/dist/main.mjs')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, CARELOOP_ROLE: 'web', CARELOOP_SECRETS_KEY: secretsKey,
        CARELOOP_DATA_DIR: where.dataDir, DATABASE_URL: where.databaseUrl ?? '', REDIS_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    const setupUrl = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const m = /First-run setup: (\S+)/.exec(out);
        if (m) ok(m[1]!);
      });
      child.once('exit', (code) => fail(new Error(`the node exited (${code}) before it was ready:\n${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const setup = await fetch(`${base}/api/v1/setup?${new URL(setupUrl).searchParams}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Shop Crash', ownerName: 'Lan', email: 'owner@crash.test', password: 'correct horse battery' }),
    });
    expect(setup.status).toBe(200);
    const cookie = /careloop_session=[^;]*/.exec(setup.headers.get('set-cookie') ?? '')![0];
    const { csrfToken } = await setup.json() as { csrfToken: string };
    const created = await fetch(`${base}/api/v1/inboxes`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'Viber', channel: 'viber', messaging: viberBot }),
    });
    expect(created.status).toBe(201);
    const inboxId = (await created.json() as { id: string }).id;

    const signed = signViberWebhook(viberBot.authToken, viberTextEvent({ token: 5098034272017991234n, userId: 'crash-user-1=', name: 'Mai', text: 'Đơn hàng của tôi đâu rồi?', timestamp: Date.now() }));
    const ack = await fetch(`${base}/api/channels/${inboxId}/webhook`, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(ack.status).toBe(200);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // The restart: a node with a worker on the same database.
    const database = await openDatabase(where);
    const t: TestApp = await startTestApp({ database, config: { secretsKey } });
    cleanups.push(async () => { await t.close(); await database.close(); });
    const messages = () => t.deps.db.selectFrom('messages').select(['body']).where('inbox_id', '=', inboxId).where('kind', '=', 'incoming').execute();
    expect(await messages()).toHaveLength(0);
    expect(await processDueEvents(t.deps)).toBe(1);
    expect(await processDueEvents(t.deps)).toBe(0);
    expect(await messages()).toEqual([{ body: 'Đơn hàng của tôi đâu rồi?' }]);
    // Viber retries the delivery it never saw answered in time: still one message.
    expect((await t.request('POST', `/api/channels/${inboxId}/webhook`, { body: signed.body, headers: signed.headers })).status).toBe(200);
    expect(await processDueEvents(t.deps)).toBe(0);
    expect(await messages()).toHaveLength(1);
  }, 120_000);
});
