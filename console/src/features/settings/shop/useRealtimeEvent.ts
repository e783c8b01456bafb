import { useEffect, useRef } from 'react';
import type { RealtimeEvent } from '@careloop/contracts';

/** `app/realtime.tsx` re-dispatches every socket event on `window` under this name, so a screen can listen without touching the cache layer. */
export const realtimeDomEvent = 'careloop:realtime';

type EventOf<T extends RealtimeEvent['type']> = Extract<RealtimeEvent, { type: T }>;

/** Calls `handler` for each realtime event of `type` while the calling view is mounted. */
export function useRealtimeEvent<T extends RealtimeEvent['type']>(type: T, handler: (event: EventOf<T>) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = (e: Event) => {
      const event = (e as CustomEvent<RealtimeEvent | undefined>).detail;
      if (event?.type === type) latest.current(event as EventOf<T>);
    };
    window.addEventListener(realtimeDomEvent, listener);
    return () => window.removeEventListener(realtimeDomEvent, listener);
  }, [type]);
}
