import type { QueryClient } from '@tanstack/react-query';
import { roleAtLeast, type MeDto, type RealtimeEvent, type WidgetEvent } from '@careloop/contracts';
import { patchConversation } from '../../app/cache.ts';
import { keys } from '../../lib/queryKeys.ts';
import { presentSlaNotice, type SlaCrossed } from './notices.ts';
import { markSlaWarned } from './warnings.ts';

export interface SlaEventContext {
  qc: QueryClient;
  me: MeDto;
  notify?: (event: SlaCrossed) => void;
}

const isSlaCrossed = (event: RealtimeEvent | WidgetEvent): event is SlaCrossed => event.type === 'sla.crossed';

/**
 * Who is told with a toast: the assignee of every warning and breach; supervisors and up of every
 * breach, and of warnings nobody is assigned to (nobody else would act on them).
 */
export function tellsAgent(event: Pick<SlaCrossed, 'kind' | 'assigneeId'>, me: MeDto): boolean {
  if (event.assigneeId === me.agent.id) return true;
  if (!roleAtLeast(me.agent.role, 'supervisor')) return false;
  return event.kind === 'breach' || event.assigneeId === null;
}

/**
 * An SLA clock crossed its warning or due time: the chips learn it (amber, or the clock recorded as
 * missed), the open conversation is refetched (a breach may raise the priority or reassign it, which
 * `conversation.updated` also brings), and the right people get a toast. False for every other event.
 */
export function applySlaEvent(raw: RealtimeEvent | WidgetEvent, ctx: SlaEventContext): boolean {
  if (!isSlaCrossed(raw)) return false;
  const event = raw;
  if (event.kind === 'warning') markSlaWarned(event.conversationId, event.dueAt);
  else {
    patchConversation(ctx.qc, event.conversationId, (c) =>
      c.sla && !c.sla.breached.includes(event.clock) ? { ...c, sla: { ...c.sla, breached: [...c.sla.breached, event.clock] } } : c, ctx.me.agent.id);
  }
  void ctx.qc.invalidateQueries({ queryKey: keys.conversation(event.conversationId), exact: true });
  if (tellsAgent(event, ctx.me)) (ctx.notify ?? presentSlaNotice)(event);
  return true;
}
