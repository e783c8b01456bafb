import { randomInt } from 'node:crypto';
import type { VoucherCheckDto, VoucherDto } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { listPushTargets } from '../commerce/service.ts';
import { csvOf } from '../platform/csv.ts';
import { presentVoucher } from './present.ts';
import { pushDiscount, type PushTarget } from './voucher-push.ts';
import * as store from './store.ts';

/** No 0/O, 1/I/L: codes are read aloud and typed from screenshots. 31 symbols × 10 ≈ 49.5 bits. */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newVoucherCode = () => `CL-${Array.from({ length: 10 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('')}`;

export interface NewVoucher {
  kind: Row<'vouchers'>['kind'];
  value: number;
  minOrder: number;
  expiresInDays: number;
  contactId: string | null;
  ledgerId: string;
}

/** In the granting transaction. A code already taken (by chance, about 2⁻⁴⁹ per existing code) is drawn again. */
export async function createVoucher(tx: Ctx, input: NewVoucher): Promise<Row<'vouchers'>> {
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await store.insertVoucher(tx.db, tx.workspaceId, {
      id: newId('voucher'), code: newVoucherCode(), kind: input.kind, value: input.value, min_order: input.minOrder,
      expires_at: expiresAt, contact_id: input.contactId, ledger_id: input.ledgerId,
    });
    if (row) return row;
  }
  throw new AppError('conflict', 'Could not draw a unique voucher code; try again');
}

/**
 * After commit: hand the code to every connected shop that takes discount codes. A failure is
 * recorded on the voucher and never undoes the grant; the code still works through our API.
 */
export async function pushVoucher(ctx: Ctx, voucher: Row<'vouchers'>, targets?: PushTarget[]): Promise<Row<'vouchers'>> {
  const to = targets ?? await listPushTargets(ctx);
  if (to.length === 0) return voucher;
  // Shop platforms cannot cap a percentage discount; a capped percent voucher works through our API only.
  if (voucher.kind === 'percent' && voucher.ledger_id) {
    return (await store.setPushStatus(ctx.db, ctx.workspaceId, voucher.id, 'none', 'A capped percentage cannot be expressed as a shop discount code')) ?? voucher;
  }
  const errors: string[] = [];
  for (const target of to) {
    try {
      await pushDiscount(target, voucher);
    } catch (err) {
      errors.push(`${target.platform}: ${(err as Error).message}`.slice(0, 500));
    }
  }
  if (errors.length) ctx.log.warn('compensation: voucher push failed', { voucherId: voucher.id, errors });
  return (await store.setPushStatus(ctx.db, ctx.workspaceId, voucher.id, errors.length ? 'failed' : 'pushed', errors.length ? errors.join('; ') : null)) ?? voucher;
}

type Verdict = VoucherCheckDto['reason'];

function verdictOf(voucher: Row<'vouchers'> | undefined, orderTotal: number | undefined, now = new Date()): Verdict {
  if (!voucher) return 'not_found';
  if (voucher.redeemed_at) return 'redeemed';
  if (voucher.expires_at && voucher.expires_at <= now) return 'expired';
  if (orderTotal !== undefined && orderTotal < voucher.min_order) return 'below_minimum';
  return 'ok';
}

/** What the code takes off an order. A percent voucher never takes more than its ledger cost. */
async function discountOf(ctx: Ctx, voucher: Row<'vouchers'>, orderTotal: number | undefined): Promise<number | null> {
  switch (voucher.kind) {
    case 'fixed': return orderTotal === undefined ? voucher.value : Math.min(voucher.value, orderTotal);
    case 'free_shipping': return voucher.value;
    case 'percent': {
      if (orderTotal === undefined) return null;
      const cap = voucher.ledger_id ? (await store.getLedgerEntry(ctx.db, ctx.workspaceId, voucher.ledger_id))?.cost : undefined;
      const discount = Math.round((orderTotal * voucher.value) / 100);
      return cap === undefined ? discount : Math.min(discount, cap);
    }
  }
}

/** Verify a code (a shop's checkout, an agent): never changes anything. */
export async function checkVoucher(ctx: Ctx, input: { code: string; orderTotal?: number | undefined }): Promise<VoucherCheckDto> {
  requireScope(ctx.actor, 'contacts:read');
  const voucher = await store.findVoucherByCode(ctx.db, ctx.workspaceId, input.code);
  const reason = verdictOf(voucher, input.orderTotal);
  return {
    valid: reason === 'ok', reason, voucher: voucher ? presentVoucher(voucher) : null,
    discount: voucher && reason === 'ok' ? await discountOf(ctx, voucher, input.orderTotal) : null,
  };
}

/** Use a code once. Of two concurrent redemptions one wins; the other gets `conflict` (409). */
export async function redeemVoucher(ctx: Ctx, input: { code: string; orderRef: string; orderTotal?: number | undefined }): Promise<VoucherCheckDto> {
  requireScope(ctx.actor, 'contacts:write');
  const { row, discount } = await inTransaction(ctx, async (tx, emit) => {
    const found = await store.findVoucherByCode(tx.db, tx.workspaceId, input.code);
    if (!found) throw notFound('Voucher');
    const reason = verdictOf(found, input.orderTotal);
    if (reason !== 'ok' && reason !== 'not_found') throw refusal(reason);
    // A minimum order or a percentage can only be honoured against the order's total.
    if (input.orderTotal === undefined && (found.min_order > 0 || found.kind === 'percent')) {
      throw new AppError('validation_failed', 'This voucher needs the order total to be redeemed', { field: 'orderTotal' });
    }
    const redeemed = await store.redeemVoucher(tx.db, tx.workspaceId, found.id, input.orderRef);
    if (!redeemed) throw refusal(verdictOf(await store.getVoucher(tx.db, tx.workspaceId, found.id), input.orderTotal, new Date()) === 'expired' ? 'expired' : 'redeemed');
    await recordAudit(tx, 'voucher.redeemed', { type: 'voucher', id: redeemed.id }, { code: redeemed.code, orderRef: input.orderRef });
    if (redeemed.contact_id) emit({ type: 'contact.commerce_changed', contactId: redeemed.contact_id, what: ['compensation'] });
    return { row: redeemed, discount: await discountOf(tx, redeemed, input.orderTotal) };
  });
  return { valid: true, reason: 'ok', voucher: presentVoucher(row), discount };
}

const refusal = (reason: Exclude<Verdict, 'ok' | 'not_found'>) => new AppError('conflict', {
  redeemed: 'This voucher was already used', expired: 'This voucher has expired', below_minimum: 'The order is below the voucher\'s minimum',
}[reason], { reason });

export async function listVouchers(ctx: Ctx, query: { contactId?: string | undefined }): Promise<VoucherDto[]> {
  requireScope(ctx.actor, 'contacts:read');
  return (await store.listVouchers(ctx.db, ctx.workspaceId, { contactId: query.contactId, limit: 500 })).map(presentVoucher);
}

const exportColumns = ['code', 'kind', 'value', 'min_order', 'expires_at', 'contact_id', 'redeemed_at', 'redeemed_order_ref', 'push_status', 'created_at'];

/**
 * Every code as CSV, for shops whose platform we cannot push to: codes that were never pushed
 * become `exported`, so the console shows which ones the shop has been given.
 */
export async function exportVouchersCsv(ctx: Ctx): Promise<string> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const rows = await store.listVouchers(tx.db, tx.workspaceId, { limit: 100_000 });
    await store.markExported(tx.db, tx.workspaceId, rows.map((r) => r.id));
    await recordAudit(tx, 'voucher.exported', null, { count: rows.length });
    return csvOf(exportColumns, rows.map((r) => [
      r.code, r.kind, r.value, r.min_order, r.expires_at?.toISOString() ?? '', r.contact_id ?? '',
      r.redeemed_at?.toISOString() ?? '', r.redeemed_order_ref ?? '', r.push_status === 'none' ? 'exported' : r.push_status, r.created_at.toISOString(),
    ]));
  });
}
