/**
 * Scheduled sends (issue 7 §3): an agent writes now and the reply goes out later, as theirs, through
 * the conversation's channel. The send is a pg-boss job timed at `send_at` (survives restarts); a
 * cancelled or already-sent row makes the job a no-op, and the message's client id makes a retried
 * job send once.
 */
import { createMessageInput, type ScheduledMessageDto } from '@careloop/contracts';
import { inTransaction, nowOf, type Ctx, type Deps } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { requireScope } from '../agents/policy.ts';
import { getAgentRow } from '../agents/service.ts';
import { requireConversation } from '../conversations/service.ts';
import { sendAgentMessage } from './service.ts';
import * as store from './store.ts';

export const scheduledSendQueue = { name: 'messages.sendScheduled', retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 120, batchSize: 10 };
const maxAheadMs = 60 * 86_400_000;

const present = (row: Row<'scheduled_messages'>): ScheduledMessageDto => ({
  id: row.id, conversationId: row.conversation_id, body: row.body, sendAt: row.send_at.toISOString(), state: row.state,
  error: row.error, agentId: row.agent_id, createdAt: row.created_at.toISOString(),
});

export async function scheduleMessage(ctx: Ctx, conversationId: string, input: { body: string; sendAt: string }): Promise<ScheduledMessageDto> {
  requireScope(ctx.actor, 'conversations:write');
  if (ctx.actor.type !== 'agent') throw forbidden();
  const sendAt = new Date(input.sendAt);
  const now = nowOf(ctx.deps).getTime();
  if (sendAt.getTime() <= now + 30_000) throw new AppError('validation_failed', 'Pick a time at least a minute from now', { field: 'sendAt' });
  if (sendAt.getTime() > now + maxAheadMs) throw new AppError('validation_failed', 'Pick a time within 60 days', { field: 'sendAt' });
  const agentId = ctx.actor.id;
  return inTransaction(ctx, async (tx) => {
    await requireConversation(tx, conversationId);
    const row = await store.insertScheduled(tx.db, {
      id: newId('scheduledMessage'), workspace_id: tx.workspaceId, conversation_id: conversationId, agent_id: agentId, body: input.body.normalize('NFC').trim(), send_at: sendAt,
    });
    await tx.deps.jobs.enqueue(tx.db, scheduledSendQueue.name, { workspaceId: tx.workspaceId, id: row.id }, { startAfter: sendAt, singletonKey: row.id });
    return present(row);
  });
}

export async function listScheduled(ctx: Ctx, conversationId: string): Promise<ScheduledMessageDto[]> {
  requireScope(ctx.actor, 'conversations:read');
  await requireConversation(ctx, conversationId);
  return (await store.listScheduled(ctx.db, ctx.workspaceId, conversationId)).map(present);
}

export async function cancelScheduled(ctx: Ctx, conversationId: string, id: string): Promise<ScheduledMessageDto> {
  requireScope(ctx.actor, 'conversations:write');
  const row = await store.cancelScheduled(ctx.db, ctx.workspaceId, conversationId, id);
  if (!row) {
    const existing = await store.getScheduled(ctx.db, ctx.workspaceId, id);
    if (!existing || existing.conversation_id !== conversationId) throw notFound('Scheduled message');
    throw new AppError('conflict', `This message is already ${existing.state}`);
  }
  return present(row);
}

/** The job: send it now as the agent who wrote it (if it is still scheduled). */
export async function runScheduledSend(deps: Deps, data: { workspaceId: string; id: string }): Promise<void> {
  const base: Ctx = { deps, db: deps.db, workspaceId: data.workspaceId, actor: { type: 'system' }, log: deps.log, ip: null };
  const row = await store.getScheduled(deps.db, data.workspaceId, data.id);
  if (!row || row.state !== 'scheduled') return;
  const agent = row.agent_id ? await getAgentRow(base, row.agent_id).catch(() => null) : null;
  if (!agent || agent.disabled_at) {
    await store.finishScheduled(deps.db, data.workspaceId, row.id, { state: 'failed', error: 'The agent who wrote it no longer has access' });
    return;
  }
  const ctx: Ctx = { ...base, actor: { type: 'agent', id: agent.id, name: agent.name, role: agent.role, via: 'session', scopes: null, sessionId: null } };
  try {
    const message = await sendAgentMessage(ctx, row.conversation_id, createMessageInput.parse({ body: row.body, clientId: `scheduled:${row.id}`, force: true }));
    await store.finishScheduled(deps.db, data.workspaceId, row.id, { state: 'sent', message_id: message.id, error: null });
  } catch (err) {
    if (err instanceof AppError) {
      // Refusals (blocked contact, taken by another agent) will not change on a retry.
      await store.finishScheduled(deps.db, data.workspaceId, row.id, { state: 'failed', error: err.message });
      return;
    }
    throw err;
  }
}
