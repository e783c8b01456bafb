import { describe, expect, it } from 'vitest';
import { limits } from '@careloop/contracts';
import { classifyEmail } from './classify.ts';
import { EmailContentError } from './errors.ts';
import { OUR_ID } from './fixtures/index.ts';
import { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_MESSAGE_BYTES, parseEmail } from './parse.ts';
import { readFixture } from './test-helpers.ts';

const eml = (headers: string, body = 'Xin chào') =>
  Buffer.from(`${headers.trim()}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`);

function withAttachments(count: number, bytesEach: number) {
  const parts = Array.from({ length: count }, (_, i) =>
    `--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="f${i}.bin"\nContent-Transfer-Encoding: base64\n\n${Buffer.alloc(bytesEach, i + 1).toString('base64')}\n`,
  );
  return Buffer.from(`From: a@example.vn\nTo: b@example.vn\nSubject: files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nxem file\n${parts.join('')}--b--\n`);
}

describe('parseEmail limits', () => {
  it('refuses a raw message over the limit with a typed too_large error', async () => {
    const raw = eml('From: a@example.vn\nSubject: big', 'x'.repeat(2000));
    const error = await parseEmail(raw, { maxMessageBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailContentError);
    expect(error).toMatchObject({ code: 'too_large', details: { sizeBytes: raw.length, maxBytes: 1000 } });
  });

  it('defaults to 25 MB per message and the shared 10 MB per attachment', async () => {
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(25 * 1024 * 1024);
    expect(DEFAULT_MAX_ATTACHMENT_BYTES).toBe(limits.attachmentBytes);
    const error = await parseEmail(Buffer.alloc(DEFAULT_MAX_MESSAGE_BYTES + 1, 0x61)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_large' });
  });

  it('drops attachments over the per-attachment limit or past the count limit, keeping the mail', async () => {
    const big = await parseEmail(withAttachments(2, 2048), { maxAttachmentBytes: 1024 });
    expect(big.text.trim()).toBe('xem file');
    expect(big.attachments).toEqual([]);
    expect(big.droppedAttachments).toEqual([
      { filename: 'f0.bin', contentType: 'application/octet-stream', size: 2048, reason: 'too_large' },
      { filename: 'f1.bin', contentType: 'application/octet-stream', size: 2048, reason: 'too_large' },
    ]);
    const many = await parseEmail(withAttachments(3, 10), { maxAttachments: 2 });
    expect(many.attachments.map((a) => a.filename)).toEqual(['f0.bin', 'f1.bin']);
    expect(many.droppedAttachments).toEqual([{ filename: 'f2.bin', contentType: 'application/octet-stream', size: 10, reason: 'too_many' }]);
  });
});

describe('parseEmail content', () => {
  it('decodes Windows-1258 (base letter + combining tone) to precomposed NFC Vietnamese', async () => {
    const parsed = await parseEmail(readFixture('05-windows-1258.eml'));
    expect(parsed.text).toContain('Đặng Quốc Việt');
    expect(parsed.text).not.toMatch(/[\u0300\u0301\u0303\u0309\u0323]/);
    expect(parsed.subject).toBe('Đặt quà Tết số lượng lớn');
    expect(parsed.from[0]!.name).toBe('Đặng Quốc Việt');
    // The HTML is kept as sent (decoded, decomposed); sanitising normalises it.
    expect(parsed.html!.normalize('NFC')).toContain('<b>50 bộ quà tặng Tết</b>');
  });

  it('reads CRLF and LF line endings alike', async () => {
    const lf = readFixture('10-gmail-reply-vi.eml');
    const crlf = Buffer.from(lf.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    const [a, b] = await Promise.all([parseEmail(lf), parseEmail(crlf)]);
    expect(b.subject).toBe(a.subject);
    expect(b.references).toEqual(a.references);
    expect(b.text.replace(/\r\n/g, '\n')).toBe(a.text.replace(/\r\n/g, '\n'));
    expect(b.html?.replace(/\r\n/g, '\n')).toBe(a.html?.replace(/\r\n/g, '\n'));
  });

  it('keeps the report parts of a DSN out of the attachments', async () => {
    const parsed = await parseEmail(readFixture('30-dsn-hard-5.1.1.eml'));
    expect(parsed.attachments).toEqual([]);
    expect(parsed.report?.deliveryStatus).toContain('Status: 5.1.1');
    expect(parsed.report?.returnedHeaders).toContain(`Message-ID: <${OUR_ID}>`);
    expect(parsed.report?.returnedHeaders).not.toContain('Chào anh, đơn hàng');
  });

  it('keeps the classification headers unfolded, repeated ones joined', async () => {
    const parsed = await parseEmail(readFixture('38-google-groups-forward.eml'));
    expect(parsed.headers['list-unsubscribe']).toBe(
      '<mailto:googlegroups-manage+123456789012+unsubscribe@googlegroups.example>, <https://groups.google.example/a/hoasen.example/group/support/subscribe>',
    );
    expect(parsed.headers['list-id']).toBe('<support.hoasen.example>');
    expect(parsed.headers).not.toHaveProperty('x-google-group-id');
    const twice = await parseEmail(eml('From: a@example.vn\nDelivered-To: one@x.vn\nDelivered-To: two@x.vn'));
    expect(twice.headers['delivered-to']).toBe('one@x.vn, two@x.vn');
    expect(twice.recipients).toEqual(['one@x.vn', 'two@x.vn']);
  });

  it('takes the envelope sender over Return-Path; the null sender is ""', async () => {
    const raw = eml('From: notice@host.example.vn\nSubject: Thông báo');
    expect((await parseEmail(raw)).returnPath).toBeNull();
    const bounced = await parseEmail(raw, { envelopeFrom: '' });
    expect(bounced.returnPath).toBe('');
    expect(classifyEmail(bounced)).toMatchObject({ kind: 'bounce', reason: 'return-path:empty' });
    expect((await parseEmail(raw, { envelopeFrom: '<Someone@Example.VN>' })).returnPath).toBe('someone@example.vn');
    expect((await parseEmail(eml('From: a@x.vn\nReturn-Path: <>'))).returnPath).toBe('');
  });

  it('gives null for a missing or unreadable Date instead of "now"', async () => {
    expect((await parseEmail(eml('From: a@x.vn'))).date).toBeNull();
    expect((await parseEmail(eml('From: a@x.vn\nDate: Thứ Hai, 12 tháng 5'))).date).toBeNull();
    expect((await parseEmail(eml('From: a@x.vn\nDate: Mon, 12 May 2025 10:14:51 +0700 (ICT)'))).date?.toISOString()).toBe('2025-05-12T03:14:51.000Z');
  });

  it('reports an empty mail plainly', async () => {
    const parsed = await parseEmail(Buffer.from('From: a@x.vn\n\n'));
    expect(parsed).toMatchObject({ subject: '', text: '', textSource: 'none', html: null, messageId: null, attachments: [], report: null });
  });
});
