import { fold } from '@careloop/contracts';

/**
 * Where a search matched a verbatim, in the original text: the server searches the folded text
 * ("giao hang cham" finds "giao hàng chậm"), so the console folds character by character and maps
 * each folded character back to the one it came from.
 */
export function matchRanges(text: string, query: string): [number, number][] {
  const needle = fold(query).trim();
  if (!needle) return [];
  const chars = Array.from(text);
  let folded = '';
  const source: number[] = [];
  let offset = 0;
  for (const ch of chars) {
    const f = fold(ch);
    folded += f;
    for (let i = 0; i < f.length; i++) source.push(offset);
    offset += ch.length;
  }
  const ranges: [number, number][] = [];
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
    const start = source[at]!;
    const lastSource = source[at + needle.length - 1]!;
    const end = lastSource + String.fromCodePoint(text.codePointAt(lastSource)!).length;
    ranges.push([start, end]);
  }
  return ranges;
}

/** The text cut into plain and matched pieces, in order. */
export function highlightPieces(text: string, query: string): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const [start, end] of matchRanges(text, query)) {
    if (start > last) out.push({ text: text.slice(last, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    last = end;
  }
  if (last < text.length || out.length === 0) out.push({ text: text.slice(last), match: false });
  return out;
}
