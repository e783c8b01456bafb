import type { ConversationListQuery } from '@careloop/contracts';

/** Filters of the inbox list; together they form the list's query key. */
export type ListFilters = Pick<ConversationListQuery, 'view' | 'status' | 'sort'> &
  Partial<Pick<ConversationListQuery, 'inboxId' | 'label' | 'priority' | 'teamId' | 'segment' | 'q'>>;

/** All query keys in one place, so realtime updates and mutations hit the same entries. */
export const keys = {
  me: ['me'] as const,
  setupStatus: ['setup-status'] as const,
  agents: ['agents'] as const,
  teams: ['teams'] as const,
  inboxes: ['inboxes'] as const,
  inbox: (id: string) => ['inboxes', id] as const,
  labels: ['labels'] as const,
  canned: ['canned'] as const,
  invitations: ['invitations'] as const,
  apiTokens: ['api-tokens'] as const,
  auditLog: ['audit-log'] as const,
  notifications: ['notifications'] as const,
  counts: ['conversations', 'counts'] as const,
  conversationLists: ['conversations', 'list'] as const,
  conversationList: (filters: ListFilters) => ['conversations', 'list', filters] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  emailMessage: (messageId: string) => ['email-message', messageId] as const,
  search: (q: string) => ['search', q] as const,
  contacts: ['contacts', 'list'] as const,
  contactList: (q: string) => ['contacts', 'list', q] as const,
  contact: (id: string) => ['contact', id] as const,
  contactConversations: (id: string) => ['contact', id, 'conversations'] as const,
  contactMerges: (id: string) => ['contact', id, 'merges'] as const,
  mergeSuggestions: (contactId: string) => ['contact', contactId, 'merge-suggestions'] as const,
  channelEventLists: ['channel-events'] as const,
  channelEvents: (filters: { state: string; inboxId: string | null }) => ['channel-events', filters] as const,
};
