import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.ts';
import { openDatabase, type Database } from '../platform/db/index.ts';
import { freshDatabase, testDbKind } from '../test/database.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { restoreBackup, writeBackup } from './service.ts';
import { backupTables, readPage } from './store.ts';

let source: Awaited<ReturnType<typeof freshDatabase>>;
let target: Awaited<ReturnType<typeof freshDatabase>>;
let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'careloop-backup-test-'));
const sourceFiles = () => join(t.deps.config.dataDir, 'files');
const targetFiles = join(dir, 'restored-files');

beforeAll(async () => {
  [source, target] = await Promise.all([freshDatabase(), freshDatabase()]);
  t = await startTestApp({ database: source.opened });
}, 240_000);
afterAll(async () => {
  await t?.close();
  await source?.dispose();
  await target?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A shop with something in every kind of column: jsonb, text[], booleans, nullable timestamps, files. */
async function buildShop() {
  const { owner, inbox } = await t.workspace({ name: 'Tiệm Hoa Mai' });
  const minh = await t.addAgent(owner, 'supervisor', 'Trần Văn Minh');
  await t.addAgent(owner, 'agent', 'Đặng Thị Hoà');
  expect((await owner.post('/api/v1/teams', { name: 'Đổi trả', agentIds: [minh.id] })).status).toBe(201);
  expect((await owner.post('/api/v1/invitations', { email: 'moi@shop.test', role: 'agent' })).status).toBe(201);
  expect((await owner.post('/api/v1/api-tokens', { name: 'Kho', scopes: ['contacts:read', 'conversations:read'] })).status).toBe(201);
  expect((await owner.post('/api/v1/canned-responses', { shortCode: 'cam-on', title: 'Cảm ơn', body: 'Cảm ơn {{contact.first_name}} ạ!' })).status).toBe(201);

  const contact = await owner.post('/api/v1/contacts', {
    name: 'Đặng Thị Hoà', phone: '0912 345 678', email: 'hoa@khach.test', tags: ['vip', 'hà nội'],
    attributes: { city: 'Hà Nội', orders: 3, subscribed: true, note: null, quote: 'say "xin chào"\nline 2' },
  });
  expect(contact.status).toBe(201);

  const visitor = t.visitor(inbox.widgetToken);
  await visitor.start({ name: 'Phạm Thu Hà', email: 'ha@khach.test' });
  expect((await visitor.say('Chào shop, đơn #1 chưa tới ạ', 'c-1')).status).toBe(201);
  const conversation = (await owner.get('/api/v1/conversations')).body.items[0];

  const form = new FormData();
  form.set('file', new Blob([new TextEncoder().encode('%PDF-1.4 hoá đơn\n%%EOF')], { type: 'application/pdf' }), 'hoá đơn.pdf');
  const upload = await t.request('POST', '/api/v1/attachments', { body: form, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
  expect(upload.status).toBe(201);
  const reply = await owner.post(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Dạ, shop gửi hoá đơn ạ', attachmentIds: [upload.body.id] });
  expect(reply.status).toBe(201);
  expect((await owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'note', body: '@Trần Văn Minh xem giúp đơn này' })).status).toBe(201);
  const { version } = (await owner.get(`/api/v1/conversations/${conversation.id}`)).body;
  const patched = await owner.patch(`/api/v1/conversations/${conversation.id}`, { version, labels: ['giao hàng', 'gấp'], priority: 'high' });
  expect(patched.status).toBe(200);
  expect((await owner.post(`/api/v1/conversations/${conversation.id}/read`, {})).status).toBe(200);
}

async function contentsOf(db: Database) {
  const tables: Record<string, unknown[]> = {};
  for (const table of backupTables) tables[table.name] = await readPage(db, table, null, 100_000);
  return tables;
}

describe('backup and restore', () => {
  let file: string;

  it('a backup restores into a fresh database with every row, type and file intact', { timeout: 120_000 }, async () => {
    await buildShop();
    file = join(dir, 'shop.jsonl.gz');
    const summary = await writeBackup(source.opened.db, { out: file, filesDir: sourceFiles() });
    expect(summary.files).toBe(1);
    expect(summary.rows.messages).toBeGreaterThanOrEqual(3);

    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'careloop-backup', version: 1, migrations: Object.keys(migrations) });
    expect(header.tables[0]).toBe('instance_settings');
    expect(lines.some((l) => l.includes('"table":"sessions"'))).toBe(false);
    expect(JSON.parse(lines.at(-1)!).type).toBe('end');

    const restored = await restoreBackup(target.opened.db, { file, filesDir: targetFiles, force: false });
    expect(restored.rows).toEqual(summary.rows);
    const [before, after] = [await contentsOf(source.opened.db), await contentsOf(target.opened.db)];
    expect(after).toEqual(before);
    expect(after.contacts!.length).toBeGreaterThan(0);

    const contact = (after.contacts as { name: string; tags: string[]; attributes: unknown; blocked: boolean; created_at: Date }[]).find((c) => c.name === 'Đặng Thị Hoà')!;
    expect(contact.tags).toEqual(['vip', 'hà nội']);
    expect(contact.attributes).toEqual({ city: 'Hà Nội', orders: 3, subscribed: true, note: null, quote: 'say "xin chào"\nline 2' });
    expect(contact.blocked).toBe(false);
    expect(contact.created_at).toBeInstanceOf(Date);
    const sessions = await sql<{ n: number }>`select count(*)::int as n from sessions`.execute(target.opened.db);
    expect(sessions.rows[0]!.n).toBe(0);

    const attachment = after.attachments![0] as { storage_key: string };
    expect(readFileSync(join(targetFiles, attachment.storage_key))).toEqual(readFileSync(join(sourceFiles(), attachment.storage_key)));
  });

  it('refuses to restore over a database with workspaces unless forced', async () => {
    await expect(restoreBackup(target.opened.db, { file, filesDir: targetFiles, force: false })).rejects.toMatchObject({ code: 'conflict' });
    const forced = await restoreBackup(target.opened.db, { file, filesDir: targetFiles, force: true });
    expect(forced.replacedWorkspaces).toBe(1);
    expect(await contentsOf(target.opened.db)).toEqual(await contentsOf(source.opened.db));
  });

  it('a cut-short or foreign file changes nothing', async () => {
    const before = await contentsOf(target.opened.db);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -1).join('\n') + '\n'));
    await expect(restoreBackup(target.opened.db, { file: cut, filesDir: targetFiles, force: true })).rejects.toThrow(/incomplete/);
    const foreign = join(dir, 'foreign.gz');
    writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
    await expect(restoreBackup(target.opened.db, { file: foreign, filesDir: targetFiles, force: true })).rejects.toThrow(/not a CareLoop backup/);
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, 'not gzip at all');
    await expect(restoreBackup(target.opened.db, { file: plain, filesDir: targetFiles, force: true })).rejects.toThrow(/not a CareLoop backup/);
    expect(await contentsOf(target.opened.db)).toEqual(before);
  });

  it('will not overwrite an existing backup file', async () => {
    await expect(writeBackup(source.opened.db, { out: file, filesDir: sourceFiles() })).rejects.toMatchObject({ code: 'already_exists' });
  });

  it.runIf(testDbKind === 'postgres')('moves a shop from PostgreSQL to embedded PGlite and back', async () => {
    const embedded = await openDatabase({ databaseUrl: null, dataDir: join(dir, 'embedded') });
    try {
      await restoreBackup(embedded.db, { file, filesDir: join(dir, 'embedded', 'files'), force: false });
      expect(await contentsOf(embedded.db)).toEqual(await contentsOf(source.opened.db));
      const back = join(dir, 'from-embedded.jsonl.gz');
      await writeBackup(embedded.db, { out: back, filesDir: join(dir, 'embedded', 'files') });
      await restoreBackup(target.opened.db, { file: back, filesDir: targetFiles, force: true });
      expect(await contentsOf(target.opened.db)).toEqual(await contentsOf(source.opened.db));
    } finally {
      await embedded.close();
    }
  }, 240_000);
});
