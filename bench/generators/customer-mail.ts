/**
 * Customer mail for bench/email.ts, and (run as a script) the sending side: a separate process, as a
 * customer's mail server would be, sending mails [FROM, FROM+COUNT) to the receiver at PORT over
 * CONCURRENCY pooled SMTP connections; prints `{ "seconds": … }`.
 */
import nodemailer from 'nodemailer';

export const domain = 'bench-shop.test';

/** A 20 KB customer mail: text and HTML of the same Vietnamese message, quoting an earlier answer. */
export function mail(i: number): { from: string; raw: string } {
  const from = `khach${i % 500}@khach.test`;
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


export async function sendAll(port: number, from: number, count: number, concurrency: number): Promise<number> {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: concurrency, maxMessages: Infinity });
  const items = Array.from({ length: count }, (_, i) => mail(from + i));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const m = items[next++]!;
      await client.sendMail({ envelope: { from: m.from, to: `hotro@${domain}` }, raw: m.raw });
    }
  }));
  client.close();
  return (performance.now() - t0) / 1000;
}

if (process.argv[1]?.endsWith('customer-mail.ts')) {
  const cpu0 = process.cpuUsage();
  const seconds = await sendAll(Number(process.env.PORT), Number(process.env.FROM ?? 0), Number(process.env.COUNT), Number(process.env.CONCURRENCY ?? 8));
  const cpu = process.cpuUsage(cpu0);
  // The sender's own CPU: on a small machine it competes with the server's.
  console.log(JSON.stringify({ seconds, cpuMs: (cpu.user + cpu.system) / 1000 }));
}
