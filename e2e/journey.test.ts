import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

const session = browserSession('journey');
const newPage = session.newPage;
const api = session.api;

describe('a shop answers its customer in real time', () => {
  let lan: Page;
  let visitor: Page;
  let conversationId = '';
  const lanProblems: string[] = [];

  it('the owner sets CareLoop up from the first-run link', async () => {
    lan = await newPage();
    lanProblems.push(...watchForScript(lan));
    await lan.goto(session.server.setupUrl);
    await lan.getByTestId('setup-workspace').fill('Tiệm Hoa Mai');
    await lan.getByTestId('setup-name').fill('Nguyễn Thị Lan');
    await lan.getByTestId('setup-email').fill('lan@hoamai.vn');
    await lan.getByTestId('setup-password').fill('mật khẩu thật dài');
    await lan.getByTestId('setup-submit').click();
    await lan.getByTestId('conversation-list').waitFor({ state: 'attached' });
    await lan.getByTestId('view-unassigned').click(); // new chats wait in "unassigned"
    // The shop asks for a name before a chat, and keeps a greeting by name ready.
    const [inbox] = await api(lan, 'GET', '/api/v1/inboxes');
    await api(lan, 'PATCH', `/api/v1/inboxes/${inbox.id}`, { settings: { preChatForm: [{ field: 'name', required: true }] } });
    await api(lan, 'POST', '/api/v1/canned-responses', {
      shortCode: 'chao', title: 'Chào khách',
      body: 'Chào {{contact.first_name}}, em là {{agent.name}}. Shop đang kiểm tra đơn hàng cho mình ạ (#{{conversation.number}}).',
    });
  });

  it('a visitor on the demo shop opens the widget and writes', async () => {
    visitor = await newPage();
    const problems = watchForScript(visitor);
    await visitor.goto(`${session.server.url}/demo-shop`);
    await visitor.getByTestId('careloop-launcher').click();
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    await chat.getByTestId('widget-prechat-name').fill('Phạm Thu Hà');
    await chat.getByTestId('widget-prechat-submit').click();
    await chat.getByTestId('widget-input').fill('Chào shop, đơn hàng của tôi chưa tới');
    await chat.getByTestId('widget-send').click();
    await chat.getByTestId('widget-message').filter({ hasText: 'đơn hàng của tôi chưa tới' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the agent sees it appear without reloading and answers with a canned response', async () => {
    await expect.poll(() => lan.getByTestId('count-unassigned').textContent(), { timeout: 10_000 }).toBe('1');
    const item = lan.getByTestId('conversation-item').filter({ hasText: 'Phạm Thu Hà' });
    await item.waitFor({ timeout: 10_000 });
    conversationId = (await item.getAttribute('data-conversation-id'))!;
    await item.click();
    await lan.getByTestId('message').filter({ hasText: 'Chào shop, đơn hàng của tôi chưa tới' }).waitFor();
    const composer = lan.getByTestId('composer-input');
    await composer.click();
    await composer.pressSequentially('/chao');
    await lan.getByTestId('canned-menu').waitFor();
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toContain('Chào Hà, em là Nguyễn Thị Lan');
    await lan.getByTestId('composer-send').click();
    await lan.getByTestId('message').filter({ hasText: 'Chào Hà, em là Nguyễn Thị Lan' }).waitFor();
    await screenshot(lan, 'console-conversation');
  });

  it('the visitor sees the reply', async () => {
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    const reply = chat.getByTestId('widget-message').filter({ hasText: 'Chào Hà, em là Nguyễn Thị Lan' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain('#1001');
    await screenshot(visitor, 'widget-reply');
  });

  it('a second agent on the same conversation sees the first one there', async () => {
    const invitation = await api(lan, 'POST', '/api/v1/invitations', { email: 'minh@hoamai.vn', role: 'agent' });
    const minh = await newPage();
    const token = new URL(invitation.acceptUrl).searchParams.get('token');
    const accepted = await minh.request.post(`${session.server.url}/api/v1/invitations/accept`, { data: { token, name: 'Trần Văn Minh', password: 'một mật khẩu khác' } });
    expect(accepted.status()).toBe(200);
    await minh.goto(`${session.server.url}/conversations/${conversationId}`);
    const presence = minh.getByTestId('presence-bar');
    await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Nguyễn Thị Lan');
    await screenshot(minh, 'console-presence');
    expect(lanProblems).toEqual([]);
  });
});

describe('customer content is inert in the console and the widget', () => {
  it('HTML and script in a name and a message render as text', async () => {
    const hostile = await newPage('en-US');
    const hostileProblems = watchForScript(hostile);
    await hostile.goto(`${session.server.url}/demo-shop`);
    await hostile.getByTestId('careloop-launcher').click();
    const chat = hostile.frameLocator('[data-testid=careloop-frame]');
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await chat.getByTestId('widget-prechat-name').fill('<b onmouseover=alert(1)>Evil</b>');
    await chat.getByTestId('widget-prechat-submit').click();
    await chat.getByTestId('widget-input').fill(payload);
    await chat.getByTestId('widget-send').click();
    await chat.getByTestId('widget-message').filter({ hasText: '<script>window.__xss=2</script>' }).waitFor();

    const agent = await newPage('en-US');
    const agentProblems = watchForScript(agent);
    const login = await agent.request.post(`${session.server.url}/api/v1/auth/login`, { data: { email: 'lan@hoamai.vn', password: 'mật khẩu thật dài' } });
    expect(login.status()).toBe(200);
    await agent.goto(`${session.server.url}/inbox`);
    await agent.getByTestId('view-all').click();
    const item = agent.getByTestId('conversation-item').filter({ hasText: '<b onmouseover=alert(1)>Evil</b>' });
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent.getByTestId('message').filter({ hasText: payload }).waitFor();
    await agent.getByTestId('conversation-contact-name').hover();
    expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await agent.locator('img[src="x"]').count()).toBe(0);
    const frame = hostile.frames().find((f) => f.url().includes('/widget/frame.html'))!;
    expect(await frame.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(hostileProblems).toEqual([]);
    expect(agentProblems).toEqual([]);
    await screenshot(agent, 'console-inert-html');
  });
});
