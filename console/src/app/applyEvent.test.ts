import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import type {
  AgentDto, ConversationDto, MeDto, MessageDto, NotificationDto, RealtimeEvent, Viewer, WidgetEvent, WidgetMessageDto,
} from '@careloop/contracts';
import { keys, type ListFilters } from '../lib/queryKeys.ts';
import { agent, at, contact, conversation, ids, me as meFixture, message, pages, queryClient } from '../testing/fixtures.ts';
import { applyEvent, type EventContext } from './applyEvent.ts';
import { openConversation, type Pages } from './cache.ts';
import { clearLive, typistsOf, viewersOf } from './liveStore.ts';

const me = meFixture({ id: 'agent_lan', name: 'Nguyễn Thị Lan' });
const minh: AgentDto = agent({ id: 'agent_minh', name: 'Trần Minh' });
const openAll: ListFilters = { view: 'all', status: 'open', sort: 'last_activity' };
const unassigned: ListFilters = { view: 'unassigned', status: 'open', sort: 'last_activity' };
const mine: ListFilters = { view: 'mine', status: 'open', sort: 'last_activity' };

let qc: QueryClient;
let notify: Mock<EventContext['notify']>;
let refreshCounts: Mock<EventContext['refreshCounts']>;
let ctx: EventContext;
const apply = (event: RealtimeEvent | WidgetEvent) => applyEvent(event, ctx);

beforeEach(() => {
  vi.useFakeTimers(); // liveStore sweeps typing indicators on a timer
  qc = queryClient();
  notify = vi.fn();
  refreshCounts = vi.fn();
  ctx = { qc, me, notify, refreshCounts };
  openConversation.id = null;
  clearLive();
});
afterEach(() => {
  clearLive();
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
  qc.clear();
  openConversation.id = null;
});

const messagesOf = (id = 'conv_1') => qc.getQueryData<Pages<MessageDto>>(keys.messages(id));
const listOf = (filters: ListFilters) => qc.getQueryData<Pages<ConversationDto>>(keys.conversationList(filters));
const rowOf = (filters: ListFilters, id: string) => listOf(filters)?.pages.flatMap((p) => p.items).find((c) => c.id === id);
const detailOf = (id: string) => qc.getQueryData<ConversationDto>(keys.conversation(id));
const created = (m: MessageDto): RealtimeEvent => ({ type: 'message.created', conversationId: m.conversationId, message: m, widgetMessage: null });
const updated = (c: ConversationDto, changes: string[] = []): RealtimeEvent => ({ type: 'conversation.updated', conversation: c, changes });

describe('message.created', () => {
  beforeEach(() => {
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>({ items: [message({ id: 'm1', createdAt: at(1) })] }));
    qc.setQueryData(keys.messages('conv_2'), pages<MessageDto>({ items: [message({ id: 'x1', conversationId: 'conv_2', createdAt: at(1) })] }));
    const c1 = conversation({ id: 'conv_1', lastActivityAt: at(1), unreadCount: 1 });
    qc.setQueryData(keys.conversation('conv_1'), c1);
    qc.setQueryData(keys.conversationList(openAll), pages<ConversationDto>({ items: [conversation({ id: 'conv_2', lastActivityAt: at(5) }), c1] }));
  });

  it('appends the message to its own conversation only', () => {
    apply(created(message({ id: 'm2', createdAt: at(10) })));
    expect(ids(messagesOf('conv_1'))).toEqual([['m1', 'm2']]);
    expect(ids(messagesOf('conv_2'))).toEqual([['x1']]);
  });

  it('deduplicates by id', () => {
    const m = message({ id: 'm2', createdAt: at(10) });
    apply(created(m));
    apply(created(m));
    expect(ids(messagesOf('conv_1'))).toEqual([['m1', 'm2']]);
    expect(detailOf('conv_1')!.unreadCount).toBe(2);
  });

  it('does not undo the HTTP answer for the agent\'s own reply', () => {
    // The reply came back over HTTP after delivery; the socket's `message.created` (still "sent") arrives later.
    const reply = message({ id: 'm2', kind: 'outgoing', sender: { type: 'agent', id: me.agent.id, name: me.agent.name }, deliveryStatus: 'delivered', createdAt: at(10) });
    qc.setQueryData<Pages<MessageDto>>(keys.messages('conv_1'), (d) => ({ ...d!, pages: [{ ...d!.pages[0]!, items: [...d!.pages[0]!.items, reply] }] }));
    apply(created({ ...reply, deliveryStatus: 'sent' }));
    expect(messagesOf('conv_1')!.pages[0]!.items.map((m) => [m.id, m.deliveryStatus])).toEqual([['m1', 'delivered'], ['m2', 'delivered']]);
  });

  it('bumps unread and moves the conversation to the top of the list for a customer message', () => {
    apply(created(message({ id: 'm2', body: 'Ship COD được không?', createdAt: at(10) })));
    expect(detailOf('conv_1')).toMatchObject({ unreadCount: 2, lastMessage: { body: 'Ship COD được không?' } });
    expect(ids(listOf(openAll))).toEqual([['conv_1', 'conv_2']]);
    expect(rowOf(openAll, 'conv_1')!.unreadCount).toBe(2);
    expect(refreshCounts).toHaveBeenCalledTimes(1);
  });

  it('does not bump unread for the conversation the agent is reading', () => {
    openConversation.id = 'conv_1';
    apply(created(message({ id: 'm2', createdAt: at(10) })));
    expect(detailOf('conv_1')!.unreadCount).toBe(1);
    expect(rowOf(openAll, 'conv_1')!.unreadCount).toBe(1);
  });

  it('does not bump unread or refresh counts for replies and notes', () => {
    apply(created(message({ id: 'm2', kind: 'outgoing', sender: { type: 'agent', id: 'agent_minh', name: 'Trần Minh' }, createdAt: at(10) })));
    apply(created(message({ id: 'm3', kind: 'note', sender: { type: 'agent', id: 'agent_minh', name: 'Trần Minh' }, createdAt: at(11) })));
    expect(detailOf('conv_1')).toMatchObject({ unreadCount: 1, lastMessage: { kind: 'note' } });
    expect(refreshCounts).not.toHaveBeenCalled();
  });
});

describe('message.updated', () => {
  it('replaces the delivery status in place, without counting anything', () => {
    const sent = message({ id: 'm2', kind: 'outgoing', deliveryStatus: 'sent', createdAt: at(2) });
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>({ items: [message({ id: 'm1', createdAt: at(1) }), sent, message({ id: 'm3', createdAt: at(3) })] }));
    qc.setQueryData(keys.conversation('conv_1'), conversation({ unreadCount: 0 }));
    apply({ type: 'message.updated', conversationId: 'conv_1', message: { ...sent, deliveryStatus: 'failed' }, widgetMessage: null });
    expect(messagesOf()!.pages[0]!.items.map((m) => [m.id, m.deliveryStatus])).toEqual([['m1', 'delivered'], ['m2', 'failed'], ['m3', 'delivered']]);
    expect(detailOf('conv_1')!.unreadCount).toBe(0);
    expect(refreshCounts).not.toHaveBeenCalled();
  });
});

describe('conversation.created / conversation.updated', () => {
  const a = conversation({ id: 'a', lastActivityAt: at(30) });
  const b = conversation({ id: 'b', lastActivityAt: at(20) });

  beforeEach(() => {
    qc.setQueryData(keys.conversationList(openAll), pages<ConversationDto>({ items: [a, b] }));
    qc.setQueryData(keys.conversationList(unassigned), pages<ConversationDto>({ items: [a, b] }));
    qc.setQueryData(keys.conversationList(mine), pages<ConversationDto>({ items: [] }));
    qc.setQueryData(keys.labels, ['đổi trả']);
  });

  it('puts a new conversation at the top of the lists it matches and refreshes counts', () => {
    apply({ type: 'conversation.created', conversation: conversation({ id: 'n', lastActivityAt: at(40), unreadCount: 1 }) });
    expect(ids(listOf(openAll))).toEqual([['n', 'a', 'b']]);
    expect(ids(listOf(unassigned))).toEqual([['n', 'a', 'b']]);
    expect(ids(listOf(mine))).toEqual([[]]);
    expect(rowOf(openAll, 'n')!.unreadCount).toBe(1);
    expect(refreshCounts).toHaveBeenCalledTimes(1);
  });

  it('takes a resolved conversation out of the open lists and updates the detail', () => {
    qc.setQueryData(keys.conversation('b'), b);
    apply(updated({ ...b, status: 'resolved', version: 2 }, ['status']));
    expect(ids(listOf(openAll))).toEqual([['a']]);
    expect(ids(listOf(unassigned))).toEqual([['a']]);
    expect(detailOf('b')).toMatchObject({ status: 'resolved', version: 2 });
  });

  it('moves a conversation assigned to me from "unassigned" to "mine"', () => {
    apply(updated({ ...a, assigneeId: me.agent.id, version: 2 }, ['assignee']));
    expect(ids(listOf(unassigned))).toEqual([['b']]);
    expect(ids(listOf(mine))).toEqual([['a']]);
    expect(ids(listOf(openAll))).toEqual([['a', 'b']]);
  });

  it('keeps a conversation assigned to someone else out of "mine"', () => {
    apply(updated({ ...a, assigneeId: minh.id, version: 2 }, ['assignee']));
    expect(ids(listOf(unassigned))).toEqual([['b']]);
    expect(ids(listOf(mine))).toEqual([[]]);
  });

  it('ignores an event older than what is cached', () => {
    qc.setQueryData(keys.conversation('a'), { ...a, version: 5, status: 'pending' });
    apply(updated({ ...a, version: 4, status: 'resolved' }, ['status']));
    expect(detailOf('a')).toMatchObject({ version: 5, status: 'pending' });
  });

  it('refetches labels only when the conversation has one the cache does not know', () => {
    apply(updated({ ...a, labels: ['đổi trả'], version: 2 }, ['labels']));
    expect(qc.getQueryState(keys.labels)!.isInvalidated).toBe(false);
    apply(updated({ ...a, labels: ['đổi trả', 'vip'], version: 3 }, ['labels']));
    expect(qc.getQueryState(keys.labels)!.isInvalidated).toBe(true);
  });

  it('keeps my own unread count when the event counts for another assignee', () => {
    // Broadcast DTOs count unread for the assignee; a console adjusts its own count (contracts: ConversationDto).
    const theirs = conversation({ id: 't', assigneeId: minh.id, lastActivityAt: at(35), unreadCount: 3 });
    qc.setQueryData(keys.conversation('t'), theirs);
    qc.setQueryData(keys.conversationList(openAll), pages<ConversationDto>({ items: [theirs, a, b] }));
    apply(updated({ ...theirs, unreadCount: 0, priority: 'urgent', version: 2 }, ['priority']));
    expect(detailOf('t')).toMatchObject({ unreadCount: 3, priority: 'urgent' });
    expect(rowOf(openAll, 't')).toMatchObject({ unreadCount: 3, priority: 'urgent' });
  });

  it('takes the event\'s unread count when I am the assignee', () => {
    const ours = conversation({ id: 'o', assigneeId: me.agent.id, lastActivityAt: at(35), unreadCount: 3 });
    qc.setQueryData(keys.conversation('o'), ours);
    apply(updated({ ...ours, unreadCount: 0, version: 2 }, ['messages']));
    expect(detailOf('o')!.unreadCount).toBe(0);
  });

  it('keeps the abilities the server computed for me, and asks again when the assignee changes', () => {
    const theirs = conversation({ id: 't', assigneeId: minh.id, abilities: { reply: true, note: true, update: false, assignOthers: false } });
    qc.setQueryData(keys.conversation('t'), theirs);
    const system = { reply: true, note: true, update: true, assignOthers: true };
    apply(updated({ ...theirs, priority: 'high', abilities: system, version: 2 }, ['priority']));
    expect(detailOf('t')!.abilities).toEqual(theirs.abilities);
    expect(qc.getQueryState(keys.conversation('t'))!.isInvalidated).toBe(false);
    apply(updated({ ...theirs, assigneeId: null, abilities: system, version: 3 }, ['assignee']));
    expect(qc.getQueryState(keys.conversation('t'))!.isInvalidated).toBe(true);
  });

  it('does not cache a detail it never fetched (the event is not presented for this agent)', () => {
    apply({ type: 'conversation.created', conversation: conversation({ id: 'n', lastActivityAt: at(40) }) });
    expect(detailOf('n')).toBeUndefined();
  });
});

describe('contact.updated', () => {
  it('renames the contact wherever a conversation shows it', () => {
    qc.setQueryData(keys.conversation('conv_1'), conversation());
    qc.setQueryData(keys.conversationList(openAll), pages<ConversationDto>({ items: [conversation()] }));
    apply({ type: 'contact.updated', contact: contact({ name: 'Chị Hà' }) });
    expect(detailOf('conv_1')!.contact.name).toBe('Chị Hà');
    expect(rowOf(openAll, 'conv_1')!.contact.name).toBe('Chị Hà');
  });
});

describe('typing.changed and presence.changed', () => {
  const lan = { type: 'agent' as const, id: me.agent.id, name: me.agent.name };
  const minhWho = { type: 'agent' as const, id: minh.id, name: minh.name };
  const customer = { type: 'contact' as const, id: 'contact_1', name: 'Phạm Thu Hà' };

  it('shows others typing, never myself, and clears on stop', () => {
    apply({ type: 'typing.changed', conversationId: 'conv_1', who: lan, typing: true, private: false });
    expect(typistsOf('conv_1')).toEqual([]);
    apply({ type: 'typing.changed', conversationId: 'conv_1', who: minhWho, typing: true, private: true });
    apply({ type: 'typing.changed', conversationId: 'conv_1', who: customer, typing: true, private: false });
    expect(typistsOf('conv_1').map((t) => [t.who.id, t.private])).toEqual([['agent_minh', true], ['contact_1', false]]);
    apply({ type: 'typing.changed', conversationId: 'conv_1', who: minhWho, typing: false, private: true });
    expect(typistsOf('conv_1').map((t) => t.who.id)).toEqual(['contact_1']);
  });

  it('lists the other viewers only', () => {
    const viewers: Viewer[] = [{ agentId: me.agent.id, name: 'Lan', typing: false }, { agentId: minh.id, name: 'Minh', typing: true }];
    apply({ type: 'presence.changed', conversationId: 'conv_1', viewers });
    expect(viewersOf('conv_1')).toEqual([{ agentId: minh.id, name: 'Minh', typing: true }]);
    expect(viewersOf('conv_2')).toEqual([]);
  });
});

describe('agent.availability', () => {
  it('updates the agent list, and my own profile when it is me', () => {
    qc.setQueryData(keys.agents, [me.agent, minh]);
    qc.setQueryData<MeDto>(keys.me, me);
    apply({ type: 'agent.availability', agentId: minh.id, availability: 'busy', connected: true });
    expect(qc.getQueryData<AgentDto[]>(keys.agents)!.map((a) => a.availability)).toEqual(['online', 'busy']);
    expect(qc.getQueryData<MeDto>(keys.me)!.agent.availability).toBe('online');
    apply({ type: 'agent.availability', agentId: me.agent.id, availability: 'offline', connected: false });
    expect(qc.getQueryData<AgentDto[]>(keys.agents)!.map((a) => a.availability)).toEqual(['offline', 'busy']);
    expect(qc.getQueryData<MeDto>(keys.me)!.agent.availability).toBe('offline');
  });
});

describe('notification.created', () => {
  const notification = (id: string): NotificationDto => ({
    id, kind: 'mention', conversationId: 'conv_1', conversationNumber: 7, messageId: 'm1', actorName: 'Trần Minh',
    excerpt: '@Lan xem giúp đơn này', readAt: null, createdAt: at(5),
  });

  it('prepends my notification once and shows it', () => {
    qc.setQueryData(keys.notifications, [notification('n1')]);
    apply({ type: 'notification.created', agentId: me.agent.id, notification: notification('n2') });
    apply({ type: 'notification.created', agentId: me.agent.id, notification: notification('n2') });
    expect(qc.getQueryData<NotificationDto[]>(keys.notifications)!.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(notify).toHaveBeenCalledWith(notification('n2'));
  });

  it('ignores notifications for other agents', () => {
    apply({ type: 'notification.created', agentId: minh.id, notification: notification('n3') });
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('widget events', () => {
  it('are ignored on an agent socket', () => {
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>({ items: [] }));
    const before = messagesOf();
    const widgetMessage: WidgetMessageDto = {
      id: 'w1', kind: 'incoming', body: 'hi', html: null, sender: { type: 'contact', name: null, avatarUrl: null },
      attachments: [], createdAt: at(1), clientId: null,
    };
    apply({ type: 'message.created', message: widgetMessage });
    apply({ type: 'message.updated', message: widgetMessage });
    apply({ type: 'typing.changed', typing: true, name: 'Lan' });
    apply({ type: 'conversation.status', status: 'resolved' });
    expect(messagesOf()).toBe(before);
    expect(refreshCounts).not.toHaveBeenCalled();
  });
});
