import { channelCapabilities, limits, type ChannelCapabilities, type ConversationDto } from '@careloop/contracts';

const fallback: ChannelCapabilities = { attachments: true, maxText: limits.messageChars, quoting: false, html: false };

/** What a reply on this conversation's channel can carry; a comment thread answers as a comment (Facebook or Instagram). */
export function capabilitiesOf(c: Pick<ConversationDto, 'channel' | 'isCommentThread'>): ChannelCapabilities {
  const key = c.isCommentThread ? (c.channel === 'instagram' ? 'instagram_comments' : 'facebook_comments') : c.channel === 'web' ? 'web_chat' : c.channel;
  return channelCapabilities[key] ?? fallback;
}

/**
 * The composer's limits in its current mode. Notes stay inside CareLoop, so only the API's own limit
 * applies to them; replies also obey the channel (its text limit, whether files can go along).
 */
export function composerRules(c: Pick<ConversationDto, 'channel' | 'isCommentThread'>, mode: 'reply' | 'note', text: string) {
  const caps = capabilitiesOf(c);
  const maxText = mode === 'note' ? limits.messageChars : Math.min(caps.maxText, limits.messageChars);
  const length = text.length;
  return {
    maxText,
    length,
    over: length > maxText,
    attachments: mode === 'note' || caps.attachments,
    /** Show the counter once the text is long enough to matter (or for channels with short limits). */
    showCounter: mode === 'reply' && (maxText <= 2000 || length > maxText * 0.8),
  };
}
