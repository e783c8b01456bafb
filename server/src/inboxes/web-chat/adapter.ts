import type { ChannelAdapter } from '../channel.ts';

/**
 * Web chat needs no vendor call: the committed `message.created` event reaches the visitor's
 * socket, and a visitor who was away fetches it on return. So a reply is `sent` once stored.
 */
export const webChatAdapter: ChannelAdapter = {
  channel: 'web_chat',
  async send() {
    return { status: 'sent' };
  },
};
