import { useSyncExternalStore } from 'react';
import { sharedClock } from './sharedClock.ts';

/**
 * One clock ticking every second for every live countdown on screen (SLA chips). A component reads
 * a primitive derived from the clock ("4 phút 12 giây"): React re-renders it only when that value
 * changes, so a list of fifty chips costs no list re-render and only the chips whose text moved.
 */
const clock = sharedClock(1000);

export function useTicker<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  return useSyncExternalStore(clock.subscribe, () => derive(clock.now()), () => derive(Date.now()));
}
