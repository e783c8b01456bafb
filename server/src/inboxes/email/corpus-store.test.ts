import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { systemCtx } from '../../platform/context.ts';
import { getInboxRow } from '../service.ts';
import { fixtures, OWN_ADDRESSES } from './mime/fixtures/index.ts';
import { receiveEmail } from './inbound.ts';

/**
 * The whole .eml corpus through the real inbound path (parse → classify → thread → contact → store),
 * into an inbox whose address is the corpus's own: people's mail becomes a conversation with the reply
 * text on the timeline and sanitised HTML beside it; machine mail (auto-replies, lists, bounces) and
 * our own looping mail that belongs to no conversation is not stored; a second delivery is a duplicate.
 */
let t: TestApp;
let ws: Awaited<ReturnType<TestApp['workspace']>>;
let inboxId = '';
let stored = 0;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace({ name: 'Shop Corpus' });
  const created = await ws.owner.post('/api/v1/inboxes', { name: 'Hỗ trợ', channel: 'email', email: { address: OWN_ADDRESSES[0], replyDomain: 'inbound.example.com' } });
  expect(created.status).toBe(201);
  inboxId = created.body.id;
});
afterAll(async () => {
  await t.close();
  // Most of the corpus is people's mail: make sure the store path really ran for it.
  expect(stored).toBeGreaterThanOrEqual(fixtures.filter((f) => f.kind === 'normal' && !f.loopRisk).length);
});

const dir = fileURLToPath(new URL('./mime/fixtures/', import.meta.url));

describe('the .eml corpus through the inbound pipeline', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (file, fx) => {
    const inbox = await getInboxRow(systemCtx(t.deps, ws.workspaceId), inboxId);
    const raw = readFileSync(`${dir}${file}`);
    const result = await receiveEmail(t.deps, inbox, raw, fx.opts?.envelopeTo ? { to: fx.opts.envelopeTo } : {});
    if (fx.kind !== 'normal' || fx.loopRisk) {
      expect(result).toMatchObject({ outcome: 'ignored' });
      return;
    }
    expect(result.outcome).toBe('stored');
    stored++;
    if (result.outcome !== 'stored') return;
    expect(result.via).toBe('new'); // nothing in this workspace matches the corpus's references
    const items = (await ws.owner.get(`/api/v1/conversations/${result.conversationId}/messages?limit=10`)).body.items as { id: string; kind: string; body: string; attachments: { filename: string }[] }[];
    const message = items.find((m) => m.id === result.messageId)!;
    expect(message.kind).toBe('incoming');
    for (const snippet of fx.reply) expect(message.body).toContain(snippet.trim());
    for (const snippet of fx.notInReply ?? []) expect(message.body).not.toContain(snippet);
    const email = (await ws.owner.get(`/api/v1/email/messages/${result.messageId}`)).body;
    expect(email.subject).toBe(fx.subject);
    expect(email.classification).toBe('normal');
    if (fx.html) {
      expect(email.htmlFull).toBeTruthy();
      expect(email.htmlFull).not.toMatch(/<script|\son\w+\s*=|javascript:|<iframe|<form|<svg|<math|<meta|<style/i);
      for (const snippet of fx.html.sanitized ?? []) if (!snippet.includes('cid:')) expect(email.htmlFull).toContain(snippet);
      // Inline images point at our signed file URLs once presented.
      if (fx.html.cidImages) expect((email.htmlFull.match(/src="\/files\/att_[0-9A-Za-z]+\?exp=\d+&amp;sig=[0-9a-f]+"/g) ?? []).length).toBe(fx.html.cidImages);
    }
    const kept = (fx.attachments ?? []).filter((a) => !/exe|octet-stream|x-msdownload/.test(a.sniffedType));
    for (const a of kept) if (['image/png', 'image/jpeg', 'image/gif', 'application/pdf'].includes(a.sniffedType)) expect(message.attachments.map((f) => f.filename)).toContain(a.filename);
    expect(message.attachments.map((f) => f.filename)).not.toContain('PO.pdf.exe');
    // The same mail again (a retrying MTA, an IMAP re-fetch) is stored once.
    expect(await receiveEmail(t.deps, inbox, raw)).toMatchObject({ outcome: 'duplicate', messageId: result.messageId });
  });
});

describe('one mail delivered twice at the same moment', () => {
  it('stores it once and leaves no empty conversation behind', async () => {
    const inbox = await getInboxRow(systemCtx(t.deps, ws.workspaceId), inboxId);
    const raw = Buffer.from([
      'From: Trần Thị Mai <mai.race@khach.test>', `To: ${OWN_ADDRESSES[0]}`, 'Subject: Hai lần cùng lúc', 'Message-ID: <race.1@khach.test>',
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Shop ơi, đơn của mình giao chưa ạ?', '',
    ].join('\r\n'));
    const conversations = async () => (await t.deps.db.selectFrom('conversations').select('id').where('workspace_id', '=', ws.workspaceId).execute()).map((r) => r.id);
    const before = (await conversations()).length;
    const results = await Promise.all([receiveEmail(t.deps, inbox, raw), receiveEmail(t.deps, inbox, raw), receiveEmail(t.deps, inbox, raw)]);
    const storedOnes = results.filter((r) => r.outcome === 'stored');
    expect(storedOnes).toHaveLength(1);
    const first = storedOnes[0]!;
    if (first.outcome !== 'stored') return;
    for (const r of results.filter((x) => x.outcome !== 'stored')) expect(r).toMatchObject({ outcome: 'duplicate', messageId: first.messageId, conversationId: first.conversationId });
    const after = await conversations();
    expect(after.length).toBe(before + 1);
    expect(after).toContain(first.conversationId);
  });
});
