import { roleAtLeast, type Role } from '@careloop/contracts';

/**
 * The "Tự động hoá" settings section (label `automations.section`). Everyone may read the rules and
 * their execution log (the server lets them); admins and owners write rules and retrain triage.
 */
export const automationSections = [
  { path: 'automations', roles: ['owner', 'admin', 'supervisor', 'agent'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleAutomationSections(role: Role) {
  return automationSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export const canEditAutomations = (role: Role) => roleAtLeast(role, 'admin');
