import type { QueryClient } from '@tanstack/react-query';
import type { AgentDto, MeDto, NotificationDto, RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { applyAnalyticsEvent } from '../features/analytics/events.ts';
import { applyCallEvent } from '../features/calls/events.ts';
import { applyCommerceEvent } from '../features/commerce/events.ts';
import { applyHelpEvent } from '../features/helpcenter/events.ts';
import { applyAutomationEvent } from '../features/settings/automations/events.ts';
import { applyScheduledEvent } from '../features/scheduled/events.ts';
import { applySlaEvent } from '../features/sla/events.ts';
import { keys } from '../lib/queryKeys.ts';
import { applyConversationEvent, applyMessageToConversation, patchContact, upsertMessage } from './cache.ts';
import { setTyping, setViewers } from './liveStore.ts';

export interface EventContext {
  qc: QueryClient;
  me: MeDto;
  notify: (notification: NotificationDto) => void;
  /** Counts are cheap to refetch; debounce so a burst of events costs one request. */
  refreshCounts: () => void;
}

const slaKinds = new Set<NotificationDto['kind']>(['sla_warning', 'sla_breach']);

function isAgentEvent(event: RealtimeEvent | WidgetEvent): event is RealtimeEvent {
  // Widget projections carry no conversation id, agent id or DTO: an agent socket should never see them.
  return 'conversationId' in event || 'conversation' in event || 'contact' in event || 'agentId' in event;
}

/** Every server event lands in the query cache (or the live store) here, and nowhere else. */
export function applyEvent(raw: RealtimeEvent | WidgetEvent, ctx: EventContext): void {
  // Orders, loyalty, compensation and approvals: their own handler (and their own notices).
  if (applyCommerceEvent(raw, { qc: ctx.qc, me: ctx.me })) return;
  // Analytics refresh runs: progress into the cache, and a refetch of every figure when one ends.
  if (applyAnalyticsEvent(raw, ctx.qc)) return;
  // SLA crossings: chips, the open conversation, and a toast for the assignee and supervisors.
  if (applySlaEvent(raw, { qc: ctx.qc, me: ctx.me })) return;
  // Automation runs: the rule list's run counts and the execution log.
  if (applyAutomationEvent(raw, ctx.qc)) return;
  // The help site's branding: the site settings are read again.
  if (applyHelpEvent(raw, ctx.qc)) return;
  // Calls ride on their phone conversations: a change there refetches the call lists (and goes on below).
  applyCallEvent(raw, ctx.qc);
  // A scheduled message that went out shows up as a message: its conversation's schedule is refetched (and goes on below).
  applyScheduledEvent(raw, ctx.qc);
  if (!isAgentEvent(raw)) return;
  const { qc, me } = ctx;
  const event = raw;
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
      upsertMessage(qc, event.message, { keepExisting: event.type === 'message.created' });
      if (event.type === 'message.created') {
        applyMessageToConversation(qc, event.message, me.agent.id);
        if (event.message.kind === 'incoming') ctx.refreshCounts();
      }
      return;
    case 'conversation.created':
    case 'conversation.updated':
      applyConversationEvent(qc, event.conversation, me.agent.id);
      if (event.conversation.labels.some((l) => !(qc.getQueryData<string[]>(keys.labels) ?? []).includes(l))) {
        void qc.invalidateQueries({ queryKey: keys.labels });
      }
      ctx.refreshCounts();
      return;
    case 'contact.updated':
      patchContact(qc, event.contact);
      return;
    case 'typing.changed':
      if (event.who.type === 'agent' && event.who.id === me.agent.id) return;
      setTyping(event.conversationId, event.who, event.typing, event.private);
      return;
    case 'presence.changed':
      setViewers(event.conversationId, event.viewers.filter((v) => v.agentId !== me.agent.id));
      return;
    case 'agent.availability':
      qc.setQueryData<AgentDto[]>(keys.agents, (agents) =>
        agents?.map((a) => (a.id === event.agentId ? { ...a, availability: event.availability } : a)),
      );
      if (event.agentId === me.agent.id) {
        qc.setQueryData<MeDto>(keys.me, (old) => (old ? { ...old, agent: { ...old.agent, availability: event.availability } } : old));
      }
      return;
    case 'notification.created':
      if (event.agentId !== me.agent.id) return;
      qc.setQueryData<NotificationDto[]>(keys.notifications, (list) =>
        list ? [event.notification, ...list.filter((n) => n.id !== event.notification.id)] : list,
      );
      // SLA crossings have their own toast (applySlaEvent); the bell still lists them.
      if (!slaKinds.has(event.notification.kind)) ctx.notify(event.notification);
      return;
  }
}
