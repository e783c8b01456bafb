import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Who } from '@careloop/contracts';
import { clearLive, setTyping, setViewers, subscribeLive, typistsOf, viewersOf } from './liveStore.ts';

const minh: Who = { type: 'agent', id: 'agent_minh', name: 'Trần Minh' };
const ha: Who = { type: 'contact', id: 'contact_1', name: 'Phạm Thu Hà' };

beforeEach(() => {
  vi.useFakeTimers();
  clearLive();
});
afterEach(() => {
  clearLive();
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe('viewers', () => {
  it('are kept per conversation and replaced as a whole', () => {
    setViewers('conv_1', [{ agentId: 'agent_minh', name: 'Minh', typing: false }]);
    setViewers('conv_2', [{ agentId: 'agent_hoa', name: 'Hoa', typing: false }]);
    setViewers('conv_1', []);
    expect(viewersOf('conv_1')).toEqual([]);
    expect(viewersOf('conv_2').map((v) => v.agentId)).toEqual(['agent_hoa']);
  });

  it('keep the same array between changes (a stable useSyncExternalStore snapshot)', () => {
    expect(viewersOf('nobody')).toBe(viewersOf('nobody'));
    setViewers('conv_1', [{ agentId: 'agent_minh', name: 'Minh', typing: false }]);
    expect(viewersOf('conv_1')).toBe(viewersOf('conv_1'));
    expect(typistsOf('conv_1')).toBe(typistsOf('conv_1'));
  });
});

describe('typists', () => {
  it('list each person once, and drop them when they stop', () => {
    setTyping('conv_1', minh, true, false);
    setTyping('conv_1', ha, true, false);
    setTyping('conv_1', minh, true, true); // switched to a note
    expect(typistsOf('conv_1').map((t) => [t.who.id, t.private])).toEqual([['contact_1', false], ['agent_minh', true]]);
    setTyping('conv_1', minh, false, true);
    expect(typistsOf('conv_1').map((t) => t.who.id)).toEqual(['contact_1']);
    setTyping('conv_1', ha, false, false);
    expect(typistsOf('conv_1')).toEqual([]);
  });

  it('tell an agent and a contact with the same id apart', () => {
    setTyping('conv_1', { type: 'agent', id: 'x', name: 'A' }, true, false);
    setTyping('conv_1', { type: 'contact', id: 'x', name: 'C' }, true, false);
    setTyping('conv_1', { type: 'agent', id: 'x', name: 'A' }, false, false);
    expect(typistsOf('conv_1').map((t) => t.who.type)).toEqual(['contact']);
  });

  it('fade 8 s after the last frame when no "stopped" frame comes', () => {
    setTyping('conv_1', minh, true, false);
    vi.advanceTimersByTime(5_000);
    setTyping('conv_1', ha, true, false);
    vi.advanceTimersByTime(3_500);
    expect(typistsOf('conv_1').map((t) => t.who.id)).toEqual(['contact_1']);
    vi.advanceTimersByTime(5_000);
    expect(typistsOf('conv_1')).toEqual([]);
  });

  it('stay while the frames keep coming', () => {
    for (let i = 0; i < 5; i++) {
      setTyping('conv_1', minh, true, false);
      vi.advanceTimersByTime(3_000);
    }
    expect(typistsOf('conv_1').map((t) => t.who.id)).toEqual(['agent_minh']);
  });
});

describe('clearLive and subscribers', () => {
  it('clearLive forgets everyone (a new connection refills it)', () => {
    setViewers('conv_1', [{ agentId: 'agent_minh', name: 'Minh', typing: false }]);
    setTyping('conv_1', ha, true, false);
    clearLive();
    expect(viewersOf('conv_1')).toEqual([]);
    expect(typistsOf('conv_1')).toEqual([]);
  });

  it('notifies subscribers of every change until they unsubscribe', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeLive(listener);
    setViewers('conv_1', []);
    setTyping('conv_1', minh, true, false);
    vi.advanceTimersByTime(9_000); // the typist fades: one more change
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    clearLive();
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
