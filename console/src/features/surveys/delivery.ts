import { channelTypes, type ChannelType } from '@careloop/contracts';

/**
 * How a survey reaches the customer on each channel — the server's rule (surveys/dispatch.ts `viaOf`):
 * the web chat draws it inline in the widget; email, messaging and forms get a signed link; phone calls
 * and public comment threads get none. Shown in Settings so admins know what customers will see.
 */
export type SurveyDelivery = 'inline' | 'link' | 'none';

const linkChannels: readonly ChannelType[] = ['email', 'messenger', 'instagram', 'zalo', 'telegram', 'viber', 'form'];

export function deliveryOf(channel: ChannelType): SurveyDelivery {
  if (channel === 'web_chat') return 'inline';
  return linkChannels.includes(channel) ? 'link' : 'none';
}

export const deliveryByChannel = channelTypes.map((channel) => ({ channel, delivery: deliveryOf(channel) }));
