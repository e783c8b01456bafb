import { describe, expect, it } from 'vitest';
import { parseJsonKeepingBigInts, quoteUnsafeIntegers } from './json.ts';

describe('parseJsonKeepingBigInts', () => {
  it('keeps integers above 2^53 exact as strings and leaves safe numbers alone', () => {
    const text = '{"id": 9007199254740993, "count": 12, "price": 240000.0000, "neg": -9007199254740993, "max": 9007199254740991}';
    expect(JSON.parse(text).id).toBe(9007199254740992); // what a plain parse does: the wrong order
    expect(parseJsonKeepingBigInts(text)).toEqual({ id: '9007199254740993', count: 12, price: 240000, neg: '-9007199254740993', max: 9007199254740991 });
  });

  it('treats 2^53 itself as unsafe (it is where rounding starts)', () => {
    expect(parseJsonKeepingBigInts('[9007199254740992]')).toEqual(['9007199254740992']);
  });

  it('never touches digits inside strings, including after escaped quotes', () => {
    const text = '{"tracking":"GHN12345678901234567","note":"say \\"12345678901234567890\\" twice","id":12345678901234567890}';
    expect(parseJsonKeepingBigInts(text)).toEqual({ tracking: 'GHN12345678901234567', note: 'say "12345678901234567890" twice', id: '12345678901234567890' });
  });

  it('leaves long decimals and exponents as numbers', () => {
    expect(parseJsonKeepingBigInts('[12345678901234567890.5, 12345678901234567890e2, 1.5e-7]')).toEqual([12345678901234567890.5, 12345678901234567890e2, 1.5e-7]);
  });

  it('works through nested arrays and objects', () => {
    const text = '{"orders":[{"id":5610000000004000,"line_items":[{"id":9007199254744003}]}]}';
    expect(parseJsonKeepingBigInts(text)).toEqual({ orders: [{ id: 5610000000004000, line_items: [{ id: '9007199254744003' }] }] });
  });

  it('returns the input unchanged when nothing needs quoting', () => {
    const text = '{"id":"12345678901234567890","n":1}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });

  it('still rejects malformed JSON', () => {
    expect(() => parseJsonKeepingBigInts('{"id": 12345678901234567890')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingBigInts('<html>')).toThrow(SyntaxError);
  });
});
