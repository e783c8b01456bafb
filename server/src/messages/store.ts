import type { Database } from '../platform/db/index.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

/** Every column but the texts the caller already holds (a mail's body need not travel back); the return type names any column left out. */
const insertedColumns = ['id', 'workspace_id', 'conversation_id', 'inbox_id', 'kind', 'sender_type', 'sender_id', 'mentions', 'delivery_status',
  'external_id', 'client_id', 'delivery_error', 'triage', 'created_at'] as const;

/** Insert unless the same external or client id was already stored (idempotent inbound events). */
export async function insertMessage(db: Database, row: NewRow<'messages'>): Promise<Row<'messages'> | null> {
  const inserted = await db.insertInto('messages').values(row).onConflict((oc) => oc.doNothing()).returning(insertedColumns).executeTakeFirst();
  return inserted ? { ...inserted, body: row.body, html: row.html ?? null, body_folded: row.body_folded } : null;
}

export function findDuplicate(db: Database, workspaceId: string, key: { inboxId: string; externalId?: string | null; conversationId?: string; clientId?: string | null }) {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId);
  if (key.externalId) q = q.where('inbox_id', '=', key.inboxId).where('external_id', '=', key.externalId);
  else if (key.clientId && key.conversationId) q = q.where('conversation_id', '=', key.conversationId).where('client_id', '=', key.clientId);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

export const getMessage = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** A page of messages before a given message (newest page first), returned oldest → newest. */
export async function listMessages(db: Database, workspaceId: string, conversationId: string, opts: { before?: { createdAt: Date; id: string }; after?: { createdAt: Date; id: string }; limit: number; kinds?: string[] }) {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId);
  if (opts.kinds) q = q.where('kind', 'in', opts.kinds as 'incoming'[]);
  if (opts.after) {
    const { createdAt, id } = opts.after;
    q = q.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]));
    return q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(opts.limit).execute();
  }
  if (opts.before) {
    const { createdAt, id } = opts.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
  return rows;
}

/** Is there an incoming message newer than the one the agent last saw? */
export async function hasNewerIncoming(db: Database, workspaceId: string, conversationId: string, seen: { createdAt: Date; id: string }) {
  const row = await db.selectFrom('messages').select('id').where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId)
    .where('kind', '=', 'incoming')
    .where((eb) => eb.or([eb('created_at', '>', seen.createdAt), eb.and([eb('created_at', '=', seen.createdAt), eb('id', '>', seen.id)])]))
    .limit(1).executeTakeFirst();
  return Boolean(row);
}

export const updateDelivery = (db: Database, workspaceId: string, id: string, status: string, externalId: string | null, error: string | null = null) =>
  db.updateTable('messages').set({ delivery_status: status, delivery_error: error, ...(externalId ? { external_id: externalId } : {}) })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

/** A visitor's messages across their conversations in one inbox (never notes), oldest first. */
export async function listVisitorMessages(db: Database, workspaceId: string, contactId: string, inboxId: string, opts: { after?: { createdAt: Date; id: string }; limit: number }) {
  let q = db.selectFrom('messages as m').innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'm.conversation_id').on('c.workspace_id', '=', workspaceId))
    .selectAll('m').where('m.workspace_id', '=', workspaceId).where('c.contact_id', '=', contactId).where('c.inbox_id', '=', inboxId)
    .where('m.kind', '!=', 'note');
  if (opts.after) {
    const { createdAt, id } = opts.after;
    q = q.where((eb) => eb.or([eb('m.created_at', '>', createdAt), eb.and([eb('m.created_at', '=', createdAt), eb('m.id', '>', id)])]));
    return q.orderBy('m.created_at', 'asc').orderBy('m.id', 'asc').limit(opts.limit).execute();
  }
  const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(opts.limit).execute();
  return rows.reverse();
}

const deliveryRank: Record<string, number> = { sending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * A vendor's receipt: outgoing messages of this inbox named by their vendor ids, or (watermark
 * receipts) every outgoing message of the conversation up to that time. A status only moves
 * forward (read is never turned back into delivered); failed messages stay failed.
 */
export function advanceDelivery(db: Database, workspaceId: string, inboxId: string, status: 'delivered' | 'read', which: { externalIds: string[] } | { conversationId: string; upTo: Date }) {
  const lower = Object.keys(deliveryRank).filter((s) => deliveryRank[s]! < deliveryRank[status]!);
  let q = db.updateTable('messages').set({ delivery_status: status, delivery_error: null })
    .where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('kind', '=', 'outgoing').where('delivery_status', 'in', lower);
  q = 'externalIds' in which
    ? q.where('external_id', 'in', which.externalIds.length ? which.externalIds : [''])
    : q.where('conversation_id', '=', which.conversationId).where('created_at', '<=', which.upTo).where('external_id', 'is not', null);
  return q.returningAll().execute();
}

export const findByExternalIds = (db: Database, workspaceId: string, inboxId: string, externalIds: string[]) =>
  db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId)
    .where('external_id', 'in', externalIds.length ? externalIds : ['']).execute();

/** The newest customer message of each conversation (automation dry runs). */
export const latestIncomingOf = (db: Database, workspaceId: string, conversationIds: string[]) =>
  conversationIds.length === 0 ? Promise.resolve([]) : db.selectFrom('messages').selectAll().distinctOn('conversation_id')
    .where('workspace_id', '=', workspaceId).where('conversation_id', 'in', conversationIds).where('kind', '=', 'incoming')
    .orderBy('conversation_id').orderBy('created_at', 'desc').execute();

// Scheduled sends ------------------------------------------------------------------------------

export const insertScheduled = (db: Database, row: NewRow<'scheduled_messages'>) => db.insertInto('scheduled_messages').values(row).returningAll().executeTakeFirstOrThrow();

export const getScheduled = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('scheduled_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const listScheduled = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('scheduled_messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId)
    .orderBy('send_at').limit(100).execute();

export const cancelScheduled = (db: Database, workspaceId: string, conversationId: string, id: string) =>
  db.updateTable('scheduled_messages').set({ state: 'cancelled' }).where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId)
    .where('id', '=', id).where('state', '=', 'scheduled').returningAll().executeTakeFirst();

export const finishScheduled = (db: Database, workspaceId: string, id: string, patch: { state: 'sent' | 'failed'; message_id?: string; error: string | null }) =>
  db.updateTable('scheduled_messages').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).where('state', '=', 'scheduled').execute();
