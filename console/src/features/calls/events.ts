import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { callKeys } from './keys.ts';

/**
 * Calls have no events of their own: a call (or a closed callback) changes its phone conversation,
 * so any change to a phone conversation refetches the call lists on screen. Always returns false:
 * the core handler still applies the event.
 */
export function applyCallEvent(event: RealtimeEvent | WidgetEvent, qc: QueryClient): boolean {
  if ((event.type === 'conversation.created' || event.type === 'conversation.updated') && 'conversation' in event) {
    const changes = 'changes' in event ? event.changes : [];
    if (event.conversation.channel === 'phone' || changes.includes('callback')) void qc.invalidateQueries({ queryKey: callKeys.all });
  }
  return false;
}
