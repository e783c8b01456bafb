import type { cannedInput, CannedResponseDto } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { presentCanned } from './present.ts';
import * as store from './store.ts';

type CannedInput = z.output<typeof cannedInput>;

/** Canned responses are read while answering, so tokens that work conversations may list them. */
export async function listCannedResponses(ctx: Ctx): Promise<CannedResponseDto[]> {
  requireScope(ctx.actor, 'conversations:read');
  return (await store.listCanned(ctx.db, ctx.workspaceId)).map(presentCanned);
}

/** A canned response's text (automations send them). */
export async function getCannedRow(ctx: Ctx, id: string) {
  const row = await store.getCanned(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Canned response');
  return row;
}

export async function createCannedResponse(ctx: Ctx, input: CannedInput): Promise<CannedResponseDto> {
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx) => {
    const row = await uniqueShortCode(input.shortCode, () => store.insertCanned(tx.db, tx.workspaceId, {
      id: newId('canned'), short_code: input.shortCode, title: input.title, body: input.body,
      created_by: tx.actor.type === 'agent' ? tx.actor.id : null,
    }));
    await recordAudit(tx, 'canned_response.created', { type: 'canned_response', id: row.id }, { shortCode: row.short_code });
    return presentCanned(row);
  });
}

export async function editCannedResponse(ctx: Ctx, id: string, input: CannedInput): Promise<CannedResponseDto> {
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx) => {
    const before = await store.getCanned(tx.db, tx.workspaceId, id);
    if (!before) throw notFound('Canned response');
    const row = await uniqueShortCode(input.shortCode, () => store.updateCanned(tx.db, tx.workspaceId, id, {
      short_code: input.shortCode, title: input.title, body: input.body,
    }));
    if (!row) throw notFound('Canned response');
    await recordAudit(tx, 'canned_response.updated', { type: 'canned_response', id }, {
      shortCode: row.short_code, ...(before.short_code !== row.short_code ? { previousShortCode: before.short_code } : {}),
    });
    return presentCanned(row);
  });
}

export async function removeCannedResponse(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const row = await store.deleteCanned(tx.db, tx.workspaceId, id);
    if (!row) throw notFound('Canned response');
    await recordAudit(tx, 'canned_response.deleted', { type: 'canned_response', id }, { shortCode: row.short_code });
  });
}

/** The unique index on (workspace, lower(short_code)) decides, so two agents racing get one 409. */
async function uniqueShortCode<T>(shortCode: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('already_exists', `The short code /${shortCode} is already used`, { field: 'shortCode' });
    throw err;
  }
}
