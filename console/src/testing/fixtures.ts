import { QueryClient } from '@tanstack/react-query';
import type { AgentDto, ContactDto, ConversationDto, InboxDto, MeDto, MessageDto, Page } from '@careloop/contracts';
import type { Pages } from '../app/cache.ts';

/**
 * Builders for unit tests of the console's pure logic (node, no DOM). Not imported by the app.
 * Times are minutes after 08:00 UTC on one day, so ordering is easy to read in a test.
 */
export function at(minute: number): string {
  return new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();
}

export function agent(over: Partial<AgentDto> = {}): AgentDto {
  return {
    id: 'agent_lan', name: 'Nguyễn Thị Lan', email: 'lan@shop.vn', role: 'agent', avatarUrl: null,
    availability: 'online', teamIds: [], disabled: false, emailNotifications: { assigned: true, mentioned: true },
    routing: { maxOpen: null, channelLimits: {}, skills: [], languages: [] }, createdAt: at(0), ...over,
  };
}

export function me(over: Partial<AgentDto> = {}, workspace: Partial<MeDto['workspace']> = {}): MeDto {
  return {
    agent: agent(over),
    workspace: { id: 'ws_1', name: 'Shop Hoa', locale: 'vi', timezone: 'Asia/Ho_Chi_Minh', createdAt: at(0), ...workspace },
    csrfToken: 'csrf',
  };
}

export function conversation(over: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: 'conv_1', number: 1, inboxId: 'inbox_web', channel: 'web',
    contact: { id: 'contact_1', name: 'Phạm Thu Hà', email: 'ha@example.vn', phone: null, avatarUrl: null, blocked: false },
    status: 'open', snoozedUntil: null, priority: 'normal', assigneeId: null, teamId: null, labels: [],
    firstResponseAt: null, lastActivityAt: at(0), waitingSince: null, lastMessage: null, unreadCount: 0, replyWindow: null, isCommentThread: false, sla: null, triage: null, upsetAt: null, version: 1,
    createdAt: at(0), abilities: { reply: true, note: true, update: true, assignOthers: false }, ...over,
  };
}

export function message(over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: 'msg_1', conversationId: 'conv_1', kind: 'incoming', sender: { type: 'contact', id: 'contact_1', name: 'Phạm Thu Hà' },
    body: 'Chào shop', html: null, attachments: [], deliveryStatus: 'delivered', mentions: [], createdAt: at(0), ...over,
  };
}

export function contact(over: Partial<ContactDto> = {}): ContactDto {
  return {
    id: 'contact_1', name: 'Phạm Thu Hà', firstName: 'Hà', email: 'ha@example.vn', phone: '+84901234567', phoneDisplay: '0901 234 567',
    avatarUrl: null, locale: null, tags: [], attributes: {}, blocked: false, blockedReason: null, identities: [],
    lastActivityAt: null, createdAt: at(0), ...over,
  };
}

/** An inbox with every channel's settings empty; pass the channel and its settings (`messaging`, `email`, …). */
export function inbox(over: Partial<InboxDto> = {}): InboxDto {
  const base = {
    id: 'inbox_web', name: 'Website', channel: 'web_chat', settings: null, email: null, messaging: null, phone: null, form: null,
    widgetToken: 'wt_1', snippet: '', createdAt: at(0),
  };
  return { ...base, ...over } as InboxDto;
}

/** An infinite query's data: pages in the order TanStack keeps them (first fetched first). */
export function pages<T>(...list: Array<Partial<Page<T>> & { items: T[] }>): Pages<T> {
  return {
    pages: list.map((p) => ({ items: p.items, nextCursor: p.nextCursor ?? null })),
    pageParams: list.map((_, i) => (i === 0 ? null : `cursor_${i}`)),
  };
}

/** A real QueryClient; gcTime Infinity so cache entries made by setQueryData start no timers. */
export function queryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity } } });
}

export function ids<T extends { id: string }>(data: Pages<T> | undefined): string[][] {
  return (data?.pages ?? []).map((p) => p.items.map((x) => x.id));
}
