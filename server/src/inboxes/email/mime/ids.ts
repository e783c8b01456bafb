/**
 * Message-ID normalisation (spec §6.2): strip `<>` and whitespace, lowercase the domain part only
 * (the local part of our own ids carries case-sensitive data).
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>]*)>/.exec(value);
  const raw = (bracketed ? bracketed[1]! : value).replace(/[\s<>]+/g, '');
  if (!raw) return null;
  const at = raw.lastIndexOf('@');
  return at < 0 ? raw : raw.slice(0, at) + '@' + raw.slice(at + 1).toLowerCase();
}

/** At most this many ids are read from one References header: a bound on hostile input, not on threading. */
export const MAX_REFERENCES = 100;

/**
 * Every Message-ID in a References / In-Reply-To value, oldest first (newest last), deduplicated.
 * Accepts what mailparser gives (a string or a string array) and raw folded header text alike.
 * Ids are taken from `<…>` groups; a value without brackets is split on whitespace and commas and only
 * tokens with an `@` are kept, so a stray comment is not mistaken for an id.
 */
export function normalizeReferences(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
  const candidates = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/).filter((token) => token.includes('@'));
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const candidate of candidates) {
    const id = normalizeMessageId(candidate);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids.slice(-MAX_REFERENCES);
}

/** The first id of an In-Reply-To value; clients sometimes append a comment ("… (message from X)"). */
export function normalizeInReplyTo(value: string | readonly string[] | null | undefined): string | null {
  return normalizeReferences(value)[0] ?? null;
}
