import { roleAtLeast, type Role } from '@careloop/contracts';

/**
 * The "SLA & giờ làm việc" settings section (label `sla.section`). Every agent may read the targets
 * and hours (the server lets them: the console shows them on conversations); admins and owners change them.
 */
export const slaSections = [
  { path: 'sla', roles: ['owner', 'admin', 'supervisor', 'agent'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleSlaSections(role: Role) {
  return slaSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export const canEditSla = (role: Role) => roleAtLeast(role, 'admin');
