import { z } from 'zod';
import { limits } from './limits.ts';
import type { Locale } from './common.ts';

/** Start or resume a visitor session. `identifier` + `identifierHash` = HMAC-SHA256(inbox secret, identifier) hex. */
export const widgetSessionInput = z.object({
  name: z.string().trim().max(limits.nameChars).optional(),
  email: z.string().trim().toLowerCase().max(limits.emailChars).email().optional(),
  phone: z.string().trim().max(40).optional(),
  identifier: z.string().trim().min(1).max(200).optional(),
  identifierHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  locale: z.string().max(20).optional(),
  pageUrl: z.string().max(2000).optional(),
});
export const widgetMessageInput = z.object({
  body: z.string().max(limits.messageChars).default(''),
  clientId: z.string().max(64).optional(),
  attachmentIds: z.array(z.string().max(64)).max(limits.attachmentsPerMessage).default([]),
});
export const widgetOfflineInput = z.object({
  name: z.string().trim().min(1).max(limits.nameChars),
  email: z.string().trim().toLowerCase().max(limits.emailChars).email().optional(),
  phone: z.string().trim().max(40).optional(),
  body: z.string().trim().min(1).max(limits.messageChars),
}).refine((v) => v.email || v.phone, { message: 'email or phone required', path: ['email'] });
export const widgetTypingInput = z.object({ typing: z.boolean() });

export interface WidgetConfigDto {
  inboxName: string;
  workspaceName: string;
  color: string;
  locale: Locale;
  greeting: string;
  preChatForm: { field: 'name' | 'phone' | 'email'; required: boolean }[];
  requireIdentityVerification: boolean;
  agentsOnline: boolean;
  offlineMessage: string;
  replyTimeText: string;
  limits: { messageChars: number; attachmentBytes: number };
}
export interface WidgetSessionDto {
  /** A new session's token; empty when an existing session was resumed (the server keeps only its hash). */
  visitorToken: string;
  contact: { name: string | null; email: string | null; phone: string | null };
  conversationId: string | null;
}
/** What a visitor may see of a message: no notes, no agent emails. */
export interface WidgetMessageDto {
  id: string;
  kind: 'incoming' | 'outgoing' | 'activity';
  body: string;
  html: string | null;
  sender: { type: 'contact' | 'agent' | 'system'; name: string | null; avatarUrl: string | null };
  attachments: { id: string; filename: string; contentType: string; url: string }[];
  createdAt: string;
  clientId: string | null;
}
