import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegramApi, telegramTextUpdate, type FakeTelegramApi } from '../server/src/test/fakes/telegram-api.ts';
import { signViberWebhook, startFakeViberApi, viberTextEvent, type FakeViberApi } from '../server/src/test/fakes/viber-api.ts';
import { signZaloWebhook, startFakeZaloApi, zaloTextEvent, type FakeZaloApi } from '../server/src/test/fakes/zalo-api.ts';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Messaging channels in the console, in real Chromium, against the vendors' local fakes: the admin
 * connects a Viber bot from Settings (the secret is write-only; "Test connection" registers the
 * webhook, which the fake calls back, signed); a customer's signed message becomes a conversation
 * with the Viber mark; the agent's reply reaches the vendor. A Zalo conversation shows the reply
 * window (8 replies in 48 hours) above the composer, and counts down as the agent answers. A Telegram bot on a
 * server without a public address is set to polling: no webhook, its customer's message still arrives.
 */
let viber: FakeViberApi;
let zalo: FakeZaloApi;
let telegram: FakeTelegramApi;
const telegramToken = '7012345678:AAF-e2eTokenForTheConsoleTest_abc';
const zaloAccount = { appId: '2553928453557884079', oaId: '3662729599332560487', appSecret: 'zalo-app-secret-e2e', oaSecretKey: 'zalo-oa-secret-e2e-123', accessToken: 'zalo-access-e2e', refreshToken: 'zalo-refresh-e2e' };
const viberToken = '4b5a6c7d8e9f0a1b-2c3d4e5f6a7b8c9d-e2e0e1f2a3b4c5d6';

beforeAll(async () => {
  viber = await startFakeViberApi({ authToken: viberToken });
  zalo = await startFakeZaloApi({ ...zaloAccount });
  telegram = await startFakeTelegramApi({ botToken: telegramToken });
});
afterAll(async () => {
  await viber?.close();
  await zalo?.close();
  await telegram?.close();
});

const session = browserSession('messaging', { env: () => ({ VIBER_API_BASE: viber.url, ZALO_OPENAPI_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url, TELEGRAM_API_BASE: telegram.url }) });
const api = session.api;

/** From the inbox's "all" view: open the customer's conversation, check its channel mark, and send a reply. */
async function replyTo(owner: Page, customer: string, channel: string, text: string): Promise<void> {
  await owner.goto(`${session.server.url}/`);
  await owner.getByTestId('view-all').click();
  const item = owner.getByTestId('conversation-item').filter({ hasText: customer });
  await item.waitFor({ timeout: 15_000 });
  expect(await item.getByTestId('channel-icon').getAttribute('data-channel')).toBe(channel);
  await item.click();
  await owner.getByTestId('composer-input').fill(text);
  await owner.getByTestId('composer-send').click();
}

describe('messaging channels in the console', () => {
  let owner: Page;
  let viberInboxId = '';
  const problems: string[] = [];

  it('the admin connects a Viber bot: the token is write-only, and "Test connection" registers the webhook', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    await session.setUpShop(owner);

    await owner.goto(`${session.server.url}/settings/inboxes`);
    await owner.getByTestId('inbox-create').click();
    await owner.getByTestId('inbox-kind-viber').click();
    await owner.getByTestId('messaging-name').fill('Viber Hoa Mai');
    await owner.getByTestId('messaging-authToken').fill(viberToken);
    await owner.getByTestId('messaging-senderName').fill('Shop Hoa Mai');
    await owner.getByTestId('messaging-save').click();
    await owner.waitForURL((url) => /^\/settings\/inboxes\/[^/]+$/.test(url.pathname), { timeout: 10_000 });
    viberInboxId = new URL(owner.url()).pathname.split('/').pop()!;
    const stored = await api(owner, 'GET', `/api/v1/inboxes/${viberInboxId}`);
    expect(stored).toMatchObject({ channel: 'viber', messaging: { senderName: 'Shop Hoa Mai', secretsSet: ['authToken'] } });
    expect(JSON.stringify(stored)).not.toContain(viberToken);
    expect(await owner.getByTestId('messaging-authToken').inputValue()).toBe('');
    expect(await owner.content()).not.toContain(viberToken);

    await owner.getByTestId('messaging-check').click();
    await owner.locator('[data-testid=messaging-check-result][data-ok=true]').waitFor({ timeout: 15_000 });
    expect(viber.webhook).toBe(`${session.server.url}/api/channels/${viberInboxId}/webhook`);
    await owner.locator('[data-testid=messaging-health][data-state=ok]').waitFor();
    await screenshot(owner, 'messaging-viber-settings');
  });

  it('a customer writes on Viber: the conversation shows the Viber mark, and the reply reaches Viber', async () => {
    const signed = signViberWebhook(viberToken, viberTextEvent({ token: 5098034272017999001n, userId: 'viber-customer-1=', name: 'Phạm Thu', text: 'Shop ơi, đơn của tôi giao chưa?', timestamp: Date.now() }), { escapeUnicode: true });
    const res = await fetch(`${session.server.url}/api/channels/${viberInboxId}/webhook`, { method: 'POST', headers: signed.headers, body: new Uint8Array(signed.body) });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await api(owner, 'GET', `/api/v1/channel-events?inboxId=${viberInboxId}`)).items.map((e: { state: string; lastError: string | null }) => `${e.state} ${e.lastError ?? ''}`), { timeout: 10_000 }).toEqual(['done ']);
    await replyTo(owner, 'Phạm Thu', 'viber', 'Dạ đơn của chị đã giao cho bên vận chuyển hôm nay ạ');
    await expect.poll(() => viber.sent.at(-1)?.text, { timeout: 15_000 }).toBe('Dạ đơn của chị đã giao cho bên vận chuyển hôm nay ạ');
    expect(viber.sent.at(-1)).toMatchObject({ receiver: 'viber-customer-1=', sender: { name: 'Shop Hoa Mai' } });
  });

  it('a Zalo conversation shows how many of the 8 replies are left, and counts down', async () => {
    const inbox = await api(owner, 'POST', '/api/v1/inboxes', { name: 'Zalo OA', channel: 'zalo', messaging: zaloAccount });
    zalo.setProfile('6142494823000000001', { name: 'Trần Minh Anh' });
    const signed = signZaloWebhook(zaloAccount, zaloTextEvent({ appId: zaloAccount.appId, oaId: zaloAccount.oaId, userId: '6142494823000000001', msgId: 'zalo-e2e-1', text: 'Cho mình hỏi áo còn size S không?' }));
    expect((await fetch(`${session.server.url}/api/channels/${inbox.id}/webhook`, { method: 'POST', headers: signed.headers, body: new Uint8Array(signed.body) })).status).toBe(200);
    const item = owner.getByTestId('conversation-item').filter({ hasText: 'Trần Minh Anh' });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getByTestId('channel-icon').getAttribute('data-channel')).toBe('zalo');
    await item.click();
    const window = owner.locator('[data-testid=reply-window][data-state=open]');
    await window.waitFor({ timeout: 10_000 });
    expect(await window.textContent()).toContain('Còn 8/8 lượt trả lời');
    await owner.getByTestId('composer-input').fill('Dạ còn size S ạ');
    await owner.getByTestId('composer-send').click();
    await expect.poll(() => zalo.sent.at(-1)?.message.text, { timeout: 15_000 }).toBe('Dạ còn size S ạ');
    await expect.poll(async () => await window.textContent(), { timeout: 10_000 }).toContain('Còn 7/8 lượt trả lời');
    await screenshot(owner, 'messaging-zalo-window');
    expect(problems).toEqual([]);
  });

  it('a Telegram bot without a public address: the admin picks polling, and a customer\'s message still arrives', async () => {
    await owner.goto(`${session.server.url}/settings/inboxes`);
    await owner.getByTestId('inbox-create').click();
    await owner.getByTestId('inbox-kind-telegram').click();
    await owner.getByTestId('messaging-name').fill('Telegram Hoa Mai');
    await owner.getByTestId('messaging-botToken').fill(telegramToken);
    await owner.getByTestId('messaging-delivery-polling').click();
    await owner.getByTestId('messaging-save').click();
    await owner.waitForURL((url) => /^\/settings\/inboxes\/[^/]+$/.test(url.pathname), { timeout: 10_000 });
    const inboxId = new URL(owner.url()).pathname.split('/').pop()!;
    expect(await api(owner, 'GET', `/api/v1/inboxes/${inboxId}`)).toMatchObject({ channel: 'telegram', messaging: { delivery: 'polling', secretsSet: ['botToken'] } });
    // Nothing to paste and no URL to show: the steps say CareLoop fetches the messages.
    await owner.locator('[data-testid=messaging-setup][data-delivery=polling]').waitFor();
    expect(await owner.getByTestId('messaging-webhook-url').count()).toBe(0);

    // A webhook the bot had before is removed by "Test connection".
    await fetch(`${telegram.url}/bot${telegramToken}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://old.hoamai.vn/hook' }) });
    await owner.getByTestId('messaging-check').click();
    const result = owner.locator('[data-testid=messaging-check-result][data-ok=true]');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toContain('CareLoop đang tự lấy tin nhắn');
    expect(telegram.webhook).toBeNull();

    // The server polls: a customer's message arrives with no call from Telegram to this server.
    await expect.poll(() => telegram.waiting, { timeout: 20_000 }).toBe(1);
    telegram.pushUpdate(telegramTextUpdate({ updateId: 700_000_001, chatId: 7_123_456_789, text: 'Shop ơi, hoa hồng đỏ còn không ạ?', date: Math.floor(Date.now() / 1000), firstName: 'Hải', lastName: 'Đỗ' }));
    await replyTo(owner, 'Hải Đỗ', 'telegram', 'Dạ còn ạ, chị muốn lấy bao nhiêu bông?');
    await expect.poll(() => telegram.sent.at(-1)?.text, { timeout: 15_000 }).toBe('Dạ còn ạ, chị muốn lấy bao nhiêu bông?');
    expect(telegram.sent.at(-1)).toMatchObject({ chatId: '7123456789' });
    await expect.poll(() => telegram.unconfirmed, { timeout: 40_000 }).toEqual([]);
    expect(problems).toEqual([]);
  });
});
