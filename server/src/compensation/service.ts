import type { CompensationDto, CompensationOfferInput, OfferResultDto } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireScope } from '../agents/policy.ts';
import { requireConversation } from '../conversations/service.ts';
import { sendAgentMessage } from '../messages/service.ts';
import { presentApprovals } from './approvals.ts';
import { costOf } from './cost.ts';
import { afterGrant, presentLedger, writeGrant } from './grant.ts';
import { covers, limitOf, requireAgent } from './policy.ts';
import { readCompensationSettings } from './settings.ts';
import * as store from './store.ts';

export { getCompensationSettings, updateCompensationSettings, getBudget } from './settings.ts';
export { listApprovals, getApproval, decideApproval, cancelApproval } from './approvals.ts';
export { suggestCompensation } from './suggestion.ts';
export { checkVoucher, redeemVoucher, listVouchers, exportVouchersCsv } from './vouchers.ts';

/**
 * Offer compensation from a conversation. Within the agent's authority it is granted at once;
 * above it becomes an approval request that reaches every agent in real time, and someone with
 * the authority decides.
 */
export async function offerCompensation(ctx: Ctx, offer: CompensationOfferInput): Promise<OfferResultDto> {
  requireScope(ctx.actor, 'conversations:write');
  const agent = requireAgent(ctx.actor);
  const conversation = await requireConversation(ctx, offer.conversationId);
  const settings = await readCompensationSettings(ctx);
  const key = offer.idempotencyKey ?? null;
  if (key) {
    const earlier = await replayOffer(ctx, key, settings, agent);
    if (earlier) return earlier;
  }
  const costed = await costOf(ctx, offer, settings, conversation.contact_id);
  try {
    return await makeOffer(ctx, offer, costed, settings, agent, conversation, key);
  } catch (err) {
    // Two copies of one offer raced: the one that lost answers with what the winner wrote.
    const again = key && (err as { code?: string }).code === '23505' ? await replayOffer(ctx, key, settings, agent) : null;
    if (again) return again;
    throw err;
  }
}

async function replayOffer(ctx: Ctx, key: string, settings: Awaited<ReturnType<typeof readCompensationSettings>>, agent: ReturnType<typeof requireAgent>): Promise<OfferResultDto | null> {
  const { approval, ledger } = await store.findByIdempotencyKey(ctx.db, ctx.workspaceId, key);
  if (approval) {
    if (approval.requested_by !== agent.id) throw forbidden();
    const [dto] = await presentApprovals(ctx, [approval], settings, agent);
    return { status: 'pending_approval', approval: dto! };
  }
  if (ledger) {
    if (ledger.agent_id !== agent.id) throw forbidden();
    const [dto] = await presentLedger(ctx, [ledger]);
    return { status: 'granted', compensation: dto! };
  }
  return null;
}

async function makeOffer(
  ctx: Ctx, offer: CompensationOfferInput, costed: Awaited<ReturnType<typeof costOf>>, settings: Awaited<ReturnType<typeof readCompensationSettings>>,
  agent: ReturnType<typeof requireAgent>, conversation: Awaited<ReturnType<typeof requireConversation>>, key: string | null,
): Promise<OfferResultDto> {
  if (!covers(limitOf(agent, settings), costed.cost)) {
    const approval = await inTransaction(ctx, async (tx, emit) => {
      const row = await store.insertApproval(tx.db, tx.workspaceId, {
        id: newId('approval'), kind: offer.kind, cost: costed.cost, details: JSON.stringify(costed.details),
        conversation_id: conversation.id, contact_id: conversation.contact_id, order_id: costed.order?.id ?? null,
        requested_by: agent.id, reason: offer.reason ?? null, idempotency_key: key,
      });
      await recordAudit(tx, 'approval.requested', { type: 'approval', id: row.id }, { kind: offer.kind, cost: costed.cost, conversationId: conversation.id });
      const [forEveryone] = await presentApprovals(tx, [row], settings, { type: 'system' });
      emit({ type: 'approval.requested', approval: forEveryone! });
      return row;
    });
    const [dto] = await presentApprovals(ctx, [approval], settings, agent);
    return { status: 'pending_approval', approval: dto! };
  }

  let details = costed.details;
  if (offer.kind === 'apology') {
    // Sending runs its own transaction and the channel delivery; a refused reply records nothing.
    const message = await sendAgentMessage(ctx, conversation.id, { kind: 'outgoing', body: offer.message, attachmentIds: [], force: true });
    details = { ...details, messageId: message.id };
  }
  const granted = await inTransaction(ctx, (tx, emit) => writeGrant(tx, emit, settings, {
    offer, cost: costed.cost, details, conversation, orderId: costed.order?.id ?? null, agentId: agent.id, approval: null, idempotencyKey: key,
  }));
  return { status: 'granted', compensation: await afterGrant(ctx, granted) };
}

/**
 * A voucher the shop gives without an agent (a survey's thank-you): in the ledger with no agent,
 * within the month's budget checks, once per idempotency key (a retried job gets the first grant).
 */
export async function grantSystemVoucher(ctx: Ctx, offer: Extract<CompensationOfferInput, { kind: 'voucher' }> & { idempotencyKey: string }): Promise<CompensationDto> {
  const settings = await readCompensationSettings(ctx);
  const replay = async () => {
    const { ledger } = await store.findByIdempotencyKey(ctx.db, ctx.workspaceId, offer.idempotencyKey);
    return ledger ? (await presentLedger(ctx, [ledger]))[0]! : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const conversation = await requireConversation(ctx, offer.conversationId);
  const costed = await costOf(ctx, offer, settings, conversation.contact_id);
  try {
    const granted = await inTransaction(ctx, (tx, emit) => writeGrant(tx, emit, settings, {
      offer, cost: costed.cost, details: costed.details, conversation, orderId: null, agentId: null, approval: null, idempotencyKey: offer.idempotencyKey,
    }));
    return await afterGrant(ctx, granted);
  } catch (err) {
    const again = (err as { code?: string }).code === '23505' ? await replay() : null;
    if (again) return again;
    throw err;
  }
}

/** The append-only ledger of a conversation or a customer, newest first. */
export async function listLedger(ctx: Ctx, query: { conversationId?: string | undefined; contactId?: string | undefined }): Promise<CompensationDto[]> {
  requireScope(ctx.actor, 'conversations:read');
  if (ctx.actor.type === 'contact') throw forbidden();
  return presentLedger(ctx, await store.listLedger(ctx.db, ctx.workspaceId, { ...query, limit: 500 }));
}
