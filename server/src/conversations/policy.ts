import type { Abilities } from '@careloop/contracts';
import type { Actor } from '../platform/context.ts';
import { hasRole } from '../agents/policy.ts';

/**
 * Every agent of the workspace sees every conversation (a small shop's shared inbox); agents
 * change the conversations they own or that nobody owns, supervisors and above change any.
 */
export const can = {
  view: (actor: Actor) => actor.type !== 'contact',
  reply: (actor: Actor, c: { assignee_id: string | null }) => actor.type !== 'contact' && (hasRole(actor, 'supervisor') || actor.type !== 'agent' || !c.assignee_id || c.assignee_id === actor.id || actor.role === 'agent'),
  update: (actor: Actor, c: { assignee_id: string | null }) => actor.type !== 'contact' && (hasRole(actor, 'supervisor') || actor.type !== 'agent' || !c.assignee_id || c.assignee_id === actor.id),
  assignOthers: (actor: Actor) => hasRole(actor, 'supervisor'),
};

export function abilitiesOf(actor: Actor, c: { assignee_id: string | null }): Abilities {
  return { reply: can.reply(actor, c), note: can.view(actor), update: can.update(actor, c), assignOthers: can.assignOthers(actor) };
}
