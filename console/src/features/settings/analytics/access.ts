import type { Role } from '@careloop/contracts';

/**
 * The analytics settings section (label `analytics.settings.section`). Supervisors may read the settings
 * (the server lets them); only admins and owners may change them.
 */
export const analyticsSections = [
  { path: 'analytics', roles: ['owner', 'admin', 'supervisor'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleAnalyticsSections(role: Role) {
  return analyticsSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}
