import type { ConversationDto, MessageDto } from './conversations.ts';
import type { ContactDto } from './contacts.ts';
import type { ApprovalDto, CompensationDto } from './compensation.ts';
import type { OrderImportDto } from './commerce.ts';
import type { AnalyticsRunDto } from './analytics.ts';
import type { WidgetMessageDto } from './widget.ts';
import type { SlaClock } from './sla.ts';

export interface Who { type: 'agent' | 'contact'; id: string; name: string | null }
export interface Viewer { agentId: string; name: string; typing: boolean }
export interface NotificationDto {
  id: string;
  kind: 'mention' | 'assigned' | 'sla_warning' | 'sla_breach' | 'escalated' | 'automation';
  conversationId: string | null;
  conversationNumber: number | null;
  messageId: string | null;
  actorName: string | null;
  excerpt: string;
  readAt: string | null;
  createdAt: string;
}

/**
 * Events published on the bus (after commit) and delivered over WebSockets.
 * Who receives each type is decided in server/src/platform/realtime/audience.ts.
 */
export type RealtimeEvent =
  /** `opened`: this message opened its conversation (its first customer message). */
  | { type: 'message.created'; conversationId: string; message: MessageDto; widgetMessage: WidgetMessageDto | null; opened?: boolean }
  | { type: 'message.updated'; conversationId: string; message: MessageDto; widgetMessage: WidgetMessageDto | null }
  | { type: 'conversation.created'; conversation: ConversationDto }
  | { type: 'conversation.updated'; conversation: ConversationDto; changes: string[] }
  | { type: 'contact.updated'; contact: ContactDto }
  | { type: 'typing.changed'; conversationId: string; who: Who; typing: boolean; private: boolean }
  | { type: 'presence.changed'; conversationId: string; viewers: Viewer[] }
  | { type: 'agent.availability'; agentId: string; availability: 'online' | 'busy' | 'offline'; connected: boolean }
  | { type: 'notification.created'; agentId: string; notification: NotificationDto }
  /** A contact's orders, loyalty or compensation changed: the sidebar refetches. */
  | { type: 'contact.commerce_changed'; contactId: string; what: ('orders' | 'loyalty' | 'compensation')[] }
  | { type: 'approval.requested'; approval: ApprovalDto }
  | { type: 'approval.decided'; approval: ApprovalDto }
  | { type: 'compensation.granted'; compensation: CompensationDto }
  | { type: 'order_import.progress'; orderImport: OrderImportDto }
  | { type: 'analytics.refresh_progress'; run: AnalyticsRunDto }
  | { type: 'compensation.budget_exceeded'; month: string; spent: number; budget: number }
  /** An SLA clock of a conversation is about to run out (warning) or has (breach). */
  | { type: 'sla.crossed'; conversationId: string; conversationNumber: number; clock: SlaClock; kind: 'warning' | 'breach'; dueAt: string; assigneeId: string | null }
  | { type: 'automation.ran'; ruleId: string; conversationId: string | null; outcome: 'applied' | 'failed' | 'skipped_loop' }
  /** The help site's branding changed: every node drops its cached copy, admins' consoles refetch it. */
  | { type: 'help_site.updated'; publicKey: string };

export type RealtimeEventType = RealtimeEvent['type'];

/** Envelope on the bus: every event belongs to one workspace. */
export interface BusEnvelope {
  id: string;
  workspaceId: string;
  /** The visitor whose conversation this is, so widget sockets can be matched. */
  contactId?: string;
  event: RealtimeEvent;
  origin: string;
}

/** Client → server over the socket. */
export type ClientFrame =
  | { type: 'watch'; conversationId: string }
  | { type: 'unwatch'; conversationId: string }
  | { type: 'typing'; conversationId: string; typing: boolean; private?: boolean }
  | { type: 'ping' };

/** Server → client over the socket. `ready.resync` tells a reconnecting client to fetch what it missed. */
export type ServerFrame =
  | { type: 'ready'; connectionId: string; resync: boolean }
  | { type: 'event'; event: RealtimeEvent | WidgetEvent }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

/** What a visitor's socket may receive: the widget projection only. */
export type WidgetEvent =
  | { type: 'message.created'; message: WidgetMessageDto }
  | { type: 'message.updated'; message: WidgetMessageDto }
  | { type: 'typing.changed'; typing: boolean; name: string | null }
  | { type: 'conversation.status'; status: string };
