import { z } from 'zod';
import { locales } from './common.ts';
import { emailInboxSettingsInput, type EmailInboxDto } from './email.ts';
import { messagingChannels, messagingSetupInput, type MessagingInboxDto } from './messaging.ts';
import { phoneInboxSettingsInput, phoneInboxSettingsPatch, type PhoneInboxDto } from './calls.ts';
import { formInboxSettingsInput, formInboxSettingsPatch, type FormInboxDto } from './forms.ts';

export const channelTypes = ['web_chat', 'email', 'messenger', 'facebook_comments', 'instagram', 'zalo', 'telegram', 'viber', 'phone', 'form'] as const;
export type ChannelType = (typeof channelTypes)[number];

export const preChatField = z.object({
  field: z.enum(['name', 'phone', 'email']),
  required: z.boolean(),
});

export const webChatSettings = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#1c7ed6'),
  locale: z.enum([...locales, 'auto']).default('auto'),
  greeting: z.string().max(500).default(''),
  preChatForm: z.array(preChatField).max(3).default([]),
  /** Origins allowed to embed the widget (`https://shop.vn`). Empty = any. */
  allowedOrigins: z.array(z.string().max(200).regex(/^https?:\/\/[^/\s]+$/)).max(50).default([]),
  requireIdentityVerification: z.boolean().default(false),
  /** Shown by the offline form: when and how the shop answers. */
  offlineMessage: z.string().max(500).default(''),
  replyTimeText: z.string().max(200).default(''),
});
export type WebChatSettings = z.infer<typeof webChatSettings>;

export const createInboxInput = z.union([
  z.object({
    name: z.string().trim().min(1).max(80),
    channel: z.literal('web_chat').default('web_chat'),
    settings: webChatSettings.partial().default({}),
  }),
  z.object({
    name: z.string().trim().min(1).max(80),
    channel: z.literal('email'),
    email: emailInboxSettingsInput,
  }),
  z.object({
    name: z.string().trim().min(1).max(80),
    channel: z.enum(messagingChannels),
    messaging: messagingSetupInput,
  }),
  z.object({
    name: z.string().trim().min(1).max(80),
    channel: z.literal('phone'),
    phone: phoneInboxSettingsInput,
  }),
  z.object({
    name: z.string().trim().min(1).max(80),
    channel: z.literal('form'),
    form: formInboxSettingsInput,
  }),
]);
export const updateInboxInput = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  settings: webChatSettings.partial().optional(),
  /** Email inboxes: the whole settings object (passwords left out keep their stored value). */
  email: emailInboxSettingsInput.optional(),
  /** Messaging inboxes: the fields to change (secrets left out keep their stored value). */
  messaging: messagingSetupInput.optional(),
  /** Phone inboxes: the fields to change (a Stringee secret left out keeps its stored value). */
  phone: phoneInboxSettingsPatch.optional(),
  /** Form inboxes: the fields to change. */
  form: formInboxSettingsPatch.optional(),
});

export interface InboxDto {
  id: string;
  name: string;
  channel: ChannelType;
  /** Web chat inboxes; null for other channels. */
  settings: WebChatSettings | null;
  /** Email inboxes; null for other channels. */
  email: EmailInboxDto | null;
  /** Messenger, Instagram, Zalo, Telegram and Viber inboxes; null for other channels. */
  messaging: MessagingInboxDto | null;
  /** Phone inboxes; null for other channels. */
  phone: PhoneInboxDto | null;
  /** Contact-form inboxes; null for other channels. */
  form: FormInboxDto | null;
  /** Public: goes into the widget snippet. */
  widgetToken: string;
  /** Secret for identity HMAC: only for admins. */
  identitySecret?: string;
  snippet: string;
  createdAt: string;
}
