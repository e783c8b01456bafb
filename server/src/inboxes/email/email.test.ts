import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { createSmtpReceiver } from './smtp-receiver.ts';
import { emailSendQueue, runEmailSend } from './outbound.ts';
import { notifyEmailQueue, runNotifyEmail } from '../../notifications/email.ts';

/**
 * The email channel over real SMTP both ways: customers' mail goes through our receiver, replies
 * through the durable queue to a local SMTP sink (which can be told to refuse for a while).
 */
let t: TestApp;
let receiver: ReturnType<typeof createSmtpReceiver>;
let receiverPort = 0;
let sink: SMTPServer;
let sinkPort = 0;
const delivered: ParsedMail[] = [];
let refuse: { code: number; times: number } | null = null;

beforeAll(async () => {
  t = await startTestApp();
  receiver = createSmtpReceiver(t.deps, { maxBytes: 2 * 1024 * 1024 });
  receiverPort = await receiver.listen(0, '127.0.0.1');
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse && refuse.times > 0) {
          refuse.times--;
          return callback(Object.assign(new Error(refuse.code >= 500 ? '5.1.1 User unknown' : '4.2.1 Mailbox busy, try later'), { responseCode: refuse.code }));
        }
        simpleParser(Buffer.concat(chunks)).then((m) => { delivered.push(m); callback(); }, callback);
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  sinkPort = (sink.server.address() as { port: number }).port;
  // Retries after 1 s instead of 30 s, so a refused delivery is retried within the test.
  await t.deps.jobs.tune(emailSendQueue.name, { retryDelaySeconds: 1 });
  await t.deps.jobs.work([
    { ...emailSendQueue, run: (data, job) => runEmailSend(t.deps, data as never, job) },
    { ...notifyEmailQueue, run: (data) => runNotifyEmail(t.deps, data as never) },
  ]);
});

afterAll(async () => {
  await receiver.close();
  await new Promise<void>((r) => sink.close(() => r()));
  await t.close();
});

let shopCount = 0;
async function emailShop() {
  const ws = await t.workspace({ name: 'Shop Mail' });
  const domain = `shop${++shopCount}-${Date.now()}.test`;
  const inbox = await ws.owner.post('/api/v1/inboxes', {
    name: 'Hỗ trợ qua email', channel: 'email',
    email: { address: `hotro@${domain}`, displayName: 'Shop Hoa Mai', signature: 'Shop Hoa Mai — 028 3822 1234', smtp: { host: '127.0.0.1', port: sinkPort, security: 'none', username: '' } },
  });
  expect(inbox.status).toBe(201);
  return { ...ws, inbox: inbox.body, domain };
}

const sendIn = (mail: SendMailOptions) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: receiverPort, secure: false, ignoreTLS: true }).sendMail(mail);

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const messagesOf = async (owner: Awaited<ReturnType<typeof emailShop>>['owner'], conversationId: string) =>
  (await owner.get(`/api/v1/conversations/${conversationId}/messages?limit=50`)).body.items as { id: string; kind: string; body: string; deliveryStatus: string; deliveryError?: string | null; sender: { type: string } }[];

describe('email channel over SMTP', () => {
  it('keeps a customer thread of three back-and-forth replies in one conversation, with the right headers', async () => {
    const shop = await emailShop();
    const from = `lan.nguyen.${Date.now()}@khach.test`;
    const first = await sendIn({ from: { name: 'Nguyễn Thị Lan', address: from }, to: `hotro@${shop.domain}`, subject: 'Đơn hàng #1042 chưa tới', text: 'Chào shop, đơn của mình đặt 3 ngày rồi chưa thấy giao.', messageId: `<first.${Date.now()}@khach.test>` });
    expect(first.accepted).toEqual([`hotro@${shop.domain}`]);
    const list = await shop.owner.get('/api/v1/conversations?status=open&limit=10');
    const conversation = list.body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    expect(conversation).toBeTruthy();
    expect(conversation.contact.name).toBe('Nguyễn Thị Lan');

    let lastMessageId = first.messageId;
    let references = [first.messageId];
    for (let round = 1; round <= 3; round++) {
      const sent = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: `Dạ shop kiểm tra giúp chị (lần ${round}).`, clientId: `reply-${round}-${Date.now()}` });
      expect(sent.status).toBe(201);
      expect(sent.body.deliveryStatus).toBe('sending');
      const mail = await until(async () => delivered.find((m) => m.text?.includes(`(lần ${round})`)), Boolean);
      expect(mail, `reply ${round} reached the SMTP sink`).toBeTruthy();
      expect(mail!.subject).toBe(`Re: Đơn hàng #1042 chưa tới [#${conversation.number}]`);
      expect(mail!.inReplyTo).toBe(lastMessageId);
      expect(mail!.messageId).toMatch(new RegExp(`^<c\\.${conversation.id}\\.m\\.msg_[0-9A-Za-z]+\\.[0-9a-f]{8}@${shop.domain.replace(/\./g, '\\.')}>$`));
      expect([mail!.references].flat()).toEqual(references);
      const replyTo = (mail!.replyTo?.value[0]?.address ?? '');
      expect(replyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]{26}@${shop.domain.replace(/\./g, '\\.')}$`));
      expect(mail!.text).toContain('Vui lòng trả lời phía trên dòng này');
      expect(mail!.text).toContain('Shop Hoa Mai — 028 3822 1234');
      expect(mail!.html).toContain(`(lần ${round})`);
      expect(mail!.headers.get('auto-submitted')).toBeUndefined();
      const status = await until(() => messagesOf(shop.owner, conversation.id), (ms) => ms.find((m) => m.id === sent.body.id)?.deliveryStatus === 'sent');
      expect(status.find((m) => m.id === sent.body.id)?.deliveryStatus).toBe('sent');

      // The customer answers above the quote, to the Reply-To address, as a mail client does.
      const answer = await sendIn({
        from: { name: 'Nguyễn Thị Lan', address: from }, to: replyTo, subject: `Re: ${mail!.subject}`, inReplyTo: mail!.messageId, references: [...references, mail!.messageId!],
        text: `Cảm ơn shop, trả lời số ${round}.\n\nVào Th 2, 12 thg 5, 2025 vào lúc 10:00 Shop Hoa Mai <hotro@${shop.domain}> đã viết:\n> Dạ shop kiểm tra giúp chị (lần ${round}).`,
        messageId: `<answer.${round}.${Date.now()}@khach.test>`,
      });
      references = [...references, mail!.messageId!, answer.messageId];
      lastMessageId = answer.messageId;
    }
    const items = await messagesOf(shop.owner, conversation.id);
    const incoming = items.filter((m) => m.kind === 'incoming');
    expect(incoming.map((m) => m.body)).toEqual([
      'Chào shop, đơn của mình đặt 3 ngày rồi chưa thấy giao.', 'Cảm ơn shop, trả lời số 1.', 'Cảm ơn shop, trả lời số 2.', 'Cảm ơn shop, trả lời số 3.',
    ]);
    const all = await shop.owner.get('/api/v1/conversations?status=any&limit=50');
    expect(all.body.items.filter((c: { inboxId: string }) => c.inboxId === shop.inbox.id)).toHaveLength(1);

    // The quoted part is one click away, not lost.
    const email = await shop.owner.get(`/api/v1/email/messages/${incoming[1]!.id}`);
    expect(email.status).toBe(200);
    expect(email.body.textQuoted).toContain('đã viết:');
    expect(email.body.textFull).toContain('Dạ shop kiểm tra giúp chị (lần 1).');
    const original = await shop.owner.get(`/api/v1/email/messages/${incoming[1]!.id}/original`);
    expect(original.status).toBe(200);
    expect(String(original.body)).toMatch(/^Message-ID: <answer\.1\./m); // the mail as received, headers and all
    // Each original is its own mail, whole (they share segment files on disk).
    for (const [round, message] of incoming.slice(1).entries()) {
      const raw = String((await shop.owner.get(`/api/v1/email/messages/${message.id}/original`)).body);
      expect(raw.match(/^Message-ID: .*$/gm)).toEqual([expect.stringContaining(`<answer.${round + 1}.`)]);
      expect(raw.trimEnd()).toMatch(/\S$/);
    }
  });

  it('stores a mail delivered twice once, and refuses recipients it does not serve', async () => {
    const shop = await emailShop();
    const mail = { from: `twice.${Date.now()}@khach.test`, to: `hotro@${shop.domain}`, subject: 'Hỏi size', text: 'Áo size M còn không shop?', messageId: `<twice.${Date.now()}@khach.test>` };
    await sendIn(mail);
    await sendIn(mail);
    const list = await shop.owner.get('/api/v1/conversations?status=any&limit=50');
    const mine = list.body.items.filter((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    expect(mine).toHaveLength(1);
    expect((await messagesOf(shop.owner, mine[0].id)).filter((m) => m.kind === 'incoming')).toHaveLength(1);
    // The new sender's contact: their last activity is their first mail.
    const contact = (await shop.owner.get(`/api/v1/contacts/${mine[0].contact.id}`)).body;
    expect(contact.email).toBe(mail.from);
    expect(Math.abs(Date.parse(contact.lastActivityAt) - Date.parse(mine[0].lastActivityAt))).toBeLessThan(60_000);
    await expect(sendIn({ ...mail, to: `nobody@${shop.domain}`, messageId: `<x.${Date.now()}@khach.test>` })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('keeps an auto-reply as a system note that neither reopens nor answers, and a hard bounce fails the reply and the address', async () => {
    const shop = await emailShop();
    const from = `ooo.${Date.now()}@khach.test`;
    await sendIn({ from, to: `hotro@${shop.domain}`, subject: 'Đổi hàng', text: 'Mình muốn đổi size.', messageId: `<ooo-first.${Date.now()}@khach.test>` });
    const conversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=10')).body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    const sent = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Dạ được ạ.', clientId: `r-${Date.now()}` });
    const reply = await until(async () => delivered.find((m) => m.to && JSON.stringify(m.to).includes(from)), Boolean);
    await shop.owner.patch(`/api/v1/conversations/${conversation.id}`, { status: 'resolved', version: (await shop.owner.get(`/api/v1/conversations/${conversation.id}`)).body.version });

    await sendIn({
      from, to: `hotro@${shop.domain}`, subject: `Trả lời tự động: ${reply!.subject}`, text: 'Tôi đang nghỉ phép đến thứ Hai.', inReplyTo: reply!.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' }, messageId: `<ooo.${Date.now()}@khach.test>`,
    });
    const after = (await shop.owner.get(`/api/v1/conversations/${conversation.id}`)).body;
    expect(after.status).toBe('resolved');
    const note = (await messagesOf(shop.owner, conversation.id)).find((m) => m.kind === 'note');
    expect(note?.sender.type).toBe('system');
    expect(note?.body).toContain('Thư trả lời tự động');
    const before = delivered.length;

    const dsn = [
      `From: Mail Delivery System <MAILER-DAEMON@khach.test>`, `To: hotro@${shop.domain}`, `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <dsn.${Date.now()}@khach.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Your message could not be delivered.', '',
      '--b1', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.khach.test', '', `Final-Recipient: rfc822; ${from}`, 'Action: failed', 'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
      '--b1', 'Content-Type: text/rfc822-headers', '', `Message-ID: ${reply!.messageId}`, `To: ${from}`, `Subject: ${reply!.subject}`, '', '--b1--', '',
    ].join('\r\n');
    await nodemailer.createTransport({ host: '127.0.0.1', port: receiverPort, secure: false, ignoreTLS: true }).sendMail({ envelope: { from: '', to: `hotro@${shop.domain}` }, raw: dsn });
    const failed = (await messagesOf(shop.owner, conversation.id)).find((m) => m.id === sent.body.id);
    expect(failed?.deliveryStatus).toBe('failed');
    expect(failed?.deliveryError).toContain('5.1.1');

    // The address is now undeliverable: a new reply fails at once, without reaching the sink.
    const again = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Shop gửi lại ạ.', clientId: `r2-${Date.now()}` });
    const refused = await until(() => messagesOf(shop.owner, conversation.id), (ms) => ms.find((m) => m.id === again.body.id)?.deliveryStatus === 'failed');
    expect(refused.find((m) => m.id === again.body.id)?.deliveryError).toMatch(/undeliverable/);
    expect(delivered.length).toBe(before);
  });

  it('retries a reply the SMTP server refuses for a while, showing why, and fails at once on a permanent refusal', async () => {
    const shop = await emailShop();
    const from = `busy.${Date.now()}@khach.test`;
    await sendIn({ from, to: `hotro@${shop.domain}`, subject: 'Giao hàng', text: 'Khi nào giao ạ?', messageId: `<busy.${Date.now()}@khach.test>` });
    const conversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=10')).body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    refuse = { code: 451, times: 1 };
    const sent = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Mai giao chị nhé.', clientId: `b-${Date.now()}` });
    const retrying = await until(() => messagesOf(shop.owner, conversation.id), (ms) => !!ms.find((m) => m.id === sent.body.id)?.deliveryError);
    const first = retrying.find((m) => m.id === sent.body.id)!;
    expect(first.deliveryError).toContain('451');
    expect(['sending', 'sent']).toContain(first.deliveryStatus);
    const done = await until(() => messagesOf(shop.owner, conversation.id), (ms) => ms.find((m) => m.id === sent.body.id)?.deliveryStatus === 'sent');
    expect(done.find((m) => m.id === sent.body.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    expect(delivered.some((m) => m.text?.includes('Mai giao chị nhé.'))).toBe(true);

    refuse = { code: 550, times: 1 };
    const bad = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Tin này bị từ chối.', clientId: `p-${Date.now()}` });
    const failed = await until(() => messagesOf(shop.owner, conversation.id), (ms) => ms.find((m) => m.id === bad.body.id)?.deliveryStatus === 'failed');
    expect(failed.find((m) => m.id === bad.body.id)?.deliveryError).toContain('550');
    refuse = null;
  });

  it('takes raw MIME over HTTP with the inbox token, and nothing without it', async () => {
    const shop = await emailShop();
    const url = new URL(shop.inbox.email.rawUploadUrl);
    const raw = `From: Khách <raw.${Date.now()}@khach.test>\r\nTo: hotro@${shop.domain}\r\nSubject: =?UTF-8?B?${Buffer.from('Hỏi giá sỉ').toString('base64')}?=\r\nMessage-ID: <raw.${Date.now()}@khach.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShop có bán sỉ không?\r\n`;
    const wrong = await t.request('POST', `${url.pathname}?token=wrong`, { body: raw, headers: { 'content-type': 'message/rfc822' } });
    expect(wrong.status).toBe(401);
    expect((await shop.owner.get('/api/v1/conversations?status=any&limit=50')).body.items.filter((c: { inboxId: string }) => c.inboxId === shop.inbox.id)).toHaveLength(0);
    const ok = await t.request('POST', `${url.pathname}${url.search}`, { body: raw, headers: { 'content-type': 'message/rfc822' } });
    expect(ok.status).toBe(201);
    expect(ok.body.outcome).toBe('stored');
    const items = await messagesOf(shop.owner, ok.body.conversationId);
    expect(items[0]?.body).toBe('Shop có bán sỉ không?');
    const again = await t.request('POST', `${url.pathname}${url.search}`, { body: raw, headers: { 'content-type': 'message/rfc822' } });
    expect(again.body.outcome).toBe('duplicate');
  });

  it('never returns SMTP passwords, keeps them sealed at rest, and keeps the stored one when an update leaves it out', async () => {
    const ws = await t.workspace({ name: 'Shop Secret' });
    const created = await ws.owner.post('/api/v1/inboxes', { name: 'Mail', channel: 'email', email: { address: 'cskh@secret.test', smtp: { host: 'smtp.secret.test', port: 587, security: 'starttls', username: 'cskh', password: 'mật-khẩu-bí-mật' } } });
    expect(JSON.stringify(created.body)).not.toContain('mật-khẩu-bí-mật');
    expect(created.body.email.smtp).toMatchObject({ host: 'smtp.secret.test', hasPassword: true });
    const updated = await ws.owner.patch(`/api/v1/inboxes/${created.body.id}`, { email: { address: 'cskh@secret.test', displayName: 'CSKH', smtp: { host: 'smtp.secret.test', port: 587, security: 'starttls', username: 'cskh' } } });
    expect(updated.body.email).toMatchObject({ displayName: 'CSKH', smtp: { hasPassword: true } });
    // At rest: the settings JSON holds no password; the sealed secrets open to it with this server's key.
    const row = await t.deps.db.selectFrom('inboxes').select(['settings', 'secrets']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.settings)).not.toContain('mật-khẩu');
    expect(row.secrets).not.toContain('mật-khẩu');
    expect(t.deps.secrets.open(row.secrets!)).toEqual({ smtpPassword: 'mật-khẩu-bí-mật' });
    const moved = await ws.owner.patch(`/api/v1/inboxes/${created.body.id}`, { email: { address: 'cskh@secret.test', smtp: { host: 'smtp.other.test', port: 587, security: 'starttls', username: 'cskh' } } });
    expect(moved.body.email.smtp.hasPassword).toBe(false);
    const agent = await t.addAgent(ws.owner, 'agent');
    const seen = await agent.get(`/api/v1/inboxes/${created.body.id}`);
    expect(seen.body.email.rawUploadUrl).toBe('');
  });

  it('emails agents who are mentioned or assigned, as each prefers, through the workspace mail', async () => {
    const shop = await emailShop();
    const minh = await t.addAgent(shop.owner, 'agent', 'Trần Văn Minh');
    const minhMe = (await minh.get('/api/v1/me')).body.agent;
    await sendIn({ from: `notify.${Date.now()}@khach.test`, to: `hotro@${shop.domain}`, subject: 'Hàng bị vỡ', text: 'Bình hoa giao tới bị vỡ.', messageId: `<n.${Date.now()}@khach.test>` });
    const conversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=10')).body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);

    await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'note', body: `@${minhMe.name} xem giúp đơn này nhé`, clientId: `m-${Date.now()}` });
    const mention = await until(async () => delivered.find((m) => m.to && JSON.stringify(m.to).includes(minhMe.email) && m.subject?.includes('nhắc đến bạn')), Boolean);
    expect(mention?.subject).toBe(`[#${conversation.number}] Nguyễn Thị Lan nhắc đến bạn`);
    expect(mention?.text).toContain('xem giúp đơn này nhé');
    expect(mention?.text).toContain(`/conversations/${conversation.id}`);
    expect(mention?.headers.get('auto-submitted')).toBe('auto-generated');

    // Minh turns off mention emails; being assigned still mails him.
    const prefs = await minh.patch('/api/v1/me', { emailNotifications: { assigned: true, mentioned: false } });
    expect(prefs.body.emailNotifications).toEqual({ assigned: true, mentioned: false });
    await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'note', body: `@${minhMe.name} lần hai`, clientId: `m2-${Date.now()}` });
    const version = (await shop.owner.get(`/api/v1/conversations/${conversation.id}`)).body.version;
    await shop.owner.patch(`/api/v1/conversations/${conversation.id}`, { assigneeId: minhMe.id, version });
    const assigned = await until(async () => delivered.find((m) => m.to && JSON.stringify(m.to).includes(minhMe.email) && m.subject?.includes('được giao')), Boolean);
    expect(assigned?.subject).toContain(`[#${conversation.number}] Bạn được giao hội thoại`);
    const notes = (await minh.get('/api/v1/notifications')).body as { kind: string }[];
    expect(notes.map((n) => n.kind).sort()).toEqual(['assigned', 'mention', 'mention']);
    expect(delivered.filter((m) => JSON.stringify(m.to).includes(minhMe.email) && m.subject?.includes('nhắc đến bạn'))).toHaveLength(1); // the second mention only in the app
  });

  it('emails a web chat visitor who left an address and has not read the reply, and not one who has', async () => {
    const shop = await emailShop();
    const { visitorEmailDelayMs } = await import('../../notifications/email.ts');
    expect(visitorEmailDelayMs).toBe(120_000);
    const widgetToken = (await shop.owner.get('/api/v1/inboxes')).body.find((i: { channel: string }) => i.channel === 'web_chat').widgetToken;
    const visitor = t.visitor(widgetToken);
    const address = `khach.chat.${Date.now()}@khach.test`;
    await visitor.start({ name: 'Phạm Thu Hà', email: address });
    await visitor.say('Shop ơi váy này còn size S không?');
    const conversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=20')).body.items.find((c: { contact: { email: string } }) => c.contact.email === address);
    const reply = await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Dạ còn size S ạ.', clientId: `w-${Date.now()}` });
    expect(reply.status).toBe(201);
    // The mail waits two minutes for the visitor to come back; run it now as its job would.
    const { rows } = await import('kysely').then(({ sql }) => sql<{ data: { kind: string; messageId: string }; start_after: Date }>`select data, start_after from careloop_jobs.job
      where name = 'email.notify' and data->>'conversationId' = ${conversation.id}`.execute(t.deps.db));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.start_after.getTime() - Date.now()).toBeGreaterThan(60_000);
    await runNotifyEmail(t.deps, rows[0]!.data as never);
    const mail = await until(async () => delivered.find((m) => JSON.stringify(m.to).includes(address)), Boolean);
    expect(mail?.subject).toBe('Shop Mail đã trả lời bạn');
    expect(mail?.text).toContain('Dạ còn size S ạ.');

    // Read in the chat before the mail was due: nothing is sent.
    const before = delivered.length;
    await t.deps.db.updateTable('conversations').set({ contact_last_seen_at: new Date(Date.now() + 1000) }).where('id', '=', conversation.id).execute();
    await runNotifyEmail(t.deps, rows[0]!.data as never);
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered.length).toBe(before);
  });

  it('sends the attachments of a reply with the mail', async () => {
    const shop = await emailShop();
    const from = `attach.${Date.now()}@khach.test`;
    await sendIn({ from, to: `hotro@${shop.domain}`, subject: 'Xin hoá đơn', text: 'Gửi giúp mình hoá đơn nhé.', messageId: `<att.${Date.now()}@khach.test>` });
    const conversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=10')).body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'hoá-đơn-1042.pdf');
    const upload = await t.request('POST', '/api/v1/attachments', { body: form, headers: { cookie: shop.owner.cookie, 'x-csrf-token': shop.owner.csrf } });
    expect(upload.status).toBe(201);
    await shop.owner.post(`/api/v1/conversations/${conversation.id}/messages`, { kind: 'outgoing', body: 'Shop gửi hoá đơn ạ.', attachmentIds: [upload.body.id], clientId: `a-${Date.now()}` });
    const mail = await until(async () => delivered.find((m) => m.text?.includes('Shop gửi hoá đơn ạ.')), Boolean);
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['hoá-đơn-1042.pdf']);
    expect(mail?.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail?.attachments[0]?.content.equals(pdf)).toBe(true);
  });

  it('keeps one customer across channels, and a reply to a resolved conversation reopens it', async () => {
    const shop = await emailShop();
    const address = `mot.khach.${Date.now()}@khach.test`;
    const widgetToken = (await shop.owner.get('/api/v1/inboxes')).body.find((i: { channel: string }) => i.channel === 'web_chat').widgetToken;
    const visitor = t.visitor(widgetToken);
    await visitor.start({ name: 'Lê Minh Châu', email: address });
    await visitor.say('Chào shop, mình hỏi qua chat trước.');
    const chat = (await shop.owner.get('/api/v1/conversations?status=open&limit=20')).body.items.find((c: { contact: { email: string } }) => c.contact.email === address);

    await sendIn({ from: { name: 'Châu', address: address.toUpperCase() }, to: `hotro@${shop.domain}`, subject: 'Gửi qua email', text: 'Giờ mình gửi email.', messageId: `<cross.${Date.now()}@khach.test>` });
    const mailConversation = (await shop.owner.get('/api/v1/conversations?status=open&limit=20')).body.items.find((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    expect(mailConversation.contact.id).toBe(chat.contact.id);

    const version = (await shop.owner.get(`/api/v1/conversations/${mailConversation.id}`)).body.version;
    await shop.owner.patch(`/api/v1/conversations/${mailConversation.id}`, { status: 'resolved', version });
    const sent = await shop.owner.post(`/api/v1/conversations/${mailConversation.id}/messages`, { kind: 'outgoing', body: 'Shop đã xử lý xong ạ.', clientId: `x-${Date.now()}` });
    expect(sent.status).toBe(201);
    const reply = await until(async () => delivered.find((m) => m.text?.includes('Shop đã xử lý xong ạ.')), Boolean);
    await sendIn({ from: address, to: reply!.replyTo!.value[0]!.address!, subject: `Re: ${reply!.subject}`, text: 'Cảm ơn shop, nhưng còn một chuyện nữa.', inReplyTo: reply!.messageId, messageId: `<again.${Date.now()}@khach.test>` });
    const after = (await shop.owner.get(`/api/v1/conversations/${mailConversation.id}`)).body;
    expect(after.status).toBe('open');
    const all = (await shop.owner.get('/api/v1/conversations?status=any&limit=50')).body.items.filter((c: { inboxId: string }) => c.inboxId === shop.inbox.id);
    expect(all).toHaveLength(1);
  });
});
