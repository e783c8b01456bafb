import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

/** One correction per message: relabelling it again replaces the labels. */
export const upsertCorrection = (db: Database, workspaceId: string, row: Omit<NewRow<'triage_corrections'>, 'workspace_id'>) =>
  db.insertInto('triage_corrections').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).where('message_id', 'is not', null).doUpdateSet({ labels: row.labels, agent_id: row.agent_id, created_at: new Date() }))
    .execute();

export const listCorrections = (db: Database, workspaceId: string) =>
  db.selectFrom('triage_corrections').select(['text', 'labels']).where('workspace_id', '=', workspaceId).orderBy('created_at').limit(50_000).execute();

export async function countCorrections(db: Database, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('triage_corrections').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const getModel = (db: Database, workspaceId: string) =>
  db.selectFrom('triage_models').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();

export const saveModel = (db: Database, workspaceId: string, row: { model: string; examples: number; evaluation: string }) =>
  db.insertInto('triage_models').values({ workspace_id: workspaceId, ...row })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...row, trained_at: sql`now()` })).execute();
