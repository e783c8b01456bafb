import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { parseJsonLossless } from './json.ts';
import { fixtureBytes } from './fixtures/load.ts';

describe('parseJsonLossless', () => {
  it('keeps int64 ids exact where JSON.parse rounds them', () => {
    const text = '{"id":5123456789012345678,"neg":-9223372036854775808,"n":[9007199254740993]}';
    expect(JSON.parse(text).id).toBe(5123456789012346000);
    expect(parseJsonLossless(text)).toEqual({ id: '5123456789012345678', neg: '-9223372036854775808', n: ['9007199254740993'] });
  });

  it('leaves safe integers, decimals and exponents as numbers', () => {
    expect(parseJsonLossless('[9007199254740991,150000.00,1.5e3,-0.25,0]')).toEqual([9007199254740991, 150000, 1500, -0.25, 0]);
  });

  it('does not touch digits inside strings', () => {
    expect(parseJsonLossless('{"note":"\\":5123456789012345678"}')).toEqual({ note: '":5123456789012345678' });
  });

  it('matches JSON.parse on escapes, Vietnamese and surrogate pairs', () => {
    const text = '{"a":"Nguy\\u1ec5n \\u0110\\u01a1n","b":"tab\\t\\/\\"\\\\","c":"\\ud83d\\ude00 Hà Nội","d":[true,false,null,{}],"e":[]}';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
  });

  it('matches JSON.parse on every fixture with small ids', () => {
    const dir = new URL('./fixtures/', import.meta.url);
    for (const name of readdirSync(dir).filter((f) => f.startsWith('woo') || f.startsWith('haravan') || f.startsWith('sapo'))) {
      const text = fixtureBytes(name).toString('utf8');
      expect(parseJsonLossless(text), name).toEqual(JSON.parse(text));
    }
  });

  it('makes __proto__ an own property, like JSON.parse', () => {
    const v = parseJsonLossless('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['', '{', '{"a":1,}', '[1,]', '01', '{"a" 1}', '"\u0001"', '"abc', '{"a":1} x', "{'a':1}", '[-]', '"\\x41"', 'nul', '[1 2]'])(
    'rejects invalid JSON %j',
    (text) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
    },
  );

  it('rejects absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonLossless('['.repeat(10_000) + ']'.repeat(10_000))).toThrow(/too deeply/);
  });
});
