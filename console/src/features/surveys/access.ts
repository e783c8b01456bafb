import { roleAtLeast, type Role } from '@careloop/contracts';

/**
 * Who sees what of surveys, as the server decides it (server/src/surveys): every agent sees a
 * conversation's surveys and a customer's experience balance and may turn the survey off for one
 * conversation; supervisors read the settings, campaigns and the satisfaction report; only admins
 * and owners change settings, surveys and campaigns or run a campaign now.
 */
export const surveySections = [
  { path: 'surveys', roles: ['owner', 'admin', 'supervisor'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleSurveySections(role: Role) {
  return surveySections.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export const canEditSurveys = (role: Role) => roleAtLeast(role, 'admin');
export const canSeeSatisfaction = (role: Role) => roleAtLeast(role, 'supervisor');
/** The per-conversation "no survey" switch needs the agent role and a conversation the agent may update. */
export const canOptOut = (role: Role, mayUpdate: boolean) => roleAtLeast(role, 'agent') && mayUpdate;
