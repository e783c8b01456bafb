/**
 * A clock shared by every component that shows time moving ("5 phút trước", SLA countdowns): one
 * timer per period for the whole page, running only while someone listens, for React's
 * `useSyncExternalStore`.
 */
export function sharedClock(periodMs: number) {
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    /** The last tick; without listeners the stored instant is stale, so the time is read afresh. */
    now(): number {
      if (!timer) now = Date.now();
      return now;
    },
    /** The last tick as stored (a stable snapshot: the same number until the next tick). */
    last(): number {
      return now;
    },
  };
}
