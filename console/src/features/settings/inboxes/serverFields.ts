import { isApiError } from '../../../lib/api.ts';

/**
 * The form fields a `validation_failed` answer names, for an inbox whose settings sit under `section`
 * (`phone`, `form`): `details.fields` (`['phone.displayNumber']`) or the schema issues' paths
 * (`['form', 'color']`, `'name'`). Paths to anything the form does not show are left out.
 */
export function serverFieldsOf<F extends string>(error: unknown, section: string, known: readonly F[]): Set<F> {
  const out = new Set<F>();
  if (!isApiError(error, 'validation_failed')) return out;
  const fieldOf = (path: readonly unknown[]): F | null => {
    const [first, second] = path.map(String);
    const field = first === section ? second : first;
    return field && (known as readonly string[]).includes(field) ? (field as F) : null;
  };
  const details = error.details as { fields?: unknown; issues?: unknown } | unknown[] | null | undefined;
  const fields = !Array.isArray(details) && Array.isArray(details?.fields) ? details.fields : [];
  const issues = Array.isArray(details) ? details : Array.isArray(details?.issues) ? details.issues : [];
  const paths = [
    ...fields.filter((f): f is string => typeof f === 'string').map((f) => f.split('.')),
    ...issues.map((issue) => (issue as { path?: unknown }).path).map((p) => (Array.isArray(p) ? p : typeof p === 'string' ? p.split('.') : [])),
  ];
  for (const path of paths) {
    const field = fieldOf(path);
    if (field) out.add(field);
  }
  return out;
}

/** A `safeParse` result shaped for `useSettingsDraft`: one issue per form field. */
export type DraftParse<T> = { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };

/** Maps a contract schema's issues on an API body back to the form's fields (unknown paths count as `fallback`). */
export function draftParse<T, F extends string>(form: T, issues: readonly { path: readonly PropertyKey[] }[] | null, section: string, known: readonly F[], fallback: F): DraftParse<T> {
  if (!issues) return { success: true, data: form };
  const fields = new Set(issues.map((issue) => {
    const [first, second] = issue.path.map(String);
    const field = first === section ? second : first;
    return field && (known as readonly string[]).includes(field) ? field : fallback;
  }));
  return { success: false, error: { issues: [...fields].map((field) => ({ path: [field] })) } };
}
