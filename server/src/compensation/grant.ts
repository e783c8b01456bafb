import type { CompensationDto, CompensationOfferInput, CompensationSettings, RealtimeEvent } from '@careloop/contracts';
import { publish, type Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { agentDirectory } from '../agents/service.ts';
import { grantPoints } from '../loyalty/service.ts';
import { addActivity } from '../messages/service.ts';
import { checkBudget } from './settings.ts';
import { presentCompensation, presentVoucher, type Names } from './present.ts';
import { createVoucher, pushVoucher } from './vouchers.ts';
import * as store from './store.ts';

type Emit = (event: RealtimeEvent) => void;

export interface Grant {
  offer: CompensationOfferInput;
  cost: number;
  details: Record<string, unknown>;
  conversation: Row<'conversations'>;
  orderId: string | null;
  /** Who offered it (the requester, when it went through approval); null for a system grant (a survey's thank-you). */
  agentId: string | null;
  approval: { id: string; decidedBy: string } | null;
  /** The offer's idempotency key (direct grants only; an approval carries its own). */
  idempotencyKey?: string | null;
}

export interface Granted { ledger: Row<'compensation_ledger'>; voucher: Row<'vouchers'> | null; dto: CompensationDto }

export const namesOf = async (ctx: Ctx): Promise<Names> => new Map((await agentDirectory(ctx)).map((a) => [a.id, a.name]));

/**
 * Inside the caller's transaction: write the ledger entry, do what was offered, audit, check the
 * month's budget and announce it. An apology's message is sent by the caller beforehand (sending
 * runs its own transaction and delivery); its id arrives in `details`.
 */
export async function writeGrant(tx: Ctx, emit: Emit, settings: CompensationSettings, grant: Grant): Promise<Granted> {
  const { offer, conversation } = grant;
  await store.lockLedger(tx.db, tx.workspaceId);
  const ledger = await store.insertLedgerEntry(tx.db, tx.workspaceId, {
    id: newId('compensation'), kind: offer.kind, cost: grant.cost, details: JSON.stringify({ ...grant.details }),
    conversation_id: conversation.id, contact_id: conversation.contact_id, order_id: grant.orderId,
    agent_id: grant.agentId, approval_id: grant.approval?.id ?? null, approved_by: grant.approval?.decidedBy ?? null,
    idempotency_key: grant.idempotencyKey ?? null,
  });
  let voucher: Row<'vouchers'> | null = null;
  const what: ('loyalty' | 'compensation')[] = ['compensation'];
  switch (offer.kind) {
    case 'voucher':
      voucher = await createVoucher(tx, {
        kind: offer.voucherType, value: offer.value, minOrder: offer.minOrder, expiresInDays: offer.expiresInDays,
        contactId: conversation.contact_id, ledgerId: ledger.id,
      });
      break;
    case 'free_shipping':
      voucher = await createVoucher(tx, {
        kind: 'free_shipping', value: grant.cost, minOrder: 0, expiresInDays: offer.expiresInDays, contactId: conversation.contact_id, ledgerId: ledger.id,
      });
      break;
    case 'points':
      await grantPoints(tx, { contactId: conversation.contact_id, points: offer.points, reason: offer.reason ?? null, agentId: grant.agentId, sourceKey: `compensation:${ledger.id}` });
      what.push('loyalty');
      break;
    case 'replacement':
    case 'refund':
      await activityLine(tx, conversation, offer.kind, grant.cost, grant.approval !== null, emit);
      break;
    case 'apology':
      break;
  }
  await recordAudit(tx, 'compensation.granted', { type: 'compensation', id: ledger.id }, {
    kind: offer.kind, cost: grant.cost, conversationId: conversation.id, approvalId: grant.approval?.id ?? null, voucherCode: voucher?.code ?? null,
  });
  await checkBudget(tx, emit, settings, grant.cost);
  const dto = presentCompensation(ledger, await namesOf(tx), voucher);
  emit({ type: 'compensation.granted', compensation: dto });
  emit({ type: 'contact.commerce_changed', contactId: conversation.contact_id, what });
  return { ledger, voucher, dto };
}

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;

/** A timeline line for a replacement or a refund request, in the workspace's language. */
async function activityLine(tx: Ctx, conversation: Row<'conversations'>, kind: 'replacement' | 'refund', cost: number, approved: boolean, emit: Emit) {
  // After an approval the actor is the approver, and the line says so.
  const key = approved
    ? (kind === 'refund' ? 'activity.compensation.refund_approved' : 'activity.compensation.replacement_approved')
    : (kind === 'refund' ? 'activity.compensation.refund' : 'activity.compensation.replacement');
  await addActivity(tx, conversation, key, { amount: vnd(cost) }, emit);
}

/** After commit: push a new voucher to the shop and tell the console where it went. */
export async function afterGrant(ctx: Ctx, granted: Granted): Promise<CompensationDto> {
  if (!granted.voucher) return granted.dto;
  const voucher = await pushVoucher(ctx, granted.voucher);
  if (voucher.push_status !== granted.voucher.push_status && granted.ledger.contact_id) {
    await publish(ctx.deps, { workspaceId: ctx.workspaceId, event: { type: 'contact.commerce_changed', contactId: granted.ledger.contact_id, what: ['compensation'] } });
  }
  return { ...granted.dto, voucher: presentVoucher(voucher) };
}

export async function presentLedger(ctx: Ctx, rows: Row<'compensation_ledger'>[]): Promise<CompensationDto[]> {
  if (rows.length === 0) return [];
  const [names, vouchers] = await Promise.all([namesOf(ctx), store.listVouchersOfLedger(ctx.db, ctx.workspaceId, rows.map((r) => r.id))]);
  return rows.map((r) => presentCompensation(r, names, vouchers.find((v) => v.ledger_id === r.id) ?? null));
}
