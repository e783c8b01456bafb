import { describe, expect, it } from 'vitest';
import { backoffDelay, parseFrame, realtimeUrl } from './realtime.ts';

describe('backoffDelay', () => {
  it('doubles from one second and caps at thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('applies 50–100% jitter', () => {
    expect(backoffDelay(2, () => 0)).toBe(2000);
    expect(backoffDelay(2, () => 0.5)).toBe(3000);
  });
});

describe('realtimeUrl', () => {
  it('uses wss on https and encodes both tokens', () => {
    expect(realtimeUrl('https://care.shop.vn/widget/frame.html#token=x', 'wt a', 'vs&1'))
      .toBe('wss://care.shop.vn/api/widget/realtime?inbox=wt+a&visitor=vs%261');
    expect(realtimeUrl('http://localhost:3000/widget/frame.html', 'w', 'v'))
      .toBe('ws://localhost:3000/api/widget/realtime?inbox=w&visitor=v');
  });
});

describe('parseFrame', () => {
  it('accepts JSON frames with a type and ignores the rest', () => {
    expect(parseFrame('{"type":"ready","connectionId":"c","resync":true}')).toEqual({ type: 'ready', connectionId: 'c', resync: true });
    expect(parseFrame('not json')).toBeNull();
    expect(parseFrame('null')).toBeNull();
    expect(parseFrame('{"no":"type"}')).toBeNull();
    expect(parseFrame(new ArrayBuffer(2))).toBeNull();
  });
});
