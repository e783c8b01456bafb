import type { RealtimeEvent, WidgetEvent } from '@careloop/contracts';

/**
 * THE table of who receives what. Agents of the workspace, one agent, and the visitor whose
 * conversation it is. A visitor only ever receives the widget projection: never notes,
 * private typing, presence, contact details or notifications.
 */
export interface Audience {
  agents: 'workspace' | { agentId: string } | null;
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
    // Commerce, compensation and loyalty are agent-only; approvals reach every agent, and the
    // console shows the decide buttons only where the server's abilities allow.
    case 'contact.commerce_changed':
    case 'approval.requested':
    case 'approval.decided':
    case 'compensation.granted':
    case 'order_import.progress':
    case 'compensation.budget_exceeded':
      return { agents: 'workspace', visitor: null };
  }
}
