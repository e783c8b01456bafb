import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyEmail, isLoopRisk } from './classify.ts';
import { buildEmailContent } from './content.ts';
import { fixtures, OWN_ADDRESSES } from './fixtures/index.ts';
import { parseEmail } from './parse.ts';
import { cidUrlFor, expectInert, readFixture } from './test-helpers.ts';

const expectAll = (haystack: string, needles: readonly string[] | undefined, label: string) => {
  for (const needle of needles ?? []) expect(haystack, `${label} should contain ${JSON.stringify(needle)}`).toContain(needle);
};
const expectNone = (haystack: string, needles: readonly string[] | undefined, label: string) => {
  for (const needle of needles ?? []) expect(haystack, `${label} should not contain ${JSON.stringify(needle)}`).not.toContain(needle);
};
const isNfc = (s: string) => s === s.normalize('NFC');

describe('email fixture corpus', () => {
  it('has at least 34 fixtures, each .eml described exactly once', () => {
    const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(34);
    expect(fixtures.map((f) => f.file).sort()).toEqual(files);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, fx) => {
    const parsed = await parseEmail(readFixture(fx.file), fx.opts);

    // Headers and addresses.
    expect(parsed.subject).toBe(fx.subject);
    expect(parsed.from[0]).toEqual(fx.from);
    if (fx.messageId !== undefined) expect(parsed.messageId).toBe(fx.messageId);
    if (fx.inReplyTo !== undefined) expect(parsed.inReplyTo).toBe(fx.inReplyTo);
    if (fx.references !== undefined) expect(parsed.references).toEqual(fx.references);
    if (fx.replyTo !== undefined) expect(parsed.replyTo[0]?.address).toBe(fx.replyTo);
    if (fx.recipients !== undefined) expect(parsed.recipients).toEqual(fx.recipients);
    if (fx.xOriginalSender !== undefined) expect(parsed.xOriginalSender).toBe(fx.xOriginalSender);
    for (const a of [...parsed.from, ...parsed.to, ...parsed.cc, ...parsed.replyTo]) {
      expect(a.address).toBe(a.address.toLowerCase());
      expect(a.name).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
      expect(isNfc(a.name)).toBe(true);
    }
    expect(parsed.subject).not.toMatch(/\p{Cc}/u);

    // Classification.
    const classification = classifyEmail(parsed);
    expect(classification.kind).toBe(fx.kind);
    expect(classification.reason).toBe(fx.reason);
    expect(classification.bounce).toEqual(fx.bounce);
    expect(isLoopRisk(parsed, OWN_ADDRESSES)).toBe(fx.loopRisk ?? false);

    // Attachments.
    expect(parsed.attachments.map(({ filename, contentType, sniffedType, inline }) => ({ filename, contentType, sniffedType, inline }))).toEqual(
      (fx.attachments ?? []).map((a) => ({ inline: false, ...a })),
    );
    expect(parsed.droppedAttachments.map(({ filename, reason }) => ({ filename, reason }))).toEqual(fx.dropped ?? []);

    // Text body and quote split.
    expect(parsed.textSource).toBe(fx.textSource ?? 'plain');
    expect(isNfc(parsed.text)).toBe(true);
    expectAll(parsed.text, fx.text, 'text');
    const content = buildEmailContent(parsed, { cidUrl: cidUrlFor(parsed), allowRemoteImages: false });
    expect(content.text.full).toBe(parsed.text.replace(/\r\n?/g, '\n'));
    expectAll(content.text.reply, fx.reply, 'reply');
    expectNone(content.text.reply, fx.notInReply, 'reply');
    if (fx.quoted === false) {
      expect(content.text.quoted).toBe('');
      expect(content.text.cutBy).toBeNull();
    } else {
      expectAll(content.text.quoted, fx.quoted, 'quoted');
      expect(content.text.cutBy).toBe(fx.cutBy);
    }

    // HTML body: cut, sanitised, images.
    if (fx.html === null) {
      expect(parsed.html).toBeNull();
      expect(content.html).toBeNull();
    } else {
      expect(content.html).not.toBeNull();
      const html = content.html!;
      expect(html.cutBy).toBe(fx.html.cutBy);
      if (fx.html.cutBy === null) expect(html.quoted).toBe('');
      else expect(html.quoted).not.toBe('');
      expectAll(html.reply, fx.html.reply, 'html reply');
      expectNone(html.reply, fx.html.notInReply, 'html reply');
      expectAll(html.full, fx.html.sanitized, 'sanitised html');
      expectNone(html.full, fx.html.notInSanitized, 'sanitised html');
      expect(html.full.match(/src="\/files\/\d+"/g)?.length ?? 0).toBe(fx.html.cidImages ?? 0);
      expect(isNfc(html.full)).toBe(true);
      if (fx.hostile) {
        for (const part of [html.full, html.reply, html.quoted]) expectInert(part);
      }
    }
    expect(content.blockedImages).toBe(fx.blockedImages ?? 0);
  });
});
