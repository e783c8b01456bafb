import type { ChannelAdapter } from '../channel.ts';
import { queueVisitorEmail } from '../../notifications/email.ts';

/** A visitor not seen in the chat for this long is away: a reply then also goes to their email (if they left one). */
const awayMs = 60_000;

/**
 * Web chat needs no vendor call: the committed `message.created` event reaches the visitor's
 * socket, and a visitor who was away fetches it on return. So a reply is `sent` once stored. A visitor
 * who has left the page and gave an address hears about an agent's reply by email, unless they read
 * it in the chat first (checked when the mail is due).
 */
export const webChatAdapter: ChannelAdapter = {
  channel: 'web_chat',
  async send(ctx, { conversation, message }) {
    const seen = conversation.contact_last_seen_at?.getTime() ?? 0;
    if (message.sender_type === 'agent' && Date.now() - seen > awayMs) {
      await queueVisitorEmail(ctx, conversation, message, ctx.actor.type === 'agent' ? ctx.actor.name : null).catch((err: unknown) => ctx.log.warn('web chat: could not queue the email', { err }));
    }
    return { status: 'sent' };
  },
};
