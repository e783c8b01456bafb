import { describe, expect, it } from 'vitest';
import { parseFrameHash } from './hash.ts';

describe('parseFrameHash', () => {
  it('reads token, origin and locale from the hash the loader builds', () => {
    const hash = '#' + new URLSearchParams({ token: 'wt_abc', origin: 'https://shop.vn', locale: 'en' }).toString();
    expect(parseFrameHash(hash)).toEqual({ token: 'wt_abc', origin: 'https://shop.vn', locale: 'en' });
  });

  it('keeps ports and rejects origins that are not bare http(s) origins', () => {
    expect(parseFrameHash('#token=t&origin=http%3A%2F%2Flocalhost%3A5173').origin).toBe('http://localhost:5173');
    expect(parseFrameHash('#token=t&origin=https%3A%2F%2Fshop.vn%2Fpath').origin).toBeNull();
    expect(parseFrameHash('#token=t&origin=javascript%3Aalert(1)').origin).toBeNull();
    expect(parseFrameHash('#token=t&origin=*').origin).toBeNull();
  });

  it('returns nulls for a missing or empty hash', () => {
    expect(parseFrameHash('')).toEqual({ token: null, origin: null, locale: null });
    expect(parseFrameHash('#token=&locale=')).toEqual({ token: null, origin: null, locale: null });
  });
});
