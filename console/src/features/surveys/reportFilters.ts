import { surveyReportGroups, type SurveyReportQuery } from '@careloop/contracts';
import { zonedInstant } from '../../lib/time.ts';
import { isUsableDay } from '../../lib/days.ts';

/**
 * The satisfaction report's filters, kept in the page URL (shareable, survive a reload): whole days
 * in the shop's time zone, the period length of the trend, and what the table groups by.
 */
export interface SatisfactionFilters {
  from?: string;
  to?: string;
  interval: 'week' | 'month';
  groupBy: (typeof surveyReportGroups)[number];
}

export const defaultSatisfactionFilters: SatisfactionFilters = { interval: 'week', groupBy: 'agent' };

export function readSatisfactionFilters(params: URLSearchParams): SatisfactionFilters {
  let from = isUsableDay(params.get('from')) ? params.get('from')! : undefined;
  let to = isUsableDay(params.get('to')) ? params.get('to')! : undefined;
  if (from && to && from > to) [from, to] = [to, from];
  const interval = params.get('interval') === 'month' ? 'month' : 'week';
  const group = params.get('groupBy');
  const groupBy = (surveyReportGroups as readonly string[]).includes(group ?? '') ? (group as SatisfactionFilters['groupBy']) : 'agent';
  return { interval, groupBy, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function writeSatisfactionFilters(params: URLSearchParams, f: SatisfactionFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['from', 'to', 'interval', 'groupBy']) next.delete(key);
  if (f.from) next.set('from', f.from);
  if (f.to) next.set('to', f.to);
  if (f.interval !== 'week') next.set('interval', f.interval);
  if (f.groupBy !== 'agent') next.set('groupBy', f.groupBy);
  return next;
}

const dayParts = (day: string) => day.split('-').map(Number) as [number, number, number];

/**
 * The API's query: `from` at the start of its day and `to` at the end of its day (the next midnight),
 * where the shop is; missing ends are left to the server (the last 90 days up to now).
 */
export function reportQueryOf(f: SatisfactionFilters, timeZone: string): Partial<SurveyReportQuery> {
  const out: Partial<SurveyReportQuery> = { interval: f.interval, groupBy: f.groupBy };
  if (f.from) {
    const [y, m, d] = dayParts(f.from);
    out.from = zonedInstant(y, m, d, 0, 0, timeZone).toISOString();
  }
  if (f.to) {
    const [y, m, d] = dayParts(f.to);
    out.to = zonedInstant(y, m, d + 1, 0, 0, timeZone).toISOString();
  }
  return out;
}
