import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const insertInbox = (db: Database, row: NewRow<'inboxes'>) => db.insertInto('inboxes').values(row).returningAll().executeTakeFirstOrThrow();
export const listInboxes = (db: Database, workspaceId: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
export const getInbox = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
export const updateInbox = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'inboxes'>) =>
  db.updateTable('inboxes').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
/** The widget token is public and identifies the inbox (and so the workspace) of a widget request. */
export const findInboxByWidgetToken = (db: Database, token: string) =>
  db.selectFrom('inboxes').innerJoin('workspaces', 'workspaces.id', 'inboxes.workspace_id')
    .selectAll('inboxes').select(['workspaces.name as workspace_name', 'workspaces.locale as workspace_locale'])
    .where('inboxes.widget_token', '=', token).executeTakeFirst();

/**
 * Email inboxes that receive mail for this address: by their own address, or (a `reply+token@`
 * address) by their reply domain. Across workspaces: the SMTP receiver learns the workspace from it.
 */
export const findEmailInboxesForAddress = (db: Database, address: string) => {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return db.selectFrom('inboxes').selectAll().where('channel', '=', 'email')
    .where((eb) => eb.or([
      eb(sql`lower(settings->>'address')`, '=', address),
      eb.and([eb(sql`${address}`, 'like', 'reply+%'), eb(sql`coalesce(settings->>'replyDomain', split_part(settings->>'address', '@', 2))`, '=', domain)]),
    ])).execute();
};

/** Email inboxes with an IMAP mailbox to poll, across workspaces (the worker's sweep). */
export const listImapInboxes = (db: Database) =>
  db.selectFrom('inboxes').selectAll().where('channel', '=', 'email').where(sql`settings->'imap'`, 'is not', null)
    .where(sql`jsonb_typeof(settings->'imap')`, '=', 'object').execute();

/** Lock one inbox row (single-flight token refresh: channels.md §1.8). */
export const lockInbox = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();

/** Telegram inboxes set to fetch their updates (`delivery: polling`), across workspaces. */
export const listPolledTelegramInboxes = (db: Database) =>
  db.selectFrom('inboxes').select(['id', 'workspace_id']).where('channel', '=', 'telegram').where(sql`settings->>'delivery'`, '=', 'polling').execute();

/** Messaging inboxes of a channel, across workspaces (the token-refresh sweep). */
export const listInboxesOfChannel = (db: Database, channel: string) =>
  db.selectFrom('inboxes').selectAll().where('channel', '=', channel).execute();
