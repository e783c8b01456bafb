/**
 * The service reports (issue 8 §3): each dashboard reads a slice of the daily rollup (one row per
 * day for whole-workspace views), plus the samples of a small range for exact percentiles. Every
 * call first brings the figures up to date (reports/refresh.ts) within a short budget.
 */
import {
  backlogAgeBuckets, channelTypes, type BacklogDayAgeBucket, type ChannelType, type ReportBacklogDto, type ReportHeatmapDto, type ReportQuery,
  type ReportSummaryDto, type ReportVolumeDto,
} from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { percentileCont, percentileOfHistogram } from './histogram.ts';
import { dayKey, weekdayOf } from './local-time.ts';
import { arrayNames, counterNames, type ArrayName } from './rollup.ts';
import { compliance, durationStats, EXACT_LIMIT, sumBy, sumRows, type Sample, type Totals } from './stats.ts';
import * as read from './store-read.ts';
import { channelSliceOf, openView, sliceOf, type View } from './view.ts';

type Kind = 'first' | 'next' | 'res';
type Samples = (Sample & { day?: number; agent_id: string })[];

/** The samples of a kind when there are few enough to be exact (null: use the histograms). */
export async function samplesOf(ctx: Ctx, v: View, kind: Kind, count: number): Promise<Samples | null> {
  if (count === 0 || count > EXACT_LIMIT) return null;
  return kind === 'res'
    ? read.listResolutionSamples(ctx.db, ctx.workspaceId, v.fromDay, v.toDay, v.filter, EXACT_LIMIT + 1)
    : read.listResponseSamples(ctx.db, ctx.workspaceId, kind, v.fromDay, v.toDay, v.filter, EXACT_LIMIT + 1);
}

export function statsOf(t: Totals, kind: Kind, samples: Samples | null) {
  const [n, sum, bsum, h, hb] = kind === 'first' ? [t.first_n, t.first_sum, t.first_bsum, t.h_first, t.h_first_b]
    : kind === 'next' ? [t.next_n, t.next_sum, t.next_bsum, t.h_next, t.h_next_b]
      : [t.res_n, t.res_sum, t.res_bsum, t.h_res, t.h_res_b];
  return durationStats(n, sum, bsum, h, hb, samples);
}

function days(v: View): number[] {
  const out: number[] = [];
  for (let d = v.fromDay; d <= v.toDay; d++) out.push(d);
  return out;
}

export async function getReportSummary(ctx: Ctx, query: ReportQuery): Promise<ReportSummaryDto> {
  const v = await openView(ctx, query);
  const rows = await read.readDaily(ctx.db, ctx.workspaceId, sliceOf(v.filter), v.fromDay, v.toDay, [...counterNames, ...arrayNames.filter((a) => a.startsWith('h_'))]);
  const t = sumRows(rows);
  const [first, next, res] = await Promise.all([samplesOf(ctx, v, 'first', t.first_n), samplesOf(ctx, v, 'next', t.next_n), samplesOf(ctx, v, 'res', t.res_n)]);
  const byDay = sumBy(rows, (r) => r.day);
  const medians = {
    first: dailyMedians(first, t.first_n, byDay, 'h_first', 'h_first_b'),
    next: dailyMedians(next, t.next_n, byDay, 'h_next', 'h_next_b'),
    res: dailyMedians(res, t.res_n, byDay, 'h_res', 'h_res_b'),
  };
  return {
    meta: v.meta,
    totals: { conversations: t.conversations, incomingMessages: t.incoming, replies: t.replies, resolutions: t.res_n, reopened: t.reopened, repeats: t.repeats },
    firstResponse: statsOf(t, 'first', first),
    nextResponse: statsOf(t, 'next', next),
    resolution: statsOf(t, 'res', res),
    sla: { firstResponse: compliance(t.sla_first_met, t.sla_first_missed), resolution: compliance(t.sla_res_met, t.sla_res_missed) },
    days: days(v).map((day) => {
      const d = byDay.get(day);
      return {
        day: dayKey(day), conversations: d?.conversations ?? 0, resolutions: d?.res_n ?? 0,
        firstResponseMedian: medians.first(day, 'calendar'), firstResponseBusinessMedian: medians.first(day, 'business'),
        nextResponseMedian: medians.next(day, 'calendar'), nextResponseBusinessMedian: medians.next(day, 'business'),
        resolutionMedian: medians.res(day, 'calendar'), resolutionBusinessMedian: medians.res(day, 'business'),
        slaFirstResponse: compliance(d?.sla_first_met ?? 0, d?.sla_first_missed ?? 0),
      };
    }),
  };
}

/**
 * Each day's median, in calendar or business seconds: exact from the samples when the range has them
 * all (a day is the day of the reply or the resolution), else from that day's histograms.
 */
function dailyMedians(samples: Samples | null, count: number, byDay: Map<number, Totals>, hist: ArrayName, histBusiness: ArrayName) {
  const exact = new Map<number, { calendar: number[]; business: number[] }>();
  const complete = samples !== null && samples.length === count;
  if (complete) {
    for (const s of samples) {
      let lists = exact.get(s.day!);
      if (!lists) exact.set(s.day!, (lists = { calendar: [], business: [] }));
      lists.calendar.push(s.seconds);
      lists.business.push(s.business_seconds);
    }
  }
  return (day: number, hours: 'calendar' | 'business'): number | null => {
    let median: number | null;
    if (complete) {
      const list = exact.get(day)?.[hours];
      median = list?.length ? percentileCont(list.sort((a, b) => a - b), 0.5) : null;
    } else {
      const d = byDay.get(day);
      median = d ? percentileOfHistogram(d[hours === 'calendar' ? hist : histBusiness], 0.5) : null;
    }
    return median === null ? null : Math.round(median * 10) / 10;
  };
}

export async function getReportVolume(ctx: Ctx, query: ReportQuery): Promise<ReportVolumeDto> {
  const v = await openView(ctx, query);
  const rows = await read.readDaily(ctx.db, ctx.workspaceId, channelSliceOf(v.filter), v.fromDay, v.toDay, ['conversations', 'incoming']);
  const cells = sumBy(rows, (r) => `${r.day}|${r.channel}`);
  const present = new Set(rows.map((r) => r.channel));
  const channels = channelTypes.filter((c) => present.has(c));
  return {
    meta: v.meta,
    channels,
    days: days(v).map((day) => {
      const byChannel: ReportVolumeDto['days'][number]['byChannel'] = {};
      let conversations = 0;
      let incomingMessages = 0;
      for (const channel of channels) {
        const t = cells.get(`${day}|${channel}`);
        if (!t) continue;
        byChannel[channel as ChannelType] = { conversations: t.conversations, incomingMessages: t.incoming };
        conversations += t.conversations;
        incomingMessages += t.incoming;
      }
      return { day: dayKey(day), byChannel, conversations, incomingMessages };
    }),
  };
}

export async function getReportHeatmap(ctx: Ctx, query: ReportQuery): Promise<ReportHeatmapDto> {
  const v = await openView(ctx, query);
  const rows = await read.readDaily(ctx.db, ctx.workspaceId, sliceOf(v.filter), v.fromDay, v.toDay, ['conv_hours', 'msg_hours']);
  const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const conversations = grid();
  const incomingMessages = grid();
  for (const row of rows) {
    const weekday = weekdayOf(row.day);
    for (const [hour, n] of Object.entries(row.conv_hours ?? {})) conversations[weekday]![Number(hour)]! += n;
    for (const [hour, n] of Object.entries(row.msg_hours ?? {})) incomingMessages[weekday]![Number(hour)]! += n;
  }
  return { meta: v.meta, conversations, incomingMessages };
}

/**
 * Backlog now is read live (unresolved conversations, through the status index); over time it is
 * opened minus finally resolved, summed from the first day: a conversation counts as unresolved
 * from its creation until its last resolution. Each day's backlog by age reads only the conversations
 * opened in the week before the range or in it (the facts, by opening day); older ones are the rest.
 */
/** The unresolved at the end of `day` by days since opening: 0, 1–2 and 3–6 counted, 7 or more the rest. */
function ageSplit(young: { created_day: number; resolved_day: number | null; n: number }[], day: number, unresolved: number): Record<BacklogDayAgeBucket, number> {
  const split = { lt1d: 0, '1to3d': 0, '3to7d': 0, gt7d: 0 };
  for (const r of young) {
    const age = day - r.created_day;
    if (age < 0 || age > 6 || (r.resolved_day !== null && r.resolved_day <= day)) continue;
    split[age === 0 ? 'lt1d' : age < 3 ? '1to3d' : '3to7d'] += Number(r.n);
  }
  // The day counts (rollups) and the facts are written together; never show less than nothing if one lags.
  split.gt7d = Math.max(0, unresolved - split.lt1d - split['1to3d'] - split['3to7d']);
  return split;
}

export async function getReportBacklog(ctx: Ctx, query: ReportQuery): Promise<ReportBacklogDto> {
  const v = await openView(ctx, query);
  const [live, rows, young] = await Promise.all([
    read.countBacklogNow(ctx.db, ctx.workspaceId, v.filter, v.now),
    read.readDaily(ctx.db, ctx.workspaceId, sliceOf(v.filter), null, v.toDay, ['conversations', 'res_n']),
    read.countUnresolvedByOpenDay(ctx.db, ctx.workspaceId, v.fromDay - 6, v.toDay, v.filter),
  ]);
  const byAge = backlogAgeBuckets.map((bucket) => ({ bucket, open: 0, pending: 0, snoozed: 0 }));
  for (const r of live) byAge[Math.min(byAge.length - 1, Math.max(0, r.bucket))]![r.status] += r.n;
  const now = { open: 0, pending: 0, snoozed: 0, total: 0, byAge };
  for (const r of live) { now[r.status] += r.n; now.total += r.n; }
  const perDay = sumBy(rows, (r) => r.day);
  let unresolved = 0;
  for (const [day, t] of perDay) if (day < v.fromDay) unresolved += t.conversations - t.res_n;
  return {
    meta: v.meta,
    now,
    days: days(v).map((day) => {
      const t = perDay.get(day);
      const opened = t?.conversations ?? 0;
      const resolved = t?.res_n ?? 0;
      unresolved += opened - resolved;
      return { day: dayKey(day), opened, resolved, unresolved, byAge: ageSplit(young, day, unresolved) };
    }),
  };
}
