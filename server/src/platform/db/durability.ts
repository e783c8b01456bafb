import { sql } from 'kysely';
import type { Database } from './index.ts';

/**
 * This transaction's commit does not wait for the WAL to reach the disk. Safe where a later commit
 * that depends on this one waits anyway (the WAL is flushed in order, so it takes this one along),
 * or where losing the last moments before a crash only means doing the work again.
 */
export async function skipCommitFlush(trx: Database): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}
