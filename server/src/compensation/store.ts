import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';

type New<T extends 'compensation_ledger' | 'compensation_approvals' | 'vouchers'> = Omit<NewRow<T>, 'workspace_id'>;
export type ApprovalStatus = Row<'compensation_approvals'>['status'];

// Ledger: append-only. There is deliberately no update or delete here.

export const insertLedgerEntry = (db: Database, workspaceId: string, row: New<'compensation_ledger'>) =>
  db.insertInto('compensation_ledger').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const listLedger = (db: Database, workspaceId: string, filter: { conversationId?: string | undefined; contactId?: string | undefined; limit: number }) => {
  let query = db.selectFrom('compensation_ledger').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
};

export const listLedgerOfApprovals = (db: Database, workspaceId: string, approvalIds: string[]) =>
  approvalIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('compensation_ledger').selectAll().where('workspace_id', '=', workspaceId).where('approval_id', 'in', approvalIds).execute();

/** What an earlier offer with this idempotency key became: an approval request or a ledger entry. */
export async function findByIdempotencyKey(db: Database, workspaceId: string, key: string) {
  const [approval, ledger] = await Promise.all([
    db.selectFrom('compensation_approvals').selectAll().where('workspace_id', '=', workspaceId).where('idempotency_key', '=', key).executeTakeFirst(),
    db.selectFrom('compensation_ledger').selectAll().where('workspace_id', '=', workspaceId).where('idempotency_key', '=', key).executeTakeFirst(),
  ]);
  return { approval, ledger };
}

export const getLedgerEntry = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('compensation_ledger').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/**
 * Serialises ledger writes of one workspace until commit, so the budget check sees every
 * earlier entry and the "passed this month" warning fires exactly once.
 */
export const lockLedger = async (db: Database, workspaceId: string) => {
  await sql`select pg_advisory_xact_lock(hashtext(${`compensation:${workspaceId}`}))`.execute(db);
};

/** Spent this calendar month in `timezone`, and the month's label (YYYY-MM). */
export async function monthSpent(db: Database, workspaceId: string, timezone: string) {
  const { rows } = await sql<{ month: string; spent: string | number; entries: string | number }>`
    select to_char(now() at time zone ${timezone}, 'YYYY-MM') as month,
           coalesce(sum(cost), 0)::bigint as spent, count(*)::bigint as entries
    from compensation_ledger
    where workspace_id = ${workspaceId}
      and created_at >= (date_trunc('month', now() at time zone ${timezone}) at time zone ${timezone})`.execute(db);
  const row = rows[0]!;
  return { month: row.month, spent: Number(row.spent), entries: Number(row.entries) };
}

// Approvals ---------------------------------------------------------------------------------

export const insertApproval = (db: Database, workspaceId: string, row: New<'compensation_approvals'>) =>
  db.insertInto('compensation_approvals').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const getApproval = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('compensation_approvals').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const listApprovals = (db: Database, workspaceId: string, filter: { status: ApprovalStatus | null; requestedBy: string | null; limit: number }) => {
  let query = db.selectFrom('compensation_approvals').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.requestedBy) query = query.where('requested_by', '=', filter.requestedBy);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
};

/** Only a pending request changes, once: two deciders racing get one row and one nothing. */
export const closeApproval = (db: Database, workspaceId: string, id: string, patch: { status: Exclude<ApprovalStatus, 'pending'>; decided_by: string; decision_reason: string | null }) =>
  db.updateTable('compensation_approvals').set({ ...patch, decided_at: new Date() })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).where('status', '=', 'pending')
    .returningAll().executeTakeFirst();

export const conversationNumbers = (db: Database, workspaceId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) :
    db.selectFrom('conversations').select(['id', 'number']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();

// Vouchers ----------------------------------------------------------------------------------

/** Returns nothing when the code is taken (the caller draws another one); never aborts the transaction. */
export const insertVoucher = (db: Database, workspaceId: string, row: New<'vouchers'>) =>
  db.insertInto('vouchers').values({ ...row, workspace_id: workspaceId }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();

export const findVoucherByCode = (db: Database, workspaceId: string, code: string) =>
  db.selectFrom('vouchers').selectAll().where('workspace_id', '=', workspaceId).where(sql`upper(code)`, '=', code.toUpperCase()).executeTakeFirst();

export const getVoucher = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('vouchers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const listVouchersOfLedger = (db: Database, workspaceId: string, ledgerIds: string[]) =>
  ledgerIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('vouchers').selectAll().where('workspace_id', '=', workspaceId).where('ledger_id', 'in', ledgerIds).execute();

export const listVouchers = (db: Database, workspaceId: string, filter: { contactId?: string | undefined; limit: number }) => {
  let query = db.selectFrom('vouchers').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
};

/**
 * Redeem once: the conditions are part of the UPDATE, so of two concurrent redemptions the
 * second finds `redeemed_at` already set and changes nothing.
 */
export const redeemVoucher = (db: Database, workspaceId: string, id: string, orderRef: string) =>
  db.updateTable('vouchers').set({ redeemed_at: new Date(), redeemed_order_ref: orderRef })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).where('redeemed_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .returningAll().executeTakeFirst();

export const setPushStatus = (db: Database, workspaceId: string, id: string, status: 'pushed' | 'failed' | 'none', error: string | null) =>
  db.updateTable('vouchers').set({ push_status: status, push_error: error })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

/** Codes never pushed anywhere become `exported` once an admin has downloaded them. */
export const markExported = (db: Database, workspaceId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve() :
    db.updateTable('vouchers').set({ push_status: 'exported' })
      .where('workspace_id', '=', workspaceId).where('id', 'in', ids).where('push_status', '=', 'none').execute().then(() => undefined);
