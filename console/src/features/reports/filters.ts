import { isUsableDay } from '../../lib/days.ts';
import { channelTypes, reportLimits, type ChannelType } from '@careloop/contracts';
import type { Query } from '../../lib/api.ts';
import { wallClock } from '../../lib/time.ts';

/**
 * The reports' filters, kept in the page URL so a view can be shared: a preset range relative to today
 * (`range=7d|30d|90d`, 30 days when absent) or a custom one (`from` and `to`), channel, team, agent,
 * and how durations are counted (`hours=calendar`; business hours when absent).
 */
export const rangePresets = ['7d', '30d', '90d'] as const;
export type RangePreset = (typeof rangePresets)[number];
export type RangeChoice = RangePreset | 'custom';
export type HoursMode = 'business' | 'calendar';

export interface ReportFilters {
  range: RangeChoice;
  /** Only for a custom range: local days (YYYY-MM-DD) in the workspace's zone. */
  from?: string;
  to?: string;
  channel?: ChannelType;
  teamId?: string;
  agentId?: string;
  hours: HoursMode;
}

const presetDays: Record<RangePreset, number> = { '7d': 7, '30d': 30, '90d': 90 };
const params = ['range', 'from', 'to', 'channel', 'teamId', 'agentId', 'hours'] as const;
/** Ids as the server accepts them (contracts `reportQuery`): anything else is dropped, not sent. */
const idPattern = /^[a-z]+_[0-9A-Za-z]+$/;


const idOf = (value: string | null) => (value && value.length <= 64 && idPattern.test(value) ? value : undefined);

/** `day` moved by `n` calendar days (pure date arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today's date where the shop is. */
export function todayIn(timeZone: string, now = new Date()): string {
  const c = wallClock(now, timeZone);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Filters from search params; anything the server would reject is dropped, a reversed range put right. */
export function readFilters(search: URLSearchParams): ReportFilters {
  let from = isUsableDay(search.get('from')) ? search.get('from')! : undefined;
  let to = isUsableDay(search.get('to')) ? search.get('to')! : undefined;
  if (from && to && from > to) [from, to] = [to, from];
  const raw = search.get('range');
  const preset = (rangePresets as readonly string[]).includes(raw ?? '') ? (raw as RangePreset) : null;
  const channel = search.get('channel');
  const teamId = idOf(search.get('teamId'));
  const agentId = idOf(search.get('agentId'));
  const custom = !preset && from && to;
  return {
    range: custom ? 'custom' : preset ?? '30d',
    ...(custom ? { from, to } : {}),
    ...((channelTypes as readonly string[]).includes(channel ?? '') ? { channel: channel as ChannelType } : {}),
    ...(teamId ? { teamId } : {}),
    ...(agentId ? { agentId } : {}),
    hours: search.get('hours') === 'calendar' ? 'calendar' : 'business',
  };
}

/** The search params with these filters (defaults left out); other params (the tab) are kept. */
export function writeFilters(search: URLSearchParams, f: ReportFilters): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of params) next.delete(key);
  if (f.range === 'custom' && f.from && f.to) {
    next.set('from', f.from);
    next.set('to', f.to);
  } else if (f.range !== '30d' && f.range !== 'custom') next.set('range', f.range);
  if (f.channel) next.set('channel', f.channel);
  if (f.teamId) next.set('teamId', f.teamId);
  if (f.agentId) next.set('agentId', f.agentId);
  if (f.hours === 'calendar') next.set('hours', 'calendar');
  return next;
}

/**
 * The days a report covers: a preset ends today (in the shop's zone); a custom range is kept to the
 * longest the server accepts, counted back from its end.
 */
export function rangeOf(f: ReportFilters, today: string): { from: string; to: string } {
  if (f.range === 'custom' && f.from && f.to) {
    const earliest = addDays(f.to, -(reportLimits.maxRangeDays - 1));
    return { from: f.from < earliest ? earliest : f.from, to: f.to };
  }
  const days = presetDays[f.range === 'custom' ? '30d' : f.range];
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * The query every report endpoint takes. An agent's figures are pinned to themselves by the server,
 * so their agent filter is never sent (another agent's id would be refused).
 */
export function reportQueryOf(f: ReportFilters, today: string, teamView: boolean): Query {
  const { from, to } = rangeOf(f, today);
  return { from, to, channel: f.channel, teamId: f.teamId, agentId: teamView ? f.agentId : undefined };
}

/** The number of days a range covers, both ends included. */
export const daysIn = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
