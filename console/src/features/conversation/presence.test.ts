import { describe, expect, it } from 'vitest';
import type { Viewer } from '@careloop/contracts';
import type { Typist } from '../../app/liveStore.ts';
import { presenceLines } from './presence.ts';

const viewer = (agentId: string, name: string, typing = false): Viewer => ({ agentId, name, typing });
const typist = (type: 'agent' | 'contact', id: string, name: string | null, isPrivate = false): Typist => ({
  who: { type, id, name }, private: isPrivate, until: 0,
});

describe('presenceLines', () => {
  it('lists viewers who are not typing as viewing', () => {
    const { idle, typing } = presenceLines([viewer('a1', 'Minh'), viewer('a2', 'Hoa')], []);
    expect(idle.map((v) => v.name)).toEqual(['Minh', 'Hoa']);
    expect(typing).toEqual([]);
  });

  it('lists a typing agent once, as the typing frame says (a note or a reply)', () => {
    const { idle, typing } = presenceLines([viewer('a1', 'Minh', true), viewer('a2', 'Hoa')], [typist('agent', 'a1', 'Minh', true)]);
    expect(idle.map((v) => v.agentId)).toEqual(['a2']);
    expect(typing).toEqual([{ key: 'agent:a1', who: 'agent', private: true, name: 'Minh' }]);
  });

  it('falls back to the viewer\'s typing flag when no typing frame arrived', () => {
    const { idle, typing } = presenceLines([viewer('a1', 'Minh', true)], []);
    expect(idle).toEqual([]);
    expect(typing).toEqual([{ key: 'agent:a1', who: 'agent', private: false, name: 'Minh' }]);
  });

  it('shows the customer typing next to the agents', () => {
    const { typing } = presenceLines([viewer('a1', 'Minh')], [typist('contact', 'c1', null), typist('agent', 'a9', 'Lan')]);
    expect(typing).toEqual([
      { key: 'contact:c1', who: 'contact', private: false, name: null },
      { key: 'agent:a9', who: 'agent', private: false, name: 'Lan' },
    ]);
  });

  it('does not confuse a contact with an agent of the same id', () => {
    const { idle } = presenceLines([viewer('x', 'Minh')], [typist('contact', 'x', 'Hà')]);
    expect(idle.map((v) => v.agentId)).toEqual(['x']);
  });

  it('is empty when nobody is there', () => {
    expect(presenceLines([], [])).toEqual({ idle: [], typing: [] });
  });
});
