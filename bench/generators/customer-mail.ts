/**
 * Customer mail for bench/email.ts, and (run as a script) the sending side: a separate process, as a
 * customer's mail server would be, sending mails [FROM, FROM+COUNT) to the receiver at PORT over
 * CONCURRENCY pooled SMTP connections; prints `{ "seconds": … }`.
 */
import { connect, type Socket } from 'node:net';

export const domain = 'bench-shop.test';

/**
 * A 20 KB customer mail: text and HTML of the same Vietnamese message, quoting an earlier answer.
 * 500 customers write in turn (`<sender>0` … `<sender>499`); a warm-up uses another `sender` so the
 * measured mails meet the same mix of new and known customers whatever its length.
 */
export function mail(i: number, sender = 'khach'): { from: string; raw: string } {
  const from = `${sender}${i % 500}@khach.test`;
  const para = `Chào shop, đơn hàng #${10_000 + i} của mình đặt từ tuần trước mà vẫn chưa thấy giao. Shop kiểm tra giúp mình với, cảm ơn nhiều ạ. `;
  let text = '';
  while (text.length < 5_200) text += para;
  const quoted = `\n\nVào Th 2, 12 thg 5, 2025 vào lúc 10:00 Shop <hotro@${domain}> đã viết:\n> Dạ shop đã nhận được yêu cầu của chị.\n`;
  const html = `<div dir="ltr"><p>${text}</p></div><div class="gmail_quote"><blockquote>Dạ shop đã nhận được yêu cầu của chị.</blockquote></div>`;
  const b = `b${i}`;
  const raw = [
    `From: =?UTF-8?B?${Buffer.from(`Khách hàng ${i % 500}`).toString('base64')}?= <${from}>`, `To: hotro@${domain}`,
    `Subject: =?UTF-8?B?${Buffer.from(`Đơn hàng #${10_000 + i} chưa giao`).toString('base64')}?=`, `Message-ID: <bench.${i}.${Date.now()}@khach.test>`,
    `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', `Content-Type: multipart/alternative; boundary="${b}"`, '',
    `--${b}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(text + quoted).toString('base64').replace(/.{76}/g, '$&\r\n'),
    `--${b}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
    `--${b}--`, '',
  ].join('\r\n');
  return { from, raw };
}


/**
 * The sending side, as a mail server speaks to ours: ESMTP with PIPELINING (RFC 2920), which our
 * receiver offers and Postfix or Gmail use: per mail, MAIL FROM, RCPT TO and DATA go in one write,
 * then the dot-stuffed message. A small client of its own rather than nodemailer: the load generator
 * shares this machine's two cores with the server, so it should spend as little CPU as it can
 * (nodemailer's streams cost about 2 ms per mail here). Every reply code is checked.
 */
export async function sendAll(port: number, from: number, count: number, concurrency: number, sender?: string): Promise<number> {
  const items = Array.from({ length: count }, (_, i) => {
    const m = mail(from + i, sender);
    const data = m.raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    return Buffer.from(`MAIL FROM:<${m.from}>\r\nRCPT TO:<hotro@${domain}>\r\nDATA\r\n${data}${data.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    const smtp = await SmtpSession.open(port);
    await smtp.expect(1, '2');
    smtp.send(Buffer.from('EHLO bench.khach.test\r\n'));
    const ehlo = await smtp.expect(1, '2');
    if (!/PIPELINING/.test(ehlo.join())) throw new Error('the receiver does not offer PIPELINING');
    while (next < items.length) {
      smtp.send(items[next++]!);
      // 250 MAIL, 250 RCPT, 354 DATA, then 250 for the message.
      const replies = await smtp.expect(4);
      const codes = replies.map((r) => r.slice(0, 3)).join(' ');
      if (codes !== '250 250 354 250') throw new Error(`unexpected SMTP replies: ${replies.join(' | ')}`);
    }
    smtp.send(Buffer.from('QUIT\r\n'));
    await smtp.expect(1, '2');
    smtp.close();
  }));
  return (performance.now() - t0) / 1000;
}

/** One SMTP connection: write commands, read whole replies (multi-line ones end at "NNN "). */
class SmtpSession {
  private buffer = '';
  private replies: string[] = [];
  /** Lines of a multi-line reply so far. */
  private partial: string[] = [];
  private waiting: (() => void) | null = null;
  private failed: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.partial.push(line);
        if (line[3] !== '-') this.replies.push(this.partial.splice(0).join('\n'));
      }
      this.wake();
    });
    socket.on('error', (err) => { this.failed = err; this.wake(); });
    socket.on('close', () => { this.failed ??= new Error('the receiver closed the connection'); this.wake(); });
  }

  static open(port: number): Promise<SmtpSession> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new SmtpSession(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer) {
    this.socket.write(bytes);
  }

  /** The next `n` replies; with `code`, each must start with it. */
  async expect(n: number, code?: string): Promise<string[]> {
    while (this.replies.length < n) {
      if (this.failed) throw this.failed;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    const out = this.replies.splice(0, n);
    if (code && out.some((r) => !r.startsWith(code))) throw new Error(`unexpected SMTP reply: ${out.join(' | ')}`);
    return out;
  }

  close() {
    this.socket.end();
  }

  private wake() {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
}

if (process.argv[1]?.endsWith('customer-mail.ts')) {
  const cpu0 = process.cpuUsage();
  const seconds = await sendAll(Number(process.env.PORT), Number(process.env.FROM ?? 0), Number(process.env.COUNT), Number(process.env.CONCURRENCY ?? 8), process.env.SENDER || undefined);
  const cpu = process.cpuUsage(cpu0);
  // The sender's own CPU: on a small machine it competes with the server's.
  console.log(JSON.stringify({ seconds, cpuMs: (cpu.user + cpu.system) / 1000 }));
}
