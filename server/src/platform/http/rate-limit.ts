import { AppError } from '../errors.ts';

/**
 * Fixed-window counters per key, in process memory. Per node: with N nodes a client gets at
 * most N× the limit, which is fine for abuse protection (login lockout is in the database).
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = opts.maxKeys ?? 100_000;
  return function hit(key: string): void {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start >= opts.windowMs) {
      if (windows.size >= maxKeys) {
        for (const [k, v] of windows) if (now - v.start >= opts.windowMs) windows.delete(k);
        if (windows.size >= maxKeys) windows.clear();
      }
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > opts.limit) {
      const retryAfter = Math.ceil((w.start + opts.windowMs - now) / 1000);
      throw new AppError('rate_limited', 'Too many requests, slow down', { retryAfterSeconds: retryAfter });
    }
  };
}
