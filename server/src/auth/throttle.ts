import type { Database } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { clearThrottle, findThrottle, saveThrottle } from './store.ts';

/** After this many failures within the window, the key is locked for `lockMs`. */
const rules = { email: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }, ip: { failures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } };

export const lockedOut = () => new AppError('locked_out', 'Too many failed sign-ins. Try again in a few minutes.');

export async function assertNotLocked(db: Database, keys: { kind: 'email' | 'ip'; key: string }[]) {
  for (const { key } of keys) {
    const row = await findThrottle(db, key);
    if (row?.locked_until && row.locked_until > new Date()) throw lockedOut();
  }
}

export async function recordFailure(db: Database, keys: { kind: 'email' | 'ip'; key: string }[]) {
  const now = new Date();
  for (const { kind, key } of keys) {
    const rule = rules[kind];
    const row = await findThrottle(db, key);
    const fresh = !row || now.getTime() - row.window_started_at.getTime() > rule.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    await saveThrottle(db, {
      key,
      failures,
      window_started_at: fresh ? now : row.window_started_at,
      locked_until: failures >= rule.failures ? new Date(now.getTime() + rule.lockMs) : null,
    });
  }
}

export const recordSuccess = (db: Database, emailKey: string) => clearThrottle(db, emailKey);
