import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/**
 * Every table a backup carries, parents before children, so rows restore in file order without
 * deferring foreign keys. `key` is the primary key the dump pages by.
 */
export const backupTables = [
  { name: 'instance_settings', key: ['key'] },
  { name: 'workspaces', key: ['id'] },
  { name: 'assist_settings', key: ['workspace_id'] },
  { name: 'agents', key: ['id'] },
  { name: 'teams', key: ['id'] },
  { name: 'team_members', key: ['team_id', 'agent_id'] },
  { name: 'invitations', key: ['id'] },
  { name: 'api_tokens', key: ['id'] },
  { name: 'audit_log', key: ['id'] },
  { name: 'sla_policies', key: ['id'] },
  { name: 'triage_models', key: ['workspace_id'] },
  { name: 'automation_rules', key: ['id'] },
  { name: 'inboxes', key: ['id'] },
  { name: 'contacts', key: ['id'] },
  { name: 'contact_identities', key: ['id'] },
  { name: 'contact_merges', key: ['id'] },
  { name: 'visitor_sessions', key: ['id'] },
  { name: 'conversations', key: ['id'] },
  { name: 'messages', key: ['id'] },
  { name: 'triage_corrections', key: ['id'] },
  { name: 'automation_runs', key: ['id'] },
  { name: 'scheduled_messages', key: ['id'] },
  // Before help_centers, whose logo points at one.
  { name: 'help_images', key: ['id'] },
  { name: 'help_centers', key: ['workspace_id'] },
  { name: 'help_categories', key: ['id'] },
  { name: 'help_articles', key: ['id'] },
  { name: 'help_article_locales', key: ['article_id', 'locale'] },
  { name: 'help_feedback', key: ['id'] },
  { name: 'help_deflections', key: ['id'] },
  { name: 'report_agent_presence', key: ['id'] },
  { name: 'survey_definitions', key: ['id'] },
  { name: 'survey_campaigns', key: ['id'] },
  { name: 'survey_opt_outs', key: ['workspace_id', 'conversation_id'] },
  { name: 'channel_threads', key: ['inbox_id', 'thread_key'] },
  { name: 'channel_events', key: ['id'] },
  { name: 'calls', key: ['id'] },
  { name: 'contact_merge_suggestions', key: ['id'] },
  { name: 'attachments', key: ['id'] },
  { name: 'conversation_reads', key: ['conversation_id', 'agent_id'] },
  { name: 'notifications', key: ['id'] },
  { name: 'canned_responses', key: ['id'] },
  { name: 'shop_connections', key: ['id'] },
  { name: 'shop_webhook_events', key: ['connection_id', 'dedupe_key'] },
  { name: 'orders', key: ['id'] },
  { name: 'order_imports', key: ['id'] },
  { name: 'compensation_approvals', key: ['id'] },
  { name: 'compensation_ledger', key: ['id'] },
  { name: 'vouchers', key: ['id'] },
  // After messages and vouchers, which they point at.
  { name: 'survey_sends', key: ['id'] },
  { name: 'survey_responses', key: ['id'] },
  { name: 'loyalty_accounts', key: ['workspace_id', 'contact_id'] },
  { name: 'loyalty_ledger', key: ['id'] },
  { name: 'followup_rules', key: ['id'] },
  { name: 'followup_sends', key: ['id'] },
  { name: 'followup_opt_outs', key: ['workspace_id', 'contact_id'] },
  { name: 'email_threads', key: ['conversation_id'] },
  { name: 'email_messages', key: ['message_id'] },
  { name: 'email_suppressions', key: ['workspace_id', 'address'] },
  { name: 'email_imap_state', key: ['inbox_id'] },
  { name: 'telegram_polls', key: ['inbox_id'] },
] as const satisfies readonly { name: string; key: readonly string[] }[];

export type BackupTable = (typeof backupTables)[number];

/**
 * Left out on purpose: agent sessions are live credentials of this server and must not travel;
 * login throttling is a few minutes of counters. The migration tables are rebuilt by `migrate`;
 * the analytics tables are derived from orders and rebuilt by the next refresh.
 */
export const skippedTables = [
  'sessions', 'login_throttle', 'careloop_migrations', 'careloop_migrations_lock',
  'analytics_occasions', 'analytics_customers', 'analytics_models', 'analytics_runs', 'analytics_snapshots',
  'analytics_product_cycles', 'analytics_product_buyers',
  // Report facts and rollups are derived from conversations and messages; the worker rebuilds them when their state is missing.
  'report_state', 'report_conversation_facts', 'report_responses', 'report_daily',
];

type Raw = Record<string, unknown>;
/** Table names here are only ever taken from `backupTables`, so the dynamic builder is safe. */
const loose = (db: Database) => db as unknown as Kysely<Record<string, Raw>>;

export async function listTableNames(db: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

/** Columns whose values must be sent as JSON text (a JS array would otherwise become a SQL array). */
export async function listJsonColumns(db: Database): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column"
    from information_schema.columns where table_schema = current_schema() and data_type in ('json', 'jsonb')`.execute(db);
  const map = new Map<string, Set<string>>();
  for (const r of rows) map.set(r.table, (map.get(r.table) ?? new Set()).add(r.column));
  return map;
}

export async function listAppliedMigrations(db: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from careloop_migrations order by name`.execute(db);
  return rows.map((r) => r.name);
}

export async function countRows(db: Database, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** One page of a table in primary-key order, after the key tuple `after` (keyset paging: no OFFSET scans). */
export async function readPage(db: Database, table: BackupTable, after: unknown[] | null, limit: number): Promise<Raw[]> {
  const key = sql.join(table.key.map((k) => sql.ref(k)));
  const where = after ? sql`where (${key}) > (${sql.join(after)})` : sql``;
  const { rows } = await sql<Raw>`select * from ${sql.table(table.name)} ${where} order by ${key} limit ${limit}`.execute(db);
  return rows;
}

export const countWorkspaces = (db: Database) => countRows(db, 'workspaces');

export async function deleteAllRows(db: Database, table: string): Promise<void> {
  await loose(db).deleteFrom(table).execute();
}

export async function insertRows(db: Database, table: string, rows: Raw[]): Promise<void> {
  if (rows.length > 0) await loose(db).insertInto(table).values(rows).execute();
}
