import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchForScript } from './browser.ts';
import { browserSession } from './session.ts';

/**
 * A phone inbox's signing secret in the console, in real Chromium: the admin shows it, rotates it
 * after a confirmation, and the page shows the new one; call events signed with the old secret are
 * refused from then on, and the new one is accepted.
 */
const session = browserSession('phone');
const api = session.api;
const sign = (secret: string, raw: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('the phone inbox signing secret', () => {
  it('the admin rotates it: the page shows the new secret, and only the new one signs call events', async () => {
    const owner: Page = await session.newPage();
    const problems = watchForScript(owner);
    await session.setUpShop(owner);
    const inbox = await api(owner, 'POST', '/api/v1/inboxes', { name: 'Hotline', channel: 'phone', phone: { provider: 'generic', displayNumber: '028 3822 1234' } });
    const old = inbox.phone.signingSecret as string;

    await owner.goto(`${session.server.url}/settings/inboxes/${inbox.id}`);
    await owner.getByTestId('phone-signing-toggle').click();
    expect((await owner.getByTestId('phone-signing-secret').textContent())?.trim()).toBe(old);
    await owner.getByTestId('phone-signing-rotate').click();
    await owner.getByText('Đổi khoá ký?').waitFor();
    await owner.getByTestId('phone-signing-rotate-confirm').click();
    await expect.poll(async () => (await owner.getByTestId('phone-signing-secret').textContent())?.trim(), { timeout: 10_000 }).not.toBe(old);
    const fresh = (await owner.getByTestId('phone-signing-secret').textContent())!.trim();
    expect((await api(owner, 'GET', `/api/v1/inboxes/${inbox.id}`)).phone.signingSecret).toBe(fresh);

    const raw = JSON.stringify({ event: 'missed', callId: 'pbx-4711', direction: 'inbound', from: '0912345678', at: '2026-05-01T10:00:00+07:00' });
    const post = (secret: string) => owner.request.post(`${session.server.url}/api/channels/${inbox.id}/calls`, {
      data: raw, headers: { 'content-type': 'application/json', 'x-careloop-signature': sign(secret, raw) },
    });
    expect((await post(old)).status()).toBe(401);
    expect((await post(fresh)).status()).toBe(200);
    expect(problems).toEqual([]);
  });
});
