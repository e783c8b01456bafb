import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import type { MessagingInboxDto } from '@careloop/contracts';
import { at, inbox as inboxOf } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { ChannelHealth } from './ChannelHealth.tsx';
import { MessagingSetup } from './MessagingSetup.tsx';
import { checkOutcome } from './messagingSetup.ts';

const messaging = (over: Partial<MessagingInboxDto> = {}): MessagingInboxDto => ({
  webhookUrl: 'https://care.hoamai.vn/api/channels/inbox_1/webhook', verifyToken: 'verify-123',
  pageId: null, accountId: null, appId: null, oaId: null, senderName: null, senderAvatar: null, siteVerification: null,
  commentsEnabled: true, hidePhoneComments: false, delivery: 'webhook', secretsSet: [], health: { state: 'unchecked', error: null, at: null }, ...over,
});
const inbox = (m: MessagingInboxDto) => inboxOf({ id: 'inbox_1', name: 'Kênh', channel: 'zalo', messaging: m });

describe('<MessagingSetup>', () => {
  it("gives Meta channels the webhook URL and the verify token to paste in the app dashboard", () => {
    const html = renderHtml(createElement(MessagingSetup, { channel: 'messenger', messaging: messaging() }));
    expect(html.one('messaging-webhook-url').text).toBe('https://care.hoamai.vn/api/channels/inbox_1/webhook');
    expect(html.one('messaging-verify-token').text).toBe('verify-123');
    expect(html.text).toContain('Messenger → Settings → Webhooks');
    expect(html.all('Copy', 'aria-label')).toHaveLength(2);
  });

  it('tells Zalo where its webhook and domain verification go, without a verify token', () => {
    const html = renderHtml(createElement(MessagingSetup, { channel: 'zalo', messaging: messaging() }), { lang: 'vi' });
    expect(html.has('messaging-verify-token')).toBe(false);
    expect(html.text).toContain('Xác thực tên miền');
  });

  it('says CareLoop registers Telegram and Viber webhooks on Test connection', () => {
    for (const channel of ['telegram', 'viber'] as const) {
      const html = renderHtml(createElement(MessagingSetup, { channel, messaging: messaging({ verifyToken: 'verify-123' }) }));
      expect(html.text).toContain('CareLoop registers the webhook with the vendor itself');
      expect(html.has('messaging-verify-token')).toBe(false);
    }
  });

  it('gives a polled Telegram bot its own steps and no webhook URL (nothing reaches the server)', () => {
    const html = renderHtml(createElement(MessagingSetup, { channel: 'telegram', messaging: messaging({ delivery: 'polling' }) }));
    expect(html.has('messaging-webhook-url')).toBe(false);
    expect(html.text).toContain('no public address is needed');
    expect(html.text).toContain('removes any webhook the bot had');
    const vi = renderHtml(createElement(MessagingSetup, { channel: 'telegram', messaging: messaging({ delivery: 'polling' }) }), { lang: 'vi' });
    expect(vi.text).toContain('tự lấy tin nhắn');
  });
});

describe('connection health and Test connection', () => {
  it('shows a connection that needs reconnecting with the vendor error', () => {
    const m = messaging({ health: { state: 'needs_reauth', error: 'Zalo: access token expired (-216)', at: at(30) } });
    const html = renderHtml(createElement(ChannelHealth, { inbox: inbox(m), messaging: m }));
    expect(html.one('messaging-health-state').text).toBe('Needs reconnecting');
    expect(html.one('messaging-health-error').text).toContain('Zalo: access token expired (-216)');
    expect(html.one('messaging-check').text).toBe('Test connection');
  });

  it('shows an ok connection without an error', () => {
    const m = messaging({ health: { state: 'ok', error: null, at: at(30) } });
    const html = renderHtml(createElement(ChannelHealth, { inbox: inbox(m), messaging: m }), { lang: 'vi' });
    expect(html.one('messaging-health-state').text).toBe('Đang kết nối');
    expect(html.has('messaging-health-error')).toBe(false);
  });

  it("words the check's answer", () => {
    expect(checkOutcome({ ok: true, name: 'Shop Hoa Mai', error: null, webhookRegistered: null }))
      .toEqual({ ok: true, key: 'messaging.check.ok', params: { name: 'Shop Hoa Mai' } });
    expect(checkOutcome({ ok: true, name: '@hoamai_bot', error: null, webhookRegistered: true }).key).toBe('messaging.check.okRegistered');
    expect(checkOutcome({ ok: false, name: null, error: 'Unauthorized', webhookRegistered: null }))
      .toEqual({ ok: false, key: 'messaging.check.failed', params: { error: 'Unauthorized' } });
    expect(checkOutcome({ ok: false, name: null, error: 'bad url', webhookRegistered: false }).key).toBe('messaging.check.webhookFailed');
    // A polled bot: the check removed the webhook (or could not).
    expect(checkOutcome({ ok: true, name: '@hoamai_bot', error: null, webhookRegistered: true }, 'polling').key).toBe('messaging.check.okPolling');
    expect(checkOutcome({ ok: false, name: '@hoamai_bot', error: 'Unauthorized', webhookRegistered: false }, 'polling').key).toBe('messaging.check.pollingFailed');
  });
});
