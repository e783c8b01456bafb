import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/index.ts';
import type { Log } from '../log.ts';

/**
 * The durable job queue: pg-boss 10 (the newest that runs on Node 20) in its own schema, on the same
 * database as everything else — PGlite or PostgreSQL — through our Kysely connection, so one code
 * path serves both. Jobs are rows: they survive restarts, are retried with backoff and end in a
 * `failed` state that stays visible (`docs/decisions/0008-job-queue.md`).
 *
 * Enqueue with the caller's transaction handle and the job exists exactly when the transaction
 * commits (an outbox): an email reply and its delivery job are stored together or not at all.
 */
export interface JobOptions {
  /** Not before this time (SLA timers, scheduled sends). */
  startAfter?: Date;
  /** At most one queued job with this key per queue (pg-boss singleton). */
  singletonKey?: string;
}

export interface QueueDefinition<T = unknown> {
  name: string;
  /** Attempts after the first; waits grow exponentially from `retryDelaySeconds`. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long one attempt may run before pg-boss counts it as failed. */
  expireInSeconds?: number;
  /** Jobs taken per poll (each is handled on its own; a failure retries only that job). */
  batchSize?: number;
  run(data: T, job: JobInfo): Promise<void>;
}

export interface JobInfo { id: string; retryCount: number; retryLimit: number }

export interface JobQueue {
  enqueue(db: Database, name: string, data: object, opts?: JobOptions): Promise<string | null>;
  /** Many jobs in one statement (a sweep that schedules a timer per conversation). */
  enqueueMany(db: Database, jobs: ({ name: string; data: object } & JobOptions)[]): Promise<void>;
  /** Start handling the given queues on this node (the worker). */
  work(queues: QueueDefinition[]): Promise<void>;
  /** Change a queue's retry timing for the jobs this node enqueues from now on (tests shorten the waits). */
  tune(name: string, policy: { retryDelaySeconds?: number; retryLimit?: number }): Promise<void>;
  /** A job's state, for tests and the admin views. */
  state(name: string, id: string): Promise<{ state: string; retryCount: number; output: unknown } | null>;
  stop(): Promise<void>;
}

const schema = 'careloop_jobs';

const rowsOf = (result: { rows: unknown[]; numAffectedRows?: bigint }) => ({ rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) });

/**
 * pg-boss's database interface over a Kysely handle (the pool, or a transaction). pg-boss sends some
 * scripts as one multi-statement text with its own BEGIN; if one fails (two nodes creating the
 * schema at once), the pooled connection would go back to the pool inside an aborted transaction,
 * so on the pool a failed statement is followed by a ROLLBACK on the same connection.
 */
function adapterOf(db: Database) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (db.isTransaction) return rowsOf(await db.executeQuery(CompiledQuery.raw(text, values)));
      return db.connection().execute(async (conn) => {
        try {
          return rowsOf(await conn.executeQuery(CompiledQuery.raw(text, values)));
        } catch (err) {
          await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
          throw err;
        }
      });
    },
  };
}

export async function createJobQueue(db: Database, log: Log, opts: { supervise: boolean; queues: Omit<QueueDefinition, 'run'>[]; pollingSeconds?: number }): Promise<JobQueue> {
  // Nodes starting together on a new database race to create pg-boss's schema: the losers try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startJobQueue(db, log, opts);
    } catch (err) {
      if (attempt >= 5) throw err;
      log.warn('job queue: start failed, retrying', { attempt, err: err instanceof Error ? err.message : String(err) });
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.floor(Math.random() * 200)));
    }
  }
}

async function startJobQueue(db: Database, log: Log, opts: { supervise: boolean; queues: Omit<QueueDefinition, 'run'>[]; pollingSeconds?: number }): Promise<JobQueue> {
  const boss = new PgBoss({
    db: adapterOf(db) as never,
    schema,
    migrate: true,
    // Maintenance (expiry, archiving) runs where the worker runs; any node may enqueue.
    supervise: opts.supervise,
    schedule: false,
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
  });
  boss.on('error', (err) => log.error('job queue error', { err }));
  await boss.start();
  const known = new Map(opts.queues.map((q) => [q.name, q]));
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const q of opts.queues) {
      const policy = { name: q.name, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: true, expireInSeconds: q.expireInSeconds ?? 15 * 60 };
      // Concurrent nodes may race to create the same queue; the loser's error is harmless.
      if (existing.has(q.name)) await boss.updateQueue(q.name, policy);
      else await boss.createQueue(q.name, policy).catch(async (err) => { if (!(await boss.getQueue(q.name))) throw err; });
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: false } as never).catch(() => undefined);
    throw err;
  }
  const pollingIntervalSeconds = opts.pollingSeconds ?? 1;
  // Retry timing set by `tune`, carried by each job this node enqueues (the queue's stored policy is
  // shared by every node and set from the code at each start).
  const tuned = new Map<string, { retryBackoff: boolean; retryLimit: number; retryDelay: number }>();

  return {
    async enqueue(handle, name, data, jobOpts = {}) {
      if (!known.has(name)) throw new Error(`Unknown job queue ${name}`);
      return boss.send(name, data, {
        db: adapterOf(handle),
        ...(jobOpts.startAfter ? { startAfter: jobOpts.startAfter } : {}),
        ...(jobOpts.singletonKey ? { singletonKey: jobOpts.singletonKey } : {}),
        ...tuned.get(name),
      } as PgBoss.SendOptions);
    },
    async enqueueMany(handle, jobs) {
      if (jobs.length === 0) return;
      for (const j of jobs) if (!known.has(j.name)) throw new Error(`Unknown job queue ${j.name}`);
      await boss.insert(jobs.map((j) => ({
        name: j.name, data: j.data, ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}), ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}),
        ...tuned.get(j.name),
      })) as PgBoss.JobInsert[], { db: adapterOf(handle) } as never);
    },
    async work(queues) {
      for (const q of queues) {
        const batchSize = q.batchSize ?? 5;
        let workerId = '';
        workerId = await boss.work<object>(q.name, { pollingIntervalSeconds, batchSize, includeMetadata: true }, async (jobs) => {
          // The jobs of a batch run side by side; one failed job must not fail (and retry) its batch-mates,
          // so each completes or fails alone.
          await Promise.all(jobs.map(async (job) => {
            try {
              await q.run(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
              await boss.complete(q.name, job.id);
            } catch (err) {
              log.warn(`job ${q.name} failed`, { err, id: job.id, attempt: job.retryCount + 1 });
              await boss.fail(q.name, job.id, { message: err instanceof Error ? err.message : String(err) });
            }
          }));
          // A full batch means more are waiting: fetch again at once instead of after the polling interval.
          if (jobs.length === batchSize) boss.notifyWorker(workerId);
        });
      }
    },
    async tune(name, policy) {
      const q = known.get(name);
      if (!q) throw new Error(`Unknown job queue ${name}`);
      tuned.set(name, { retryBackoff: true, retryLimit: policy.retryLimit ?? q.retryLimit, retryDelay: policy.retryDelaySeconds ?? q.retryDelaySeconds });
    },
    async state(name, id) {
      const job = await boss.getJobById(name, id);
      return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null;
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
