import type { RealtimeEvent, Role, WidgetEvent } from '@careloop/contracts';

/**
 * THE table of who receives what. Agents of the workspace, one agent, and the visitor whose
 * conversation it is. A visitor only ever receives the widget projection: never notes,
 * private typing, presence, contact details or notifications.
 */
export interface Audience {
  /** `minRole`: agents with at least that role, plus `agentId` when given. */
  agents: 'workspace' | { agentId: string } | { minRole: Role; agentId?: string } | null;
  visitor: WidgetEvent | null;
}

export function audienceOf(event: RealtimeEvent): Audience {
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
      return {
        agents: 'workspace',
        visitor: event.widgetMessage && event.message.kind !== 'note' ? { type: event.type, message: event.widgetMessage } : null,
      };
    case 'conversation.created':
      return { agents: 'workspace', visitor: null };
    case 'conversation.updated':
      return { agents: 'workspace', visitor: event.changes.includes('status') ? { type: 'conversation.status', status: event.conversation.status } : null };
    case 'typing.changed':
      return {
        agents: 'workspace',
        visitor: event.who.type === 'agent' && !event.private ? { type: 'typing.changed', typing: event.typing, name: event.who.name } : null,
      };
    case 'contact.updated':
    case 'presence.changed':
    case 'agent.availability':
      return { agents: 'workspace', visitor: null };
    case 'notification.created':
      return { agents: { agentId: event.agentId }, visitor: null };
    // Approvals reach those who may decide them and the agent who asked; imports and the budget
    // are for the people who run them.
    case 'approval.requested':
    case 'approval.decided':
      return { agents: { minRole: 'supervisor', agentId: event.approval.requestedBy.id }, visitor: null };
    case 'order_import.progress':
    case 'help_site.updated':
      return { agents: { minRole: 'admin' }, visitor: null };
    case 'analytics.refresh_progress': // analytics is read by supervisors and up
    case 'automation.ran':
    case 'compensation.budget_exceeded':
      return { agents: { minRole: 'supervisor' }, visitor: null };
    case 'contact.commerce_changed':
    case 'compensation.granted':
    case 'sla.crossed':
      return { agents: 'workspace', visitor: null };
  }
}
