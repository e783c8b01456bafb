import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../server/src/test/fakes/openai-api.ts';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * The optional assistant in real Chromium, against a local OpenAI-compatible fake: the owner points it at an
 * endpoint (the key is write-only, "Test" asks the endpoint), an agent drafts a reply into the composer and edits
 * it before sending, and sums the conversation up in the sidebar.
 */
const key = 'sk-e2e-careloop-assistant';
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi({ apiKey: key, models: ['qwen2.5:7b'] });
});
afterAll(async () => {
  await ai?.close();
});

const session = browserSession('assist');
const api = session.api;

describe('the assistant in the console', () => {
  let owner: Page;
  const problems: string[] = [];

  it('the owner turns the assistant on: the key is write-only and "Test" asks the endpoint', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    await session.setUpShop(owner);
    await owner.goto(`${session.server.url}/settings/assist`);
    await owner.getByTestId('assist-privacy').waitFor();
    await owner.getByTestId('assist-enabled').click();
    await owner.getByTestId('assist-baseUrl').fill(ai.url);
    await owner.getByTestId('assist-model').fill('qwen2.5:7b');
    await owner.getByTestId('assist-apiKey').fill(key);
    await owner.getByTestId('assist-save').click();
    await owner.locator('[data-testid=assist-apiKey][data-saved=true]').waitFor({ timeout: 10_000 });
    expect(await owner.getByTestId('assist-apiKey').inputValue()).toBe('');
    expect(JSON.stringify(await api(owner, 'GET', '/api/v1/assist'))).not.toContain(key);
    await owner.getByTestId('assist-check').click();
    const result = owner.locator('[data-testid=assist-check-result][data-ok=true]');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.textContent()).toContain('qwen2.5:7b');
    await screenshot(owner, 'assist-settings');
  });

  it('an agent drafts a reply into the composer, edits it, sends it; and sums the conversation up', async () => {
    const [inbox] = await api(owner, 'GET', '/api/v1/inboxes');
    const widget = { 'x-careloop-inbox': inbox.widgetToken };
    const visit = await (await owner.request.post(`${session.server.url}/api/widget/session`, { headers: widget, data: { name: 'Phạm Thu Hà' } })).json();
    const said = await owner.request.post(`${session.server.url}/api/widget/messages`, {
      headers: { ...widget, authorization: `Bearer ${visit.visitorToken}` }, data: { body: 'Shop ơi bó hoa hồng đỏ giao được trong chiều nay không?' },
    });
    expect(said.status()).toBe(201);
    ai.answer = (req) => (req.messages[0]!.content.includes('tóm tắt')
      ? '- Khách hỏi giao hoa hồng đỏ trong chiều nay\n- Chưa trả lời'
      : 'Dạ được ạ, shop giao trong chiều nay trước [giờ giao] ạ.');

    await owner.goto(`${session.server.url}/`);
    await owner.getByTestId('view-all').click();
    await owner.getByTestId('conversation-item').filter({ hasText: 'Phạm Thu Hà' }).click();
    await owner.getByTestId('composer-draft').click();
    const input = owner.getByTestId('composer-input');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('Dạ được ạ, shop giao trong chiều nay trước [giờ giao] ạ.');
    // The agent fills in what only they know before it goes out.
    await input.fill((await input.inputValue()).replace('[giờ giao]', '17 giờ'));
    await owner.getByTestId('composer-send').click();
    await owner.locator('[data-testid=message]', { hasText: 'trước 17 giờ' }).first().waitFor({ timeout: 10_000 });
    expect(ai.requests.at(-1)!.messages[1]!.content).toContain('bó hoa hồng đỏ');

    await owner.getByTestId('assist-summarize').click();
    const summary = owner.getByTestId('assist-summary-text');
    await summary.waitFor({ timeout: 10_000 });
    expect(await summary.textContent()).toContain('Khách hỏi giao hoa hồng đỏ');
    await screenshot(owner, 'assist-conversation');
    expect(problems).toEqual([]);
  });
});
