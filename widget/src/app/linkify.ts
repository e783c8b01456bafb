/** Splits message text into plain text and http(s) links, so links are clickable without any HTML. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const urlPattern = /\bhttps?:\/\/[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}]+$/;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index ?? 0;
    const url = match[0].replace(trailing, '');
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Only same-origin paths and http(s)/blob URLs may become an href or src. */
export function safeUrl(url: string): string | undefined {
  return /^(https?:|blob:|\/(?!\/))/i.test(url) ? url : undefined;
}
