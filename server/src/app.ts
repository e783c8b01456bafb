import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Deps } from './platform/context.ts';
import { migrate, openDatabase, type OpenedDatabase } from './platform/db/index.ts';
import { createMemoryBus, type EventBus } from './platform/events/bus.ts';
import { createRedisBus } from './platform/events/redis.ts';
import { loadInstanceSecret } from './platform/instance.ts';
import { createLog, type Log } from './platform/log.ts';
import { createDiskStorage } from './platform/storage.ts';
import { createSecretBox, secretsKeyMaterial } from './platform/secrets.ts';
import { createHttpApp } from './http.ts';
import { createRealtime } from './realtime.ts';
import { createJobQueue, type JobQueue } from './platform/jobs/queue.ts';
import { queues, startCacheSubscribers, startWorker } from './worker.ts';
import { createThreadPool, type ThreadPool } from './platform/threads.ts';
import { threadEntry, threadTasks, type ThreadTasks } from './threads.ts';

/**
 * Assemble one CareLoop node: database (+ migrations), bus, storage, HTTP app, WebSocket hub
 * and worker. main.ts listens; tests call `app.request` in-process.
 */
export async function createCareloop(config: Readonly<Config>, opts: { log?: Log; worker?: boolean; database?: OpenedDatabase } = {}) {
  const log = opts.log ?? createLog(config.logLevel, { node: config.nodeId });
  // A database handed in (tests share one per worker) is not ours to close.
  const opened = opts.database ? { ...opts.database, close: async () => undefined } : await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, prepare: config.databasePrepare, log });
  let bus: EventBus | null = null;
  let jobs: JobQueue | null = null;
  let threads: ThreadPool<ThreadTasks> | null = null;
  try {
    const applied = await migrate(opened.db);
    if (applied.length) log.info('migrations applied', { applied });
    const secret = await loadInstanceSecret(opened.db);
    bus = config.redisUrl ? await createRedisBus(config.redisUrl, log) : createMemoryBus();
    const worker = opts.worker !== false;
    jobs = await createJobQueue(opened.db, log, { supervise: worker, queues });
    threads = createThreadPool({ threads: config.mailThreads, tasks: threadTasks, entry: threadEntry, log });
    const deps: Deps = { config, db: opened.db, bus, log, storage: createDiskStorage(join(config.dataDir, 'files')), secret, jobs, threads,
      secrets: createSecretBox(secretsKeyMaterial(config.secretsKey, config.dataDir)) };
    const app = createHttpApp(deps);
    const hub = createRealtime(deps);
    const stopCaches = startCacheSubscribers(deps);
    const stopWorker = worker ? await startWorker(deps) : async () => undefined;
    return {
      deps,
      app,
      hub,
      dbKind: opened.kind,
      async close() {
        stopCaches();
        await stopWorker();
        await deps.jobs.stop();
        await hub.close();
        await deps.bus.close();
        await deps.threads.close();
        await opened.close();
      },
    };
  } catch (err) {
    await jobs?.stop();
    await bus?.close();
    await threads?.close();
    await opened.close();
    throw err;
  }
}
export type Careloop = Awaited<ReturnType<typeof createCareloop>>;
