import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite has one connection. This adapter gives Kysely's PostgresDialect the pool interface it
 * expects, handing the single connection out one holder at a time (a transaction holds it until
 * it commits), so the same Kysely code runs on PGlite and on `pg`.
 */
export function pglitePool(pg: PGlite) {
  let tail: Promise<void> = Promise.resolve();
  const acquire = async (): Promise<() => void> => {
    let release!: () => void;
    const next = new Promise<void>((resolve) => { release = resolve; });
    const previous = tail;
    tail = previous.then(() => next);
    await previous;
    return release;
  };
  const client = (release: () => void) => ({
    async query(text: string, params: unknown[] = []) {
      // The extended protocol takes one statement; parameterless scripts (migrations) go through exec.
      const result = params.length === 0 ? (await pg.exec(text)).at(-1) ?? { rows: [], affectedRows: 0 } : await pg.query(text, params);
      const command = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SELECT';
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
    },
    release,
  });
  return {
    async connect() {
      return client(await acquire());
    },
    async end() {
      await tail;
    },
  };
}
