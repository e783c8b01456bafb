import { roleLimit, type CompensationSettings } from '@careloop/contracts';
import type { Actor, AgentActor } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { hasRole } from '../agents/policy.ts';

/** The most the actor may give in one case, in đồng; null = unlimited. Owners are always unlimited. */
export function limitOf(actor: Actor, settings: CompensationSettings): number | null {
  if (actor.type === 'system' || actor.type === 'cli') return null;
  if (actor.type !== 'agent') return 0;
  if (actor.role === 'owner') return null;
  return roleLimit(settings, actor.role);
}

export const covers = (limit: number | null, cost: number) => limit === null || cost <= limit;

/**
 * Who decides an approval: a supervisor or above whose own limit covers the cost, and never the
 * one who asked (the four-eyes rule).
 */
export const can = {
  decide: (actor: Actor, approval: Row<'compensation_approvals'>, settings: CompensationSettings) =>
    approval.status === 'pending' && actor.type === 'agent' && actor.id !== approval.requested_by &&
    hasRole(actor, 'supervisor') && covers(limitOf(actor, settings), approval.cost),
  /** Agents see their own requests; supervisors and above see every request. */
  view: (actor: Actor, approval: Row<'compensation_approvals'>) =>
    hasRole(actor, 'supervisor') || (actor.type === 'agent' && actor.id === approval.requested_by),
  cancel: (actor: Actor, approval: Row<'compensation_approvals'>) =>
    approval.status === 'pending' && actor.type === 'agent' && actor.id === approval.requested_by,
};

/** Ledger entries and approval requests name an agent: tokens act as their agent, jobs cannot offer. */
export function requireAgent(actor: Actor): AgentActor {
  if (actor.type !== 'agent') throw forbidden('Only an agent can offer or decide compensation');
  return actor;
}
