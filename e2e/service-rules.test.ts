import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * Service rules in real Chromium: an upset customer is fast-tracked (urgent, the upset banner with
 * the customer's value and the agent's authority, a tighter SLA whose countdown runs live); an
 * admin's automation rule labels the next matching message; a visitor waiting in a team's queue
 * sees their place in the widget.
 */
const session = browserSession('rules');
const api = session.api;

async function customerSays(owner: Page, name: string, body: string) {
  const [inbox] = await api(owner, 'GET', '/api/v1/inboxes');
  const widget = { 'x-careloop-inbox': inbox.widgetToken };
  const visit = await (await owner.request.post(`${session.server.url}/api/widget/session`, { headers: widget, data: { name } })).json();
  const said = await owner.request.post(`${session.server.url}/api/widget/messages`, { headers: { ...widget, authorization: `Bearer ${visit.visitorToken}` }, data: { body } });
  expect(said.status()).toBe(201);
  const list = await api(owner, 'GET', '/api/v1/conversations?status=any&limit=100');
  return list.items.find((c: { contact: { name: string } }) => c.contact.name === name) as { id: string; priority: string; upsetAt: string | null };
}

describe('service rules in the console and the widget', () => {
  let owner: Page;
  const problems: string[] = [];

  it('an upset customer is fast-tracked: banner with value and authority, urgent, a live SLA countdown', async () => {
    owner = await session.newPage();
    problems.push(...watchForScript(owner));
    await session.setUpShop(owner);
    // Always open, so the countdown runs whatever the hour of the test run.
    const settings = await api(owner, 'GET', '/api/v1/sla/settings');
    await api(owner, 'PUT', '/api/v1/sla/settings', { ...settings, businessHours: { ...settings.businessHours, alwaysOpen: true } });

    const upset = await customerSays(owner, 'Phạm Thu Hà', 'Đơn hàng giao trễ cả tuần, nhắn mãi không ai trả lời, quá tệ! Tôi muốn khiếu nại');
    expect(upset.upsetAt).not.toBeNull();
    expect(['high', 'urgent']).toContain(upset.priority);

    await owner.goto(`${session.server.url}/conversations/${upset.id}`);
    const banner = owner.getByTestId('upset-banner');
    await banner.waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('upset-authority').textContent()).toMatch(/bồi thường/i);
    const chip = owner.getByTestId('sla-chip').first();
    await chip.waitFor();
    const before = await chip.textContent();
    expect(before).toMatch(/\d/);
    await owner.waitForTimeout(2200);
    expect(await chip.textContent()).not.toBe(before); // it counts down without a reload
    expect(await owner.getByTestId('triage-chips').textContent()).toMatch(/Tiêu cực|Khiếu nại|Giao trễ/i);
    await screenshot(owner, 'upset-banner');
  });

  it('an admin builds a rule in the console; the next matching message is labelled by it', async () => {
    await owner.goto(`${session.server.url}/settings/automations`);
    await owner.getByTestId('automation-create').click();
    const form = owner.getByTestId('automation-rule-form');
    await form.waitFor();
    await owner.getByTestId('automation-name').fill('Hỏi giờ mở cửa');
    // Default trigger: a customer message. One condition on the text, one action adding a label.
    await owner.getByTestId('condition-add').first().click();
    const leaf = owner.getByTestId('condition-leaf').first();
    await leaf.getByTestId('condition-field').click();
    await owner.getByRole('option', { name: /Nội dung tin nhắn/i }).click();
    await leaf.getByTestId('condition-op').click();
    await owner.getByRole('option', { name: /^có chứa$/i }).click();
    await leaf.getByTestId('condition-value').fill('giờ mở cửa');
    const action = owner.getByTestId('action-item').first();
    await action.getByTestId('action-type').click();
    await owner.getByRole('option', { name: /^Gắn nhãn$/i }).click();
    await action.getByTestId('action-label').fill('gio-mo-cua');
    await owner.getByTestId('automation-save').click();
    const row = owner.getByTestId('automation-rule-row').filter({ hasText: 'Hỏi giờ mở cửa' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('automation-rule-description').textContent()).toMatch(/giờ mở cửa/);

    const asked = await customerSays(owner, 'Khách Hỏi Giờ', 'Shop ơi GIO MO CUA may gio vay?');
    let labels: string[] = [];
    for (let i = 0; i < 40 && !labels.includes('gio-mo-cua'); i++) {
      await owner.waitForTimeout(250);
      labels = (await api(owner, 'GET', `/api/v1/conversations/${asked.id}`)).labels;
    }
    expect(labels).toContain('gio-mo-cua'); // run by the worker's automations job
    await owner.getByTestId('automations-tab-runs').click();
    await owner.getByTestId('automation-run').filter({ hasText: 'Hỏi giờ mở cửa' }).first().waitFor({ timeout: 10_000 });
  });

  it('a visitor waiting in a team\'s queue sees their place in the widget', async () => {
    // A team that routes to its member, who is busy with her limit of one conversation.
    const agentsList = await api(owner, 'GET', '/api/v1/agents');
    const me = agentsList[0];
    await api(owner, 'PATCH', `/api/v1/agents/${me.id}`, { routing: { maxOpen: 1, channelLimits: {}, skills: [], languages: [] } });
    const team = await api(owner, 'POST', '/api/v1/teams', { name: 'CSKH', agentIds: [me.id], routing: 'round_robin' });
    await api(owner, 'PUT', '/api/v1/routing/settings', { defaultTeamId: team.id });
    const first = await customerSays(owner, 'Khách Đầu Tiên', 'Chào shop');
    // Routing runs as a job: she is busy once the first conversation is hers (else the visitor could be routed first).
    await expect.poll(async () => (await api(owner, 'GET', `/api/v1/conversations/${first.id}`)).assigneeId, { timeout: 15_000 }).toBe(me.id);

    const visitor = await session.newPage();
    problems.push(...watchForScript(visitor));
    await visitor.goto(`${session.server.url}/demo-shop`);
    await visitor.getByTestId('careloop-launcher').click();
    const chat = visitor.frameLocator('[data-testid=careloop-frame]');
    // Agents are online: no pre-chat form, the visitor writes at once.
    await chat.getByTestId('widget-input').fill('Cho mình hỏi về đơn hàng');
    await chat.getByTestId('widget-send').click();
    const queue = chat.getByTestId('widget-queue');
    await queue.filter({ hasText: /vị trí|tiếp theo/ }).waitFor({ timeout: 20_000 });
    expect(await queue.getAttribute('role')).toBe('status');
    await screenshot(visitor, 'widget-queue');
    expect(problems).toEqual([]);
  });
});
