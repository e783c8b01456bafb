import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export async function insertAuditEntry(db: Database, workspaceId: string, row: Omit<NewRow<'audit_log'>, 'workspace_id'>) {
  await db.insertInto('audit_log').values({ ...row, workspace_id: workspaceId }).execute();
}

export async function listAuditEntries(db: Database, workspaceId: string, opts: { before?: { createdAt: Date; id: string }; limit: number }) {
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.before) {
    const { createdAt, id } = opts.before;
    query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
}
