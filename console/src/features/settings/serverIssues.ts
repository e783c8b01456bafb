import { isApiError } from '../../lib/api.ts';

/** One refused field of a `validation_failed` answer: its dotted path ("actions.1.url"), the server's message and zod code. */
export interface ServerIssue { path: string; message: string; code: string | null }

const pathOf = (p: unknown): string => (Array.isArray(p) ? p.map(String).join('.') : typeof p === 'string' ? p : '');

/**
 * Every field a `validation_failed` answer names, whatever shape it used: zod issues
 * (`{ issues: [{ path, message, code }] }`), a list of fields (`{ fields: [...] }`) or one field with the
 * error's message (`{ field }`, from a service rule such as "closing time is not after opening time").
 */
export function serverIssues(error: unknown): ServerIssue[] {
  if (!isApiError(error, 'validation_failed')) return [];
  const details = error.details as { issues?: unknown; fields?: unknown; field?: unknown } | unknown[] | null | undefined;
  const issues = Array.isArray(details) ? details : Array.isArray(details?.issues) ? details.issues : [];
  const out: ServerIssue[] = issues.map((raw) => {
    const issue = raw as { path?: unknown; message?: unknown; code?: unknown };
    return { path: pathOf(issue.path), message: typeof issue.message === 'string' ? issue.message : error.message, code: typeof issue.code === 'string' ? issue.code : null };
  });
  if (!Array.isArray(details) && Array.isArray(details?.fields)) {
    for (const f of details.fields) if (typeof f === 'string') out.push({ path: f, message: error.message, code: null });
  }
  if (!Array.isArray(details) && typeof details?.field === 'string') out.push({ path: details.field, message: error.message, code: null });
  return out;
}

/** The issues at `prefix` or below it ("conditions.all.0" holds "conditions.all.0.value"). */
export function issuesAt(issues: readonly ServerIssue[], prefix: string, { exact = false } = {}): ServerIssue[] {
  return issues.filter((i) => i.path === prefix || (!exact && i.path.startsWith(`${prefix}.`)));
}
