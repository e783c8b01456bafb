import type { ChannelType } from '@careloop/contracts';
import type { ChannelAdapter } from './channel.ts';
import { emailAdapter } from './email/adapter.ts';
import { webChatAdapter } from './web-chat/adapter.ts';
import { messagingAdapter } from './messaging/outbound.ts';
import { formAdapter } from './form/adapter.ts';

/** THE list of channel adapters, one per channel type (email, Messenger, Zalo … join here). */
const adapters: Partial<Record<ChannelType, ChannelAdapter>> = {
  web_chat: webChatAdapter,
  email: emailAdapter,
  messenger: messagingAdapter('messenger'),
  instagram: messagingAdapter('instagram'),
  zalo: messagingAdapter('zalo'),
  telegram: messagingAdapter('telegram'),
  viber: messagingAdapter('viber'),
  form: formAdapter,
};

export function adapterFor(channel: string): ChannelAdapter | null {
  return adapters[channel as ChannelType] ?? null;
}
