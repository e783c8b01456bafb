import type { ConversationDto, CreateMessageInput, MessageDto } from '@careloop/contracts';
import { capabilitiesOf } from './channel/composerRules.ts';

/** The customer message a reply will quote (Zalo `quote_message_id`, Telegram `reply_parameters`). */
export type Quote = Pick<MessageDto, 'id' | 'body' | 'sender' | 'attachments'>;

/** Whether this conversation's channel can quote; only the customer's own messages are offered. */
export const channelQuotes = (c: Pick<ConversationDto, 'channel' | 'isCommentThread'>) => capabilitiesOf(c).quoting;
export const quotable = (m: Pick<MessageDto, 'kind'>) => m.kind === 'incoming';

/** The quoted text shown above the composer: one line, cut at `max` characters. */
export function quoteExcerpt(quote: Pick<Quote, 'body' | 'attachments'>, max = 140): string {
  const text = quote.body.replace(/\s+/g, ' ').trim();
  if (!text) return quote.attachments[0]?.filename ?? '';
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export type ComposerMode = 'reply' | 'note';

/**
 * The body of `POST /conversations/:id/messages`. The quote and the private reply belong to replies
 * only: a note never carries them, even when one was chosen before switching to the note tab.
 */
export function messageBody(opts: {
  mode: ComposerMode; text: string; attachmentIds: string[]; newestMessageId: string | undefined; force: boolean; clientId: string;
  privateReply: boolean; conversation: Pick<ConversationDto, 'channel' | 'isCommentThread'>; quote: Pick<Quote, 'id'> | null;
}): CreateMessageInput {
  const reply = opts.mode === 'reply';
  return {
    kind: reply ? 'outgoing' : 'note',
    body: opts.text.trim(),
    attachmentIds: opts.attachmentIds,
    ...(opts.newestMessageId ? { lastSeenMessageId: opts.newestMessageId } : {}),
    force: opts.force,
    clientId: opts.clientId,
    ...(reply && opts.conversation.isCommentThread && opts.privateReply ? { privateReply: true } : {}),
    ...(reply && opts.quote && channelQuotes(opts.conversation) ? { quoteMessageId: opts.quote.id } : {}),
  };
}
