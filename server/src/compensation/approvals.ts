import { compensationOfferInput, type ApprovalDto, type CompensationSettings } from '@careloop/contracts';
import { inTransaction, type Actor, type Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { hasRole, requireScope } from '../agents/policy.ts';
import { requireConversation } from '../conversations/service.ts';
import { afterGrant, namesOf, presentLedger, writeGrant, type Granted } from './grant.ts';
import { can, limitOf, requireAgent } from './policy.ts';
import { presentApproval } from './present.ts';
import { readCompensationSettings } from './settings.ts';
import * as store from './store.ts';

/**
 * Approvals with names, conversation numbers, their ledger entry, and what `viewer` may do.
 * Events reach every agent alike, so they are presented for the system (`decide: false`); a
 * console that receives one reads GET /approvals/:id for its own abilities.
 */
export async function presentApprovals(ctx: Ctx, rows: Row<'compensation_approvals'>[], settings: CompensationSettings, viewer: Actor): Promise<ApprovalDto[]> {
  if (rows.length === 0) return [];
  const conversationIds = [...new Set(rows.flatMap((r) => (r.conversation_id ? [r.conversation_id] : [])))];
  const [names, numbers, ledger] = await Promise.all([
    namesOf(ctx),
    store.conversationNumbers(ctx.db, ctx.workspaceId, conversationIds),
    store.listLedgerOfApprovals(ctx.db, ctx.workspaceId, rows.filter((r) => r.status === 'approved').map((r) => r.id)),
  ]);
  const compensations = await presentLedger(ctx, ledger);
  return rows.map((r) => presentApproval(r, {
    names,
    conversationNumber: numbers.find((n) => n.id === r.conversation_id)?.number ?? null,
    compensation: compensations.find((c) => c.approvalId === r.id) ?? null,
    decide: can.decide(viewer, r, settings),
  }));
}

const statusFilter = (status: 'pending' | 'approved' | 'denied' | 'all') => (status === 'all' ? null : status);

/** Supervisors and above see every request; an agent sees their own. */
export async function listApprovals(ctx: Ctx, query: { status: 'pending' | 'approved' | 'denied' | 'all' }): Promise<ApprovalDto[]> {
  requireScope(ctx.actor, 'conversations:read');
  const agent = requireAgent(ctx.actor);
  const settings = await readCompensationSettings(ctx);
  const rows = await store.listApprovals(ctx.db, ctx.workspaceId, {
    status: statusFilter(query.status), requestedBy: hasRole(agent, 'supervisor') ? null : agent.id, limit: 500,
  });
  return presentApprovals(ctx, rows, settings, agent);
}

async function viewable(ctx: Ctx, id: string) {
  const row = await store.getApproval(ctx.db, ctx.workspaceId, id);
  if (!row || !can.view(ctx.actor, row)) throw notFound('Approval');
  return row;
}

export async function getApproval(ctx: Ctx, id: string): Promise<ApprovalDto> {
  requireScope(ctx.actor, 'conversations:read');
  const agent = requireAgent(ctx.actor);
  const [row, settings] = await Promise.all([viewable(ctx, id), readCompensationSettings(ctx)]);
  return (await presentApprovals(ctx, [row], settings, agent))[0]!;
}

const alreadyClosed = (row: { status: string }) => new AppError('conflict', `This request was already ${row.status}`, { status: row.status });
const vnd = (amount: number | null) => (amount === null ? 'unlimited' : `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`);

/**
 * Approve or deny a pending request. Approving writes the ledger entry in the requester's name
 * (approved by the decider) and does what was offered, in the same transaction. The status
 * change is conditional, so a second decision — concurrent or late — gets `conflict`.
 */
export async function decideApproval(ctx: Ctx, id: string, input: { approve: boolean; reason?: string | null | undefined }): Promise<ApprovalDto> {
  requireScope(ctx.actor, 'conversations:write');
  const agent = requireAgent(ctx.actor);
  const settings = await readCompensationSettings(ctx);
  const { closed, granted } = await inTransaction(ctx, async (tx, emit) => {
    const row = await viewable(tx, id);
    if (row.status !== 'pending') throw alreadyClosed(row);
    if (row.requested_by === agent.id) throw forbidden('Someone else has to decide your own request');
    if (!can.decide(agent, row, settings)) throw forbidden(`Deciding needs a supervisor or above whose limit covers ${vnd(row.cost)} (yours: ${vnd(limitOf(agent, settings))})`);
    const closed = await store.closeApproval(tx.db, tx.workspaceId, id, {
      status: input.approve ? 'approved' : 'denied', decided_by: agent.id, decision_reason: input.reason ?? null,
    });
    if (!closed) throw alreadyClosed((await store.getApproval(tx.db, tx.workspaceId, id)) ?? row);
    let granted: Granted | null = null;
    if (input.approve) {
      if (!closed.conversation_id) throw new AppError('conflict', 'The conversation of this request was deleted; deny it instead');
      const conversation = await requireConversation(tx, closed.conversation_id);
      const offer = compensationOfferInput.parse({ ...closed.details, conversationId: closed.conversation_id, orderId: closed.order_id });
      if (offer.kind === 'apology') throw new AppError('conflict', 'An apology costs nothing and never waits for approval');
      granted = await writeGrant(tx, emit, settings, {
        offer, cost: closed.cost, details: closed.details, conversation, orderId: closed.order_id,
        agentId: closed.requested_by, approval: { id: closed.id, decidedBy: agent.id },
      });
    }
    await recordAudit(tx, input.approve ? 'approval.approved' : 'approval.denied', { type: 'approval', id }, {
      kind: closed.kind, cost: closed.cost, reason: input.reason ?? null, requestedBy: closed.requested_by, compensationId: granted?.ledger.id ?? null,
    });
    const [dto] = await presentApprovals(tx, [closed], settings, { type: 'system' });
    emit({ type: 'approval.decided', approval: dto! });
    return { closed, granted };
  });
  if (granted) await afterGrant(ctx, granted);
  return (await presentApprovals(ctx, [closed], settings, agent))[0]!;
}

/** The requester withdraws a request nobody has decided yet. */
export async function cancelApproval(ctx: Ctx, id: string): Promise<ApprovalDto> {
  requireScope(ctx.actor, 'conversations:write');
  const agent = requireAgent(ctx.actor);
  const settings = await readCompensationSettings(ctx);
  const closed = await inTransaction(ctx, async (tx, emit) => {
    const row = await viewable(tx, id);
    if (row.status !== 'pending') throw alreadyClosed(row);
    if (!can.cancel(agent, row)) throw forbidden('Only the agent who asked can withdraw a request');
    const closed = await store.closeApproval(tx.db, tx.workspaceId, id, { status: 'cancelled', decided_by: agent.id, decision_reason: null });
    if (!closed) throw alreadyClosed((await store.getApproval(tx.db, tx.workspaceId, id)) ?? row);
    await recordAudit(tx, 'approval.cancelled', { type: 'approval', id }, { kind: closed.kind, cost: closed.cost });
    const [dto] = await presentApprovals(tx, [closed], settings, { type: 'system' });
    emit({ type: 'approval.decided', approval: dto! });
    return closed;
  });
  return (await presentApprovals(ctx, [closed], settings, agent))[0]!;
}
