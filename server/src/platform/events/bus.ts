import type { BusEnvelope } from '@careloop/contracts';

/**
 * The event bus carries committed domain events to every node. Each node hands what it
 * receives to its local subscribers (realtime hub, workers). Publishing happens after commit.
 */
export interface EventBus {
  publish(envelope: BusEnvelope): Promise<void>;
  subscribe(handler: (envelope: BusEnvelope) => void): () => void;
  close(): Promise<void>;
}

/** Single-node bus: handlers run on the next tick, as they would after a network hop. */
export function createMemoryBus(): EventBus {
  const handlers = new Set<(e: BusEnvelope) => void>();
  return {
    async publish(envelope) {
      queueMicrotask(() => {
        for (const handler of handlers) handler(envelope);
      });
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
