import { describe, expect, it } from 'vitest';
import { readableInk, safeColor } from './color.ts';
import { RelayStorage, VisitorStore } from './storage.ts';

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('VisitorStore', () => {
  it('keeps one visitor per inbox token', () => {
    const storage = memory();
    const a = new VisitorStore('wt_a', storage);
    const b = new VisitorStore('wt_b', storage);
    a.save({ token: 'vs_1', identifier: 'user-42' });
    a.setSeen('msg_9');
    expect(a.load()).toEqual({ token: 'vs_1', identifier: 'user-42' });
    expect(a.seen()).toBe('msg_9');
    expect(b.load()).toBeNull();
    a.clear();
    expect(a.load()).toBeNull();
    expect(a.seen()).toBeNull();
  });

  it('ignores corrupt entries', () => {
    const storage = memory();
    storage.setItem('careloop:visitor:wt_a', '{broken');
    expect(new VisitorStore('wt_a', storage).load()).toBeNull();
    storage.setItem('careloop:visitor:wt_a', '{"token":42}');
    expect(new VisitorStore('wt_a', storage).load()).toBeNull();
  });
});

describe('colours', () => {
  it('picks readable ink and rejects bad colours', () => {
    expect(readableInk('#1c7ed6')).toBe('#ffffff');
    expect(readableInk('#ffd43b')).toBe('#1a1b1e');
    expect(safeColor('red; background:url(x)')).toBe('#1c7ed6');
    expect(safeColor('#12ab34')).toBe('#12ab34');
  });
});

describe('RelayStorage', () => {
  it('answers from memory, keeps seeded values and writes through', () => {
    const writes: [string, string | null][] = [];
    const relay = new RelayStorage((key, value) => writes.push([key, value]));
    relay.seed({ 'careloop:visitor:wt_a': '{"token":"vs_1","identifier":null}' });
    expect(new VisitorStore('wt_a', relay).load()).toEqual({ token: 'vs_1', identifier: null });
    relay.setItem('careloop:seen:wt_a', 'msg_1');
    relay.seed({ 'careloop:seen:wt_a': 'msg_0' });
    expect(relay.getItem('careloop:seen:wt_a')).toBe('msg_1');
    relay.removeItem('careloop:seen:wt_a');
    expect(writes).toEqual([['careloop:seen:wt_a', 'msg_1'], ['careloop:seen:wt_a', null]]);
  });
});
