import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, launchBrowser, screenshot } from './browser.ts';
import { startServer } from './server.ts';

/**
 * One server and one browser per test file: fresh pages in their own contexts (people with their own
 * cookies), a screenshot of every page and the server's log when a test fails, and everything closed at the end.
 */
export function browserSession(name: string, opts: { env?: () => Record<string, string> } = {}) {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer(opts.env?.() ?? {});
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    // The server's log beside the screenshots: what it was doing when the page waited in vain.
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, `failed-${name}-server.log`), server.output.join(''));
    for (const [i, c] of contexts.entries()) for (const [j, p] of c.pages().entries()) await screenshot(p, `failed-${name}-${ctx.task.name.slice(0, 30)}-${i}-${j}`).catch(() => undefined);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() { return server; },
    async newPage(locale = 'vi-VN'): Promise<Page> {
      const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
      contexts.push(context);
      return context.newPage();
    },
    /** Set up the shop every journey uses (Tiệm Hoa Mai, owner Nguyễn Thị Lan, Vietnamese) through the setup link: the page is then its owner. */
    async setUpShop(page: Page): Promise<void> {
      const token = new URL(server.setupUrl).searchParams.get('token');
      const setup = await page.request.post(`${server.url}/api/v1/setup?token=${token}`, {
        data: { workspaceName: 'Tiệm Hoa Mai', ownerName: 'Nguyễn Thị Lan', email: 'lan@hoamai.vn', password: 'mật khẩu thật dài', locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' },
      });
      expect(setup.status()).toBe(200);
    },
    /** An API call from the page's context (same cookies), with the CSRF token the console would send. */
    async api(page: Page, method: string, path: string, data?: unknown) {
      const me = await (await page.request.get(`${server.url}/api/v1/me`)).json();
      const res = await page.request.fetch(`${server.url}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
      expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
      return res.json();
    },
  };
}
