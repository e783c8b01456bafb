import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, sharedDatabase } from '../../test/database.ts';
import { createLog } from '../log.ts';
import { createJobQueue, type JobQueue } from './queue.ts';

const log = createLog('silent');
const opened: JobQueue[] = [];
afterAll(async () => { for (const q of opened) await q.stop(); });

/** A queue of its own per test (tests share the database with other files' queues). */
async function queueFor(name: string, opts: { supervise?: boolean; retryLimit?: number } = {}) {
  const { db } = await sharedDatabase();
  const q = await createJobQueue(db, log, { supervise: opts.supervise ?? false, queues: [{ name, retryLimit: opts.retryLimit ?? 2, retryDelaySeconds: 0 }], pollingSeconds: 0.5 });
  opened.push(q);
  return { db, q };
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('durable job queue (pg-boss on PGlite and PostgreSQL)', () => {
  it('several nodes starting together on a new database all get a working queue', async () => {
    const fresh = await freshDatabase();
    const queues = await Promise.all(Array.from({ length: 4 }, (_, i) =>
      createJobQueue(fresh.opened.db, log, { supervise: false, queues: [{ name: 'race.one', retryLimit: 1, retryDelaySeconds: 0 }, { name: `race.node${i}`, retryLimit: 1, retryDelaySeconds: 0 }] })));
    try {
      for (const q of queues) expect(await q.enqueue(fresh.opened.db, 'race.one', { ok: true })).toEqual(expect.any(String));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from careloop_jobs.job where name = 'race.one'`.execute(fresh.opened.db);
      expect(rows[0]!.n).toBe(4);
    } finally {
      for (const q of queues) await q.stop();
      await fresh.dispose();
    }
  }, 60_000);

  it('a job enqueued in a transaction exists only if the transaction commits', async () => {
    const name = `test.tx.${randomUUID().slice(0, 8)}`;
    const { db, q } = await queueFor(name);
    let rolledBackId: string | null = null;
    await db.transaction().execute(async (tx) => {
      rolledBackId = await q.enqueue(tx, name, { n: 1 });
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await q.state(name, rolledBackId!)).toBeNull();
    const kept = await db.transaction().execute((tx) => q.enqueue(tx, name, { n: 2 }));
    expect((await q.state(name, kept!))?.state).toBe('created');
  });

  it('retries a failing job, then completes it; each job of a batch succeeds or fails alone', async () => {
    const name = `test.retry.${randomUUID().slice(0, 8)}`;
    const { db, q } = await queueFor(name);
    const seen: string[] = [];
    const flaky = await q.enqueue(db, name, { id: 'flaky' });
    const fine = await q.enqueue(db, name, { id: 'fine' });
    await q.work([{ name, retryLimit: 2, retryDelaySeconds: 0, run: async (data: { id: string }, job) => {
      seen.push(`${data.id}#${job.retryCount}`);
      if (data.id === 'flaky' && job.retryCount === 0) throw new Error('SMTP 451 try again later');
    } }]);
    const flakyState = await until(() => q.state(name, flaky!), (s) => s?.state === 'completed');
    expect(flakyState).toMatchObject({ state: 'completed', retryCount: 1 });
    expect((await q.state(name, fine!))?.state).toBe('completed');
    expect(seen.filter((s) => s.startsWith('fine'))).toEqual(['fine#0']);
    expect(seen.filter((s) => s.startsWith('flaky'))).toEqual(['flaky#0', 'flaky#1']);
  });

  it('a job that keeps failing ends failed with its reason, after its retries', async () => {
    const name = `test.fail.${randomUUID().slice(0, 8)}`;
    const { db, q } = await queueFor(name, { retryLimit: 1 });
    const id = await q.enqueue(db, name, {});
    let attempts = 0;
    await q.work([{ name, retryLimit: 1, retryDelaySeconds: 0, run: async () => { attempts++; throw new Error('550 mailbox unavailable'); } }]);
    const state = await until(() => q.state(name, id!), (s) => s?.state === 'failed');
    expect(state?.state).toBe('failed');
    expect(attempts).toBe(2);
    expect(JSON.stringify(state?.output)).toContain('550 mailbox unavailable');
  });

  it('a job enqueued before a restart is handled by the next process', async () => {
    const name = `test.restart.${randomUUID().slice(0, 8)}`;
    const first = await queueFor(name);
    const id = await first.q.enqueue(first.db, name, { hello: 'xin chào' });
    await first.q.stop();
    const { q } = await queueFor(name);
    const got: unknown[] = [];
    await q.work([{ name, retryLimit: 0, retryDelaySeconds: 0, run: async (data) => { got.push(data); } }]);
    await until(() => q.state(name, id!), (s) => s?.state === 'completed');
    expect(got).toEqual([{ hello: 'xin chào' }]);
  });

  it('refuses a queue nobody declared', async () => {
    const { db, q } = await queueFor(`test.known.${randomUUID().slice(0, 8)}`);
    await expect(q.enqueue(db, 'nobody.declared', {})).rejects.toThrow(/Unknown job queue/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from careloop_jobs.queue where name = 'nobody.declared'`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });
});
