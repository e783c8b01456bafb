import { AppError } from './errors.ts';

/** Opaque keyset cursors: base64url of a small JSON array. */
export function encodeCursor(parts: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.every((p) => p === null || typeof p === 'string' || typeof p === 'number')) return parts;
  } catch { /* fall through */ }
  throw new AppError('bad_request', 'The cursor is not valid');
}

/** Split a `limit + 1` result into a page and the cursor of its last item. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number | null)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
