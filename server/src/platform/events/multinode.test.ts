import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { testDatabaseUrl } from '../../test/database.ts';
import { isEvent, openSocket } from '../../test/sockets.ts';

const redisUrl = process.env.CARELOOP_TEST_REDIS_URL || null;
const root = resolve(import.meta.dirname, '../../../..');
const reason = !testDatabaseUrl ? 'needs CARELOOP_TEST_DATABASE_URL (PGlite cannot be shared by two processes)' : !redisUrl ? 'needs CARELOOP_TEST_REDIS_URL' : null;
if (reason) console.log(`multi-node test not run here: ${reason}; .ci/run sets both.`);

function startNode(port: number, nodeId: string): Promise<ChildProcess> {
  // Web nodes: this test is about realtime; a worker here would take other test files' jobs and events.
  const child = spawn(process.execPath, [join(root, 'server/dist/main.mjs')], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl!, REDIS_URL: redisUrl!, PORT: String(port), HOST: '127.0.0.1', NODE_ID: nodeId, CARELOOP_ROLE: 'web',
      PUBLIC_URL: `http://127.0.0.1:${port}`, CARELOOP_DATA_DIR: mkdtempSync(join(tmpdir(), 'careloop-node-')), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => { if (String(chunk).includes('CareLoop is running')) resolveStart(child); });
    child.once('exit', (code) => reject(new Error(`node ${nodeId} exited with ${code}`)));
  });
}

describe.skipIf(reason !== null)('two nodes on one PostgreSQL and one Redis', () => {
  let t: TestApp;
  const nodes: ChildProcess[] = [];
  beforeAll(async () => {
    if (!existsSync(join(root, 'server/dist/main.mjs'))) spawnSync('node', [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    t = await startTestApp();
    nodes.push(await startNode(39101, 'node-a'), await startNode(39102, 'node-b'));
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) n.kill('SIGTERM');
    await t?.close();
  });

  it('a widget message sent to process A reaches a console socket on process B', async () => {
    const { owner, inbox } = await t.workspace();
    const console = await openSocket('ws://127.0.0.1:39102/api/v1/realtime', { cookie: owner.cookie });
    await console.next((f) => f.type === 'ready');
    const headers = { 'content-type': 'application/json', 'x-careloop-inbox': inbox.widgetToken };
    const session = (await (await fetch('http://127.0.0.1:39101/api/widget/session', { method: 'POST', headers, body: JSON.stringify({ name: 'Khách đa máy chủ' }) })).json()) as { visitorToken: string };
    const sent = await fetch('http://127.0.0.1:39101/api/widget/messages', {
      method: 'POST', headers: { ...headers, authorization: `Bearer ${session.visitorToken}` }, body: JSON.stringify({ body: 'Tin nhắn qua node A' }),
    });
    expect(sent.status).toBe(201);
    const frame = await console.next(isEvent('message.created'), 10_000);
    expect(frame.event.message.body).toBe('Tin nhắn qua node A');
    await console.close();
  });

  it('a branding change saved on process A shows on process B at once, not after its 30-second cache', async () => {
    const { owner } = await t.workspace({ name: 'Shop Hai Máy' });
    const { publicKey } = (await owner.get<{ publicKey: string }>('/api/v1/helpcenter/site')).body;
    const page = async () => (await fetch(`http://127.0.0.1:39102/help/${publicKey}?lang=vi`)).text();
    expect(await page()).toContain('Shop Hai Máy'); // now cached on B
    const saved = await fetch('http://127.0.0.1:39101/api/v1/helpcenter/site', {
      method: 'PUT', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ logoImageId: null, color: '#aa3300', titleVi: 'Trợ giúp Hai Máy', titleEn: null }),
    });
    expect(saved.status).toBe(200);
    await expect.poll(page, { timeout: 5_000 }).toContain('Trợ giúp Hai Máy');
  });
});
