import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../lib/queryKeys.ts';
import { clearLive } from './liveStore.ts';

/**
 * The socket said `ready`. On a reconnect (or when the server asks for a resync) events may have been
 * missed while it was down: forget who was viewing or typing and refetch everything cached. On the
 * first connection, what loaded before it may have missed an event in between: that is refetched
 * (usually nothing but the session, which no event changes, is there yet).
 */
export function onSocketReady(qc: QueryClient, resync: boolean): void {
  if (!resync) {
    void qc.invalidateQueries({ predicate: (q) => q.state.dataUpdatedAt > 0 && q.queryKey[0] !== keys.me[0] });
    return;
  }
  clearLive();
  void qc.invalidateQueries();
}

/** Counts are cheap to refetch; debounce so a burst of events costs one request. */
export function countsRefresher(qc: QueryClient, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void qc.invalidateQueries({ queryKey: keys.counts });
    }, delayMs);
  };
}
