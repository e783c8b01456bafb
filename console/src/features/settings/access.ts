import type { Role } from '@careloop/contracts';

/** Which settings sections each role sees. The server enforces the same rules; this only hides what would fail. */
export const sections = [
  { path: 'inboxes', roles: ['owner', 'admin'] },
  { path: 'agents', roles: ['owner', 'admin'] },
  { path: 'invitations', roles: ['owner', 'admin'] },
  { path: 'teams', roles: ['owner', 'admin', 'supervisor'] },
  { path: 'canned', roles: ['owner', 'admin', 'supervisor', 'agent'] },
  { path: 'api-tokens', roles: ['owner', 'admin'] },
  { path: 'audit-log', roles: ['owner', 'admin'] },
  { path: 'assist', roles: ['owner', 'admin'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export type SectionPath = (typeof sections)[number]['path'];

export function visibleSections(role: Role) {
  return sections.filter((s) => (s.roles as readonly Role[]).includes(role));
}
