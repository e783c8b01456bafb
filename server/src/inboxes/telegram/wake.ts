import type { Deps } from '../../platform/context.ts';

const wakers = new WeakMap<Deps, () => void>();

/** The poller of this node (telegram/polling.ts) registers here; a web node without one ignores the call. */
export const onTelegramPollingWake = (deps: Deps, wake: (() => void) | null) => void (wake ? wakers.set(deps, wake) : wakers.delete(deps));

/** A bot was just set to polling, or its token changed: this node looks for bots to poll now, not at its next scan. */
export const wakeTelegramPolling = (deps: Deps) => wakers.get(deps)?.();
