import type { ApprovalDto, CompensationSettings, MeDto, Role } from '@careloop/contracts';

const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };

export function atLeast(role: Role, min: Role): boolean {
  return rank[role] >= rank[min];
}

/** Supervisors and above may adjust loyalty points by hand and decide approvals. */
export const canAdjustPoints = (role: Role) => atLeast(role, 'supervisor');

/**
 * The most this role may give in one case, in đồng: null = unlimited (owners always are, as on the server),
 * undefined = not known yet (settings not loaded), so the console neither promises nor warns.
 */
export function limitFor(settings: CompensationSettings | null | undefined, role: Role): number | null | undefined {
  if (role === 'owner') return null;
  if (!settings) return undefined;
  return settings.limits[role] ?? null;
}

/** True when the estimated cost is known and above a known limit. */
export function needsApproval(cost: number | null | undefined, limit: number | null | undefined): boolean {
  if (cost === null || cost === undefined || limit === null || limit === undefined) return false;
  return cost > limit;
}

/**
 * Whether this agent may decide an approval, mirroring the server: pending, supervisor or above, not the
 * requester (four eyes), and their own limit covers the cost. Without settings the limit is not checked.
 */
export function mayDecide(me: MeDto, approval: Pick<ApprovalDto, 'status' | 'cost' | 'requestedBy'>, settings?: CompensationSettings | null): boolean {
  if (approval.status !== 'pending') return false;
  if (!atLeast(me.agent.role, 'supervisor')) return false;
  if (approval.requestedBy.id === me.agent.id) return false;
  const limit = limitFor(settings, me.agent.role);
  return limit === undefined || limit === null || approval.cost <= limit;
}

/** The Shell badge: what waits for this agent — decisions for supervisors, their own open requests for agents. */
export function approvalBadgeCount(list: ApprovalDto[] | undefined, me: MeDto): number {
  if (!list) return 0;
  const pending = list.filter((a) => a.status === 'pending');
  return atLeast(me.agent.role, 'supervisor')
    ? pending.filter((a) => a.abilities.decide && a.requestedBy.id !== me.agent.id).length
    : pending.filter((a) => a.requestedBy.id === me.agent.id).length;
}
