import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { createInboxInput, updateInboxInput, type MessagingInboxDto } from '@careloop/contracts';
import { ApiError } from '../../../lib/api.ts';
import { at, inbox as inboxOf } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { MessagingFields } from './MessagingFields.tsx';
import { MessagingInboxForm } from './MessagingInboxForm.tsx';
import {
  createMessagingInboxBody, formFieldOf, messagingFormOf, messagingFormSchema, newMessagingForm, secretState, serverFieldErrors,
  updateMessagingInboxBody, type MessagingForm,
} from './messagingForm.ts';

const messaging: MessagingInboxDto = {
  webhookUrl: 'https://care.hoamai.vn/api/channels/inbox_fb/webhook', verifyToken: 'verify-123',
  pageId: '1029384756', accountId: null, appId: '5566778899', oaId: null, senderName: null, senderAvatar: null, siteVerification: null,
  commentsEnabled: true, hidePhoneComments: true, delivery: 'webhook', secretsSet: ['appSecret', 'accessToken'],
  health: { state: 'ok', error: null, at: at(5) },
};
const inbox = inboxOf({ id: 'inbox_fb', name: 'Fanpage Hoa Mai', channel: 'messenger', messaging });
const botToken = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('messaging inbox form → API payload', () => {
  it('starts secrets empty and sends only the ones typed (the rest keep their stored value)', () => {
    const form = messagingFormOf(inbox);
    expect(form).toMatchObject({ name: 'Fanpage Hoa Mai', pageId: '1029384756', appId: '5566778899', appSecret: '', accessToken: '', hidePhoneComments: true });
    expect(updateMessagingInboxBody('messenger', form)).toEqual({
      name: 'Fanpage Hoa Mai',
      messaging: { pageId: '1029384756', appId: '5566778899', commentsEnabled: true, hidePhoneComments: true },
    });
    expect(updateMessagingInboxBody('messenger', { ...form, accessToken: ' EAAGm0PX4ZCpsBA ' }).messaging).toMatchObject({ accessToken: 'EAAGm0PX4ZCpsBA' });
  });

  it("sends only the channel's own fields", () => {
    const form: MessagingForm = { ...newMessagingForm('Bot'), botToken, pageId: '1', appSecret: 'leftover-secret' };
    expect(createMessagingInboxBody('telegram', form)).toEqual({ name: 'Bot', channel: 'telegram', messaging: { botToken, delivery: 'webhook' } });
    expect(createMessagingInboxBody('telegram', { ...form, delivery: 'polling' }).messaging).toEqual({ botToken, delivery: 'polling' });
    expect(messagingFormOf({ name: 'Bot', messaging: { ...messaging, delivery: 'polling' } }).delivery).toBe('polling');
    const instagram = createMessagingInboxBody('instagram', { ...newMessagingForm('IG'), accountId: '17841400000000001', hidePhoneComments: true });
    expect(instagram.messaging).toMatchObject({ accountId: '17841400000000001', commentsEnabled: true, hidePhoneComments: true });
    const viber = createMessagingInboxBody('viber', { ...newMessagingForm('Viber'), authToken: '4453b6ac1b35c1b4', senderName: 'Shop Hoa Mai' });
    expect(viber.messaging).toEqual({ authToken: '4453b6ac1b35c1b4', senderName: 'Shop Hoa Mai' });
  });

  it('makes bodies the contract accepts, for creating and for updating', () => {
    const zalo = { ...newMessagingForm('Zalo OA'), appId: '123', oaId: '456', appSecret: 'secret-1', oaSecretKey: 'secret-2', accessToken: 'token-3', refreshToken: 'token-4' };
    expect(createInboxInput.safeParse(createMessagingInboxBody('zalo', zalo)).success).toBe(true);
    expect(updateInboxInput.safeParse(updateMessagingInboxBody('messenger', messagingFormOf(inbox))).success).toBe(true);
  });

  it('says whether each secret is typed, stored or missing', () => {
    const form = messagingFormOf(inbox);
    expect(secretState('appSecret', form, messaging.secretsSet)).toBe('stored');
    expect(secretState('botToken', form, messaging.secretsSet)).toBe('missing');
    expect(secretState('appSecret', { ...form, appSecret: 'new' }, messaging.secretsSet)).toBe('typed');
  });
});

describe('messaging form validation', () => {
  const fieldsOf = (channel: Parameters<typeof messagingFormSchema>[0], form: MessagingForm) => {
    const result = messagingFormSchema(channel).safeParse(form);
    return result.success ? [] : result.error.issues.map((i) => i.path[0]);
  };

  it("checks the contract's formats per field, and leaves what is missing to the server", () => {
    const form = messagingFormOf(inbox);
    expect(fieldsOf('messenger', form)).toEqual([]);
    expect(fieldsOf('messenger', { ...form, pageId: 'fanpage-hoa-mai' })).toEqual(['pageId']);
    expect(fieldsOf('messenger', { ...form, name: ' ' })).toEqual(['name']);
    expect(fieldsOf('telegram', { ...newMessagingForm('Bot'), botToken: 'not-a-token' })).toEqual(['botToken']);
    expect(fieldsOf('viber', { ...newMessagingForm('Viber'), senderName: 'x'.repeat(29), senderAvatar: 'ảnh.png' })).toEqual(['senderName', 'senderAvatar']);
    expect(fieldsOf('zalo', newMessagingForm('Zalo'))).toEqual([]); // empty: the server names the missing fields
  });

  it("reads the fields a validation_failed answer names: the server's missing fields or schema issue paths", () => {
    const missing = new ApiError(400, 'validation_failed', 'Missing for zalo: oaSecretKey, refreshToken', { fields: ['oaSecretKey', 'refreshToken'] });
    expect([...serverFieldErrors(missing)]).toEqual(['oaSecretKey', 'refreshToken']);
    const issues = new ApiError(400, 'validation_failed', 'Invalid', { issues: [{ path: ['messaging', 'appId'] }, { path: 'name' }] });
    expect([...serverFieldErrors(issues)]).toEqual(['appId', 'name']);
    expect(serverFieldErrors(new ApiError(409, 'conflict', 'x', { fields: ['appId'] })).size).toBe(0);
    expect(serverFieldErrors(null).size).toBe(0);
    expect(formFieldOf(['messaging', 'unknown'])).toBeNull();
  });
});

describe('<MessagingInboxForm> and <MessagingFields>', () => {
  it('never echoes a secret: stored ones are empty password inputs that say "stored ✓ — leave empty to keep"', () => {
    const html = renderHtml(createElement(MessagingInboxForm, { channel: 'messenger', inbox }));
    for (const field of ['appSecret', 'accessToken']) {
      const input = html.one(`messaging-${field}`);
      expect(input.attrs.type).toBe('password');
      expect(input.attrs.value).toBe('');
      expect(input.attrs['data-saved']).toBe('true');
      expect(input.attrs.required).toBeUndefined();
    }
    expect(html.text.match(/Stored ✓ — leave empty to keep/g)).toHaveLength(2);
    expect(html.one('messaging-pageId').attrs.value).toBe('1029384756');
    expect(html.has('messaging-comments')).toBe(true);
    expect(html.has('messaging-hide-phone')).toBe(true);
    expect(html.html).not.toContain('verify-123'); // the verify token belongs to the setup panel, not the form
  });

  it('asks a new inbox for every field its channel needs', () => {
    const html = renderHtml(createElement(MessagingInboxForm, { channel: 'zalo' }), { lang: 'vi' });
    for (const field of ['oaId', 'appId', 'appSecret', 'oaSecretKey', 'accessToken', 'refreshToken']) {
      const input = html.one(`messaging-${field}`);
      expect(input.attrs['data-saved'] ?? 'false').toBe('false');
      expect(input.attrs.required).toBe('');
    }
    expect(html.has('messaging-comments')).toBe(false);
    expect(html.text).not.toContain('Đã lưu ✓');
  });

  it('asks a Telegram inbox how its messages arrive, webhook or polling', () => {
    const html = renderHtml(createElement(MessagingFields, { channel: 'telegram', value: { ...newMessagingForm('Bot'), delivery: 'polling' }, set: () => undefined, secretsSet: [], errorOf: () => undefined }), { lang: 'vi' });
    expect(html.has('messaging-delivery-webhook')).toBe(true);
    expect(html.text).toContain('Tự lấy tin (polling)');
    expect(html.text).toContain('không có địa chỉ công khai');
    const viber = renderHtml(createElement(MessagingFields, { channel: 'viber', value: newMessagingForm('V'), set: () => undefined, secretsSet: [], errorOf: () => undefined }));
    expect(viber.has('messaging-delivery-webhook')).toBe(false);
  });

  it("shows the server's missing fields on those fields", () => {
    const missing = serverFieldErrors(new ApiError(400, 'validation_failed', 'Missing', { fields: ['botToken'] }));
    const html = renderHtml(createElement(MessagingFields, {
      channel: 'telegram', value: newMessagingForm('Bot'), set: () => undefined, secretsSet: [],
      errorOf: (field) => (missing.has(field) ? 'Required for this channel' : undefined),
    }));
    const input = html.one('messaging-botToken');
    expect(input.attrs['data-invalid']).toBe('true');
    expect(html.one(`${input.attrs.id}-error`, 'id').text).toBe('Required for this channel');
  });
});
