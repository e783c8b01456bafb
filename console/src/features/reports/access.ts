import type { Role } from '@careloop/contracts';
import { atLeast } from '../commerce/authority.ts';

/**
 * Who sees what, as the server decides it (server/src/reports/policy.ts): supervisors and up read the
 * whole team's figures and may filter by agent; an agent's figures are pinned to themselves.
 */
export const canSeeTeamReports = (role: Role) => atLeast(role, 'supervisor');

/** The row-level CSV holds every conversation of the shop: supervisors and up (agents get 403). */
export const canExportReports = (role: Role) => atLeast(role, 'supervisor');
