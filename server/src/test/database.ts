import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type OpenedDatabase } from '../platform/db/index.ts';

/**
 * Tests run on PGlite by default and on PostgreSQL when CARELOOP_TEST_DATABASE_URL is set
 * (.ci/run sets it for its second pass). One database per test worker, shared by its files:
 * every test works in its own workspace, so they do not see each other.
 */
export const testDatabaseUrl = process.env.CARELOOP_TEST_DATABASE_URL || null;
export const testDbKind = testDatabaseUrl ? 'postgres' : 'pglite';

let shared: Promise<OpenedDatabase> | null = null;

export function sharedDatabase(): Promise<OpenedDatabase> {
  shared ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'careloop-test-'));
    const opened = await openDatabase({ databaseUrl: testDatabaseUrl, dataDir, poolSize: 5 });
    await migrate(opened.db);
    process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    return opened;
  })();
  return shared;
}

let freshCount = 0;

/** A database of its own (for first-run setup, which needs an empty server). Drop it with the returned function. */
export async function freshDatabase(): Promise<{ opened: OpenedDatabase; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-fresh-'));
  if (!testDatabaseUrl) {
    const opened = await openDatabase({ databaseUrl: null, dataDir });
    await migrate(opened.db);
    return { opened, async dispose() { await opened.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const pg = (await import('pg')).default;
  // Two in the same millisecond (tests that open a pair at once) must not share a name.
  const name = `careloop_fresh_${process.pid}_${Date.now()}_${++freshCount}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: url.toString(), dataDir });
  await migrate(opened.db);
  return {
    opened,
    async dispose() {
      await opened.close();
      const c = new pg.Client({ connectionString: testDatabaseUrl });
      await c.connect();
      // The pool's connections may still be closing: wait for them, so the forced drop cuts none of them
      // short (its "terminating connection" would reach a client nobody listens to any more).
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
