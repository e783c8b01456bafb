import { isUsableDay } from '../../lib/days.ts';
import { analyticsPeriods, segmentNames, type AnalyticsPeriod, type SegmentName } from '@careloop/contracts';
import type { Query } from '../../lib/api.ts';

/** The overview's filters, kept in the page URL so a view can be shared and survives a reload. */
export interface OverviewFilters {
  from?: string;
  to?: string;
  period: AnalyticsPeriod;
  source?: string;
  segment?: SegmentName;
}

const filterParams = ['from', 'to', 'period', 'source', 'segment'] as const;

const dateOf = (value: string | null): string | undefined => (isUsableDay(value) ? value : undefined);

/** Filters from search params; anything the server would reject is dropped, and a reversed range is put right. */
export function readFilters(params: URLSearchParams): OverviewFilters {
  let from = dateOf(params.get('from'));
  let to = dateOf(params.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  const period = params.get('period');
  const segment = params.get('segment');
  const source = params.get('source')?.trim().slice(0, 40);
  return {
    period: (analyticsPeriods as readonly string[]).includes(period ?? '') ? (period as AnalyticsPeriod) : 'month',
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(source ? { source } : {}),
    ...((segmentNames as readonly string[]).includes(segment ?? '') ? { segment: segment as SegmentName } : {}),
  };
}

/** The search params with these filters (defaults left out); other params (the tab) are kept. */
export function writeFilters(params: URLSearchParams, filters: OverviewFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of filterParams) next.delete(key);
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  if (filters.period !== 'month') next.set('period', filters.period);
  if (filters.source) next.set('source', filters.source);
  if (filters.segment) next.set('segment', filters.segment);
  return next;
}

/** The query string of the overview and its CSV exports. */
export function filtersQuery(filters: OverviewFilters): Query {
  return { from: filters.from, to: filters.to, period: filters.period, source: filters.source, segment: filters.segment };
}
