import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import type { ConversationDto, MessageDto } from '@careloop/contracts';
import { keys, type ListFilters } from '../lib/queryKeys.ts';
import { at, contact, conversation, ids, message, pages, queryClient } from '../testing/fixtures.ts';
import {
  applyMessageToConversation, applySentMessage, matchesFilters, openConversation, patchContact, patchConversation, upsertConversation, upsertMessage,
  type Pages,
} from './cache.ts';

const meId = 'agent_lan';
const openList: ListFilters = { view: 'all', status: 'open', sort: 'last_activity' };

let qc: QueryClient;
beforeEach(() => {
  qc = queryClient();
  openConversation.id = null;
});
afterEach(() => {
  qc.clear();
  openConversation.id = null;
});

const messagesOf = (conversationId = 'conv_1') => qc.getQueryData<Pages<MessageDto>>(keys.messages(conversationId));
const listOf = (filters: ListFilters) => qc.getQueryData<Pages<ConversationDto>>(keys.conversationList(filters));
const detailOf = (id: string) => qc.getQueryData<ConversationDto>(keys.conversation(id));
const seedList = (filters: ListFilters, ...list: Parameters<typeof pages<ConversationDto>>) =>
  qc.setQueryData(keys.conversationList(filters), pages<ConversationDto>(...list));

describe('upsertMessage', () => {
  beforeEach(() => {
    // Newest page first, each page oldest → newest, as the timeline loads them.
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>(
      { items: [message({ id: 'm3', createdAt: at(3) }), message({ id: 'm4', createdAt: at(4) })], nextCursor: 'm3' },
      { items: [message({ id: 'm1', createdAt: at(1) }), message({ id: 'm2', createdAt: at(2) })] },
    ));
  });

  it('appends a new message to the end of the newest page', () => {
    upsertMessage(qc, message({ id: 'm5', createdAt: at(5) }));
    expect(ids(messagesOf())).toEqual([['m3', 'm4', 'm5'], ['m1', 'm2']]);
  });

  it('keeps the newest page in time order when a message arrives late', () => {
    upsertMessage(qc, message({ id: 'm6', createdAt: at(6) }));
    upsertMessage(qc, message({ id: 'm5', createdAt: at(5) }));
    expect(ids(messagesOf())).toEqual([['m3', 'm4', 'm5', 'm6'], ['m1', 'm2']]);
  });

  it('stores a message once however often it arrives', () => {
    const reply = message({ id: 'm5', kind: 'outgoing', createdAt: at(5) });
    upsertMessage(qc, reply);
    upsertMessage(qc, reply);
    upsertMessage(qc, { ...reply });
    expect(ids(messagesOf())).toEqual([['m3', 'm4', 'm5'], ['m1', 'm2']]);
  });

  it('replaces a known message where it is, even on an older page', () => {
    upsertMessage(qc, message({ id: 'm2', createdAt: at(2), kind: 'outgoing', deliveryStatus: 'failed' }));
    const data = messagesOf()!;
    expect(ids(data)).toEqual([['m3', 'm4'], ['m1', 'm2']]);
    expect(data.pages[1]!.items[1]!.deliveryStatus).toBe('failed');
    expect(data.pages[1]!.nextCursor).toBeNull();
  });

  it('does nothing for a conversation whose messages are not loaded', () => {
    upsertMessage(qc, message({ id: 'x1', conversationId: 'conv_2' }));
    expect(messagesOf('conv_2')).toBeUndefined();
    expect(ids(messagesOf())).toEqual([['m3', 'm4'], ['m1', 'm2']]);
  });

  it('leaves a message older than everything loaded to paging when there is older history', () => {
    qc.setQueryData(keys.messages('conv_4'), pages<MessageDto>(
      { items: [message({ id: 'n8', conversationId: 'conv_4', createdAt: at(8) }), message({ id: 'n9', conversationId: 'conv_4', createdAt: at(9) })], nextCursor: 'n8' },
    ));
    upsertMessage(qc, message({ id: 'n2', conversationId: 'conv_4', createdAt: at(2), deliveryStatus: 'read' }));
    // The oldest loaded message is the `before` cursor for the next page: it must stay n8, or n3…n7 would be skipped.
    expect(ids(messagesOf('conv_4'))).toEqual([['n8', 'n9']]);
  });

  it('puts a message that belongs on an older loaded page on that page', () => {
    upsertMessage(qc, message({ id: 'm1b', createdAt: new Date(Date.parse(at(1)) + 30_000).toISOString() }));
    expect(ids(messagesOf())).toEqual([['m3', 'm4'], ['m1', 'm1b', 'm2']]);
  });

  it('with keepExisting, a late `message.created` does not undo a newer copy', () => {
    upsertMessage(qc, message({ id: 'm5', kind: 'outgoing', deliveryStatus: 'delivered', createdAt: at(5) }));
    upsertMessage(qc, message({ id: 'm5', kind: 'outgoing', deliveryStatus: 'sent', createdAt: at(5) }), { keepExisting: true });
    expect(messagesOf()!.pages[0]!.items.find((m) => m.id === 'm5')!.deliveryStatus).toBe('delivered');
  });
});

describe('applySentMessage', () => {
  beforeEach(() => {
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>({ items: [message({ id: 'm1', createdAt: at(1) })] }));
    qc.setQueryData(keys.conversation('conv_1'), conversation({ id: 'conv_1', lastMessage: null, lastActivityAt: at(1) }));
  });
  const statusOf = (id: string) => messagesOf()!.pages[0]!.items.find((m) => m.id === id)!.deliveryStatus;

  it('adds the reply the HTTP answer brought, and makes it the conversation\'s last message', () => {
    applySentMessage(qc, message({ id: 'm2', kind: 'outgoing', body: 'Dạ em gửi ạ', deliveryStatus: 'sending', createdAt: at(2) }), meId);
    expect(ids(messagesOf())).toEqual([['m1', 'm2']]);
    expect(statusOf('m2')).toBe('sending');
    expect(detailOf('conv_1')!.lastMessage?.body).toBe('Dạ em gửi ạ');
  });

  it('an email reply the job failed before the HTTP answer arrived stays failed', () => {
    // The socket: created (sending), then the job's update (failed); the POST's answer (sending) comes last.
    const reply = message({ id: 'm2', kind: 'outgoing', deliveryStatus: 'sending', createdAt: at(2) });
    upsertMessage(qc, reply, { keepExisting: true });
    upsertMessage(qc, { ...reply, deliveryStatus: 'failed', deliveryError: 'SMTP: no server' });
    applySentMessage(qc, reply, meId);
    expect(statusOf('m2')).toBe('failed');
    expect(messagesOf()!.pages[0]!.items.find((m) => m.id === 'm2')!.deliveryError).toBe('SMTP: no server');
  });
});

describe('matchesFilters', () => {
  const c = conversation({ assigneeId: 'agent_lan', inboxId: 'inbox_zalo', labels: ['đổi trả'], priority: 'high', teamId: 'team_cskh' });
  it.each<[string, Partial<ListFilters>, boolean]>([
    ['all open', {}, true],
    ['mine', { view: 'mine' }, true],
    ['unassigned', { view: 'unassigned' }, false],
    ['status any', { status: 'any' }, true],
    ['status resolved', { status: 'resolved' }, false],
    ['same inbox', { inboxId: 'inbox_zalo' }, true],
    ['other inbox', { inboxId: 'inbox_web' }, false],
    ['label it has', { label: 'đổi trả' }, true],
    ['label it lacks', { label: 'vip' }, false],
    ['priority', { priority: 'high' }, true],
    ['other priority', { priority: 'urgent' }, false],
    ['team', { teamId: 'team_cskh' }, true],
    ['other team', { teamId: 'team_kho' }, false],
  ])('%s', (_name, patch, expected) => {
    expect(matchesFilters(c, { ...openList, ...patch }, meId)).toBe(expected);
  });

  it('"mine" is relative to the signed-in agent', () => {
    expect(matchesFilters(c, { ...openList, view: 'mine' }, 'agent_minh')).toBe(false);
    expect(matchesFilters(conversation({ assigneeId: null }), { ...openList, view: 'unassigned' }, meId)).toBe(true);
  });
});

describe('upsertConversation', () => {
  const a = conversation({ id: 'a', lastActivityAt: at(30) });
  const b = conversation({ id: 'b', lastActivityAt: at(20) });
  const c = conversation({ id: 'c', lastActivityAt: at(10) });

  it('replaces the detail unless the cached one is newer', () => {
    qc.setQueryData(keys.conversation('a'), { ...a, version: 3 });
    upsertConversation(qc, { ...a, version: 2, priority: 'urgent' }, meId);
    expect(detailOf('a')!.priority).toBe('normal');
    upsertConversation(qc, { ...a, version: 3, priority: 'low' }, meId);
    expect(detailOf('a')!.priority).toBe('low');
    upsertConversation(qc, { ...a, version: 4, priority: 'high' }, meId);
    expect(detailOf('a')).toMatchObject({ version: 4, priority: 'high' });
  });

  it('inserts a new matching conversation at its place by last activity', () => {
    seedList(openList, { items: [a, c] });
    upsertConversation(qc, b, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'b', 'c']]);
    upsertConversation(qc, conversation({ id: 'd', lastActivityAt: at(40) }), meId);
    expect(ids(listOf(openList))).toEqual([['d', 'a', 'b', 'c']]);
  });

  it('moves an updated conversation to the top when it is the most recent', () => {
    seedList(openList, { items: [a, b, c] });
    upsertConversation(qc, { ...c, lastActivityAt: at(45), version: 2 }, meId);
    expect(ids(listOf(openList))).toEqual([['c', 'a', 'b']]);
    expect(listOf(openList)!.pages[0]!.items[0]!.version).toBe(2);
  });

  it('updates a conversation in place when its position does not change', () => {
    seedList(openList, { items: [a, b, c] });
    upsertConversation(qc, { ...b, priority: 'urgent', version: 2 }, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'b', 'c']]);
    expect(listOf(openList)!.pages[0]!.items[1]!.priority).toBe('urgent');
  });

  it('drops a resolved conversation from the open list and adds it to a loaded resolved list', () => {
    const resolvedList: ListFilters = { ...openList, status: 'resolved' };
    seedList(openList, { items: [a, b, c] });
    seedList(resolvedList, { items: [] });
    upsertConversation(qc, { ...b, status: 'resolved', version: 2 }, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'c']]);
    expect(ids(listOf(resolvedList))).toEqual([['b']]);
  });

  it('moves an assigned conversation from "unassigned" to the assignee\'s "mine"', () => {
    const unassigned: ListFilters = { ...openList, view: 'unassigned' };
    const mine: ListFilters = { ...openList, view: 'mine' };
    seedList(unassigned, { items: [a, b] });
    seedList(mine, { items: [c] });
    upsertConversation(qc, { ...a, assigneeId: meId, version: 2 }, meId);
    expect(ids(listOf(unassigned))).toEqual([['b']]);
    expect(ids(listOf(mine))).toEqual([['a', 'c']]);
    upsertConversation(qc, { ...b, assigneeId: 'agent_minh', version: 2 }, meId);
    expect(ids(listOf(unassigned))).toEqual([[]]);
    expect(ids(listOf(mine))).toEqual([['a', 'c']]);
  });

  it('leaves a list alone when a conversation that is not in it does not match it', () => {
    const before = pages<ConversationDto>({ items: [a] });
    qc.setQueryData(keys.conversationList(openList), before);
    upsertConversation(qc, conversation({ id: 'z', status: 'snoozed' }), meId);
    expect(listOf(openList)).toBe(before);
  });

  it('ignores an event older than the row it has', () => {
    seedList(openList, { items: [{ ...a, version: 5 }, b] });
    upsertConversation(qc, { ...a, version: 4, status: 'resolved' }, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'b']]);
    expect(listOf(openList)!.pages[0]!.items[0]!.status).toBe('open');
  });

  it('in a search result, only updates the rows the server returned', () => {
    const search: ListFilters = { ...openList, q: 'giao hàng' };
    seedList(search, { items: [a, b] });
    upsertConversation(qc, { ...b, status: 'resolved', lastActivityAt: at(50), version: 2 }, meId);
    upsertConversation(qc, conversation({ id: 'new', lastActivityAt: at(55) }), meId);
    expect(ids(listOf(search))).toEqual([['a', 'b']]);
    expect(listOf(search)!.pages[0]!.items[1]!.status).toBe('resolved');
  });

  it('in a segment list, adds nothing the server did not return (segments live on the server)', () => {
    const vip: ListFilters = { ...openList, segment: 'champions' };
    seedList(vip, { items: [a] });
    upsertConversation(qc, conversation({ id: 'new', lastActivityAt: at(55) }), meId);
    upsertConversation(qc, { ...a, lastActivityAt: at(56), version: 2 }, meId);
    expect(ids(listOf(vip))).toEqual([['a']]);
    expect(listOf(vip)!.pages[0]!.items[0]!.lastActivityAt).toBe(at(56));
  });

  it('does not add a conversation that sorts past the loaded pages of a longer list', () => {
    seedList(openList, { items: [a, b], nextCursor: 'next' });
    upsertConversation(qc, c, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'b']]);
    // …but appends it when the list is complete.
    seedList(openList, { items: [a, b] });
    upsertConversation(qc, c, meId);
    expect(ids(listOf(openList))).toEqual([['a', 'b', 'c']]);
  });

  it('keeps each loaded page its size, the first page taking what was added or removed', () => {
    const d = conversation({ id: 'd', lastActivityAt: at(5) });
    seedList(openList, { items: [a, b], nextCursor: 'b' }, { items: [c, d] });
    upsertConversation(qc, { ...d, lastActivityAt: at(60), version: 2 }, meId);
    expect(ids(listOf(openList))).toEqual([['d', 'a'], ['b', 'c']]);
    upsertConversation(qc, conversation({ id: 'e', lastActivityAt: at(25) }), meId);
    expect(ids(listOf(openList))).toEqual([['d', 'a', 'e'], ['b', 'c']]);
    upsertConversation(qc, { ...c, status: 'resolved', version: 2 }, meId);
    expect(ids(listOf(openList))).toEqual([['d', 'a'], ['e', 'b']]);
    expect(listOf(openList)!.pages.map((p) => p.nextCursor)).toEqual(['b', null]);
  });

  it('sorts "longest waiting" oldest wait first, conversations nobody waits on last', () => {
    const waiting: ListFilters = { ...openList, sort: 'longest_waiting' };
    const w1 = conversation({ id: 'w1', waitingSince: at(1) });
    const w3 = conversation({ id: 'w3', waitingSince: at(3) });
    const idle = conversation({ id: 'idle', waitingSince: null });
    seedList(waiting, { items: [w1, w3, idle] });
    upsertConversation(qc, conversation({ id: 'w2', waitingSince: at(2) }), meId);
    expect(ids(listOf(waiting))).toEqual([['w1', 'w2', 'w3', 'idle']]);
    upsertConversation(qc, { ...w1, waitingSince: null, version: 2 }, meId);
    expect(ids(listOf(waiting))).toEqual([['w2', 'w3', 'idle', 'w1']]);
  });
});

describe('applyMessageToConversation', () => {
  const c = conversation({ id: 'conv_1', lastActivityAt: at(10), unreadCount: 2 });
  const other = conversation({ id: 'conv_2', lastActivityAt: at(20) });
  beforeEach(() => {
    qc.setQueryData(keys.conversation('conv_1'), c);
    seedList(openList, { items: [other, c] });
  });

  it('counts an incoming message as unread, sets the last message and moves the conversation up', () => {
    applyMessageToConversation(qc, message({ id: 'm1', body: 'Còn hàng không ạ?', createdAt: at(30) }), meId);
    for (const row of [detailOf('conv_1')!, listOf(openList)!.pages[0]!.items[0]!]) {
      expect(row).toMatchObject({
        id: 'conv_1', unreadCount: 3, lastActivityAt: at(30),
        lastMessage: { body: 'Còn hàng không ạ?', kind: 'incoming', createdAt: at(30) },
      });
    }
    expect(ids(listOf(openList))).toEqual([['conv_1', 'conv_2']]);
  });

  it('counts the same message once (the HTTP answer and the socket both deliver it)', () => {
    const m = message({ id: 'm1', createdAt: at(30) });
    applyMessageToConversation(qc, m, meId);
    applyMessageToConversation(qc, m, meId);
    expect(detailOf('conv_1')!.unreadCount).toBe(3);
  });

  it('does not count messages in the conversation the agent has open', () => {
    openConversation.id = 'conv_1';
    applyMessageToConversation(qc, message({ id: 'm1', createdAt: at(30) }), meId);
    expect(detailOf('conv_1')).toMatchObject({ unreadCount: 2, lastActivityAt: at(30) });
  });

  it('does not count the agents\' own replies and notes', () => {
    applyMessageToConversation(qc, message({ id: 'm1', kind: 'outgoing', sender: { type: 'agent', id: meId, name: 'Lan' }, createdAt: at(30) }), meId);
    applyMessageToConversation(qc, message({ id: 'm2', kind: 'note', sender: { type: 'agent', id: 'agent_minh', name: 'Minh' }, createdAt: at(31) }), meId);
    expect(detailOf('conv_1')).toMatchObject({ unreadCount: 2, lastMessage: { kind: 'note', createdAt: at(31) } });
  });

  it('ignores activity lines and messages older than the last one shown', () => {
    applyMessageToConversation(qc, message({ id: 'm1', createdAt: at(30) }), meId);
    applyMessageToConversation(qc, message({ id: 'a1', kind: 'activity', createdAt: at(40) }), meId);
    applyMessageToConversation(qc, message({ id: 'm0', body: 'cũ', createdAt: at(25) }), meId);
    expect(detailOf('conv_1')).toMatchObject({ unreadCount: 3, lastActivityAt: at(30), lastMessage: { createdAt: at(30) } });
  });

  it('never moves last activity backwards', () => {
    qc.setQueryData(keys.conversation('conv_1'), { ...c, lastActivityAt: at(50), lastMessage: null });
    applyMessageToConversation(qc, message({ id: 'm1', createdAt: at(30) }), meId);
    expect(detailOf('conv_1')!.lastActivityAt).toBe(at(50));
  });
});

describe('patchConversation', () => {
  it('patches the detail and every list holding the conversation, nothing else', () => {
    const c = conversation({ unreadCount: 4 });
    qc.setQueryData(keys.conversation('conv_1'), c);
    seedList(openList, { items: [c] });
    seedList({ ...openList, view: 'unassigned' }, { items: [c] });
    seedList({ ...openList, status: 'pending' }, { items: [] });
    patchConversation(qc, 'conv_1', (x) => ({ ...x, unreadCount: 0 }), meId);
    expect(detailOf('conv_1')!.unreadCount).toBe(0);
    expect(listOf(openList)!.pages[0]!.items[0]!.unreadCount).toBe(0);
    expect(listOf({ ...openList, view: 'unassigned' })!.pages[0]!.items[0]!.unreadCount).toBe(0);
    expect(ids(listOf({ ...openList, status: 'pending' }))).toEqual([[]]);
  });
});

describe('patchContact', () => {
  it('updates the contact and its summary in conversations, leaving other contacts alone', () => {
    const mine = conversation({ id: 'a' });
    const theirs = conversation({ id: 'b', contact: { ...mine.contact, id: 'contact_2', name: 'Trần Văn Bình' } });
    qc.setQueryData(keys.conversation('a'), mine);
    qc.setQueryData(keys.conversation('b'), theirs);
    seedList(openList, { items: [mine, theirs] });
    const updated = contact({ name: 'Phạm Thu Hà (VIP)', blocked: true, email: 'ha.vip@example.vn' });
    patchContact(qc, updated);
    expect(qc.getQueryData(keys.contact('contact_1'))).toBe(updated);
    expect(detailOf('a')!.contact).toEqual({
      id: 'contact_1', name: 'Phạm Thu Hà (VIP)', email: 'ha.vip@example.vn', phone: '+84901234567', avatarUrl: null, blocked: true,
    });
    expect(detailOf('b')!.contact.name).toBe('Trần Văn Bình');
    expect(listOf(openList)!.pages[0]!.items.map((x) => x.contact.name)).toEqual(['Phạm Thu Hà (VIP)', 'Trần Văn Bình']);
  });
});
