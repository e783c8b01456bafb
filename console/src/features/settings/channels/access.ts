import type { Role } from '@careloop/contracts';

/**
 * The channel events section (label `messaging.events.section`): the raw-event log and its
 * dead-letter list. Admins and owners only, as the server (payloads hold customer data).
 */
export const channelEventSections = [
  { path: 'channel-events', roles: ['owner', 'admin'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export function visibleChannelEventSections(role: Role) {
  return channelEventSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}
