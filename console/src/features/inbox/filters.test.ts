import { describe, expect, it } from 'vitest';
import { conversationListQuery } from '@careloop/contracts';
import { withQuery } from '../../lib/api.ts';
import { keys, type ListFilters } from '../../lib/queryKeys.ts';
import { cleanFilters, defaultFilters, loadFilters, saveFilters } from './filters.ts';

/** An in-memory sessionStorage. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    storage: () => ({ getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }),
  };
}

/** What the conversation list sends (ConversationList: filters + cursor + limit) and what the server reads from it. */
function throughUrl(filters: ListFilters, cursor: string | null = null): { url: string; parsed: ListFilters & { cursor?: string; limit: number } } {
  const url = withQuery('/conversations', { ...filters, cursor, limit: 25 });
  const params = Object.fromEntries(new URL(url, 'http://x').searchParams);
  const { cursor: c, limit, view, status, sort, inboxId, label, priority, teamId, q } = conversationListQuery.parse(params);
  return { url, parsed: cleanFilters({ view, status, sort, inboxId, label, priority, teamId, q, ...(c ? { cursor: c } : {}), limit } as ListFilters) as never };
}

describe('cleanFilters', () => {
  it('drops empty values so equal filters make equal query keys', () => {
    const cleared = cleanFilters({ ...defaultFilters, inboxId: undefined, label: '', q: undefined, teamId: null as never });
    expect(cleared).toEqual(defaultFilters);
    expect(Object.keys(cleared)).toEqual(['view', 'status', 'sort']);
    expect(JSON.stringify(keys.conversationList(cleared))).toBe(JSON.stringify(keys.conversationList(defaultFilters)));
  });
});

describe('filters in the URL', () => {
  it('survive the trip to the server unchanged', () => {
    const filters: ListFilters = {
      view: 'unassigned', status: 'pending', sort: 'longest_waiting', inboxId: 'inbox_zalo', label: 'đổi trả', priority: 'urgent',
      teamId: 'team_cskh', q: 'Nguyễn Văn A & co',
    };
    const { url, parsed } = throughUrl(filters, 'eyJrIjoxfQ');
    expect(url.startsWith('/conversations?view=unassigned&status=pending&sort=longest_waiting&')).toBe(true);
    expect(url).not.toContain(' ');
    expect(parsed).toEqual({ ...filters, cursor: 'eyJrIjoxfQ', limit: 25 });
  });

  it('leave out what is not set (no cursor on the first page)', () => {
    const { url, parsed } = throughUrl(defaultFilters);
    expect(url).toBe('/conversations?view=mine&status=open&sort=last_activity&limit=25');
    expect(parsed).toEqual({ ...defaultFilters, limit: 25 });
  });

  it('status "any" is a value the server accepts', () => {
    expect(throughUrl({ ...defaultFilters, view: 'all', status: 'any' }).parsed).toMatchObject({ view: 'all', status: 'any' });
  });
});

describe('filters in session storage', () => {
  it('round-trip without the search text', () => {
    const { storage, data } = memoryStorage();
    const filters: ListFilters = { view: 'all', status: 'snoozed', sort: 'last_activity', label: 'vip', q: 'áo dài' };
    saveFilters(filters, storage);
    expect(JSON.parse(data.get('careloop.inbox.filters')!)).toEqual({ view: 'all', status: 'snoozed', sort: 'last_activity', label: 'vip' });
    expect(cleanFilters(loadFilters(storage))).toEqual({ view: 'all', status: 'snoozed', sort: 'last_activity', label: 'vip' });
  });

  it('fill what an older tab did not store from the defaults', () => {
    const { storage } = memoryStorage({ 'careloop.inbox.filters': JSON.stringify({ view: 'all' }) });
    expect(cleanFilters(loadFilters(storage))).toEqual({ ...defaultFilters, view: 'all' });
  });

  it('start from the defaults when storage is empty, corrupt or unavailable', () => {
    expect(loadFilters(memoryStorage().storage)).toEqual(defaultFilters);
    expect(loadFilters(memoryStorage({ 'careloop.inbox.filters': '{"view":' }).storage)).toEqual(defaultFilters);
    const broken = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(loadFilters(broken)).toEqual(defaultFilters);
    expect(() => saveFilters(defaultFilters, broken)).not.toThrow();
  });

  it('drop stored values the server would refuse', () => {
    const stored = { view: 'team', status: 'closed', sort: 'newest', priority: 'p1', label: 'vip', inboxId: 42 };
    const { storage } = memoryStorage({ 'careloop.inbox.filters': JSON.stringify(stored) });
    expect(cleanFilters(loadFilters(storage))).toEqual({ ...defaultFilters, label: 'vip' });
    expect(loadFilters(memoryStorage({ 'careloop.inbox.filters': '"mine"' }).storage)).toEqual(defaultFilters);
    expect(loadFilters(memoryStorage({ 'careloop.inbox.filters': 'null' }).storage)).toEqual(defaultFilters);
  });
});
