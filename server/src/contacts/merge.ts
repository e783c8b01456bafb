import type { ContactDto, ContactMergeDto } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import type { MergeSnapshot } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { moveConversationsByIds, moveConversationsOfContact } from '../conversations/service.ts';
import { moveVisitorSessionsByIds, moveVisitorSessionsOfContact } from '../inboxes/web-chat/service.ts';
import { columnsOf, mergedState, restoreColumns, snapshotOf, stateOf } from './fields.ts';
import { presentMerge } from './present.ts';
import { emitContactUpdated } from './service.ts';
import * as store from './store.ts';

/**
 * Merge `mergedId` into `survivorId`. Everything that moves is recorded in the merge's snapshot,
 * so an undo moves back exactly that and nothing that arrived on the survivor later.
 */
export async function mergeContacts(ctx: Ctx, input: { survivorId: string; mergedId: string }): Promise<{ contact: ContactDto; merge: ContactMergeDto }> {
  requireScope(ctx.actor, 'contacts:write');
  requireRole(ctx.actor, 'supervisor');
  if (input.survivorId === input.mergedId) throw new AppError('validation_failed', 'A contact cannot be merged into itself');
  return inTransaction(ctx, async (tx, emit) => {
    const { survivor, merged } = await lockPair(tx, input.survivorId, input.mergedId);
    if (survivor.merged_into_id || merged.merged_into_id) throw new AppError('conflict', 'One of these contacts was already merged into another');

    const movedIdentityIds = await store.moveIdentitiesOfContact(tx.db, tx.workspaceId, merged.id, survivor.id);
    const movedConversationIds = await moveConversationsOfContact(tx, merged.id, survivor.id);
    const movedSessionIds = await moveVisitorSessionsOfContact(tx, merged.id, survivor.id);
    const snapshot: MergeSnapshot = {
      survivorBefore: snapshotOf(survivor),
      mergedBefore: snapshotOf(merged),
      movedIdentityIds,
      movedConversationIds,
      movedSessionIds,
    };

    const lastActivity = [survivor.last_activity_at, merged.last_activity_at].filter((d) => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const survivorRow = await store.updateContact(tx.db, tx.workspaceId, survivor.id, {
      ...columnsOf(mergedState(stateOf(survivor), stateOf(merged))),
      last_activity_at: lastActivity,
    });
    const mergedRow = await store.updateContact(tx.db, tx.workspaceId, merged.id, { merged_into_id: survivor.id });
    if (!survivorRow || !mergedRow) throw notFound('Contact');
    const merge = await store.insertMerge(tx.db, tx.workspaceId, {
      id: newId('merge'), survivor_id: survivor.id, merged_id: merged.id, snapshot: JSON.stringify(snapshot),
      merged_by: tx.actor.type === 'agent' ? tx.actor.id : null, created_at: new Date(),
    });
    await recordAudit(tx, 'contact.merged', { type: 'contact', id: survivor.id }, {
      mergeId: merge.id, mergedId: merged.id,
      moved: { identities: movedIdentityIds.length, conversations: movedConversationIds.length, sessions: movedSessionIds.length },
    });
    await emitContactUpdated(tx, emit, mergedRow);
    return { contact: await emitContactUpdated(tx, emit, survivorRow), merge: presentMerge(merge) };
  });
}

/**
 * Put both contacts back as they were and move back what the merge moved. Merges undo like a
 * stack: a later merge involving the survivor must be undone first, or its data would be torn apart.
 */
export async function undoMerge(ctx: Ctx, mergeId: string): Promise<{ survivor: ContactDto; restored: ContactDto }> {
  requireScope(ctx.actor, 'contacts:write');
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx, emit) => {
    const merge = await store.getMerge(tx.db, tx.workspaceId, mergeId);
    if (!merge) throw notFound('Merge');
    if (merge.undone_at) throw new AppError('conflict', 'This merge was already undone');
    const { survivor, merged } = await lockPair(tx, merge.survivor_id, merge.merged_id);
    if (survivor.merged_into_id) throw new AppError('conflict', 'The surviving contact was merged again since; undo that merge first');
    const later = (await store.listMergesOf(tx.db, tx.workspaceId, survivor.id))
      .find((m) => m.id !== merge.id && m.undone_at === null && m.created_at > merge.created_at);
    if (later) throw new AppError('conflict', 'A later merge involves this contact; undo that merge first', { mergeId: later.id });

    const snapshot = merge.snapshot;
    await store.moveIdentitiesByIds(tx.db, tx.workspaceId, snapshot.movedIdentityIds, survivor.id, merged.id);
    await moveConversationsByIds(tx, snapshot.movedConversationIds, merged.id);
    await moveVisitorSessionsByIds(tx, snapshot.movedSessionIds, merged.id);
    const survivorRow = await store.updateContact(tx.db, tx.workspaceId, survivor.id, restoreColumns(snapshot.survivorBefore));
    const restoredRow = await store.updateContact(tx.db, tx.workspaceId, merged.id, { ...restoreColumns(snapshot.mergedBefore), merged_into_id: null });
    if (!survivorRow || !restoredRow) throw notFound('Contact');
    if (!(await store.markMergeUndone(tx.db, tx.workspaceId, merge.id))) throw new AppError('conflict', 'This merge was already undone');
    await recordAudit(tx, 'contact.merge_undone', { type: 'contact', id: survivor.id }, { mergeId: merge.id, restoredId: merged.id });
    return { survivor: await emitContactUpdated(tx, emit, survivorRow), restored: await emitContactUpdated(tx, emit, restoredRow) };
  });
}

/** Lock both contacts in id order, so two merges of the same pair cannot deadlock. */
async function lockPair(tx: Ctx, survivorId: string, mergedId: string) {
  const rows = [];
  for (const id of [survivorId, mergedId].sort()) rows.push(await store.getContact(tx.db, tx.workspaceId, id, { forUpdate: true }));
  const survivor = rows.find((r) => r?.id === survivorId);
  const merged = rows.find((r) => r?.id === mergedId);
  if (!survivor || !merged) throw notFound('Contact');
  return { survivor, merged };
}

/** Merges where the contact was either side, newest first. */
export async function listContactMerges(ctx: Ctx, contactId: string): Promise<ContactMergeDto[]> {
  requireScope(ctx.actor, 'contacts:read');
  if (!(await store.getContact(ctx.db, ctx.workspaceId, contactId))) throw notFound('Contact');
  return (await store.listMergesOf(ctx.db, ctx.workspaceId, contactId)).map(presentMerge);
}
