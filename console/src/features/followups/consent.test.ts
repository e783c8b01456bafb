import { describe, expect, it } from 'vitest';
import { consentNote } from './consent.ts';
import { followupKeys } from './keys.ts';

describe('follow-up consent', () => {
  it('explains an opt-out by how it happened', () => {
    expect(consentNote(undefined)).toBeNull();
    expect(consentNote({ optedOut: false, via: null })).toBeNull();
    expect(consentNote({ optedOut: true, via: 'reply' })).toBe('byReply');
    expect(consentNote({ optedOut: true, via: 'agent' })).toBe('byAgent');
    expect(consentNote({ optedOut: true, via: null })).toBe('byAgent');
  });

  it('keeps every follow-up query under one prefix', () => {
    for (const key of [followupKeys.rules, followupKeys.sends('fur_1'), followupKeys.settings, followupKeys.consent('con_1')]) {
      expect(key[0]).toBe(followupKeys.all[0]);
    }
  });
});
