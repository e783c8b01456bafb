import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../../platform/db/schema.ts';

// Threads ---------------------------------------------------------------------------------

export const insertThread = (db: Database, workspaceId: string, row: Omit<NewRow<'email_threads'>, 'workspace_id'>) =>
  db.insertInto('email_threads').values({ ...row, workspace_id: workspaceId }).onConflict((oc) => oc.column('conversation_id').doNothing())
    .returningAll().executeTakeFirst();

export const getThread = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('email_threads').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).executeTakeFirst();

export const findThreadByToken = (db: Database, workspaceId: string, inboxId: string, token: string) =>
  db.selectFrom('email_threads').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('reply_token', '=', token).executeTakeFirst();

// Messages -------------------------------------------------------------------------------

export const insertEmailMessage = (db: Database, workspaceId: string, row: Omit<NewRow<'email_messages'>, 'workspace_id'>) =>
  db.insertInto('email_messages').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

/** A customer's mail and its conversation's thread (kept if the conversation has one), in one statement. */
export async function insertEmailMessageAndThread(db: Database, workspaceId: string, row: Omit<NewRow<'email_messages'>, 'workspace_id'>, thread: Omit<NewRow<'email_threads'>, 'workspace_id'>) {
  await db.with('mail', (q) => q.insertInto('email_messages').values({ ...row, workspace_id: workspaceId }))
    .insertInto('email_threads').values({ ...thread, workspace_id: workspaceId }).onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
}

export const updateEmailMessage = (db: Database, workspaceId: string, messageId: string, patch: RowUpdate<'email_messages'>) =>
  db.updateTable('email_messages').set(patch).where('workspace_id', '=', workspaceId).where('message_id', '=', messageId).returningAll().executeTakeFirst();

export const getEmailMessage = (db: Database, workspaceId: string, messageId: string) =>
  db.selectFrom('email_messages').selectAll().where('workspace_id', '=', workspaceId).where('message_id', '=', messageId).executeTakeFirst();

export const listEmailMessages = (db: Database, workspaceId: string, messageIds: string[]) =>
  messageIds.length === 0 ? Promise.resolve([])
    : db.selectFrom('email_messages').selectAll().where('workspace_id', '=', workspaceId).where('message_id', 'in', messageIds).execute();

/** An inbound mail already stored under this Message-ID in this inbox (a duplicate delivery). */
export const findInbound = (db: Database, workspaceId: string, inboxId: string, rfcMessageId: string) =>
  db.selectFrom('email_messages').select(['message_id', 'conversation_id']).where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId)
    // The partial unique index's own predicate, written out: a reused (generic) plan cannot match it through a parameter.
    .where(sql<boolean>`direction = 'in' and rfc_message_id is not null`).where('rfc_message_id', '=', rfcMessageId).executeTakeFirst();

/** The newest stored mail (ours, a transport's substitute, or inbound) among these ids, in this inbox. */
export async function findByAnyId(db: Database, workspaceId: string, inboxId: string, ids: string[]) {
  if (ids.length === 0) return undefined;
  return db.selectFrom('email_messages').select(['message_id', 'conversation_id', 'rfc_message_id', 'transport_message_id'])
    .where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId)
    .where((eb) => eb.or([eb('rfc_message_id', 'in', ids), eb('transport_message_id', 'in', ids)]))
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** The customer's latest inbound mail in the conversation: what a reply answers (In-Reply-To, References). */
export const latestInbound = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('email_messages').select(['rfc_message_id', 'refs', 'subject', 'from_address', 'from_name'])
    .where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).where('direction', '=', 'in')
    .where('classification', '=', 'normal').orderBy('created_at', 'desc').limit(1).executeTakeFirst();

/** Who the customer wrote from and to, on their latest mail of the conversation. */
export const latestCorrespondent = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('email_messages').select(['from_address', 'from_name', 'to_addresses', 'cc_addresses'])
    .where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).where('direction', '=', 'in')
    .where('classification', '=', 'normal').where('from_address', 'is not', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst();

// Suppressions -----------------------------------------------------------------------------

export const suppress = (db: Database, workspaceId: string, address: string, reason: string) =>
  db.insertInto('email_suppressions').values({ workspace_id: workspaceId, address, reason })
    .onConflict((oc) => oc.columns(['workspace_id', 'address']).doUpdateSet({ reason, created_at: new Date() })).execute();

export const findSuppression = (db: Database, workspaceId: string, address: string) =>
  db.selectFrom('email_suppressions').selectAll().where('workspace_id', '=', workspaceId).where('address', '=', address).executeTakeFirst();

export const liftSuppression = (db: Database, workspaceId: string, address: string) =>
  db.deleteFrom('email_suppressions').where('workspace_id', '=', workspaceId).where('address', '=', address).execute();

// IMAP positions ---------------------------------------------------------------------------

export const getImapState = (db: Database, workspaceId: string, inboxId: string) =>
  db.selectFrom('email_imap_state').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).executeTakeFirst();

export async function saveImapState(db: Database, workspaceId: string, inboxId: string, state: { uid_validity: number | null; last_uid: number; last_error: string | null }) {
  await sql`insert into email_imap_state (inbox_id, workspace_id, uid_validity, last_uid, last_error, checked_at)
    values (${inboxId}, ${workspaceId}, ${state.uid_validity}, ${state.last_uid}, ${state.last_error}, now())
    on conflict (inbox_id) do update set uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, last_error = excluded.last_error, checked_at = now()
    where email_imap_state.workspace_id = ${workspaceId}`.execute(db);
}

/** The reply token is a public secret that names its workspace (like a widget token): looked up first, across workspaces. */
export const findThreadByTokenAnywhere = (db: Database, token: string) =>
  db.selectFrom('email_threads').select(['workspace_id', 'inbox_id', 'conversation_id']).where('reply_token', '=', token).executeTakeFirst();

/** Raw uploads name an inbox by id; this is where its workspace is learned (the token is checked next). */
export const findInboxWorkspace = (db: Database, inboxId: string) =>
  db.selectFrom('inboxes').select('workspace_id').where('id', '=', inboxId).where('channel', '=', 'email').executeTakeFirst();
