import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/database.ts';
import { createLog } from '../log.ts';
import { openDatabase } from './index.ts';

/** A pool of connections is PostgreSQL's (PGlite runs in the process): this runs in the PostgreSQL pass. */
describe.skipIf(!testDatabaseUrl)('an idle connection closed by PostgreSQL (PostgreSQL only: set CARELOOP_TEST_DATABASE_URL)', () => {
  it('is logged and replaced, and the process goes on', async () => {
    const lines: string[] = [];
    const opened = await openDatabase({ databaseUrl: testDatabaseUrl, dataDir: '/nonexistent', poolSize: 1, log: createLog('warn', {}, (line) => { lines.push(line); return true; }) });
    try {
      const { rows: [before] } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      const admin = new pg.Client({ connectionString: testDatabaseUrl! });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [before!.pid]);
      await admin.end();
      await expect.poll(() => lines.length).toBe(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'database: an idle connection was closed; the pool replaces it' });
      const { rows: [after] } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      expect(after!.pid).not.toBe(before!.pid);
    } finally {
      await opened.close();
    }
  });
});
