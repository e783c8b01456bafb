import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/database.ts';
import { prepareStatements } from './prepared.ts';

/** Prepared statements are a PostgreSQL connection's own (PGlite has none to name): this runs in the PostgreSQL pass. */
describe.skipIf(!testDatabaseUrl)('named prepared statements (PostgreSQL only: set CARELOOP_TEST_DATABASE_URL)', () => {
  const pool = prepareStatements(new pg.Pool({ connectionString: testDatabaseUrl!, max: 1 }), { perConnection: 3 });
  afterAll(() => pool.end());
  const preparedTexts = async () => (await pool.query('select statement from pg_prepared_statements order by prepare_time')).rows.map((r) => r.statement as string);

  it('prepares a statement the first time and reuses it', async () => {
    expect((await pool.query('select $1::int + 1 as n', [1])).rows[0].n).toBe(2);
    expect((await pool.query('select $1::int + 1 as n', [41])).rows[0].n).toBe(42);
    expect((await preparedTexts()).filter((t) => t === 'select $1::int + 1 as n')).toHaveLength(1);
  });

  it('leaves statements without parameters to the simple protocol, where one text may hold several commands', async () => {
    const results = await pool.query('select 1 as a; select 2 as b') as unknown as pg.QueryResult[];
    expect(results.map((r) => r.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('prepares at most its share of texts per connection and runs the others unnamed', async () => {
    for (let k = 0; k < 6; k++) expect((await pool.query(`select $1::int * ${k} as n`, [2])).rows[0].n).toBe(2 * k);
    expect(await preparedTexts()).toHaveLength(3);
    expect((await pool.query('select $1::int * 5 as n', [3])).rows[0].n).toBe(15); // unnamed, still right
  });

  it('fails the one call whose table changed under it, then runs the text unnamed', async () => {
    const own = prepareStatements(new pg.Pool({ connectionString: testDatabaseUrl!, max: 1 }));
    const client = await own.connect(); // one connection throughout, as Kysely holds one per transaction: its temporary table stays
    try {
      await client.query('create temporary table prepared_t (a int)');
      await client.query('insert into prepared_t values ($1)', [1]);
      const text = 'select * from prepared_t where a = $1';
      expect((await client.query(text, [1])).rows).toEqual([{ a: 1 }]);
      await client.query('alter table prepared_t add column b int');
      await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
      expect((await client.query(text, [1])).rows).toEqual([{ a: 1, b: null }]);
    } finally {
      client.release();
      await own.end();
    }
  });
});
