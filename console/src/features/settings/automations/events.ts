import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { automationKeys } from './queries.ts';

/**
 * A rule ran (supervisors and up receive these): the execution log and the rules' run counts are read
 * again where they are on screen. False for every other event.
 */
export function applyAutomationEvent(raw: RealtimeEvent | WidgetEvent, qc: QueryClient): boolean {
  if (raw.type !== 'automation.ran') return false;
  void qc.invalidateQueries({ queryKey: automationKeys.runsAll });
  void qc.invalidateQueries({ queryKey: automationKeys.rules });
  return true;
}
