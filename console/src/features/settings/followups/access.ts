import { roleAtLeast, type Role } from '@careloop/contracts';

/**
 * The follow-ups settings section (label `followups.section`). Supervisors may read rules, results and
 * sends (the server lets them); only admins and owners may change anything or run the rules.
 */
export const followupSections = [
  { path: 'followups', roles: ['owner', 'admin', 'supervisor'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleFollowupSections(role: Role) {
  return followupSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export const canEditFollowups = (role: Role) => roleAtLeast(role, 'admin');
