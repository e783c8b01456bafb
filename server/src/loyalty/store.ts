import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import { jsonParam } from '../platform/db/json.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

export type LedgerRow = Row<'loyalty_ledger'>;
export type LedgerRowWithAgent = LedgerRow & { agent_name: string | null };
export type NewLedgerRow = Omit<NewRow<'loyalty_ledger'>, 'workspace_id'>;

/** Sums over ledger entries: bigint sums come back as numeric, so every aggregate is cast to bigint. */
const total = (expr: ReturnType<typeof sql>) => sql<number>`coalesce(${expr}, 0)::bigint`;

// Accounts: the row each balance-changing transaction locks ----------------------------

/** Creates the missing accounts, in the order given; returns the contacts whose account is new. */
export async function ensureAccounts(db: Database, workspaceId: string, contactIds: string[]): Promise<string[]> {
  if (!contactIds.length) return [];
  // One array parameter, not one per contact: imports lock hundreds of accounts per batch.
  const result = await sql<{ contact_id: string }>`insert into loyalty_accounts (workspace_id, contact_id)
    select ${workspaceId}, c from unnest(${contactIds}::text[]) with ordinality as u(c, n) order by n
    on conflict (workspace_id, contact_id) do nothing returning contact_id`.execute(db);
  return result.rows.map((r) => r.contact_id);
}

/** One statement, ordered by id, so two transactions locking overlapping sets cannot deadlock on them. */
export async function lockAccounts(db: Database, workspaceId: string, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  await db.selectFrom('loyalty_accounts').select('contact_id').where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', sql<string>`any(${contactIds}::text[])`).orderBy('contact_id').forUpdate().execute();
}

// Ledger ---------------------------------------------------------------------------------

export async function balanceOf(db: Database, workspaceId: string, contactIds: string[]): Promise<number> {
  const row = await db.selectFrom('loyalty_ledger').select(total(sql`sum(points)`).as('balance'))
    .where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).executeTakeFirstOrThrow();
  return Number(row.balance);
}

/** Entries whose source key is already taken are skipped (replays, racing retries); the inserted rows come back. */
/** One JSON parameter for the batch (each entry an array in column order): an import earns points for hundreds of orders at once. */
const insertSql = (workspaceId: string, rows: NewLedgerRow[]) => sql`
    insert into loyalty_ledger (workspace_id, id, contact_id, kind, points, order_id, source_key, reason, agent_id, expires_at)
    select ${workspaceId}, r->>0, r->>1, r->>2, (r->>3)::bigint, r->>4, r->>5, r->>6, r->>7, (r->>8)::timestamptz
    from jsonb_array_elements(${jsonParam(rows.map((r) => [r.id, r.contact_id, r.kind, r.points, r.order_id, r.source_key, r.reason, r.agent_id, r.expires_at]))}::jsonb) as e(r)
    on conflict (workspace_id, source_key) where source_key is not null do nothing`;

export async function insertEntries(db: Database, workspaceId: string, rows: NewLedgerRow[]): Promise<LedgerRow[]> {
  if (!rows.length) return [];
  return (await sql<LedgerRow>`${insertSql(workspaceId, rows)} returning *`.execute(db)).rows;
}

/** The same, returning only whose ledger was written (a replay writes nothing): what imports need. */
export async function insertEntriesForContacts(db: Database, workspaceId: string, rows: NewLedgerRow[]): Promise<string[]> {
  if (!rows.length) return [];
  return (await sql<{ contact_id: string }>`${insertSql(workspaceId, rows)} returning contact_id`.execute(db)).rows.map((r) => r.contact_id);
}

const withAgent = (db: Database, workspaceId: string) =>
  db.selectFrom('loyalty_ledger as l').leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'l.agent_id').onRef('a.workspace_id', '=', 'l.workspace_id'))
    .selectAll('l').select('a.name as agent_name').where('l.workspace_id', '=', workspaceId);

export const listEntries = (db: Database, workspaceId: string, contactIds: string[], limit: number): Promise<LedgerRowWithAgent[]> =>
  withAgent(db, workspaceId).where('l.contact_id', 'in', contactIds).orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();

export const findEntryBySourceKey = (db: Database, workspaceId: string, sourceKey: string): Promise<LedgerRowWithAgent | undefined> =>
  withAgent(db, workspaceId).where('l.source_key', '=', sourceKey).executeTakeFirst();

/** The earn entries of these orders, found through the unique source-key index. */
export async function listEarnEntries(db: Database, workspaceId: string, orderIds: string[]): Promise<LedgerRow[]> {
  if (!orderIds.length) return [];
  return db.selectFrom('loyalty_ledger').selectAll().where('workspace_id', '=', workspaceId)
    .where('source_key', '=', sql<string>`any(${orderIds.map((id) => `order:${id}:earn`)}::text[])`).execute();
}

/** The reversals written to these contacts (few per contact); the caller matches them to orders by source key. */
export const listReverseEntries = (db: Database, workspaceId: string, contactIds: string[]): Promise<LedgerRow[]> =>
  contactIds.length === 0 ? Promise.resolve([]) : db.selectFrom('loyalty_ledger').selectAll().where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', sql<string>`any(${contactIds}::text[])`).where('kind', '=', 'reverse').execute();

// Expiry (FIFO by aggregates) -------------------------------------------------------------

/**
 * Per contact: `due` — earned points whose expiry is at or before `at`, net of what reversals took back
 * from those same orders; `debits` — redeemed, expired and negatively adjusted points. Debits consume
 * the oldest points first, so what is left of the due points is `due − debits`. Reversals are tied to
 * their order's points, not counted as debits, so a refund of a fresh order does not spare old points.
 */
function expirySums(db: Database, workspaceId: string, at: Date) {
  return db.selectFrom('loyalty_ledger as l')
    .leftJoin('loyalty_ledger as e', (j) => j.onRef('e.workspace_id', '=', 'l.workspace_id')
      .on(sql<boolean>`l.kind = 'reverse' and e.source_key = regexp_replace(l.source_key, ':reverse:[0-9]+$', ':earn')`))
    .where('l.workspace_id', '=', workspaceId)
    .select([
      total(sql`sum(l.points) filter (where (l.kind = 'earn' and l.expires_at <= ${at}) or (l.kind = 'reverse' and e.expires_at <= ${at}))`).as('due'),
      total(sql`sum(-l.points) filter (where l.points < 0 and l.kind in ('redeem', 'expire', 'adjust'))`).as('debits'),
      total(sql`sum(l.points)`).as('balance'),
    ]);
}

export async function expiryOf(db: Database, workspaceId: string, contactIds: string[], at: Date) {
  const row = await expirySums(db, workspaceId, at).where('l.contact_id', 'in', contactIds).executeTakeFirstOrThrow();
  return { due: Number(row.due), debits: Number(row.debits), balance: Number(row.balance) };
}

/** Contacts that, on their own ledger, hold points due to expire: the job's work list. */
export async function listExpiryCandidates(db: Database, workspaceId: string, at: Date): Promise<string[]> {
  const rows = await expirySums(db, workspaceId, at).select('l.contact_id')
    .where('l.contact_id', 'in', db.selectFrom('loyalty_ledger').select('contact_id').where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'earn').where('expires_at', '<=', at))
    .groupBy('l.contact_id')
    .having(sql`coalesce(sum(l.points) filter (where (l.kind = 'earn' and l.expires_at <= ${at}) or (l.kind = 'reverse' and e.expires_at <= ${at})), 0)
      - coalesce(sum(-l.points) filter (where l.points < 0 and l.kind in ('redeem', 'expire', 'adjust')), 0)`, '>', 0)
    .orderBy('l.contact_id').execute();
  return rows.map((r) => r.contact_id);
}
