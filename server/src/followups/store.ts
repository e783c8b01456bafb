import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const listRules = (db: Database, workspaceId: string) =>
  db.selectFrom('followup_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();

export const getRule = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('followup_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const insertRule = (db: Database, workspaceId: string, row: Omit<NewRow<'followup_rules'>, 'workspace_id'>) =>
  db.insertInto('followup_rules').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateRule = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'followup_rules'>) =>
  db.updateTable('followup_rules').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteRule = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('followup_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** Claims a send: false when this rule already handled this reason (another node, an earlier run). */
export async function claimSend(db: Database, workspaceId: string, row: Omit<NewRow<'followup_sends'>, 'workspace_id'>): Promise<boolean> {
  const inserted = await db.insertInto('followup_sends').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['rule_id', 'contact_id', 'dedupe_key']).doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** Reasons this rule has already handled (so a run does no per-customer work for them again). */
export async function listHandledKeys(db: Database, workspaceId: string, ruleId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.selectFrom('followup_sends').select(['contact_id', 'dedupe_key']).where('workspace_id', '=', workspaceId).where('rule_id', '=', ruleId)
    .where('dedupe_key', '=', sql<string>`any(${[...new Set(keys)]}::text[])`).execute();
  return new Set(rows.map((r) => `${r.contact_id} ${r.dedupe_key}`));
}

export const updateSend = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'followup_sends'>) =>
  db.updateTable('followup_sends').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

/** Contacts that received a follow-up since `since` (the frequency cap). */
export async function listRecentlyContacted(db: Database, workspaceId: string, contactIds: string[], since: Date): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const rows = await db.selectFrom('followup_sends').select('contact_id').distinct().where('workspace_id', '=', workspaceId)
    .where('status', '=', 'sent').where('sent_at', '>=', since).where('contact_id', '=', sql<string>`any(${contactIds}::text[])`).execute();
  return new Set(rows.map((r) => r.contact_id));
}

export async function listOptedOut(db: Database, workspaceId: string, contactIds: string[]): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const rows = await db.selectFrom('followup_opt_outs').select('contact_id').where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', sql<string>`any(${contactIds}::text[])`).execute();
  return new Set(rows.map((r) => r.contact_id));
}

export const insertOptOut = (db: Database, workspaceId: string, contactId: string, via: string) =>
  db.insertInto('followup_opt_outs').values({ workspace_id: workspaceId, contact_id: contactId, via })
    .onConflict((oc) => oc.columns(['workspace_id', 'contact_id']).doNothing()).execute();

export const deleteOptOut = (db: Database, workspaceId: string, contactId: string) =>
  db.deleteFrom('followup_opt_outs').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();

export const findOptOut = (db: Database, workspaceId: string, contactId: string) =>
  db.selectFrom('followup_opt_outs').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).executeTakeFirst();

/** A customer's reply: the latest unanswered follow-up in that conversation in the last week is marked replied. */
export async function markReplied(db: Database, workspaceId: string, conversationId: string, at: Date): Promise<void> {
  await sql`update followup_sends set replied_at = ${at} where id = (
    select id from followup_sends where workspace_id = ${workspaceId} and conversation_id = ${conversationId} and status = 'sent'
      and replied_at is null and sent_at > ${at}::timestamptz - interval '7 days' and sent_at <= ${at} order by sent_at desc limit 1)`.execute(db);
}

export const listSends = (db: Database, workspaceId: string, ruleId: string, limit: number) =>
  db.selectFrom('followup_sends').selectAll().where('workspace_id', '=', workspaceId).where('rule_id', '=', ruleId)
    .orderBy('sent_at', 'desc').limit(limit).execute();

export async function countResults(db: Database, workspaceId: string) {
  const rows = await db.selectFrom('followup_sends').select(['rule_id', sql<number>`(count(*) filter (where status = 'sent'))::int`.as('sent'),
    sql<number>`(count(*) filter (where replied_at is not null))::int`.as('replied'), sql<number>`(count(*) filter (where status <> 'sent'))::int`.as('skipped')])
    .where('workspace_id', '=', workspaceId).groupBy('rule_id').execute();
  return new Map(rows.map((r) => [r.rule_id, r]));
}

/** Sent follow-ups in the attribution window, for the purchased-after figure. */
export const listSentSince = (db: Database, workspaceId: string, since: Date) =>
  db.selectFrom('followup_sends').select(['rule_id', 'contact_id', 'sent_at']).where('workspace_id', '=', workspaceId)
    .where('status', '=', 'sent').where('sent_at', '>=', since).execute();
