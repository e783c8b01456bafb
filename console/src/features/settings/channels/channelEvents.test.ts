import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { ChannelEventDto } from '@careloop/contracts';
import { keys } from '../../../lib/queryKeys.ts';
import { at, queryClient } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { visibleChannelEventSections } from './access.ts';
import { DeadLetterList, EventCounts, EventPayload } from './DeadLetterList.tsx';
import { applyReplayed, replayChannelEvent, type ChannelEventPages } from './queries.ts';

const event = (over: Partial<ChannelEventDto> = {}): ChannelEventDto => ({
  id: 'chev_1', inboxId: 'inbox_zalo', channel: 'zalo', dedupeKey: 'zalo:msg_9f2', state: 'dead', attempts: 5,
  lastError: 'Zalo API: user not found (-201)', receivedAt: at(3), processedAt: null,
  payload: { event_name: 'user_send_text', sender: { id: '84901234567' }, message: { text: 'Còn hàng không shop?' } }, ...over,
});
const pages = (items: ChannelEventDto[], counts: Record<string, number>): ChannelEventPages => ({
  pages: [{ items, nextCursor: null, counts }], pageParams: [null],
});

afterEach(() => vi.unstubAllGlobals());

describe('replaying a dead event', () => {
  it('posts to the replay endpoint', async () => {
    const calls: { url: string; method: string | undefined }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method });
      return Response.json(event({ state: 'pending', attempts: 0 }));
    });
    const replayed = await replayChannelEvent('chev_1');
    expect(calls).toEqual([{ url: '/api/v1/channel-events/chev_1/replay', method: 'POST' }]);
    expect(replayed.state).toBe('pending');
  });

  it('takes the event off the dead-letter list and moves the counts', () => {
    const qc = queryClient();
    const dead = keys.channelEvents({ state: 'dead', inboxId: null });
    const waiting = keys.channelEvents({ state: 'pending', inboxId: null });
    qc.setQueryData(dead, pages([event(), event({ id: 'chev_2' })], { dead: 2, pending: 0, done: 40 }));
    qc.setQueryData(waiting, pages([], { dead: 2, pending: 0, done: 40 }));
    applyReplayed(qc, event({ state: 'pending', attempts: 0 }));
    const after = qc.getQueryData<ChannelEventPages>(dead)!.pages[0]!;
    expect(after.items.map((e) => e.id)).toEqual(['chev_2']);
    expect(after.counts).toEqual({ dead: 1, pending: 1, done: 40 });
    expect(qc.getQueryData<ChannelEventPages>(waiting)!.pages[0]!.counts).toEqual({ dead: 1, pending: 1, done: 40 });
  });

  it('is an admin screen', () => {
    expect(visibleChannelEventSections('owner')).toHaveLength(1);
    expect(visibleChannelEventSections('admin')).toHaveLength(1);
    expect(visibleChannelEventSections('supervisor')).toEqual([]);
    expect(visibleChannelEventSections('agent')).toEqual([]);
  });
});

describe('<DeadLetterList>', () => {
  const render = (events: ChannelEventDto[], replaying: string | null = null, lang: 'en' | 'vi' = 'en') =>
    renderHtml(createElement(DeadLetterList, { events, inboxName: (id: string) => (id === 'inbox_zalo' ? 'Zalo OA Hoa Mai' : undefined), onReplay: () => undefined, replaying }), { lang });

  it('shows each failed event with its error, attempts, received time, payload and a Replay button', () => {
    const html = render([event(), event({ id: 'chev_2', channel: 'telegram', inboxId: 'inbox_tg', lastError: null, attempts: 1 })]);
    const rows = html.all('channel-event');
    expect(rows.map((r) => r.attrs['data-event-id'])).toEqual(['chev_1', 'chev_2']);
    expect(rows[0]!.text).toContain('Zalo OA Hoa Mai');
    expect(rows[0]!.text).toContain('Zalo API: user not found (-201)');
    expect(rows[0]!.text).toContain('5 attempts');
    expect(rows[0]!.text).toContain('Received 01 Mar 2026, 15:03');
    expect(rows[1]!.text).toContain('Telegram');
    expect(rows[1]!.text).toContain('No error recorded.');
    expect(rows[1]!.text).toMatch(/· 1 attempt(?!s)/);
    expect(html.all('channel-event-replay')).toHaveLength(2);
    expect(html.all('channel-event-payload-toggle')[0]!.attrs['aria-expanded']).toBe('false');
    expect(html.has('channel-event-payload')).toBe(false); // customer data stays folded until asked
    expect(html.html).not.toContain('Còn hàng không shop?');
    const open = renderHtml(createElement(EventPayload, { payload: event().payload, defaultOpen: true }));
    expect(open.one('channel-event-payload-toggle').attrs['aria-expanded']).toBe('true');
    expect(open.one('channel-event-payload').text).toContain('"message": { "text": "Còn hàng không shop?" }');
  });

  it('marks the event being replayed and has a message when the list is empty', () => {
    const html = render([event()], 'chev_1', 'vi');
    expect(html.one('channel-event-replay').attrs['data-loading']).toBe('true');
    expect(html.one('channel-event-replay').text).toContain('Xử lý lại');
    expect(render([]).one('channel-events-empty').text).toBe('No failed events.');
  });

  it('counts events per state', () => {
    const html = renderHtml(createElement(EventCounts, { counts: { dead: 3, done: 120 } }));
    expect(html.one('channel-event-count-dead').text).toBe('Failed: 3');
    expect(html.one('channel-event-count-pending').text).toBe('Waiting: 0');
    expect(html.one('channel-event-count-done').attrs['data-count']).toBe('120');
  });
});
