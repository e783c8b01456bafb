import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import { join } from 'node:path';
import { migrations } from '../../db/migrations/index.ts';
import type { DB } from './schema.ts';
import { lockDataDir } from './lock.ts';
import { pglitePool } from './pglite-pool.ts';
import { prepareStatements } from './prepared.ts';
import type { Log } from '../log.ts';

export type Database = Kysely<DB>;
export interface OpenedDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Open PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir` (locked). */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number; prepare?: boolean; log?: Log }): Promise<OpenedDatabase> {
  if (opts.databaseUrl) {
    const pg = await import('pg');
    const { Pool, types } = pg.default;
    types.setTypeParser(20, (v: string) => Number(v)); // int8 (counts) → number
    const pool = new Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that PostgreSQL closes (a restart, a failover, pg_terminate_backend) is dropped
    // from the pool and replaced on the next query; unhandled, its 'error' event would end the process.
    pool.on('error', (err) => opts.log?.warn('database: an idle connection was closed; the pool replaces it', { err }));
    if (opts.prepare !== false) prepareStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = lockDataDir(opts.dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
    const pg = await PGlite.create(join(opts.dataDir, 'pglite'), {
      extensions: { pg_trgm, btree_gin },
      parsers: { 20: (v: string) => Number(v) },
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pglitePool(pg) as never }) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        await pg.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Run pending migrations. Kysely's migrator takes a lock, so concurrent nodes are safe. */
export async function migrate(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'careloop_migrations', migrationLockTableName: 'careloop_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export type { DB } from './schema.ts';
