import type { ChannelType } from '@careloop/contracts';
import type { ChannelAdapter } from './channel.ts';
import { emailAdapter } from './email/adapter.ts';
import { webChatAdapter } from './web-chat/adapter.ts';

/** THE list of channel adapters, one per channel type (email, Messenger, Zalo … join here). */
const adapters: Partial<Record<ChannelType, ChannelAdapter>> = {
  web_chat: webChatAdapter,
  email: emailAdapter,
};

export function adapterFor(channel: string): ChannelAdapter | null {
  return adapters[channel as ChannelType] ?? null;
}
