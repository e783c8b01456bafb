import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Closing the loop, in real Chromium: a visitor chats in the widget, an agent answers and resolves
 * the conversation in the console, the visitor answers the inline CSAT with one star and a comment,
 * and a supervisor whose console was already open on the inbox sees the high-priority recovery
 * conversation arrive without a reload — then finds the comment in Reports → Satisfaction without
 * typing accents. The public survey link (email) refuses a tampered token and a second answer.
 */
const session = browserSession('surveys');
const newPage = session.newPage;
const api = session.api;
const customer = 'Phạm Thu Hà';
const comment = 'Giao hàng chậm quá, hộp bị móp';

async function join(owner: Page, role: 'agent' | 'supervisor', email: string, name: string): Promise<{ page: Page; id: string }> {
  const invitation = await api(owner, 'POST', '/api/v1/invitations', { email, role });
  const page = await newPage();
  const token = new URL(invitation.acceptUrl).searchParams.get('token');
  const accepted = await page.request.post(`${session.server.url}/api/v1/invitations/accept`, { data: { token, name, password: 'một mật khẩu đủ dài' } });
  expect(accepted.status()).toBe(200);
  return { page, id: (await accepted.json()).agent.id };
}

describe('a bad score opens a recovery conversation for a supervisor, live', () => {
  let owner: Page;
  let an: Page;
  let binh: Page;
  let binhId = '';
  let visitor: Page;
  let rated = { id: '', number: 0 };
  let recoveryId = '';
  const problems: string[] = [];

  it('a visitor chats in the widget; an agent answers and resolves in the console', async () => {
    owner = await newPage();
    await session.setUpShop(owner);
    const [inbox] = await api(owner, 'GET', '/api/v1/inboxes');
    await api(owner, 'PATCH', `/api/v1/inboxes/${inbox.id}`, { settings: { preChatForm: [{ field: 'name', required: true }] } });
    const settings = await api(owner, 'GET', '/api/v1/surveys/settings');
    expect(settings.resolveSurveyId).toMatch(/^svd_/); // the built-in CSAT goes out on resolve by default

    ({ page: an } = await join(owner, 'agent', 'an@hoamai.vn', 'Trần Văn An'));
    ({ page: binh, id: binhId } = await join(owner, 'supervisor', 'binh@hoamai.vn', 'Lê Thị Bình'));
    problems.push(...watchForScript(an), ...watchForScript(binh));

    // The supervisor's console is open on every conversation before anything happens; it is never reloaded.
    await binh.goto(`${session.server.url}/inbox`);
    await binh.getByTestId('view-all').click();
    await binh.locator('[data-testid=connection-status][data-status=open]').waitFor({ timeout: 15_000 });
    await binh.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true; });

    visitor = await newPage();
    problems.push(...watchForScript(visitor));
    await visitor.goto(`${session.server.url}/demo-shop`);
    await visitor.getByTestId('careloop-launcher').click();
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    await chat.getByTestId('widget-prechat-name').fill(customer);
    await chat.getByTestId('widget-prechat-submit').click();
    await chat.getByTestId('widget-input').fill('Shop ơi đơn hàng của tôi chưa tới');
    await chat.getByTestId('widget-send').click();
    await chat.getByTestId('widget-message').filter({ hasText: 'đơn hàng của tôi chưa tới' }).waitFor();

    await an.goto(`${session.server.url}/inbox`);
    await an.getByTestId('view-unassigned').click();
    const item = an.getByTestId('conversation-item').filter({ hasText: customer });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await an.getByTestId('message').filter({ hasText: 'đơn hàng của tôi chưa tới' }).waitFor();
    rated = { id: (await an.getByTestId('conversation-view').getAttribute('data-conversation-id'))!, number: Number((await an.getByTestId('conversation-number').textContent())!.slice(1)) };
    await an.getByTestId('composer-input').fill('Dạ em đã kiểm tra, đơn của chị sẽ tới trong hôm nay ạ.');
    await an.getByTestId('composer-send').click();
    await chat.getByTestId('widget-message').filter({ hasText: 'sẽ tới trong hôm nay' }).waitFor({ timeout: 10_000 });
    await an.getByTestId('resolve-button').click();
    await an.locator('[data-testid=status-menu][data-status=resolved]').waitFor({ timeout: 10_000 });
  });

  it('the visitor answers the survey inline with one star and a comment', async () => {
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    const card = chat.getByTestId('widget-survey');
    await card.waitFor({ timeout: 20_000 }); // the `surveys.send` job, then the socket
    await card.locator('[data-testid=survey-option][data-score="1"]').click();
    await chat.getByTestId('survey-comment').fill(comment);
    await chat.getByTestId('survey-send').click();
    await chat.getByTestId('survey-thanks').waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('data-state')).toBe('done');
    await screenshot(visitor, 'survey-widget-answered');
  });

  it('the supervisor sees the high-priority recovery conversation appear without reloading', async () => {
    const item = binh.getByTestId('conversation-item').filter({ hasText: customer });
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getByTestId('priority-badge').textContent().catch(() => null), { timeout: 15_000 }).toBe('Cao');
    expect(await binh.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    recoveryId = (await item.getAttribute('data-conversation-id'))!;
    expect(recoveryId).not.toBe(rated.id);
    await item.click();
    // The server's note carries the score, the rated conversation and the comment.
    const note = binh.locator('[data-testid=message][data-kind=note]').filter({ hasText: 'Khôi phục trải nghiệm' });
    await note.waitFor({ timeout: 15_000 });
    expect(await note.textContent()).toContain(`CSAT 1/5 cho cuộc trò chuyện #${rated.number}`);
    await binh.getByTestId('message').filter({ hasText: comment }).first().waitFor();
    const recovery = await api(binh, 'GET', `/api/v1/conversations/${recoveryId}`);
    expect(recovery).toMatchObject({ priority: 'high', assigneeId: binhId, status: 'open' });
    const balance = binh.getByTestId('experience-balance');
    await expect.poll(() => balance.getAttribute('data-state'), { timeout: 10_000 }).toBe('at_risk');
    expect(await binh.getByTestId('experience-message').textContent()).toMatch(/^Cần thêm \d+ trải nghiệm tốt/);
    await screenshot(binh, 'survey-recovery-conversation');
  });

  it('the agent sees the answer on the conversation she resolved', async () => {
    const chip = an.getByTestId('conversation-survey');
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toBe('CSAT 1/5');
    await chip.click();
    const send = an.getByTestId('conversation-survey-send');
    await send.waitFor();
    expect(await send.getAttribute('data-status')).toBe('answered');
    expect(problems).toEqual([]);
  });

  it('the supervisor finds the comment in Reports → Satisfaction without typing accents', async () => {
    await binh.getByTestId('satisfaction-link').click();
    await binh.getByTestId('satisfaction-page').waitFor();
    await expect.poll(() => binh.getByTestId('kpi-csat-value').textContent(), { timeout: 15_000 }).toBe('0%');
    expect(await binh.getByTestId('kpi-response-rate-value').textContent()).toBe('100%');
    await binh.getByTestId('verbatim-search').fill('giao hang cham');
    const verbatim = binh.getByTestId('verbatim').filter({ has: binh.locator('mark', { hasText: 'Giao hàng chậm' }) });
    await verbatim.waitFor({ timeout: 10_000 });
    expect(await verbatim.getByTestId('verbatim-recovery').getAttribute('href')).toBe(`/conversations/${recoveryId}`);
    await binh.getByTestId('verbatim-search').fill('khong co dau nay');
    await binh.getByTestId('verbatims-empty').waitFor({ timeout: 10_000 });
    await screenshot(binh, 'survey-satisfaction-report');
    expect(problems).toEqual([]);
  });
});

describe('Settings → Surveys', () => {
  it('an admin turns quiet hours off, is told at the field what is wrong, and runs a campaign now', async () => {
    const owner = await newPage();
    const problems = watchForScript(owner);
    await owner.request.post(`${session.server.url}/api/v1/auth/login`, { data: { email: 'lan@hoamai.vn', password: 'mật khẩu thật dài' } });
    await owner.goto(`${session.server.url}/settings/surveys`);
    await owner.getByTestId('survey-settings-form').waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('survey-on-resolve').isChecked()).toBe(true);
    await owner.getByTestId('survey-quiet-to').click();
    await owner.getByRole('option', { name: '21:00' }).click();
    await owner.getByTestId('survey-quiet-summary').filter({ hasText: 'mọi giờ' }).waitFor();
    await owner.getByTestId('survey-settings-save').click();
    await expect.poll(async () => (await api(owner, 'GET', '/api/v1/surveys/settings')).quietTo, { timeout: 10_000 }).toBe(21);

    // A new CSAT survey starts from the built-in texts; an invitation without {link} is refused at its field.
    await owner.getByTestId('survey-definition-create').click();
    await owner.getByTestId('survey-definition-create-csat').click();
    const form = owner.getByTestId('survey-definition-form');
    expect(await form.getByTestId('survey-text-vi-question').inputValue()).toBe('Bạn đánh giá thế nào về sự hỗ trợ của {shop}?');
    await form.getByTestId('survey-definition-name').fill('Sau khi giao hàng');
    await form.getByTestId('survey-text-vi-invitation').fill('Mời bạn đánh giá shop');
    await form.getByTestId('survey-definition-save').click();
    await form.getByText('Nhập lời mời có {link} ở chỗ đặt đường dẫn khảo sát (tối đa 500 ký tự).').waitFor();
    await form.getByTestId('survey-text-vi-invitation').fill('Mời bạn đánh giá shop: {link}');
    await form.getByTestId('survey-definition-save').click();
    await owner.getByTestId('survey-definition-row').filter({ hasText: 'Sau khi giao hàng' }).waitFor({ timeout: 10_000 });

    await owner.getByTestId('survey-campaign-create').click();
    const campaign = owner.getByTestId('survey-campaign-form');
    await campaign.getByTestId('survey-campaign-name').fill('NPS 30 ngày sau đơn đầu');
    expect(await campaign.getByTestId('survey-campaign-cooldown').inputValue()).toBe('90');
    await campaign.getByTestId('survey-campaign-save').click();
    const row = owner.getByTestId('survey-campaign-row').filter({ hasText: 'NPS 30 ngày sau đơn đầu' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('survey-campaign-run').click();
    const result = row.getByTestId('survey-campaign-run-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-quiet')).toBe('false');
    expect(await result.getByTestId('survey-run-sent').textContent()).toBe('Đã gửi 0 khảo sát');
    await screenshot(owner, 'survey-settings');
    expect(problems).toEqual([]);
  });
});

describe('the public survey link', () => {
  it('refuses a tampered token and a second submission with clear messages', async () => {
    const owner = await newPage();
    await owner.request.post(`${session.server.url}/api/v1/auth/login`, { data: { email: 'lan@hoamai.vn', password: 'mật khẩu thật dài' } });
    const inbox = await api(owner, 'POST', '/api/v1/inboxes', { name: 'Hỗ trợ qua email', channel: 'email', email: { address: 'hotro@hoamai.vn', displayName: 'Tiệm Hoa Mai' } });
    const mail = ['From: Khach Mail <khach@example.vn>', 'To: hotro@hoamai.vn', 'Subject: Hoi ve don hang', `Message-ID: <survey-${Date.now()}@example.vn>`,
      'Date: Mon, 12 May 2025 10:00:00 +0700', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Cho minh hoi don hang da gui chua?', ''].join('\r\n');
    const uploaded = await fetch(inbox.email.rawUploadUrl, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: mail });
    expect(uploaded.status).toBe(201);
    const { conversationId } = await uploaded.json() as { conversationId: string };
    const conversation = await api(owner, 'GET', `/api/v1/conversations/${conversationId}`);
    await api(owner, 'PATCH', `/api/v1/conversations/${conversationId}`, { version: conversation.version, status: 'resolved' });

    // The survey goes out by email as an invitation carrying the signed link.
    let link = '';
    for (let i = 0; i < 60 && !link; i++) {
      const page = await api(owner, 'GET', `/api/v1/conversations/${conversationId}/messages?limit=50`);
      link = /https?:\/\/\S+\/s\/[\w.]+/.exec(page.items.map((m: { body: string }) => m.body).join('\n'))?.[0] ?? '';
      if (!link) await owner.waitForTimeout(250);
    }
    expect(link).toContain(`${session.server.url}/s/svs_`);

    const reader = await newPage();
    const tampered = link.slice(0, -1) + (link.endsWith('0') ? '1' : '0');
    const refused = await reader.goto(tampered);
    expect(refused!.status()).toBe(400);
    expect(await reader.getByRole('alert').textContent()).toBe('Đường dẫn khảo sát không hợp lệ. Vui lòng mở lại đúng đường dẫn shop đã gửi cho bạn.');
    const later = link.replace(/(\/s\/svs_\w+)\.(\d+)\./, (_m, send: string, exp: string) => `${send}.${Number(exp) + 86_400}.`);
    expect(later).not.toBe(link);
    expect((await reader.goto(later))!.status()).toBe(400); // a forged expiry is tampering, not "expired"

    // The customer opened the link twice; answers in the first tab, then tries again in the second.
    const second = await newPage();
    await second.goto(link);
    await reader.goto(link);
    await reader.locator('button[name=score][value="5"]').click();
    await reader.getByText('Cảm ơn bạn! Bạn có muốn chia sẻ thêm?').waitFor();
    await reader.locator('textarea').first().fill('Nhân viên trả lời rất nhanh');
    await reader.getByRole('button', { name: 'Gửi', exact: true }).click();
    await reader.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã dành thời gian góp ý!' }).waitFor();
    await screenshot(reader, 'survey-public-thanks');

    const [again] = await Promise.all([second.waitForResponse((r) => r.request().method() === 'POST'), second.locator('button[name=score][value="4"]').click()]);
    expect(again.status()).toBe(409);
    expect(await second.getByRole('alert').textContent()).toBe('Bạn đã trả lời khảo sát này rồi. Cảm ơn bạn!');
    await reader.goto(link);
    expect(await reader.getByRole('status').textContent()).toBe('Bạn đã trả lời khảo sát này rồi. Cảm ơn bạn!');
    const answered = await api(owner, 'GET', `/api/v1/surveys/conversations/${conversationId}`);
    expect(answered.sends).toMatchObject([{ kind: 'csat', status: 'answered', score: 5, via: 'link' }]);
  });
});
