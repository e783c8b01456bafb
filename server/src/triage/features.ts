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

const VIETNAMESE_ONLY = /[ăắằẳẵặơớờởỡợưứừửữựđạậẹệịọộụỵảẩẻểỉỏổủỷẽễĩỗũỹẫ]/giu;
const NON_LATIN_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Khmer}\p{Script=Lao}\p{Script=Greek}\p{Script=Devanagari}]/gu;
const LETTER = /\p{L}/gu;
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
  const letters = raw.match(LETTER)?.length ?? 0;
  const vn = raw.match(VIETNAMESE_ONLY)?.length ?? 0;
  const nonLatin = raw.match(NON_LATIN_LETTER)?.length ?? 0;
  flags.push(vn === 0 ? 'vn0' : vn === 1 ? 'vn1' : 'vn2');
  if (/\p{M}/u.test(raw.normalize('NFD'))) flags.push('marks');
  if (letters === 0) flags.push('noletters');
  else if (nonLatin / letters > 0.3) flags.push('nonlatin');
  const excl = raw.match(/!/g)?.length ?? 0;
  if (excl > 0) flags.push(/!{3,}/.test(raw) || excl >= 4 ? 'excl3' : 'excl1');
  if (raw.includes('?')) flags.push('question');
  // Shop talk is full of short acronyms (SĐT, COD, GHTK), so shouting needs more than one or two.
  const capsWords = raw.match(/(?<!\p{L})\p{Lu}{4,}(?!\p{L})/gu)?.length ?? 0;
  const upper = raw.match(/\p{Lu}/gu)?.length ?? 0;
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

/** Accumulates counts per slot for one group, then adds it L2-normalised (sqrt counts) to the vector. */
class Builder {
  private readonly slots = new Map<number, number>();
  private group = new Map<number, number>();

  add(slot: number) {
    this.group.set(slot, (this.group.get(slot) ?? 0) + 1);
  }

  endGroup() {
    let norm = 0;
    for (const count of this.group.values()) norm += count; // (√count)² summed
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [slot, count] of this.group) this.slots.set(slot, (this.slots.get(slot) ?? 0) + Math.sqrt(count) * scale);
    this.group = new Map();
  }

  flag(slot: number) {
    this.slots.set(slot, (this.slots.get(slot) ?? 0) + 1);
  }

  build(): SparseVector {
    const indices = new Int32Array(this.slots.size);
    const values = new Float32Array(this.slots.size);
    let i = 0;
    for (const [slot, value] of this.slots) {
      indices[i] = slot;
      values[i++] = value;
    }
    return { indices, values };
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
