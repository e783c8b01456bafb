import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { scheduledKeys } from './queries.ts';

/**
 * A scheduled message goes out as an ordinary agent message: when one appears in a conversation whose
 * schedule is on screen, the schedule is fetched again (the sent one leaves it). Never consumes the event.
 */
export function applyScheduledEvent(raw: RealtimeEvent | WidgetEvent, qc: QueryClient): void {
  if (raw.type !== 'message.created' || !('conversationId' in raw)) return;
  if (raw.message.kind !== 'outgoing') return;
  const key = scheduledKeys.of(raw.conversationId);
  if (qc.getQueryData(key) !== undefined) void qc.invalidateQueries({ queryKey: key, exact: true });
}
