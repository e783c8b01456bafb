import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingNotifier } from './typing.ts';

describe('TypingNotifier', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends true once per refresh window and false after idling', () => {
    const sent: boolean[] = [];
    const typing = new TypingNotifier((value) => sent.push(value), 3000, 4000);
    typing.input();
    vi.advanceTimersByTime(1000);
    typing.input();
    vi.advanceTimersByTime(1000);
    typing.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    typing.input();
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(4000);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops at once on send and only when typing was announced', () => {
    const sent: boolean[] = [];
    const typing = new TypingNotifier((value) => sent.push(value));
    typing.stop();
    expect(sent).toEqual([]);
    typing.input();
    typing.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
