import type { Role } from '@careloop/contracts';
import type { Actor } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3, owner: 4 };

/** Does the actor hold at least `role`? System and command-line actors always do. */
export function hasRole(actor: Actor, role: Role): boolean {
  if (actor.type === 'system' || actor.type === 'cli') return true;
  if (actor.type !== 'agent') return false;
  if (actor.via === 'token' && role !== 'agent' && !actor.scopes?.includes('admin')) return false;
  return rank[actor.role] >= rank[role];
}

export function requireRole(actor: Actor, role: Role): void {
  if (!hasRole(actor, role)) throw new AppError('forbidden', `This needs the ${role} role or higher`);
}

/** API tokens carry scopes; sessions carry all of their role's rights. */
export function requireScope(actor: Actor, scope: string): void {
  if (actor.type === 'agent' && actor.via === 'token' && !actor.scopes?.includes(scope) && !actor.scopes?.includes('admin')) {
    throw new AppError('forbidden', `This API token lacks the scope ${scope}`);
  }
}

/** Who may change whom: nobody but an owner touches an owner; only an owner makes owners or admins. */
export function canManageAgent(actor: Actor, target: { role: Role; id: string }, newRole?: Role): boolean {
  if (!hasRole(actor, 'admin')) return false;
  if (actor.type !== 'agent') return true;
  if (actor.id === target.id && newRole && newRole !== target.role) return false;
  if (actor.role === 'owner') return true;
  if (target.role === 'owner' || target.role === 'admin') return false;
  return newRole === undefined || rank[newRole] < rank.admin;
}
