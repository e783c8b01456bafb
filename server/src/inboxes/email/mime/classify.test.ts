import { describe, expect, it } from 'vitest';
import { AUTO_REPLY_SUBJECT, classifyEmail, isLoopRisk, LOOP_HEADER } from './classify.ts';
import { parseFieldGroups } from './dsn.ts';
import { OUR_ID } from './fixtures/index.ts';
import { parseEmail } from './parse.ts';

const mail = (headers: string, body = 'Nội dung thư') =>
  parseEmail(Buffer.from(`From: Khách <khach@example.vn>\nTo: support@hoasen.example\n${headers.trim()}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`));
const kindOf = async (headers: string, body?: string) => classifyEmail(await mail(headers, body));

describe('classifyEmail signals (spec §6.3)', () => {
  it.each([
    ['Subject: Hỏi hàng', 'normal', 'none'],
    ['Auto-Submitted: no', 'normal', 'none'],
    ['Auto-Submitted: auto-generated', 'auto_reply', 'header:auto-submitted=auto-generated'],
    ['Auto-Submitted: Auto-Replied; owner-email="a@x.vn"', 'auto_reply', 'header:auto-submitted=auto-replied'],
    ['X-Autoreply: yes', 'auto_reply', 'header:x-autoreply'],
    ['X-Autorespond: anything', 'auto_reply', 'header:x-autorespond'],
    ['Precedence: auto_reply', 'auto_reply', 'header:precedence=auto_reply'],
    ['Precedence: bulk', 'bulk', 'header:precedence=bulk'],
    ['Precedence: JUNK', 'bulk', 'header:precedence=junk'],
    ['Precedence: list', 'bulk', 'header:precedence=list'],
    ['List-Id: Tin khuyến mãi <promo.shop.example>', 'bulk', 'header:list-id'],
    ['List-Unsubscribe: <https://shop.example/u/1>', 'bulk', 'header:list-unsubscribe'],
    ['X-Failed-Recipients: a@x.vn', 'bounce', 'header:x-failed-recipients'],
    ['Subject: Automatic reply: Đơn hàng', 'auto_reply', 'subject'],
    ['Subject: Out of the Office', 'auto_reply', 'subject'],
    ['Subject: AutoReply from Thanh', 'auto_reply', 'subject'],
    ['Subject: Tự động trả lời: Báo giá', 'auto_reply', 'subject'],
    ['Subject: Re: Automatic reply: Đơn hàng', 'normal', 'none'],
    ['Subject: Trả lời tự độngx', 'normal', 'none'],
    ['Return-Path: <>', 'bounce', 'return-path:empty'],
  ])('%s → %s', async (headers, kind, reason) => {
    expect(await kindOf(headers)).toMatchObject({ kind, reason });
  });

  it('treats MAILER-DAEMON and postmaster senders as bounces, whatever the case', async () => {
    const daemon = await parseEmail(Buffer.from('From: Mailer-Daemon@MX.example.vn\nSubject: x\n\nfailed'));
    expect(classifyEmail(daemon)).toMatchObject({ kind: 'bounce', reason: 'sender:mailer-daemon' });
    const postmaster = await parseEmail(Buffer.from('From: "Post Master" <POSTMASTER@example.vn>\nSubject: x\n\nfailed'));
    expect(classifyEmail(postmaster)).toMatchObject({ kind: 'bounce', reason: 'sender:mailer-daemon' });
  });

  it('orders the signals: bounce before auto-reply headers, auto-reply subject before the null sender', async () => {
    expect(await kindOf('X-Failed-Recipients: a@x.vn\nAuto-Submitted: auto-replied')).toMatchObject({ kind: 'bounce' });
    expect(await kindOf('Auto-Submitted: auto-replied\nPrecedence: bulk')).toMatchObject({ kind: 'auto_reply' });
    expect(await kindOf('Return-Path: <>\nSubject: Trả lời tự động: Đơn hàng')).toMatchObject({ kind: 'auto_reply', reason: 'subject' });
    expect(await kindOf('Return-Path: <>\nAuto-Submitted: auto-replied')).toMatchObject({ kind: 'auto_reply' });
  });

  it('does not count a group forward\'s own list headers (X-Original-Sender present), but still counts bulk', async () => {
    const group = 'X-Original-Sender: khach@example.vn\nList-Id: <support.hoasen.example>\nList-Unsubscribe: <mailto:x@y>\nPrecedence: list';
    expect(await kindOf(group)).toMatchObject({ kind: 'normal' });
    expect(await kindOf('X-Original-Sender: news@example.vn\nPrecedence: bulk')).toMatchObject({ kind: 'bulk' });
    expect(await kindOf(`${group}\nAuto-Submitted: auto-replied`)).toMatchObject({ kind: 'auto_reply' });
  });

  it('the subject heuristic is anchored at the start', () => {
    expect(AUTO_REPLY_SUBJECT.test('Trả lời tự động: x')).toBe(true);
    expect(AUTO_REPLY_SUBJECT.test('TRẢ LỜI TỰ ĐỘNG')).toBe(true);
    expect(AUTO_REPLY_SUBJECT.test('Hỏi về trả lời tự động')).toBe(false);
  });
});

describe('bounce details', () => {
  const dsn = (status: string, extra = '') => `From: MAILER-DAEMON@mx.example.net
To: support@hoasen.example
Subject: Undelivered
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

failed
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ok@example.vn
Action: delivered
Status: 2.0.0

Final-Recipient: RFC822; <Khach@Example.VN>
Action: FAILED
${status}${extra}

--b
Content-Type: text/rfc822-headers

Message-ID: <${OUR_ID}>
Subject: x

--b--
`;

  it('takes the recipient that failed, not the first one', async () => {
    const result = classifyEmail(await parseEmail(Buffer.from(dsn('Status: 5.2.1 (mailbox disabled)', '\nDiagnostic-Code: smtp;550-5.2.1 The email account\n that you tried to reach is disabled'))));
    expect(result.bounce).toEqual({
      hard: true, status: '5.2.1', action: 'failed', finalRecipient: 'khach@example.vn',
      diagnostic: '550-5.2.1 The email account that you tried to reach is disabled', originalMessageId: OUR_ID,
    });
  });

  it('Action: failed without a Status is hard; 4.x.x is soft', async () => {
    expect(classifyEmail(await parseEmail(Buffer.from(dsn('')))).bounce).toMatchObject({ hard: true, status: null, action: 'failed' });
    expect(classifyEmail(await parseEmail(Buffer.from(dsn('Status: 4.4.7')))).bounce).toMatchObject({ hard: false, status: '4.4.7' });
  });

  it('without a report, a bounce is hard only with a 5.x.x code in the text, not in an IP address', async () => {
    const daemon = (body: string) => parseEmail(Buffer.from(`From: MAILER-DAEMON@x.vn\nSubject: failed\n\n${body}`));
    expect(classifyEmail(await daemon('host 10.5.1.1 said: try later')).bounce).toMatchObject({ hard: false, status: null });
    expect(classifyEmail(await daemon('Remote said 550 5.1.1 user unknown.')).bounce).toMatchObject({ hard: true, status: '5.1.1' });
    expect(classifyEmail(await daemon('Deferred: 421 4.7.0 try again.')).bounce).toMatchObject({ hard: false, status: '4.7.0' });
  });

  it('parseFieldGroups unfolds fields and splits the per-recipient groups', () => {
    const groups = parseFieldGroups('Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; x@y\r\nDiagnostic-Code: smtp; 550\r\n  more\r\n');
    expect(groups).toHaveLength(2);
    expect(groups[1]!.get('diagnostic-code')).toBe('smtp; 550 more');
  });
});

describe('isLoopRisk', () => {
  const own = ['support@hoasen.example', 'reply@inbound.example.com'];

  it('is true for a mail carrying our loop header', async () => {
    expect(LOOP_HEADER).toBe('X-CareLoop-Loop');
    expect(isLoopRisk(await mail(`${LOOP_HEADER}: hoasen.example`), [])).toBe(true);
  });

  it('is true for mail from or replying to our own addresses, plus tags ignored', async () => {
    expect(isLoopRisk(await parseEmail(Buffer.from('From: Shop <Support@HoaSen.example>\n\nx')), own)).toBe(true);
    expect(isLoopRisk(await parseEmail(Buffer.from('From: a@x.vn\nReply-To: reply+tok123@inbound.example.com\n\nx')), own)).toBe(true);
    expect(isLoopRisk(await parseEmail(Buffer.from('From: support+bounces@hoasen.example\n\nx')), own)).toBe(true);
  });

  it('is false for a customer, and for a group forward whose From is our address', async () => {
    expect(isLoopRisk(await mail('Subject: hi'), own)).toBe(false);
    const group = await parseEmail(Buffer.from('From: Khách <support@hoasen.example>\nX-Original-Sender: khach@example.vn\n\nx'));
    expect(isLoopRisk(group, own)).toBe(false);
  });
});
