import type { BusEnvelope } from '@careloop/contracts';
import type { EventBus } from './bus.ts';
import type { Log } from '../log.ts';

const channel = 'careloop:events';

/** Multi-node bus on Redis pub/sub: every node publishes and every node (itself included) receives. */
export async function createRedisBus(url: string, log: Log): Promise<EventBus> {
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Set<(e: BusEnvelope) => void>();
  sub.on('message', (_channel: string, raw: string) => {
    let envelope: BusEnvelope;
    try {
      envelope = JSON.parse(raw) as BusEnvelope;
    } catch (err) {
      log.warn('bus: dropped a malformed event', { err });
      return;
    }
    for (const handler of handlers) handler(envelope);
  });
  await sub.subscribe(channel);
  return {
    async publish(envelope) {
      await pub.publish(channel, JSON.stringify(envelope));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
