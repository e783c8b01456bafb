import type { QueryClient } from '@tanstack/react-query';
import type { AnalyticsRunDto, PredictionsDto, RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { analyticsKeys } from './keys.ts';

type AnalyticsEvent = Extract<RealtimeEvent, { type: 'analytics.refresh_progress' }>;

/** Widget events never share this type name, so the type alone tells them apart. */
const isAnalyticsEvent = (event: RealtimeEvent | WidgetEvent): event is AnalyticsEvent => event.type === 'analytics.refresh_progress';

/** The cached predictions with this run as the latest, unless the cache already holds a newer run. */
export function withRun(old: PredictionsDto | undefined, run: AnalyticsRunDto): PredictionsDto | undefined {
  if (!old) return old;
  const current = old.run;
  if (current && current.id !== run.id && current.startedAt > run.startedAt) return old;
  if (current && current.id === run.id && current.status !== 'running' && run.status === 'running') return old;
  return { ...old, run };
}

/**
 * A refresh run's progress into the query cache; returns false for every other event. When the run
 * ends, everything analytics shows was rebuilt: the overview, segments, customers, sidebars and the
 * model are refetched (settings are not touched by a refresh).
 */
export function applyAnalyticsEvent(raw: RealtimeEvent | WidgetEvent, qc: QueryClient): boolean {
  if (!isAnalyticsEvent(raw)) return false;
  const { run } = raw;
  qc.setQueryData<PredictionsDto>(analyticsKeys.predictions, (old) => withRun(old, run));
  if (run.status !== 'running') {
    void qc.invalidateQueries({ queryKey: analyticsKeys.all, predicate: (q) => q.queryKey[1] !== 'settings' });
  }
  return true;
}
