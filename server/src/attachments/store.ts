import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export const insertAttachment = (db: Database, row: NewRow<'attachments'>) => db.insertInto('attachments').values(row).returningAll().executeTakeFirstOrThrow();
/** Signed file URLs carry the id only; the signature proves the server issued it. */
export const getAttachmentAnyWorkspace = (db: Database, id: string) => db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
export const listAttachmentsOf = (db: Database, workspaceId: string, messageIds: string[]) =>
  messageIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('attachments').selectAll().where('workspace_id', '=', workspaceId).where('message_id', 'in', messageIds).orderBy('created_at').execute();
/** Claim uploaded, not yet attached files for a message; only the uploader's own files qualify. */
export const claimAttachments = (db: Database, workspaceId: string, ids: string[], messageId: string, uploader: { type: string; id: string | null }) =>
  db.updateTable('attachments').set({ message_id: messageId }).where('workspace_id', '=', workspaceId).where('id', 'in', ids)
    .where('message_id', 'is', null).where('uploaded_by_type', '=', uploader.type).where('uploaded_by_id', uploader.id === null ? 'is' : '=', uploader.id)
    .returningAll().execute();
