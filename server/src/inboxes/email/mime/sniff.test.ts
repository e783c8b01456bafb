import { describe, expect, it } from 'vitest';
import { sniffContentType } from './sniff.ts';

const bytes = (...values: (number | string)[]) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('sniffContentType', () => {
  it.each([
    ['PNG', Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['GIF89a', Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'), 'image/gif'],
    ['GIF87a', bytes('GIF87a', 1, 0, 1, 0), 'image/gif'],
    ['WEBP', Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'), 'image/webp'],
    ['WAV', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), 'audio/wav'],
    ['HEIC (iPhone photo)', bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0, 'mif1heic'), 'image/heic'],
    ['MP4', bytes(0, 0, 0, 0x18, 'ftypmp42', 0, 0, 0, 0), 'video/mp4'],
    ['QuickTime', bytes(0, 0, 0, 0x14, 'ftypqt  ', 0, 0, 0, 0), 'video/quicktime'],
    ['PDF', bytes('%PDF-1.7\n%\u00e2\u00e3'), 'application/pdf'],
    ['ZIP', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 'notes/readme.txt'), 'application/zip'],
    ['empty ZIP', bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0), 'application/zip'],
    ['DOCX', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, '[Content_Types].xml', 0, 'word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, '[Content_Types].xml', 0, 'xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PPTX', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 'ppt/presentation.xml'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['OLE (.doc/.xls)', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0), 'application/x-ole-storage'],
    ['Windows executable', bytes('MZ', 0x90, 0, 3, 0), 'application/x-msdownload'],
    ['ELF executable', bytes(0x7f, 'ELF', 2, 1, 1), 'application/x-executable'],
    ['gzip', bytes(0x1f, 0x8b, 8, 0), 'application/gzip'],
    ['RAR', bytes('Rar!', 0x1a, 0x07, 0), 'application/vnd.rar'],
    ['7z', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0), 'application/x-7z-compressed'],
    ['MP3 with ID3', bytes('ID3', 4, 0), 'audio/mpeg'],
    ['TIFF', bytes('II*', 0, 8, 0, 0, 0), 'image/tiff'],
  ])('%s', (_name, content, expected) => {
    expect(sniffContentType(content)).toBe(expected);
  });

  it('falls back to text/plain for UTF-8 text, Vietnamese included', () => {
    expect(sniffContentType(Buffer.from('Ghi chú: giao hàng giờ hành chính.\r\n\tCảm ơn!'))).toBe('text/plain');
    expect(sniffContentType(Buffer.from('\ufeffhello'))).toBe('text/plain');
  });

  it('does not call markup plain text', () => {
    expect(sniffContentType(Buffer.from('  <!DOCTYPE html><html><script>x</script>'))).toBe('text/html');
    expect(sniffContentType(Buffer.from('<html><body>hi'))).toBe('text/html');
    expect(sniffContentType(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBe('image/svg+xml');
    expect(sniffContentType(Buffer.from('<svg onload=alert(1)>'))).toBe('image/svg+xml');
    expect(sniffContentType(Buffer.from('<?xml version="1.0"?><invoice/>'))).toBe('application/xml');
  });

  it('calls binary and non-UTF-8 text application/octet-stream', () => {
    expect(sniffContentType(bytes(0, 1, 2, 3, 250, 251))).toBe('application/octet-stream');
    expect(sniffContentType(Buffer.from('Tên tôi là Hà', 'latin1'))).toBe('application/octet-stream');
    expect(sniffContentType(Buffer.from('text with a NUL\u0000'))).toBe('application/octet-stream');
    expect(sniffContentType(Buffer.alloc(0))).toBe('application/octet-stream');
  });

  it('does not mistake a UTF-8 character cut at the 64 KiB sample edge for binary', () => {
    const text = Buffer.from('a'.repeat(64 * 1024 - 1) + 'ệ và thêm nữa');
    expect(sniffContentType(text)).toBe('text/plain');
  });
});
