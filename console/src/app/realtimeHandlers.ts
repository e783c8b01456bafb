import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../lib/queryKeys.ts';
import { clearLive } from './liveStore.ts';

/**
 * The socket said `ready`. On a reconnect (or when the server asks for a resync) events may have been
 * missed while it was down: forget who was viewing or typing and refetch everything cached.
 */
export function onSocketReady(qc: QueryClient, resync: boolean): void {
  if (!resync) return;
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
