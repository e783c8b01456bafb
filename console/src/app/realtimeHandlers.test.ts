import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import type { ConversationDto } from '@careloop/contracts';
import { keys } from '../lib/queryKeys.ts';
import { conversation, me, pages, queryClient } from '../testing/fixtures.ts';
import { clearLive, setTyping, setViewers, typistsOf, viewersOf } from './liveStore.ts';
import { countsRefresher, onSocketReady } from './realtimeHandlers.ts';
import { RealtimeSocket } from './socket.ts';

let qc: QueryClient;
beforeEach(() => {
  vi.useFakeTimers();
  qc = queryClient();
  clearLive();
  qc.setQueryData(keys.me, me());
  qc.setQueryData(keys.agents, [me().agent]);
  qc.setQueryData(keys.conversation('conv_1'), conversation());
  qc.setQueryData(keys.conversationList({ view: 'mine', status: 'open', sort: 'last_activity' }), pages<ConversationDto>({ items: [] }));
  qc.setQueryData(keys.counts, { mine: 1, unassigned: 0, all: 1 });
  setViewers('conv_1', [{ agentId: 'agent_minh', name: 'Minh', typing: false }]);
  setTyping('conv_1', { type: 'contact', id: 'contact_1', name: 'Hà' }, true, false);
});
afterEach(() => {
  clearLive();
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  qc.clear();
});

const invalidated = () => qc.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => q.queryKey);

describe('onSocketReady', () => {
  it('on a resync, refetches every cached query and forgets who was viewing or typing', () => {
    onSocketReady(qc, true);
    expect(invalidated()).toHaveLength(qc.getQueryCache().getAll().length);
    expect(viewersOf('conv_1')).toEqual([]);
    expect(typistsOf('conv_1')).toEqual([]);
  });

  it('on a first connection, refetches what loaded before it (not the session), and keeps who is viewing', () => {
    qc.getQueryCache().build(qc, { queryKey: keys.contact('contact_1') }); // still loading: its answer comes after
    onSocketReady(qc, false);
    expect(invalidated()).toEqual([keys.agents, keys.conversation('conv_1'), keys.conversationList({ view: 'mine', status: 'open', sort: 'last_activity' }), keys.counts]);
    expect(viewersOf('conv_1')).toHaveLength(1);
  });

  it('is what a dropped and re-established socket leads to', () => {
    class Ws {
      static readonly OPEN = 1;
      static all: Ws[] = [];
      readyState = 0;
      onopen: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      onclose: ((e: { code: number }) => void) | null = null;
      constructor() {
        Ws.all.push(this);
      }
      send(): void {}
      close(): void {}
      ready(): void {
        this.readyState = 1;
        this.onopen?.();
        this.onmessage?.({ data: JSON.stringify({ type: 'ready', connectionId: 'c', resync: false }) });
      }
    }
    vi.stubGlobal('WebSocket', Ws);
    vi.stubGlobal('location', { protocol: 'http:', host: 'localhost' });
    const socket = new RealtimeSocket({ onReady: (resync) => onSocketReady(qc, resync), onEvent: () => {}, onStatus: () => {}, onUnauthorized: () => {} });
    socket.start();
    Ws.all[0]!.ready();
    expect(invalidated()).toHaveLength(4);
    expect(viewersOf('conv_1')).toHaveLength(1);
    Ws.all[0]!.onclose?.({ code: 1006 });
    vi.advanceTimersByTime(1_000);
    Ws.all[1]!.ready();
    expect(invalidated()).toHaveLength(5);
    expect(viewersOf('conv_1')).toEqual([]);
    socket.stop();
  });
});

describe('countsRefresher', () => {
  it('turns a burst of events into one refetch of the counts, 500 ms after the first', () => {
    const refresh = countsRefresher(qc);
    refresh();
    vi.advanceTimersByTime(300);
    refresh();
    refresh();
    expect(qc.getQueryState(keys.counts)!.isInvalidated).toBe(false);
    vi.advanceTimersByTime(200);
    expect(invalidated()).toEqual([keys.counts]);
  });

  it('refreshes again for events after the previous refresh', () => {
    const refresh = countsRefresher(qc, 100);
    const spy = vi.spyOn(qc, 'invalidateQueries');
    refresh();
    vi.advanceTimersByTime(100);
    refresh();
    vi.advanceTimersByTime(100);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.counts });
  });
});
