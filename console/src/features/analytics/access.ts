import type { Role } from '@careloop/contracts';
import { atLeast } from '../commerce/authority.ts';

/** The analytics area is for supervisors and up, like the server (agents get 403 there). */
export const canSeeAnalytics = (role: Role) => atLeast(role, 'supervisor');

/** Only admins and owners may change the analytics settings. */
export const canEditAnalyticsSettings = (role: Role) => atLeast(role, 'admin');
