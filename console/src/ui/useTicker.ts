import { useSyncExternalStore } from 'react';

/**
 * One shared clock ticking every second for every live countdown on screen (SLA chips). A component
 * reads a primitive derived from the clock ("4 phút 12 giây"): React re-renders it only when that
 * value changes, so a list of fifty chips costs no list re-render and only the chips whose text moved.
 * The timer runs while at least one component listens.
 */
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useTicker<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  // Without listeners the stored instant is stale: read the time afresh until the timer runs.
  return useSyncExternalStore(subscribe, () => derive(timer ? now : (now = Date.now())), () => derive(Date.now()));
}
