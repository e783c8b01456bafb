/**
 * Text → sparse hashed feature vector for the triage classifier.
 *
 * The text is capped, folded (`fold`: no diacritics, đ→d, lower case), and normalised: URLs, emails,
 * phone numbers, order numbers, money and other numbers become placeholder tokens; letters repeated
 * three times or more collapse to one ("quaaaa" → "qua"); common Vietnamese chat abbreviations are
 * spelled out ("ko" → "khong", "dc" → "duoc"). From that token list come word unigrams and bigrams
 * and character 3–5-grams, and from the raw text a few signals folding loses: Vietnamese-only letters
 * (language), "!!!", ALL CAPS, elongated words, emoji (urgency, sentiment).
 *
 * Every feature is a string hashed with FNV-1a into a fixed space of `FEATURE_DIM` slots. Each group
 * (words, bigrams, characters) is L2-normalised on its own with sublinear counts, so a long message
 * does not drown its signals, and flags weigh 1.
 *
 * Changing anything here changes what a trained model means: bump `FEATURES_VERSION` and rebuild
 * model.json (`npx tsx server/src/triage/build-model.ts`); a test fails until you do.
 */
import { fold } from '@careloop/contracts';
import { triageMaxChars } from '@careloop/contracts';

export const FEATURES_VERSION = 1;
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

/** A sparse vector: parallel arrays, indices unique, not sorted. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of UTF-16 code units `s[start..end)`, continuing from `seed`. */
export function fnv1a(s: string, seed = FNV_OFFSET, start = 0, end = s.length): number {
  let h = seed;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The slot of a feature string, e.g. `hashFeature('w:', 'giao')`. */
export const hashFeature = (prefix: string, text: string): number => fnv1a(text, fnv1a(prefix)) & MASK;

// Seeds of the feature namespaces, so "w:giao" and "c:giao" land in unrelated slots.
const SEED_WORD = fnv1a('w:');
const SEED_BIGRAM = fnv1a('b:');
const SEED_CHAR = fnv1a('c:');
const SEED_META = fnv1a('m:');

/** Common Vietnamese chat spellings (folded) and what they stand for; kept to those rarely meaning anything else. */
const ABBREVIATIONS = new Map(Object.entries({
  ko: 'khong', k: 'khong', khg: 'khong', hok: 'khong', hk: 'khong', hem: 'khong', khum: 'khong',
  dc: 'duoc', j: 'gi', r: 'roi', z: 'vay', v: 'vay', vs: 'voi', mk: 'minh', mik: 'minh', mh: 'minh',
  sp: 'san pham', sdt: 'so dien thoai', dt: 'dien thoai', ib: 'inbox', ad: 'admin', nv: 'nhan vien', ntn: 'nhu the nao',
  bh: 'bao gio', bgio: 'bao gio', hnay: 'hom nay', hqua: 'hom qua', trc: 'truoc', lm: 'lam', ns: 'noi', cx: 'cung', cg: 'cung',
  thik: 'thich', ng: 'nguoi', mn: 'moi nguoi', nhg: 'nhung', tks: 'thanks', thx: 'thanks', pls: 'please', plz: 'please',
  u: 'you', ur: 'your', hic: 'huhu', hix: 'huhu', oke: 'ok', okie: 'ok', okela: 'ok', okay: 'ok',
}));

const VIETNAMESE_ONLY = /[ăắằẳẵặơớờởỡợưứừửữựđạậẹệịọộụỵảẩẻểỉỏổủỷẽễĩỗũỹẫ]/iu;
const NON_LATIN_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Khmer}\p{Script=Lao}\p{Script=Greek}\p{Script=Devanagari}]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/** What a code point is, as bits: the four classes above. */
const IS_LETTER = 1;
const IS_UPPER = 2;
const IS_VIETNAMESE = 4;
const IS_NON_LATIN = 8;
const classOf = (char: string) =>
  (LETTER.test(char) ? IS_LETTER : 0) | (UPPER.test(char) ? IS_UPPER : 0) | (VIETNAMESE_ONLY.test(char) ? IS_VIETNAMESE : 0) | (NON_LATIN_LETTER.test(char) ? IS_NON_LATIN : 0);
/** The classes of BMP code points, each worked out from the same patterns the first time it is seen. */
const UNKNOWN = 255;
let bmpClasses: Uint8Array | null = null;

/** Counts of letters, upper-case letters, Vietnamese-only and non-Latin letters, and runs of 4+ capitals. */
interface LetterCounts { letters: number; upper: number; vn: number; nonLatin: number; capsWords: number }

/**
 * One pass over the code points: the same counts as matching each pattern globally, without making an
 * array of every letter. A caps word is a run of letters, all upper case, at least four long
 * (what `(?<!\p{L})\p{Lu}{4,}(?!\p{L})` matches).
 */
export function letterCounts(text: string): LetterCounts {
  const table = (bmpClasses ??= new Uint8Array(0x10000).fill(UNKNOWN));
  const counts = { letters: 0, upper: 0, vn: 0, nonLatin: 0, capsWords: 0 };
  let run = 0;
  let runAllUpper = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bits: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bits = classOf(text.slice(i, i + 2));
      i++;
    } else {
      bits = table[code]!;
      // A lone surrogate is no letter (the patterns see it as itself, and match nothing).
      if (bits === UNKNOWN) bits = table[code] = code >= 0xd800 && code <= 0xdfff ? 0 : classOf(String.fromCharCode(code));
    }
    if (bits & IS_LETTER) {
      counts.letters++;
      run++;
      if (!(bits & IS_UPPER)) runAllUpper = false;
    } else {
      if (run >= 4 && runAllUpper) counts.capsWords++;
      run = 0;
      runAllUpper = true;
    }
    if (bits & IS_UPPER) counts.upper++;
    if (bits & IS_VIETNAMESE) counts.vn++;
    if (bits & IS_NON_LATIN) counts.nonLatin++;
  }
  if (run >= 4 && runAllUpper) counts.capsWords++;
  return counts;
}
const POSITIVE_EMOJI = /[😀😁😂😃😄😅😆😊😍🥰😘😻👍👌💯🎉❤💕💖💗💓💞🌹🌸🥳🤩✨]|:\)+|:d\b|<3/gu;
const NEGATIVE_EMOJI = /[😠😡🤬😤😞😢😭😩😫😒🙄👎💔😣😖😓😔☹🙁😰😱]|:\(+/gu;
const OTHER_EMOJI = /\p{Extended_Pictographic}/gu;

/** Placeholders, applied in this order to the folded text. */
const PLACEHOLDERS: [RegExp, string][] = [
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, ' <email> '],
  [/\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|vn|net|org|shop|me|ly)(?:\/\S*)?/g, ' <url> '],
  [/#\s?\d{3,}/g, ' <order_no> '],
  [/\b(dh|ma don|don hang|don|order|order no|mvd)(\s?[:#]?\s?)[a-z]{0,4}\d{4,}[a-z0-9]*/g, ' $1 <order_no> '],
  [/\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{8,}\b/g, ' <code> '],
  [/(?<![\d.,])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g, ' <phone> '],
  [/\$\s?\d+(?:[.,]\d+)?|\b\d+(?:[.,]\d+)*\s?(?:k|d|vnd|dong|tr|trieu|cu|usd|\$)(?![a-z])/g, ' <money> '],
  [/\d+/g, ' <num> '],
];

const TOKEN = /<[a-z_]+>|\p{L}+/gu;

export interface Normalized {
  /** Folded, normalised tokens; placeholders `<url>` `<email>` `<phone>` `<order_no>` `<code>` `<money>` `<num>` `<emo_pos>` `<emo_neg>` `<emoji>`. */
  tokens: string[];
  /** Flags from the raw text, e.g. `vn2` (two or more Vietnamese-only letters), `caps`, `excl3`. */
  flags: string[];
}

/** Cap, fold, replace entities, collapse repeats, expand abbreviations; plus flags from the raw text. */
export function normalizeText(input: string): Normalized {
  const raw = input.length > triageMaxChars ? input.slice(0, triageMaxChars) : input;
  const flags: string[] = [];
  const { letters, upper, vn, nonLatin, capsWords } = letterCounts(raw);
  flags.push(vn === 0 ? 'vn0' : vn === 1 ? 'vn1' : 'vn2');
  if (/\p{M}/u.test(raw.normalize('NFD'))) flags.push('marks');
  if (letters === 0) flags.push('noletters');
  else if (nonLatin / letters > 0.3) flags.push('nonlatin');
  const excl = raw.match(/!/g)?.length ?? 0;
  if (excl > 0) flags.push(/!{3,}/.test(raw) || excl >= 4 ? 'excl3' : 'excl1');
  if (raw.includes('?')) flags.push('question');
  // Shop talk is full of short acronyms (SĐT, COD, GHTK), so shouting needs more than one or two.
  if (capsWords >= 3 || (letters >= 8 && upper / letters > 0.6)) flags.push('caps');

  let text = fold(raw);
  const pos = text.match(POSITIVE_EMOJI)?.length ?? 0;
  const neg = text.match(NEGATIVE_EMOJI)?.length ?? 0;
  text = text.replace(POSITIVE_EMOJI, ' <emo_pos> ').replace(NEGATIVE_EMOJI, ' <emo_neg> ').replace(OTHER_EMOJI, ' <emoji> ');
  if (pos > 0) flags.push('emopos');
  if (neg > 0) flags.push('emoneg');
  for (const [pattern, token] of PLACEHOLDERS) text = text.replace(pattern, token);
  const collapsed = text.replace(/([a-z])\1{2,}/g, '$1');
  if (collapsed !== text) flags.push('elongated');

  const tokens: string[] = [];
  for (const word of collapsed.match(TOKEN) ?? []) {
    const full = ABBREVIATIONS.get(word);
    if (full === undefined) tokens.push(word);
    else for (const part of full.split(' ')) tokens.push(part);
  }
  flags.push(tokens.length <= 3 ? 'len_short' : tokens.length <= 25 ? 'len_mid' : 'len_long');
  return { tokens, flags };
}

/**
 * Accumulates counts per slot for one group, then adds it L2-normalised (sqrt counts) to the vector.
 * Dense per-slot arrays (2 MB, made on first use and reused: `vectorize` is synchronous) instead of Maps:
 * several times faster on a mail-sized text. Slots keep the order they were first seen in, as Maps did,
 * so the vector (and the float sums over it) are the same.
 */
class Builder {
  private static groupCount: Uint32Array | null = null;
  private static vectorPosition: Int32Array | null = null;
  private readonly groupCount = (Builder.groupCount ??= new Uint32Array(FEATURE_DIM));
  /** Position + 1 of a slot in `slots`; 0 when not in the vector yet. */
  private readonly position = (Builder.vectorPosition ??= new Int32Array(FEATURE_DIM));
  private readonly groupSlots: number[] = [];
  private readonly slots: number[] = [];
  private readonly values: number[] = [];

  add(slot: number) {
    if (this.groupCount[slot]!++ === 0) this.groupSlots.push(slot);
  }

  endGroup() {
    let norm = 0;
    for (const slot of this.groupSlots) norm += this.groupCount[slot]!; // (√count)² summed
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const slot of this.groupSlots) {
      this.addValue(slot, Math.sqrt(this.groupCount[slot]!) * scale);
      this.groupCount[slot] = 0;
    }
    this.groupSlots.length = 0;
  }

  flag(slot: number) {
    this.addValue(slot, 1);
  }

  private addValue(slot: number, value: number) {
    const at = this.position[slot]!;
    if (at === 0) {
      this.slots.push(slot);
      this.values.push(0 + value);
      this.position[slot] = this.slots.length;
    } else {
      this.values[at - 1]! += value;
    }
  }

  /** The vector; the shared arrays are left clean for the next call. */
  build(): SparseVector {
    for (const slot of this.groupSlots) this.groupCount[slot] = 0;
    for (const slot of this.slots) this.position[slot] = 0;
    return { indices: Int32Array.from(this.slots), values: Float32Array.from(this.values) };
  }
}

/** Features of an already normalised text (training normalises once and reuses). */
export function vectorize({ tokens, flags }: Normalized): SparseVector {
  const b = new Builder();
  for (const t of tokens) b.add(fnv1a(t, SEED_WORD) & MASK);
  b.endGroup();
  for (let i = 0; i + 1 < tokens.length; i++) b.add(fnv1a(tokens[i + 1]!, fnv1a(' ', fnv1a(tokens[i]!, SEED_BIGRAM))) & MASK);
  b.endGroup();
  // Character n-grams over " tok1 tok2 … ", hashed straight from the string without slicing.
  const s = ` ${tokens.join(' ')} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= s.length; i++) b.add(fnv1a(s, SEED_CHAR, i, i + n) & MASK);
  }
  b.endGroup();
  for (const f of flags) b.flag(fnv1a(f, SEED_META) & MASK);
  return b.build();
}

/** Text → features: `vectorize(normalizeText(text))`. */
export const featurize = (text: string): SparseVector => vectorize(normalizeText(text));
