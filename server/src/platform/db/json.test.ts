import { describe, expect, it } from 'vitest';
import { jsonParam } from './json.ts';

describe('jsonParam', () => {
  it('is plain JSON, and strips NUL (which PostgreSQL text cannot hold) wherever it hides', () => {
    expect(jsonParam([{ a: 'Áo dài', n: 1 }])).toBe('[{"a":"Áo dài","n":1}]');
    expect(JSON.parse(jsonParam([{ a: 'x\u0000y', nested: { b: ['\u0000z'] } }]))).toEqual([{ a: 'xy', nested: { b: ['z'] } }]);
    // A literal backslash-u sequence typed by a customer is text, not a NUL.
    expect(JSON.parse(jsonParam({ a: 'C:\\u0000' }))).toEqual({ a: 'C:\\u0000' });
  });
});
