import { roleAtLeast, type Role } from '@careloop/contracts';

/**
 * Every agent reads the help center (they answer customers with it); supervisors and up write it.
 * Articles carry their own `abilities`; categories and "new article" have no DTO to ask, so the role decides.
 */
export const canWriteHelp = (role: Role) => roleAtLeast(role, 'supervisor');
