import type { WidgetConfigDto } from '@careloop/contracts';
import { describe, expect, it } from 'vitest';
import { firstScreen, screenAfterSession, sessionInput } from './screens.ts';

const config: WidgetConfigDto = {
  inboxName: 'Website', workspaceName: 'Shop Hoa', color: '#1c7ed6', locale: 'vi', greeting: '',
  preChatForm: [{ field: 'phone', required: true }], requireIdentityVerification: false, agentsOnline: true,
  offlineMessage: '', replyTimeText: '', limits: { messageChars: 10_000, attachmentBytes: 10_485_760 },
};
const visitor = { hasConversation: false, identified: false, prechatDone: false, contact: null };

describe('firstScreen', () => {
  it('asks for a signed-in customer, then offline, then the pre-chat form', () => {
    expect(firstScreen({ ...config, requireIdentityVerification: true, agentsOnline: false })).toBe('identity');
    expect(firstScreen({ ...config, agentsOnline: false })).toBe('offline');
    expect(firstScreen(config)).toBe('prechat');
    expect(firstScreen({ ...config, preChatForm: [] })).toBe('chat');
  });
});

describe('screenAfterSession', () => {
  it('keeps an ongoing conversation in the chat even when nobody is online', () => {
    expect(screenAfterSession({ ...config, agentsOnline: false }, visitor)).toBe('offline');
    expect(screenAfterSession({ ...config, agentsOnline: false }, { ...visitor, hasConversation: true, prechatDone: true })).toBe('chat');
  });

  it('skips the pre-chat form for identified visitors, known contacts and after submitting it', () => {
    expect(screenAfterSession(config, visitor)).toBe('prechat');
    expect(screenAfterSession(config, { ...visitor, identified: true })).toBe('chat');
    expect(screenAfterSession(config, { ...visitor, prechatDone: true })).toBe('chat');
    expect(screenAfterSession(config, { ...visitor, contact: { name: null, email: null, phone: '+84901234567' } })).toBe('chat');
  });
});

describe('sessionInput', () => {
  it('sends a signed identity with the contact fields and lets typed values win', () => {
    const identity = { identifier: 'kh-42', identifierHash: 'a'.repeat(64), name: 'Khách 42', email: 'kh42@gmail.com' };
    expect(sessionInput(identity, { name: 'Lan' }, 'vi', 'https://shop.vn')).toEqual({
      identifier: 'kh-42', identifierHash: 'a'.repeat(64), name: 'Lan', email: 'kh42@gmail.com', locale: 'vi', pageUrl: 'https://shop.vn',
    });
  });

  it('drops an unsigned identifier and an invalid email', () => {
    expect(sessionInput({ identifier: 'kh-42', email: 'not-an-email', phone: '0901234567' }, {}, 'en', null))
      .toEqual({ phone: '0901234567', locale: 'en' });
    expect(sessionInput(null, {}, 'vi', null)).toEqual({ locale: 'vi' });
  });
});
