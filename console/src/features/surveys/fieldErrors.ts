import { serverIssues } from '../settings/serverIssues.ts';

/**
 * Field errors of the survey forms, one map from a dotted field path ("texts.vi.invitation",
 * "reward.maxDiscount") to the i18n key of its message. The same contract schema the server uses
 * checks the form before it is sent; whatever the server still refuses (its own rules: "a survey
 * keeps its kind", "NPS is not sent on resolve") lands on the same fields.
 */
export type FieldErrors = ReadonlyMap<string, string>;

interface Schema { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Groups whose fields read better with their group's name ("reward.value" → "rewardValue"). */
const prefixed = new Set(['followUps', 'reward', 'recovery', 'audience']);

/** The message key of a path: numbers dropped, texts by their role, grouped fields by group and field. */
export function errorKeyOf(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  const first = parts[0] ?? 'form';
  const last = parts[parts.length - 1] ?? 'form';
  if (first === 'texts') return parts.length > 2 ? last : 'texts';
  if (prefixed.has(first) && parts.length > 1) return first === 'followUps' ? `followUp${cap(last)}` : `${first}${cap(last)}`;
  return first;
}

const mapOf = (paths: string[]): FieldErrors => new Map(paths.map((p) => [p, `surveys.invalid.${errorKeyOf(p)}`]));

/** What the contract's schema refuses in the form's value. */
export function clientErrors(schema: Schema, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  return parsed.success ? new Map() : mapOf(parsed.error.issues.map((i) => i.path.map(String).join('.')));
}

/** The fields a `validation_failed` answer names (zod issues or a service rule's `{ field }`). */
export function serverErrors(error: unknown): FieldErrors {
  return mapOf(serverIssues(error).map((i) => i.path).filter(Boolean));
}

export function mergeErrors(...maps: FieldErrors[]): FieldErrors {
  return new Map(maps.flatMap((m) => [...m]));
}

/** The message key at exactly `path`, or (with `below`) at the first field under it. */
export function errorAt(errors: FieldErrors, path: string, below = false): string | undefined {
  const exact = errors.get(path);
  if (exact || !below) return exact;
  for (const [p, key] of errors) if (p.startsWith(`${path}.`)) return key;
  return undefined;
}
