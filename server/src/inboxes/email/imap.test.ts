import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { freePort } from '../../test/ports.ts';
import { getInboxRow } from '../service.ts';
import { systemCtx } from '../../platform/context.ts';
import { pollImapInbox } from './imap.ts';

/**
 * IMAP against a real server: Debian's dovecot, started by the test on a loopback port with its own
 * configuration (static password, a maildir under a temporary home). Where dovecot is not installed
 * (`apt-get install dovecot-imapd`) or cannot run as root here, the tests are skipped and say why.
 */
const dovecot = '/usr/sbin/dovecot';
const canRun = existsSync(dovecot) && process.getuid?.() === 0;
const why = !existsSync(dovecot) ? 'dovecot is not installed (apt-get install dovecot-imapd)' : 'dovecot must be started as root';
if (!canRun) console.warn(`IMAP tests skipped: ${why}`);

let dir = '';
let port = 0;
let server: ChildProcess | null = null;
let t: TestApp;

async function waitForPort(p: number, ms = 10_000) {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port: p, host: '127.0.0.1' }, () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > ms) throw new Error(`dovecot did not listen on ${p}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!canRun)('IMAP polling against dovecot', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careloop-dovecot-'));
    chmodSync(dir, 0o755); // the mail processes run as nobody and must reach the home below
    port = await freePort();
    const home = join(dir, 'home');
    mkdirSync(home);
    chownSync(home, 65534, 65534);
    writeFileSync(join(dir, 'dovecot.conf'), [
      `base_dir = ${dir}/run`, `state_dir = ${dir}/state`, `log_path = ${dir}/dovecot.log`, 'protocols = imap', 'listen = 127.0.0.1',
      'ssl = no', 'disable_plaintext_auth = no', 'auth_mechanisms = plain login', 'first_valid_uid = 1',
      'passdb {\n  driver = static\n  args = password=mat-khau-imap\n}',
      `userdb {\n  driver = static\n  args = uid=65534 gid=65534 home=${home}/%u\n}`,
      'mail_location = maildir:~/Maildir',
      `service imap-login {\n  inet_listener imap {\n    port = ${port}\n    address = 127.0.0.1\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service stats {\n  unix_listener stats-reader {\n    mode = 0666\n  }\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}',
    ].join('\n'));
    server = spawn(dovecot, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
    await waitForPort(port);
    t = await startTestApp();
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mailbox = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, logger: false, auth: { user: 'cskh', pass: 'mat-khau-imap' } } as ConstructorParameters<typeof ImapFlow>[0]);
  const raw = (n: number, from: string) => Buffer.from(
    `From: Khách ${n} <${from}>\r\nTo: cskh@imap-shop.test\r\nSubject: =?UTF-8?B?${Buffer.from(`Câu hỏi số ${n}`).toString('base64')}?=\r\n` +
    `Message-ID: <imap.${n}.${Date.now()}@khach.test>\r\nDate: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nNội dung câu hỏi ${n}.\r\n`);

  it('stores each mail of the mailbox once, across polls and a restart, continuing after the last UID', async () => {
    const ws = await t.workspace({ name: 'Shop IMAP' });
    const created = await ws.owner.post('/api/v1/inboxes', { name: 'Gmail cũ', channel: 'email', email: {
      address: 'cskh@imap-shop.test', imap: { host: '127.0.0.1', port, security: 'none', username: 'cskh', password: 'mat-khau-imap' },
    } });
    expect(created.status).toBe(201);
    const client = mailbox();
    await client.connect();
    const from = `imap.${Date.now()}@khach.test`;
    for (const n of [1, 2]) await client.append('INBOX', raw(n, from));
    const inbox = await getInboxRow(systemCtx(t.deps, ws.workspaceId), created.body.id);

    const first = await pollImapInbox(t.deps, inbox);
    expect(first.stored).toBe(2);
    expect((await pollImapInbox(t.deps, inbox)).stored).toBe(0); // nothing new

    await client.append('INBOX', raw(3, from));
    // "A restart": another node (a new app on the same database) continues from the saved UID.
    const other = await startTestApp();
    const third = await pollImapInbox(other.deps, inbox);
    await other.close();
    expect(third).toMatchObject({ stored: 1, lastUid: first.lastUid + 1 });

    // The same mail appended again (another UID, same Message-ID) is not stored twice.
    const dup = raw(4, from);
    await client.append('INBOX', dup);
    await client.append('INBOX', dup);
    expect((await pollImapInbox(t.deps, inbox)).stored).toBe(2);
    await client.logout();

    const list = await ws.owner.get('/api/v1/conversations?status=any&limit=50');
    const conversations = list.body.items.filter((c: { inboxId: string }) => c.inboxId === created.body.id);
    const bodies: string[] = [];
    for (const c of conversations) {
      const items = (await ws.owner.get(`/api/v1/conversations/${c.id}/messages?limit=50`)).body.items as { kind: string; body: string }[];
      bodies.push(...items.filter((m) => m.kind === 'incoming').map((m) => m.body));
    }
    expect(bodies.sort()).toEqual(['Nội dung câu hỏi 1.', 'Nội dung câu hỏi 2.', 'Nội dung câu hỏi 3.', 'Nội dung câu hỏi 4.']);
  });

  it('records a login failure on the inbox and stores nothing', async () => {
    const ws = await t.workspace({ name: 'Shop IMAP sai' });
    const created = await ws.owner.post('/api/v1/inboxes', { name: 'Sai mật khẩu', channel: 'email', email: {
      address: 'sai@imap-shop.test', imap: { host: '127.0.0.1', port, security: 'none', username: 'cskh', password: 'wrong' },
    } });
    // The static passdb takes any user with the right password; this one is wrong.
    const inbox = await getInboxRow(systemCtx(t.deps, ws.workspaceId), created.body.id);
    await expect(pollImapInbox(t.deps, inbox)).rejects.toThrow();
    const { rows } = await t.deps.db.selectFrom('email_imap_state').selectAll().where('inbox_id', '=', created.body.id).execute().then((r) => ({ rows: r }));
    expect(rows[0]?.last_error).toBeTruthy();
    expect(rows[0]?.last_uid).toBe(0);
  });
});
