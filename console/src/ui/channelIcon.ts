/**
 * Which mark a conversation's channel gets. A Messenger conversation that is a Facebook comment
 * thread shows the Facebook mark (replies there are public); an Instagram comment thread keeps the
 * Instagram mark. Zalo has no Tabler icon and gets a text badge.
 */
export const channelMarks = [
  'web_chat', 'email', 'messenger', 'facebook_comments', 'instagram', 'zalo', 'telegram', 'viber', 'phone', 'form', 'other',
] as const;
export type ChannelMark = (typeof channelMarks)[number];

export function channelMarkOf(channel: string, isCommentThread = false): ChannelMark {
  if (channel === 'facebook_comments' || (isCommentThread && channel !== 'instagram')) return 'facebook_comments';
  if (channel === 'web') return 'web_chat';
  return (channelMarks as readonly string[]).includes(channel) ? (channel as ChannelMark) : 'other';
}

/** The `channels.*` label a mark is read as (tooltips, screen readers). */
export const channelLabelKey = (mark: ChannelMark, channel: string) => (mark === 'other' ? `channels.${channel}` : `channels.${mark}`);
