/**
 * The real type of an attachment from its first bytes. The declared Content-Type and the file name
 * are chosen by the sender; what the console previews or lets agents download is decided on this.
 * Unknown binary is `application/octet-stream`; valid UTF-8 without NULs or odd controls is `text/plain`
 * (or `text/html` / `application/xml` when it opens like markup, which must never be rendered inline).
 */
export function sniffContentType(bytes: Uint8Array): string {
  return sniffMagic(bytes) ?? sniffText(bytes) ?? 'application/octet-stream';
}

const ascii = (bytes: Uint8Array, offset: number, text: string) =>
  bytes.length >= offset + text.length && [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));

const starts = (bytes: Uint8Array, ...values: number[]) => values.every((value, i) => bytes[i] === value);

function sniffMagic(b: Uint8Array): string | null {
  if (starts(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(b, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (ascii(b, 4, 'ftyp')) return sniffIsoMedia(b);
  if (ascii(b, 0, 'II*\u0000') || ascii(b, 0, 'MM\u0000*')) return 'image/tiff';
  if (ascii(b, 0, 'BM') && b.length > 14 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0) return 'image/bmp';
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  if (starts(b, 0x50, 0x4b, 0x03, 0x04) || starts(b, 0x50, 0x4b, 0x05, 0x06)) return sniffZip(b);
  if (starts(b, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'application/x-ole-storage'; // .doc/.xls/.msg
  if (ascii(b, 0, 'MZ')) return 'application/x-msdownload';
  if (starts(b, 0x7f, 0x45, 0x4c, 0x46)) return 'application/x-executable';
  if (starts(b, 0x1f, 0x8b)) return 'application/gzip';
  if (ascii(b, 0, 'Rar!\u001a\u0007')) return 'application/vnd.rar';
  if (starts(b, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return 'application/x-7z-compressed';
  if (ascii(b, 0, 'ID3') || starts(b, 0xff, 0xfb)) return 'audio/mpeg';
  if (ascii(b, 0, 'OggS')) return 'audio/ogg';
  return null;
}

/** ISO base media (`....ftyp<brand>`): iPhone photos arrive as HEIC, videos as MP4/QuickTime. */
function sniffIsoMedia(b: Uint8Array): string {
  const brand = String.fromCharCode(...b.subarray(8, 12));
  if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (brand === 'avif') return 'image/avif';
  if (brand === 'qt  ') return 'video/quicktime';
  return 'video/mp4';
}

/**
 * OOXML files are ZIP archives whose first entry is usually `[Content_Types].xml`; the part names
 * (`word/`, `xl/`, `ppt/`) tell which application. Scans only the first 64 KiB.
 */
function sniffZip(b: Uint8Array): string {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 64 * 1024)).toString('latin1');
  if (head.includes('[Content_Types].xml') || /(?:word|xl|ppt)\//.test(head)) {
    if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  }
  return 'application/zip';
}

const TEXT_SAMPLE_BYTES = 64 * 1024;

function sniffText(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  let text: string;
  try {
    // A multi-byte character cut at the sample edge is not a reason to call the file binary.
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: bytes.length > TEXT_SAMPLE_BYTES });
  } catch {
    return null;
  }
  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return null;
  const start = text.replace(/^\ufeff/, '').trimStart().slice(0, 1024).toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!doctype svg[^>]*>\s*)?<svg\b/.test(start)) return 'image/svg+xml';
  if (start.startsWith('<!doctype html') || /^<(html|head|body|script|iframe)\b/.test(start)) return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}
