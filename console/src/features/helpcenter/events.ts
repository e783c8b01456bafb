import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { helpKeys } from './queries.ts';

/**
 * The help site's branding changed (admins receive these): the site is read again where it is on
 * screen. A form being edited keeps what was typed (it is filled once). False for every other event.
 */
export function applyHelpEvent(raw: RealtimeEvent | WidgetEvent, qc: QueryClient): boolean {
  if (raw.type !== 'help_site.updated') return false;
  void qc.invalidateQueries({ queryKey: helpKeys.site });
  return true;
}
