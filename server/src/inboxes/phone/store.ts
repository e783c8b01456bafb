import type { Database } from '../../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../../platform/db/schema.ts';

/** The webhook's inbox: its id is in the URL and names the workspace (the signature proves the caller). */
export const findPhoneInbox = (db: Database, inboxId: string) =>
  db.selectFrom('inboxes').selectAll().where('id', '=', inboxId).where('channel', '=', 'phone').executeTakeFirst();

export const listPhoneInboxes = (db: Database, workspaceId: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).where('channel', '=', 'phone').orderBy('created_at').execute();

/** The first event of a call creates its row; a concurrent first event finds it instead. */
export const insertCall = (db: Database, row: NewRow<'calls'>) =>
  db.insertInto('calls').values(row).onConflict((oc) => oc.columns(['inbox_id', 'external_id']).doNothing()).returningAll().executeTakeFirst();

/** Events of one call are applied one at a time. */
export const lockCallByExternalId = (db: Database, workspaceId: string, inboxId: string, externalId: string) =>
  db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('external_id', '=', externalId)
    .forUpdate().executeTakeFirst();

export const lockCall = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();

export const getCall = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const updateCall = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'calls'>) =>
  db.updateTable('calls').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Newest first, keyset on (started_at, id). */
export function listCalls(db: Database, workspaceId: string, opts: { callback?: 'open' | 'done' | undefined; contactIds?: string[]; before?: { startedAt: Date; id: string }; limit: number }) {
  let q = db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.callback) q = q.where('callback_state', '=', opts.callback);
  if (opts.contactIds) q = q.where('contact_id', 'in', opts.contactIds);
  if (opts.before) {
    const { startedAt, id } = opts.before;
    q = q.where((eb) => eb.or([eb('started_at', '<', startedAt), eb.and([eb('started_at', '=', startedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
}
