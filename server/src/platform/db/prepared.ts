/**
 * Named prepared statements for node-postgres, under Kysely (decision 0014). Kysely sends every
 * query unnamed, so PostgreSQL parses and plans the same text again on each call: for an inbound
 * mail that was about half of the server's time in PostgreSQL. Here each connection of the pool
 * prepares a statement the first time it runs its text and then only binds and executes it.
 *
 * - Bounded: a connection prepares its first `perConnection` distinct texts and runs any others
 *   unnamed (texts with variable `in (…)` lists would otherwise pile up). Nothing is deallocated:
 *   a DEALLOCATE queued into a transaction that has failed would fail too, and leave the names of
 *   the client and of the server out of step.
 * - Safe across schema changes: a plan that no longer fits its table ("cached plan must not change
 *   result type") fails that one call, like any query error, and the text is then run unnamed.
 * - Off with `DATABASE_PREPARE=off` (for poolers in transaction mode that cannot keep them).
 */
import type pg from 'pg';

type QueryFn = (...args: unknown[]) => unknown;
interface PreparingClient { query: QueryFn }

/** Statement names by text, shared by all connections; names are never reused for another text. */
const names = new Map<string, string>();
/** Texts PostgreSQL refused to reuse a plan for: run unnamed from then on. */
const unnamed = new Set<string>();
const maxNames = 20_000;
const cachedPlanChanged = '0A000';

function nameOf(text: string): string | null {
  if (unnamed.has(text)) return null;
  let name = names.get(text);
  if (!name) {
    if (names.size >= maxNames) return null;
    name = `cl_${names.size.toString(36)}`;
    names.set(text, name);
  }
  return name;
}

/** Make every connection of `pool` prepare what it runs. */
export function prepareStatements(pool: pg.Pool, opts: { perConnection?: number } = {}): pg.Pool {
  const perConnection = opts.perConnection ?? 250;
  pool.on('connect', (raw) => {
    const client = raw as unknown as PreparingClient;
    const query = client.query.bind(client);
    /** Names prepared on this connection. */
    const prepared = new Set<string>();
    client.query = (config: unknown, values?: unknown, callback?: unknown) => {
      // Without parameters pg uses the simple protocol (several commands in one text are allowed there): left alone.
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) return query(config, values, callback);
      const name = nameOf(config);
      if (!name || (!prepared.has(name) && prepared.size >= perConnection)) return query(config, values, callback);
      prepared.add(name);
      const named = { name, text: config, values };
      const note = (err: unknown) => { if ((err as { code?: string } | null)?.code === cachedPlanChanged) unnamed.add(config); };
      // Kysely awaits a promise; pg's own Pool.query passes a callback.
      if (typeof callback === 'function') return query(named, (err: unknown, result: unknown) => { note(err); (callback as (e: unknown, r: unknown) => void)(err, result); });
      return (query(named) as Promise<unknown>).catch((err: unknown) => {
        note(err);
        throw err;
      });
    };
  });
  return pool;
}
