import type { ApprovalDto, CompensationDto, VoucherDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

/** Agent names by id (from the agents feature's directory). */
export type Names = Map<string, string>;

export const presentVoucher = (row: Row<'vouchers'>): VoucherDto => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  value: row.value,
  minOrder: row.min_order,
  expiresAt: row.expires_at?.toISOString() ?? null,
  contactId: row.contact_id,
  redeemedAt: row.redeemed_at?.toISOString() ?? null,
  redeemedOrderRef: row.redeemed_order_ref,
  pushStatus: row.push_status,
  createdAt: row.created_at.toISOString(),
});

export const presentCompensation = (row: Row<'compensation_ledger'>, names: Names, voucher: Row<'vouchers'> | null): CompensationDto => ({
  id: row.id,
  kind: row.kind,
  cost: row.cost,
  details: row.details,
  conversationId: row.conversation_id,
  contactId: row.contact_id,
  orderId: row.order_id,
  agentId: row.agent_id,
  agentName: row.agent_id ? names.get(row.agent_id) ?? null : null,
  approvalId: row.approval_id,
  approvedByName: row.approved_by ? names.get(row.approved_by) ?? null : null,
  voucher: voucher ? presentVoucher(voucher) : null,
  createdAt: row.created_at.toISOString(),
});

const who = (id: string, names: Names) => ({ id, name: names.get(id) ?? '' });

export function presentApproval(
  row: Row<'compensation_approvals'>,
  known: { names: Names; conversationNumber: number | null; compensation: CompensationDto | null; decide: boolean },
): ApprovalDto {
  return {
    id: row.id,
    kind: row.kind,
    cost: row.cost,
    details: row.details,
    conversationId: row.conversation_id,
    conversationNumber: known.conversationNumber,
    contactId: row.contact_id,
    orderId: row.order_id,
    requestedBy: who(row.requested_by, known.names),
    reason: row.reason,
    status: row.status,
    decidedBy: row.decided_by ? who(row.decided_by, known.names) : null,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at?.toISOString() ?? null,
    compensation: known.compensation,
    createdAt: row.created_at.toISOString(),
    abilities: { decide: known.decide },
  };
}
