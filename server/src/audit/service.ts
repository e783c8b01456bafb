import type { AuditEntryDto, Page } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import { newId } from '../platform/ids.ts';
import { requireRole } from '../agents/policy.ts';
import { insertAuditEntry, listAuditEntries } from './store.ts';
import { presentAuditEntry } from './present.ts';

/**
 * Record a security-relevant or administrative action. Call inside the same transaction as the
 * change, so that a change and its audit entry commit together.
 */
export async function recordAudit(ctx: Ctx, action: string, target: { type: string; id: string } | null, details: Record<string, unknown> = {}) {
  const actor = ctx.actor;
  await insertAuditEntry(ctx.db, ctx.workspaceId, {
    id: newId('audit'),
    actor_type: actor.type === 'agent' ? (actor.via === 'token' ? 'token' : 'agent') : actor.type === 'contact' ? 'system' : actor.type,
    actor_id: actor.type === 'agent' ? actor.id : null,
    actor_name: actor.type === 'agent' ? actor.name : null,
    action,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    details: JSON.stringify(details),
    ip: ctx.ip,
  });
}

export async function listAudit(ctx: Ctx, input: { cursor?: string; limit: number }): Promise<Page<AuditEntryDto>> {
  requireRole(ctx.actor, 'admin');
  const cursor = decodeCursor(input.cursor);
  const rows = await listAuditEntries(ctx.db, ctx.workspaceId, {
    limit: input.limit,
    ...(cursor ? { before: { createdAt: new Date(String(cursor[0])), id: String(cursor[1]) } } : {}),
  });
  const page = pageOf(rows, input.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
}
