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

// Fixtures of SLA policies, clocks and automation rules.
import type { AutomationRuleDto, ConversationSlaDto, SlaPolicyDto } from '@careloop/contracts';

/** A conversation's SLA clocks: first response and resolution running, nothing missed. */
export function conversationSla(over: Partial<ConversationSlaDto> = {}): ConversationSlaDto {
  return {
    policyId: 'slap_web', policyName: 'Web chat', firstResponseDueAt: at(10), nextResponseDueAt: null, resolutionDueAt: at(24 * 60),
    paused: false, breached: [], warned: [], warningAt: at(8), dueAt: at(10), ...over,
  };
}

/** A stored SLA policy (web chat: 10 min first response, 10 min next, 24 h resolution). */
export function slaPolicy(over: Partial<SlaPolicyDto> = {}): SlaPolicyDto {
  return {
    id: 'slap_web', name: 'Web chat', position: 0, builtIn: false, enabled: true, channels: ['web_chat'], priorities: [], segments: [],
    firstResponseSeconds: 600, nextResponseSeconds: 600, resolutionSeconds: 86_400, businessHours: true, warnPercent: 80,
    escalation: { raisePriority: true, reassignToLead: false, notifySupervisors: true }, ...over,
  };
}

/** An automation rule: complaints on Zalo get the label `khieu-nai` and high priority. */
export function automationRule(over: Partial<AutomationRuleDto> = {}): AutomationRuleDto {
  return {
    id: 'auto_complaint', name: 'Khiếu nại Zalo', enabled: true, trigger: 'message.received', order: 0,
    conditions: { all: [{ field: 'channel', op: 'in', value: ['zalo'] }, { field: 'intent', op: 'in', value: ['complaint'] }] },
    actions: [{ type: 'add_label', label: 'khieu-nai' }, { type: 'set_priority', priority: 'high' }],
    description: { vi: 'Khi khách gửi tin trên Zalo và là khiếu nại: gắn nhãn khieu-nai, ưu tiên cao', en: 'When a Zalo customer complains: label khieu-nai, priority high' },
    createdAt: at(0), updatedAt: at(0), runsLastDay: 12, lastRunAt: at(30), ...over,
  };
}
