import { describe, expect, it } from 'vitest';
import { MAX_FILENAME_CHARS, normalizeContentId, sanitizeFilename } from './attachments.ts';

describe('sanitizeFilename', () => {
  it.each([
    ['hoá đơn.pdf'.normalize('NFD'), 'hoá đơn.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\An\\Hóa đơn tháng 5.pdf', 'Hóa đơn tháng 5.pdf'],
    ['hoadon\u202Efdp.exe', 'hoadonfdp.exe'],
    ['bad\u0000name\u0007.txt', 'badname.txt'],
    ['what?<>|*:".txt', 'what_______.txt'],
    ['.htaccess', 'htaccess'],
    ['...', 'attachment'],
    ['   ', 'attachment'],
    [undefined, 'attachment'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it(`cuts long names to at most ${MAX_FILENAME_CHARS} characters and keeps the extension`, () => {
    const name = `${'Biên bản đối chiếu '.repeat(20)}.xlsx`;
    const out = sanitizeFilename(name);
    expect([...out].length).toBeLessThanOrEqual(MAX_FILENAME_CHARS);
    expect([...out].length).toBeGreaterThan(MAX_FILENAME_CHARS - 5); // only a trailing space trimmed
    expect(out.endsWith('.xlsx')).toBe(true);
    expect(out.startsWith('Biên bản đối chiếu')).toBe(true);
  });

  it('uses the fallback given', () => {
    expect(sanitizeFilename('', 'attachment.png')).toBe('attachment.png');
  });
});

describe('normalizeContentId', () => {
  it('matches cid: URLs (RFC 2392, URL-encoded) to Content-ID headers', () => {
    expect(normalizeContentId('<image001.png@01D9A1B2.C3D4E5F0>')).toBe('image001.png@01d9a1b2.c3d4e5f0');
    expect(normalizeContentId('cid:image001.png@01D9A1B2.C3D4E5F0')).toBe('image001.png@01d9a1b2.c3d4e5f0');
    expect(normalizeContentId('CID:%3Cpart1%2E06090408%40example%2Evn%3E')).toBe('part1.06090408@example.vn');
    expect(normalizeContentId('cid:bad%zzid')).toBe('bad%zzid');
    expect(normalizeContentId('')).toBeNull();
  });
});
