import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, RowUpdate } from '../platform/db/schema.ts';

export const listRules = (db: Database, workspaceId: string) =>
  db.selectFrom('automation_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('trigger').orderBy('position').orderBy('id').execute();

export const getRule = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('automation_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const insertRule = (db: Database, row: NewRow<'automation_rules'>) => db.insertInto('automation_rules').values(row).returningAll().executeTakeFirstOrThrow();

export const updateRule = (db: Database, workspaceId: string, id: string, patch: RowUpdate<'automation_rules'>) =>
  db.updateTable('automation_rules').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteRule = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('automation_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const setPosition = (db: Database, workspaceId: string, id: string, position: number) =>
  db.updateTable('automation_rules').set({ position }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const insertRuns = (db: Database, rows: NewRow<'automation_runs'>[]) =>
  rows.length ? db.insertInto('automation_runs').values(rows).execute() : Promise.resolve([]);

/** How often each rule fired in one conversation since `since` (loop protection's hourly cap). */
export const countRecentRuns = (db: Database, workspaceId: string, conversationId: string, since: Date) =>
  db.selectFrom('automation_runs').select(['rule_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).where('created_at', '>=', since)
    .where('outcome', '=', 'applied').groupBy('rule_id').execute();

export const runStats = (db: Database, workspaceId: string, since: Date) =>
  db.selectFrom('automation_runs').select(['rule_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last')])
    .where('workspace_id', '=', workspaceId).where('created_at', '>=', since).groupBy('rule_id').execute();

export const lastRuns = (db: Database, workspaceId: string) =>
  db.selectFrom('automation_runs').select(['rule_id', (eb) => eb.fn.max('created_at').as('last')]).where('workspace_id', '=', workspaceId).groupBy('rule_id').execute();

export function listRuns(db: Database, workspaceId: string, q: { ruleId?: string | undefined; conversationId?: string | undefined; limit: number }) {
  let query = db.selectFrom('automation_runs as r')
    .leftJoin('automation_rules as ar', (j) => j.onRef('ar.id', '=', 'r.rule_id').on('ar.workspace_id', '=', workspaceId))
    .leftJoin('conversations as c', (j) => j.onRef('c.id', '=', 'r.conversation_id').on('c.workspace_id', '=', workspaceId))
    .selectAll('r').select(['ar.name as rule_name', 'c.number as conversation_number'])
    .where('r.workspace_id', '=', workspaceId);
  if (q.ruleId) query = query.where('r.rule_id', '=', q.ruleId);
  if (q.conversationId) query = query.where('r.conversation_id', '=', q.conversationId);
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.limit).execute();
}

export const deleteRunsBefore = (db: Database, before: Date) =>
  db.deleteFrom('automation_runs').where('created_at', '<', before).where(sql<boolean>`true`).executeTakeFirst();
