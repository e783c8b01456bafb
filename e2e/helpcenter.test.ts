import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * The help center in real Chromium (issue 8 §2 and §4): a supervisor writes and publishes an article
 * in the console; the public page works with JavaScript disabled and its search ignores diacritics;
 * the widget suggests the article while a visitor types and opening it is recorded; an agent links
 * it in a reply and turns the resolved conversation into a draft.
 */
const session = browserSession('helpcenter');
const api = session.api;
const title = 'Chính sách đổi trả hàng';

interface Article { id: string; status: string; publicUrl: string; vi: { title: string; bodyHtml: string } | null }

describe('the help center, from the console to the public site and the widget', () => {
  let owner: Page;
  let lead: Page;
  let article: Article;
  const problems: string[] = [];

  it('a supervisor writes and publishes "Chính sách đổi trả hàng" in the console', async () => {
    owner = await session.newPage();
    await session.setUpShop(owner);
    const invitation = await api(owner, 'POST', '/api/v1/invitations', { email: 'minh@hoamai.vn', role: 'supervisor' });
    lead = await session.newPage();
    problems.push(...watchForScript(lead));
    const accepted = await lead.request.post(`${session.server.url}/api/v1/invitations/accept`, {
      data: { token: new URL(invitation.acceptUrl).searchParams.get('token'), name: 'Trần Văn Minh', password: 'một mật khẩu khác' },
    });
    expect(accepted.status()).toBe(200);

    await lead.goto(`${session.server.url}/inbox`);
    await lead.getByTestId('helpcenter-link').click();
    await lead.getByTestId('help-center-page').waitFor();
    await lead.getByTestId('help-tab-categories').click();
    await lead.getByTestId('help-category-create').click();
    await lead.getByTestId('help-category-name-vi').fill('Đổi trả');
    await lead.getByTestId('help-category-name-en').fill('Returns');
    await lead.getByTestId('help-category-save').click();
    await lead.getByTestId('help-category-row').filter({ hasText: 'Đổi trả' }).waitFor();

    await lead.getByTestId('help-tab-articles').click();
    await lead.getByTestId('help-article-create').click();
    await lead.getByTestId('help-article-title-vi').fill(title);
    const body = lead.getByTestId('help-article-body-vi');
    await body.click();
    await lead.keyboard.type('Bạn được đổi trả hàng trong 7 ngày kể từ khi nhận hàng.');
    await lead.keyboard.press('Enter');
    await lead.getByTestId('editor-insertUnorderedList').click();
    await lead.keyboard.type('Sản phẩm còn nguyên tem mác');
    await lead.keyboard.press('Enter');
    await lead.keyboard.type('Có hoá đơn mua hàng');
    await lead.getByTestId('help-article-category').click();
    await lead.getByRole('option', { name: 'Đổi trả' }).click();
    await lead.getByTestId('help-article-publish').click();
    await expect.poll(() => lead.getByTestId('help-status').textContent(), { timeout: 15_000 }).toBe('Đã đăng');
    await lead.waitForURL(/\/helpcenter\/articles\/hca_/);
    const id = new URL(lead.url()).pathname.split('/').pop()!;
    article = await api(lead, 'GET', `/api/v1/helpcenter/articles/${id}`);
    expect(article.status).toBe('published');
    expect(article.vi!.title).toBe(title);
    expect(article.vi!.bodyHtml).toContain('<p>Bạn được đổi trả hàng trong 7 ngày kể từ khi nhận hàng.</p>');
    expect(article.vi!.bodyHtml).toMatch(/<ul><li>Sản phẩm còn nguyên tem mác<\/li>\s*<li>Có hoá đơn mua hàng<\/li><\/ul>/);
    expect(await lead.getByTestId('help-article-view').getAttribute('href')).toBe(`${article.publicUrl}?lang=vi`);
    expect(await lead.getByTestId('help-article-slug').isDisabled()).toBe(true); // published: the address is stable
    await screenshot(lead, 'helpcenter-editor');
  });

  it('the public page renders with JavaScript disabled and its search finds "đổi trả hàng" for "doi tra hang"', async () => {
    const context = await lead.context().browser()!.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const opened = await page.goto(`${article.publicUrl}?lang=vi`);
      expect(opened!.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(await page.locator('main li').allTextContents()).toEqual(['Sản phẩm còn nguyên tem mác', 'Có hoá đơn mua hàng']);
      expect(await page.locator('script').count()).toBe(0);
      const site = await api(lead, 'GET', '/api/v1/helpcenter/site');
      await page.goto(site.url);
      await page.locator('input[name=q]').fill('doi tra hang');
      await page.locator('form[role=search] button[type=submit]').click();
      await page.waitForURL(/\/search\?/);
      const hit = page.locator('.card').filter({ hasText: title });
      expect(await hit.locator('h2 a').textContent()).toBe(title);
      expect((await hit.locator('mark').allTextContents()).join(' ')).toMatch(/đổi/);
      expect(await hit.locator('p').textContent()).toContain('đổi trả hàng');
      await screenshot(page, 'helpcenter-public-search-nojs');
    } finally {
      await context.close();
    }
  });

  it('the widget suggests the article while the visitor types "doi tra"; opening it records a deflection', async () => {
    const visitor = await session.newPage();
    problems.push(...watchForScript(visitor));
    await visitor.goto(`${session.server.url}/demo-shop`);
    await visitor.getByTestId('careloop-launcher').click();
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    const input = chat.getByTestId('widget-input');
    await input.click();
    await input.pressSequentially('doi tra', { delay: 40 });
    const suggestion = chat.getByTestId('widget-help-suggestion').first();
    await suggestion.waitFor({ timeout: 10_000 });
    expect(await suggestion.textContent()).toContain(title);
    expect(await suggestion.getAttribute('href')).toBe(`${article.publicUrl}?lang=vi`);
    expect(await chat.getByTestId('widget-help-suggestion').count()).toBeLessThanOrEqual(3);
    await screenshot(visitor, 'helpcenter-widget-suggestion');

    // Keyboard: back from the input past the attach button to the suggestion, then Enter opens it in a new tab.
    await visitor.keyboard.press('Shift+Tab');
    await visitor.keyboard.press('Shift+Tab');
    await expect.poll(() => suggestion.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const [tab] = await Promise.all([visitor.context().waitForEvent('page'), visitor.keyboard.press('Enter')]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(`${article.publicUrl}?lang=vi`);
    expect(await tab.locator('h1').textContent()).toBe(title);

    // The visitor had not started a chat: the click is kept as an anonymous one.
    await expect.poll(async () => (await api(lead, 'GET', '/api/v1/helpcenter/stats')).deflection.anonymousClicks, { timeout: 10_000 }).toBe(1);
    await lead.goto(`${session.server.url}/helpcenter?tab=stats`);
    await lead.getByTestId('help-kpi-deflected').waitFor();
    expect(await lead.getByTestId('help-kpi-deflected').textContent()).toContain('1 lượt mở của khách chưa xác định');
    await screenshot(lead, 'helpcenter-stats');
  });

  it('an agent links the article in a reply and turns the resolved conversation into a draft', async () => {
    const [inbox] = await api(lead, 'GET', '/api/v1/inboxes');
    const widget = { 'x-careloop-inbox': inbox.widgetToken };
    const visit = await (await lead.request.post(`${session.server.url}/api/widget/session`, { headers: widget, data: { name: 'Phạm Thu Hà' } })).json();
    const said = await lead.request.post(`${session.server.url}/api/widget/messages`, { headers: { ...widget, authorization: `Bearer ${visit.visitorToken}` }, data: { body: 'Shop ơi, làm sao để đổi trả hàng?' } });
    expect(said.status()).toBe(201);
    const list = await api(lead, 'GET', '/api/v1/conversations?status=any&limit=100');
    const conversation = list.items.find((c: { contact: { name: string } }) => c.contact.name === 'Phạm Thu Hà') as { id: string };

    await lead.goto(`${session.server.url}/conversations/${conversation.id}`);
    await lead.getByTestId('composer-input').fill('Dạ chị xem hướng dẫn ở đây ạ: ');
    await lead.getByTestId('help-insert-button').click();
    await lead.getByTestId('help-insert-search').fill('doi tra');
    await lead.getByTestId('help-insert-item').filter({ hasText: title }).click();
    await expect.poll(() => lead.getByTestId('composer-input').inputValue()).toBe(`Dạ chị xem hướng dẫn ở đây ạ: ${title}: ${article.publicUrl}?lang=vi`);
    await lead.getByTestId('composer-send').click();
    await lead.getByTestId('message').filter({ hasText: article.publicUrl }).waitFor();

    await lead.getByTestId('resolve-button').click();
    await lead.getByTestId('help-draft-button').click();
    await lead.getByTestId('help-draft-create').click();
    await lead.waitForURL(/\/helpcenter\/articles\/hca_/);
    await expect.poll(() => lead.getByTestId('help-status').textContent()).toBe('Bản nháp');
    expect(await lead.getByTestId('help-article-title-vi').inputValue()).toBe('Shop ơi, làm sao để đổi trả hàng?');
    expect(await lead.getByTestId('help-article-body-vi').textContent()).toContain('Dạ chị xem hướng dẫn ở đây ạ');
    expect(await lead.getByTestId('help-article-source').getAttribute('href')).toBe(`/conversations/${conversation.id}`);
    await screenshot(lead, 'helpcenter-draft-from-conversation');
    await lead.getByTestId('help-article-title-vi').fill('Làm sao để đổi trả hàng?'); // leaving with unsaved changes asks first
    await lead.getByRole('link', { name: 'Tất cả bài viết' }).click();
    await lead.getByTestId('help-leave-stay').click();
    await lead.getByTestId('help-article-save').click();
    await expect.poll(() => lead.getByTestId('help-article-heading').textContent()).toBe('Làm sao để đổi trả hàng?');
    await expect.poll(() => lead.getByTestId('help-article-unsaved').count()).toBe(0);
    await lead.getByRole('link', { name: 'Tất cả bài viết' }).click();
    await expect.poll(() => lead.getByTestId('help-article-row').count()).toBe(2);
    await screenshot(lead, 'helpcenter-list');
    expect(problems).toEqual([]);
  });
});
