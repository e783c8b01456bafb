import { reportLimits, type ReportMeta, type ReportQuery } from '@careloop/contracts';
import { requireScope } from '../agents/policy.ts';
import { nowOf, type Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { dayKey, dayOfKey, localDayOf, startOfLocalDay } from './local-time.ts';
import { scopedFilter } from './policy.ts';
import { refreshReports } from './refresh.ts';
import { ALL } from './rollup.ts';
import type { FactFilter, Slice } from './store-read.ts';

/** What every report works from: the actor's filters, the range in local days and instants, fresh figures. */
export interface View {
  meta: ReportMeta;
  filter: FactFilter;
  fromDay: number;
  toDay: number;
  /** The range as instants: the start of `fromDay` to the end of `toDay` (local), not past now. */
  from: Date;
  to: Date;
  now: Date;
  timeZone: string;
}

/** A report request waits this long at most for figures to catch up (a rebuild goes on in the worker). */
const requestBudgetMs = 1500;

export async function openView(ctx: Ctx, query: ReportQuery): Promise<View> {
  requireScope(ctx.actor, 'conversations:read');
  const filter = scopedFilter(ctx.actor, { channel: query.channel, teamId: query.teamId, agentId: query.agentId });
  const refreshed = await refreshReports(ctx, { budgetMs: requestBudgetMs });
  const { timezone: timeZone } = await getWorkspace(ctx);
  const now = nowOf(ctx.deps);
  const toDay = query.to ? dayOfKey(query.to) : localDayOf(timeZone, now.getTime());
  const fromDay = query.from ? dayOfKey(query.from) : toDay - (reportLimits.defaultRangeDays - 1);
  if (fromDay > toDay) throw new AppError('validation_failed', 'The start of the range is after its end', { field: 'from' });
  if (toDay - fromDay + 1 > reportLimits.maxRangeDays) {
    throw new AppError('validation_failed', `A report covers at most ${reportLimits.maxRangeDays} days`, { field: 'from', maxDays: reportLimits.maxRangeDays });
  }
  const end = startOfLocalDay(timeZone, toDay + 1);
  return {
    filter, fromDay, toDay, now, timeZone,
    from: startOfLocalDay(timeZone, fromDay),
    to: end < now ? end : now,
    meta: {
      from: dayKey(fromDay), to: dayKey(toDay), timeZone,
      channel: (filter.channel ?? null) as ReportMeta['channel'], teamId: filter.teamId ?? null, agentId: filter.agentId ?? null,
      asOf: refreshed.asOf.toISOString(), rebuilding: refreshed.rebuilding,
    },
  };
}

/** The rollup slice for totals under the view's filters (see rollup.ts for the six slices). */
export function sliceOf(f: FactFilter): Slice {
  if (!f.agentId) return { channel: f.channel ?? ALL, team: f.teamId ?? ALL, agent: ALL };
  if (!f.channel && !f.teamId) return { channel: ALL, team: ALL, agent: f.agentId };
  return { channel: f.channel ?? null, team: f.teamId ?? null, agent: f.agentId };
}

/** The slice with one row per channel and day. */
export function channelSliceOf(f: FactFilter): Slice {
  if (f.agentId) return { channel: f.channel ?? null, team: f.teamId ?? null, agent: f.agentId };
  return { channel: f.channel ?? null, team: f.teamId ?? ALL, agent: ALL };
}

/** The slice with one row per agent and day. */
export function agentSliceOf(f: FactFilter): Slice {
  if (!f.channel && !f.teamId) return { channel: ALL, team: ALL, agent: f.agentId ?? null };
  return { channel: f.channel ?? null, team: f.teamId ?? null, agent: f.agentId ?? null };
}
