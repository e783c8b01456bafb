import type { ReplyWindow } from './messaging.ts';
import { z } from 'zod';
import { limits } from './limits.ts';
import { pageQuery, type Abilities } from './common.ts';
import type { ContactDto } from './contacts.ts';
import { segmentNames } from './analytics.ts';
import type { ConversationSlaDto } from './sla.ts';
import type { TriageIntent, TriageLanguage, TriageSentiment, TriageUrgency } from './triage.ts';

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];
export const messageKinds = ['incoming', 'outgoing', 'note', 'activity'] as const;
export type MessageKind = (typeof messageKinds)[number];
export const deliveryStatuses = ['sending', 'sent', 'delivered', 'read', 'failed'] as const;

const label = z.string().trim().min(1).max(limits.labelChars);

export const conversationListQuery = pageQuery.extend({
  view: z.enum(['mine', 'unassigned', 'all']).default('all'),
  status: z.enum([...conversationStatuses, 'any']).default('open'),
  inboxId: z.string().max(64).optional(),
  label: label.optional(),
  priority: z.enum(priorities).optional(),
  teamId: z.string().max(64).optional(),
  contactId: z.string().max(64).optional(),
  /** Customers of a retention segment (analytics), e.g. `cant_lose`. */
  segment: z.enum(segmentNames).optional(),
  /** `sla_due`: the soonest running SLA due time first (conversations without one last). */
  sort: z.enum(['last_activity', 'longest_waiting', 'sla_due']).default('last_activity'),
  q: z.string().max(limits.searchQueryChars).optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

/** Every update carries the version the agent saw; a mismatch is `stale_version`. */
export const updateConversationInput = z.object({
  version: z.number().int().min(0),
  status: z.enum(conversationStatuses).optional(),
  snoozedUntil: z.string().datetime({ offset: true }).nullable().optional(),
  priority: z.enum(priorities).optional(),
  assigneeId: z.string().max(64).nullable().optional(),
  teamId: z.string().max(64).nullable().optional(),
  labels: z.array(label).max(limits.labelsPerConversation).optional(),
});
export type UpdateConversationInput = z.infer<typeof updateConversationInput>;

export const createMessageInput = z.object({
  kind: z.enum(['outgoing', 'note']).default('outgoing'),
  body: z.string().max(limits.messageChars),
  /** Optional rich text; sanitized on the server (allow-list). */
  html: z.string().max(limits.messageChars * 4).optional(),
  attachmentIds: z.array(z.string().max(64)).max(limits.attachmentsPerMessage).default([]),
  /** The id of the newest message the agent had seen; a newer incoming one makes the server answer `stale_version` unless `force`. */
  lastSeenMessageId: z.string().max(64).optional(),
  force: z.boolean().default(false),
  /** A Facebook comment thread: answer the commenter in Messenger instead of under the comment. */
  privateReply: z.boolean().optional(),
  /** Quote this customer message in the reply (channels that can quote: Zalo, Telegram). */
  quoteMessageId: z.string().max(64).optional(),
  /** Client-generated id for idempotent retries. */
  clientId: z.string().max(64).optional(),
});
export type CreateMessageInput = z.infer<typeof createMessageInput>;

export interface AttachmentDto { id: string; filename: string; contentType: string; byteSize: number; url: string }

export interface MessageDto {
  id: string;
  conversationId: string;
  kind: MessageKind;
  sender: { type: 'contact' | 'agent' | 'system'; id: string | null; name: string | null };
  body: string;
  html: string | null;
  attachments: AttachmentDto[];
  deliveryStatus: (typeof deliveryStatuses)[number];
  /** Why the last delivery attempt failed (email: the SMTP answer), while it is retried or after it gave up. */
  deliveryError?: string | null;
  mentions: string[];
  createdAt: string;
}

export interface ConversationDto {
  id: string;
  number: number;
  inboxId: string;
  channel: string;
  contact: Pick<ContactDto, 'id' | 'name' | 'email' | 'phone' | 'avatarUrl' | 'blocked'>;
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority;
  assigneeId: string | null;
  teamId: string | null;
  labels: string[];
  firstResponseAt: string | null;
  lastActivityAt: string;
  waitingSince: string | null;
  lastMessage: { body: string; kind: MessageKind; createdAt: string } | null;
  /**
   * Incoming messages the viewer has not read. In REST answers the viewer is the caller; in
   * broadcast `conversation.*` events it is the assignee (consoles adjust their own count locally).
   */
  unreadCount: number;
  /** The vendor's reply window (Zalo 8 replies / 48 h, Messenger 24 h / 7 days); null where none applies. */
  replyWindow: ReplyWindow | null;
  /** A Facebook comment thread rather than a private chat. */
  isCommentThread: boolean;
  /** The SLA clocks (null before the first customer message, or for conversations that predate SLAs). */
  sla: ConversationSlaDto | null;
  /** Triage of the customer's latest message. */
  triage: { language: TriageLanguage | null; sentiment: TriageSentiment | null; intent: TriageIntent | null; urgency: TriageUrgency | null } | null;
  /** When the customer was last found upset (negative, a complaint): the console shows the fast-track banner. */
  upsetAt: string | null;
  version: number;
  createdAt: string;
  abilities: Abilities;
}

export interface ConversationCounts { mine: number; unassigned: number; all: number }

export const markReadInput = z.object({ messageId: z.string().max(64).optional() });
