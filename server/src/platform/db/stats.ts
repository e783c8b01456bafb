import { sql } from 'kysely';
import type { Database, DB } from './index.ts';

/**
 * Refresh the planner's statistics of tables a bulk write is filling. Autovacuum looks once a
 * minute; until then a table that grew from empty still looks empty, and PostgreSQL picks plans
 * for a few rows (seen: a 1,000-key contact lookup scanning all 200,000 contacts of a workspace).
 */
export async function refreshPlannerStats(db: Database, tables: (keyof DB & string)[]): Promise<void> {
  await sql`analyze ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
}

/** Batch numbers before which a growing bulk write refreshes statistics: 2, 8, 32, 128 … (the table has grown fourfold since the last). */
export const isStatsCheckpoint = (batch: number): boolean => {
  let n = 2;
  while (n < batch) n *= 4;
  return n === batch;
};

/**
 * After a table was rebuilt in bulk (delete + insert of a whole workspace's rows): reclaim the old
 * rows and mark the new ones visible to all, with fresh statistics, so the reads that follow neither
 * wade through dead tuples nor each stop to check commit status. Outside any transaction.
 */
export async function settleRebuiltTable(db: Database, table: keyof DB & string): Promise<void> {
  if (db.isTransaction) throw new Error('settleRebuiltTable runs outside a transaction');
  await sql`vacuum (analyze) ${sql.id(table)}`.execute(db);
}
