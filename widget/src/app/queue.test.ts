import type { QueuePositionDto } from '@careloop/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors.ts';
import type { ChatMessage } from './messages.ts';
import { QueuePoller, awaitingReply, queueText, retryDelay } from './queue.ts';

const q = (position: number | null, etaMinutes: number | null = null, agentsOnline = 0): QueuePositionDto => ({ position, etaMinutes, agentsOnline });

describe('queueText', () => {
  it('says the place in line and the wait, in both languages', () => {
    expect(queueText('vi', q(3, 4, 2))).toBe('Bạn đang ở vị trí số 3 trong hàng chờ · khoảng 4 phút');
    expect(queueText('en', q(3, 4, 2))).toBe('You are number 3 in line · about 4 min');
  });

  it('leaves the wait out when nobody is online to estimate from', () => {
    expect(queueText('vi', q(5))).toBe('Bạn đang ở vị trí số 5 — nhân viên sẽ trả lời sớm nhất có thể');
    expect(queueText('en', q(5))).toBe('You are number 5 in line — we will answer as soon as we can');
  });

  it('tells the first in line they are next, with or without an estimate', () => {
    expect(queueText('vi', q(1, 2, 1))).toBe('Bạn là người tiếp theo');
    expect(queueText('en', q(1, 2, 1))).toBe('You are next');
    expect(queueText('en', q(1))).toBe('You are next');
  });

  it('shows nothing without a queue or once an agent has the conversation', () => {
    for (const locale of ['vi', 'en'] as const) {
      expect(queueText(locale, null)).toBeNull();
      expect(queueText(locale, q(null, null, 3))).toBeNull();
      expect(queueText(locale, q(0, 1, 1))).toBeNull();
    }
  });

  it('never promises less than a minute', () => {
    expect(queueText('en', q(2, 0, 4))).toBe('You are number 2 in line · about 1 min');
  });
});

const msg = (kind: ChatMessage['kind'], status: ChatMessage['status'] = 'sent'): ChatMessage => ({
  id: `m${Math.random()}`, kind, body: 'x', html: null, sender: { type: kind === 'outgoing' ? 'agent' : 'contact', name: null, avatarUrl: null },
  attachments: [], createdAt: '2025-01-01T00:00:00Z', clientId: null, status,
});

describe('awaitingReply', () => {
  it('is true while the visitor wrote last, activity lines aside', () => {
    expect(awaitingReply([msg('incoming')])).toBe(true);
    expect(awaitingReply([msg('outgoing'), msg('incoming'), msg('activity')])).toBe(true);
    expect(awaitingReply([msg('incoming'), msg('incoming', 'sending')])).toBe(true);
  });

  it('is false after an agent reply, with nothing sent, or with only unconfirmed messages', () => {
    expect(awaitingReply([])).toBe(false);
    expect(awaitingReply([msg('incoming'), msg('outgoing')])).toBe(false);
    expect(awaitingReply([msg('activity')])).toBe(false);
    expect(awaitingReply([msg('outgoing'), msg('incoming', 'failed')])).toBe(false);
  });
});

describe('retryDelay', () => {
  it('doubles per failure, waits longer when rate limited, and is capped', () => {
    expect(retryDelay(1, 'network')).toBe(20_000);
    expect(retryDelay(2, 'network')).toBe(40_000);
    expect(retryDelay(1, 'rate_limited')).toBe(60_000);
    expect(retryDelay(2, 'rate_limited')).toBe(120_000);
    expect(retryDelay(20, 'internal')).toBe(300_000);
  });
});

describe('QueuePoller', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** A poller over fake timers; `answers` are served in order, the last one repeated. */
  function setup(answers: (QueuePositionDto | null | Error)[] = [q(3, 4, 2)]) {
    const env = { waiting: true, visible: true, calls: 0, shown: [] as (QueuePositionDto | null)[] };
    const poller = new QueuePoller({
      load: () => {
        const answer = answers[Math.min(env.calls++, answers.length - 1)];
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? null);
      },
      show: (queue) => env.shown.push(queue),
      waiting: () => env.waiting,
      visible: () => env.visible,
      timers: { now: () => Date.now(), set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    });
    return { env, poller };
  }

  it('asks right after a send, then every 20 s while waiting', async () => {
    const { env, poller } = setup();
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(env.calls).toBe(1);
    expect(env.shown).toEqual([q(3, 4, 2)]);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(env.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(env.calls).toBe(4);
  });

  it('does nothing while the visitor is not waiting', async () => {
    const { env, poller } = setup();
    env.waiting = false;
    poller.kick();
    poller.sync();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toBe(0);
    expect(env.shown).toEqual([]);
  });

  it('stops and hides the line when an agent message arrives', async () => {
    const { env, poller } = setup();
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    env.waiting = false; // the socket delivered an agent reply
    poller.sync();
    expect(env.shown).toEqual([q(3, 4, 2), null]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(env.calls).toBe(1);
  });

  it('drops an answer that lands after the agent replied', async () => {
    let resolve: (value: QueuePositionDto) => void = () => {};
    const shown: (QueuePositionDto | null)[] = [];
    let waiting = true;
    const poller = new QueuePoller({
      load: () => new Promise((r) => (resolve = r)), show: (queue) => shown.push(queue), waiting: () => waiting, visible: () => true,
    });
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    waiting = false;
    poller.sync();
    resolve(q(2, 3, 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([]);
  });

  it('stops when an agent takes the conversation (position null) or it is closed (queue null) until the next send', async () => {
    for (const end of [q(null, null, 2), null]) {
      const { env, poller } = setup([q(2, 3, 1), end, q(4, 5, 1)]);
      poller.kick();
      await vi.advanceTimersByTimeAsync(20_000);
      expect(env.calls).toBe(2);
      expect(env.shown).toEqual([q(2, 3, 1), null]);
      poller.sync();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(env.calls).toBe(2);
      poller.kick();
      await vi.advanceTimersByTimeAsync(0);
      expect(env.calls).toBe(3);
      expect(env.shown.at(-1)).toEqual(q(4, 5, 1));
    }
  });

  it('never asks while the tab is hidden or the widget closed, and catches up when visible again', async () => {
    const { env, poller } = setup();
    env.visible = false;
    poller.kick();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toBe(0);
    env.visible = true;
    poller.sync();
    await vi.advanceTimersByTimeAsync(0);
    expect(env.calls).toBe(1);
    env.visible = false;
    poller.sync();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(env.calls).toBe(1);
    // Back within the interval: waits out the rest of it rather than asking at once.
    env.visible = true;
    poller.sync();
    await vi.advanceTimersByTimeAsync(0);
    expect(env.calls).toBe(2);
    env.visible = false;
    poller.sync();
    await vi.advanceTimersByTimeAsync(5_000);
    env.visible = true;
    poller.sync();
    await vi.advanceTimersByTimeAsync(14_999);
    expect(env.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.calls).toBe(3);
  });

  it('checks visibility again when a scheduled poll fires', async () => {
    const { env, poller } = setup();
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    env.visible = false; // hidden without a visibilitychange reaching sync()
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toBe(1);
  });

  it('backs off on errors, longer when rate limited, without throwing or clearing the line', async () => {
    const limited = new ApiError('rate_limited', 'HTTP 429', 429);
    const { env, poller } = setup([q(3, 4, 2), limited, limited, new ApiError('network', 'network error', 0), q(2, 2, 2)]);
    poller.kick();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(env.calls).toBe(2); // the 429
    await vi.advanceTimersByTimeAsync(59_999);
    expect(env.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.calls).toBe(3); // another 429: now two minutes
    poller.kick(); // a send during the back-off does not jump the wait
    await vi.advanceTimersByTimeAsync(119_999);
    expect(env.calls).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.calls).toBe(4); // a network error after two failures: 80 s
    await vi.advanceTimersByTimeAsync(80_000);
    expect(env.calls).toBe(5);
    expect(env.shown).toEqual([q(3, 4, 2), q(2, 2, 2)]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(env.calls).toBe(6); // back to the normal pace
  });

  it('gives up quietly when the server has no queue endpoint or the session is gone', async () => {
    const { env, poller } = setup([new ApiError('not_found', 'HTTP 404', 404)]);
    poller.kick();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(env.calls).toBe(1);
    expect(env.shown).toEqual([]);
  });

  it('asks again at once when the visitor sends while a request is in flight', async () => {
    const resolvers: ((value: QueuePositionDto) => void)[] = [];
    const shown: (QueuePositionDto | null)[] = [];
    const poller = new QueuePoller({
      load: () => new Promise((r) => resolvers.push(r)), show: (queue) => shown.push(queue), waiting: () => true, visible: () => true,
    });
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(resolvers).toHaveLength(1);
    resolvers[0]!(q(3, 4, 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(resolvers).toHaveLength(2);
  });

  it('stop() forgets the visitor and hides the line', async () => {
    const { env, poller } = setup();
    poller.kick();
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    expect(env.shown).toEqual([q(3, 4, 2), null]);
    env.waiting = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toBe(1);
  });
});
