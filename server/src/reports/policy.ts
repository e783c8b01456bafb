import { hasRole } from '../agents/policy.ts';
import type { Actor } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import type { FactFilter } from './store-read.ts';

/** Supervisors and above read every report; an agent reads their own performance only. */
export const canReadAll = (actor: Actor) => hasRole(actor, 'supervisor');

/** The row-level export carries every conversation of the shop: supervisors and above. */
export const canExport = (actor: Actor) => hasRole(actor, 'supervisor');

/** The filters a report runs with: an agent's are pinned to themselves. */
export function scopedFilter(actor: Actor, asked: FactFilter): FactFilter {
  if (canReadAll(actor)) return asked;
  if (actor.type !== 'agent') throw forbidden();
  if (asked.agentId && asked.agentId !== actor.id) throw forbidden('Agents can see only their own figures');
  return { ...asked, agentId: actor.id };
}
