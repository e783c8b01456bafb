import { describe, expect, it } from 'vitest';
import { cleanDisplayName, extractAddresses } from './addresses.ts';
import { MAX_REFERENCES, normalizeInReplyTo, normalizeMessageId, normalizeReferences } from './ids.ts';

describe('normalizeMessageId', () => {
  it.each([
    ['<abc@Mail.Example.COM>', 'abc@mail.example.com'],
    ['  < c.cv_01JV.m.msg_01JV.1a2b3c4d@MAIL.example.com >  ', 'c.cv_01JV.m.msg_01JV.1a2b3c4d@mail.example.com'],
    ['CAJx8P1v2Q@mail.gmail.com', 'CAJx8P1v2Q@mail.gmail.com'],
    ['<a@b@C.D>', 'a@b@c.d'],
    ['<no-domain>', 'no-domain'],
    ['<>', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMessageId(input)).toBe(expected);
  });

  it('keeps the case of the local part (our ids carry base32 ids)', () => {
    expect(normalizeMessageId('<c.cv_01JV3Q8Z.m.msg_01JV3QB1.1A2B3C4D@Mail.Example.Com>')).toBe('c.cv_01JV3Q8Z.m.msg_01JV3QB1.1A2B3C4D@mail.example.com');
  });
});

describe('normalizeReferences', () => {
  it('reads a folded header string, oldest first', () => {
    expect(normalizeReferences('<a@X.com>\r\n\t<b@y.com>\n <c@z.com>')).toEqual(['a@x.com', 'b@y.com', 'c@z.com']);
  });

  it('reads what mailparser gives: a string or an array', () => {
    expect(normalizeReferences('<a@x.com>')).toEqual(['a@x.com']);
    expect(normalizeReferences(['<a@x.com>', '<b@y.com> <c@z.com>'])).toEqual(['a@x.com', 'b@y.com', 'c@z.com']);
  });

  it('handles commas between ids, ids without brackets, and drops duplicates', () => {
    expect(normalizeReferences('<a@x.com>,<b@y.com>, <A@X.COM>')).toEqual(['a@x.com', 'b@y.com', 'A@x.com']);
    expect(normalizeReferences('a@x.com b@Y.com (comment) a@x.com')).toEqual(['a@x.com', 'b@y.com']);
    expect(normalizeReferences('')).toEqual([]);
    expect(normalizeReferences(null)).toEqual([]);
  });

  it(`keeps the newest ${MAX_REFERENCES} ids of a hostile header`, () => {
    const ids = Array.from({ length: 250 }, (_, i) => `<id${i}@x.com>`).join(' ');
    const refs = normalizeReferences(ids);
    expect(refs).toHaveLength(MAX_REFERENCES);
    expect(refs.at(-1)).toBe('id249@x.com');
  });

  it('In-Reply-To: the first id, ignoring a trailing comment', () => {
    expect(normalizeInReplyTo('<abc@X.org> (Nguyen\'s message of "Mon, 12 May 2025")')).toBe('abc@x.org');
    expect(normalizeInReplyTo('Your message of Monday')).toBeNull();
  });
});

describe('display names and loose addresses', () => {
  it.each([
    ['  Nguyễn   Văn An ', 'Nguyễn Văn An'],
    ['Nguye\u0302\u0303n', 'Nguyễn'],
    ['Admin\u0000\u202Egnp.exe', 'Admingnp.exe'],
    ['Line\r\nbreak\tname', 'Line break name'],
    ['\u001b[31mRed\u001b[0m Shop', 'Red Shop'],
    ['Bidi \u2066isolate\u2069 \u200Fmark', 'Bidi isolate mark'],
    [null, ''],
  ])('cleanDisplayName(%j) → %j', (input, expected) => {
    expect(cleanDisplayName(input)).toBe(expected);
  });

  it('extractAddresses takes bracketed or bare addresses, lowercased', () => {
    expect(extractAddresses('Reply+Tok@Inbound.Example.com')).toEqual(['reply+tok@inbound.example.com']);
    expect(extractAddresses('"Shop, VN" <a@x.vn>, b@y.vn; c@z.vn')).toEqual(['a@x.vn', 'b@y.vn', 'c@z.vn']);
    expect(extractAddresses('<>')).toEqual([]);
    expect(extractAddresses('MAILER-DAEMON')).toEqual([]);
  });
});
