import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ContactDto, ConversationDto, MessageDto, Page } from '@careloop/contracts';
import { keys, type ListFilters } from '../lib/queryKeys.ts';

/**
 * Cache writers shared by mutations and realtime events, so an agent's own reply and one that
 * arrives over the socket land in the same place exactly once (deduplicated by id).
 */
export type Pages<T> = InfiniteData<Page<T>, string | null>;

/** The conversation the agent has open right now (for unread handling). */
export const openConversation = { id: null as string | null };

/**
 * Add a message to its conversation's loaded timeline, or replace the copy there (same id). Pages are
 * newest first, each oldest → newest. `keepExisting` is for a message's first state (`message.created`,
 * or the sender's own HTTP answer): a copy already cached (the other of those two, a fetched page, a
 * later `message.updated`) is never older.
 */
export function upsertMessage(qc: QueryClient, message: MessageDto, { keepExisting = false } = {}): void {
  qc.setQueryData<Pages<MessageDto>>(keys.messages(message.conversationId), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => {
      if (!page.items.some((m) => m.id === message.id)) return page;
      found = true;
      return keepExisting ? page : { ...page, items: page.items.map((m) => (m.id === message.id ? message : m)) };
    });
    if (found) return keepExisting ? data : { ...data, pages };
    if (pages.length === 0) return { ...data, pages: [{ items: [message], nextCursor: null }] };
    // The newest loaded page that starts no later than the message is where it belongs.
    let at = pages.findIndex((page) => !page.items[0] || page.items[0].createdAt <= message.createdAt);
    if (at < 0) {
      // Older than everything loaded: with more history to fetch, paging brings it in its place (adding it
      // here would also move the oldest page's first id, the `before` cursor of the next page).
      if (pages[pages.length - 1]!.nextCursor != null) return data;
      at = pages.length - 1;
    }
    const page = pages[at]!;
    const items = [...page.items, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { ...data, pages: pages.map((p, i) => (i === at ? { ...page, items } : p)) };
  });
}

/**
 * The agent's own new message, as the HTTP answer brought it. The socket can bring a newer copy
 * first: a queued email reply's job may fail it (or send it) before the answer reaches the browser,
 * and the answer, still `sending`, must not put it back.
 */
export function applySentMessage(qc: QueryClient, message: MessageDto, meId: string): void {
  upsertMessage(qc, message, { keepExisting: true });
  applyMessageToConversation(qc, message, meId);
}

export function matchesFilters(c: ConversationDto, f: ListFilters, meId: string): boolean {
  if (f.view === 'mine' && c.assigneeId !== meId) return false;
  if (f.view === 'unassigned' && c.assigneeId !== null) return false;
  if (f.status !== 'any' && c.status !== f.status) return false;
  if (f.inboxId && c.inboxId !== f.inboxId) return false;
  if (f.label && !c.labels.includes(f.label)) return false;
  if (f.priority && c.priority !== f.priority) return false;
  if (f.teamId && c.teamId !== f.teamId) return false;
  return true;
}

function sortValue(c: ConversationDto, sort: ListFilters['sort']): number {
  if (sort === 'longest_waiting') return c.waitingSince ? new Date(c.waitingSince).getTime() : Number.MAX_SAFE_INTEGER;
  // Due soonest first; conversations without a running clock (or paused) last, as the server sorts them.
  if (sort === 'sla_due') return c.sla?.dueAt && !c.sla.paused ? new Date(c.sla.dueAt).getTime() : Number.MAX_SAFE_INTEGER;
  return -new Date(c.lastActivityAt).getTime();
}

function placeInList(data: Pages<ConversationDto>, c: ConversationDto, filters: ListFilters, meId: string): Pages<ConversationDto> {
  const sizes = data.pages.map((p) => p.items.length);
  const all = data.pages.flatMap((p) => p.items);
  const index = all.findIndex((x) => x.id === c.id);
  const matches = matchesFilters(c, filters, meId);
  // A text search or a segment is decided by the server: update rows it returned, never add or drop any.
  if (filters.q || filters.segment) {
    if (index < 0) return data;
    all[index] = c;
  } else {
    if (index >= 0) all.splice(index, 1);
    if (!matches && index < 0) return data;
    if (matches) {
      const value = sortValue(c, filters.sort);
      let at = all.findIndex((x) => sortValue(x, filters.sort) > value);
      const hasMore = data.pages[data.pages.length - 1]?.nextCursor != null;
      if (at < 0 && !hasMore) at = all.length;
      if (at >= 0) all.splice(at, 0, c);
    }
  }
  const delta = all.length - sizes.reduce((a, b) => a + b, 0);
  if (sizes.length > 0) sizes[0] = Math.max(0, (sizes[0] ?? 0) + delta);
  let offset = 0;
  const pages = data.pages.map((page, i) => {
    const size = i === sizes.length - 1 ? all.length - offset : (sizes[i] ?? 0);
    const items = all.slice(offset, offset + size);
    offset += size;
    return { ...page, items };
  });
  return { ...data, pages };
}

function upsertInLists(qc: QueryClient, c: ConversationDto, meId: string): void {
  for (const [key, data] of qc.getQueriesData<Pages<ConversationDto>>({ queryKey: keys.conversationLists })) {
    const filters = key[2] as ListFilters | undefined;
    if (!data || !filters) continue;
    const existing = data.pages.flatMap((p) => p.items).find((x) => x.id === c.id);
    if (existing && existing.version > c.version) continue;
    qc.setQueryData(key, placeInList(data, c, filters, meId));
  }
}

/** A conversation as the server presented it to this agent (a REST answer). */
export function upsertConversation(qc: QueryClient, c: ConversationDto, meId: string): void {
  qc.setQueryData<ConversationDto>(keys.conversation(c.id), (old) => (!old || c.version >= old.version ? c : old));
  upsertInLists(qc, c, meId);
}

function cachedConversation(qc: QueryClient, id: string): ConversationDto | undefined {
  const detail = qc.getQueryData<ConversationDto>(keys.conversation(id));
  if (detail) return detail;
  for (const [, data] of qc.getQueriesData<Pages<ConversationDto>>({ queryKey: keys.conversationLists })) {
    const row = data?.pages.flatMap((p) => p.items).find((x) => x.id === id);
    if (row) return row;
  }
  return undefined;
}

/**
 * A conversation from a `conversation.*` event. Broadcast DTOs count unread for the assignee and carry
 * abilities computed for no agent in particular (see `ConversationDto`), so this agent keeps its own
 * unread count (unless it is the assignee) and the abilities the server gave it; when the assignee
 * changes, the detail is refetched to learn the new abilities. An event never creates a detail entry.
 */
export function applyConversationEvent(qc: QueryClient, event: ConversationDto, meId: string): void {
  const known = cachedConversation(qc, event.id);
  const c: ConversationDto = {
    ...event,
    unreadCount: known && event.assigneeId !== meId ? known.unreadCount : event.unreadCount,
    abilities: known?.abilities ?? event.abilities,
  };
  const detail = qc.getQueryData<ConversationDto>(keys.conversation(c.id));
  if (detail && c.version >= detail.version) {
    qc.setQueryData(keys.conversation(c.id), c);
    if (detail.assigneeId !== c.assigneeId) void qc.invalidateQueries({ queryKey: keys.conversation(c.id), exact: true });
  }
  upsertInLists(qc, c, meId);
}

/** Apply a partial change to a conversation wherever it is cached (unread counts, last message). */
export function patchConversation(qc: QueryClient, id: string, patch: (c: ConversationDto) => ConversationDto, meId: string): void {
  const detail = qc.getQueryData<ConversationDto>(keys.conversation(id));
  if (detail) qc.setQueryData(keys.conversation(id), patch(detail));
  for (const [key, data] of qc.getQueriesData<Pages<ConversationDto>>({ queryKey: keys.conversationLists })) {
    const filters = key[2] as ListFilters | undefined;
    const current = data?.pages.flatMap((p) => p.items).find((x) => x.id === id);
    if (!data || !filters || !current) continue;
    qc.setQueryData(key, placeInList(data, patch(current), filters, meId));
  }
}

export function applyMessageToConversation(qc: QueryClient, message: MessageDto, meId: string): void {
  if (message.kind === 'activity') return;
  patchConversation(qc, message.conversationId, (c) => {
    if (c.lastMessage && c.lastMessage.createdAt >= message.createdAt) return c;
    const unread = message.kind === 'incoming' && openConversation.id !== c.id ? c.unreadCount + 1 : c.unreadCount;
    return {
      ...c,
      lastMessage: { body: message.body, kind: message.kind, createdAt: message.createdAt },
      lastActivityAt: message.createdAt > c.lastActivityAt ? message.createdAt : c.lastActivityAt,
      unreadCount: unread,
    };
  }, meId);
}

export function patchContact(qc: QueryClient, contact: ContactDto): void {
  qc.setQueryData(keys.contact(contact.id), contact);
  const slim = (c: ConversationDto): ConversationDto =>
    c.contact.id !== contact.id
      ? c
      : { ...c, contact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone, avatarUrl: contact.avatarUrl, blocked: contact.blocked } };
  for (const [key, data] of qc.getQueriesData<ConversationDto>({ queryKey: ['conversation'] })) {
    if (data && key.length === 2) qc.setQueryData(key, slim(data));
  }
  for (const [key, data] of qc.getQueriesData<Pages<ConversationDto>>({ queryKey: keys.conversationLists })) {
    if (data) qc.setQueryData(key, { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(slim) })) });
  }
}
