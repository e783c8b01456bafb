import { z } from 'zod';
import { channelTypes, type ChannelType } from './inboxes.ts';

/**
 * Service reports (issue 8 §3): response and resolution times, SLA compliance, volume, the
 * hour-of-week heatmap, backlog, agent performance, repeat contacts and a row-level CSV export.
 * Days are the workspace's local calendar days (its time zone, Asia/Ho_Chi_Minh by default).
 */
export const reportLimits = {
  /** The longest range one request may cover, in days (inclusive). */
  maxRangeDays: 731,
  /** The range when none is given: the last 30 days, today included. */
  defaultRangeDays: 30,
  /** A repeat contact: a new conversation within this many days of the customer's last resolved one. */
  repeatWindowDays: 7,
  /** Recent repeat contacts listed on the dashboard. */
  repeatListSize: 20,
} as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');
const id = z.string().min(3).max(64).regex(/^[a-z]+_[0-9A-Za-z]+$/);

/** Every dashboard takes the same filters. An agent (role) sees only their own figures. */
export const reportQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  channel: z.enum(channelTypes).optional(),
  teamId: id.optional(),
  agentId: id.optional(),
});
export type ReportQuery = z.output<typeof reportQuery>;

export const reportExportQuery = reportQuery.extend({ lang: z.enum(['vi', 'en']).optional() });
export type ReportExportQuery = z.output<typeof reportExportQuery>;

/** The range and filters a report was computed for, and how fresh its figures are. */
export interface ReportMeta {
  from: string;
  to: string;
  timeZone: string;
  channel: ChannelType | null;
  teamId: string | null;
  agentId: string | null;
  /** When the figures were last brought up to date with conversations and messages. */
  asOf: string;
  /** True while a full rebuild of the figures is still running (after an upgrade, a restore, or a change of hours). */
  rebuilding: boolean;
}

/**
 * Median, p90 and mean of a duration, in seconds, in calendar time and in business time (the
 * team's, else the workspace's opening hours). `exact` is false when the percentiles come from
 * log-scale histograms (large ranges): then each is within ±9.05 % of the exact value.
 */
export interface DurationStats {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
  businessMedian: number | null;
  businessP90: number | null;
  businessMean: number | null;
  exact: boolean;
}

/** Met and missed due times; `rate` is met / (met + missed), null when nothing was due. */
export interface SlaCompliance { met: number; missed: number; rate: number | null }

export interface ReportSummaryDay {
  day: string;
  conversations: number;
  resolutions: number;
  /** Medians of the day, in seconds: calendar time, and business time (`…BusinessMedian`). */
  firstResponseMedian: number | null;
  firstResponseBusinessMedian: number | null;
  nextResponseMedian: number | null;
  nextResponseBusinessMedian: number | null;
  resolutionMedian: number | null;
  resolutionBusinessMedian: number | null;
  slaFirstResponse: SlaCompliance;
}

export interface ReportSummaryDto {
  meta: ReportMeta;
  totals: { conversations: number; incomingMessages: number; replies: number; resolutions: number; reopened: number; repeats: number };
  firstResponse: DurationStats;
  nextResponse: DurationStats;
  resolution: DurationStats;
  sla: { firstResponse: SlaCompliance; resolution: SlaCompliance };
  days: ReportSummaryDay[];
}

export interface ReportVolumeDto {
  meta: ReportMeta;
  channels: ChannelType[];
  days: { day: string; byChannel: Partial<Record<ChannelType, { conversations: number; incomingMessages: number }>>; conversations: number; incomingMessages: number }[];
}

/** `conversations[weekday][hour]`: weekday 0 = Monday … 6 = Sunday, hour 0–23 in the workspace's zone. */
export interface ReportHeatmapDto {
  meta: ReportMeta;
  conversations: number[][];
  incomingMessages: number[][];
}

export const backlogAgeBuckets = ['lt1h', '1to4h', '4to24h', '1to3d', '3to7d', 'gt7d'] as const;
export type BacklogAgeBucket = (typeof backlogAgeBuckets)[number];

/** Ages at the end of a day, in the workspace's calendar days: opened that day, 1–2, 3–6, 7 or more days before. */
export const backlogDayAgeBuckets = ['lt1d', '1to3d', '3to7d', 'gt7d'] as const;
export type BacklogDayAgeBucket = (typeof backlogDayAgeBuckets)[number];

export interface ReportBacklogDto {
  meta: ReportMeta;
  /** Unresolved conversations right now (live), by status and by age since they were opened. */
  now: { open: number; pending: number; snoozed: number; total: number; byAge: { bucket: BacklogAgeBucket; open: number; pending: number; snoozed: number }[] };
  /**
   * Unresolved conversations at the end of each day: opened by then and not yet (finally) resolved by then, and how
   * long before they were opened (`byAge` sums to `unresolved`).
   */
  days: { day: string; opened: number; resolved: number; unresolved: number; byAge: Record<BacklogDayAgeBucket, number> }[];
}

/** Satisfaction from the surveys feature, when it has answers for the agent. */
export interface AgentCsat { responses: number; satisfied: number; score: number | null }

export interface AgentPerformanceRow {
  agentId: string;
  name: string;
  /** Conversations the agent replied in (counted on the day of their first reply there). */
  handled: number;
  replies: number;
  firstResponse: DurationStats;
  nextResponse: DurationStats;
  resolutions: number;
  sla: { firstResponse: SlaCompliance; resolution: SlaCompliance };
  csat: AgentCsat | null;
  /** Seconds in the range the agent was available ("online") / busy with a console open. */
  onlineSeconds: number;
  busySeconds: number;
}

export interface ReportAgentsDto { meta: ReportMeta; agents: AgentPerformanceRow[] }

export interface RepeatContactRow {
  conversationId: string;
  number: number;
  contactId: string;
  contactName: string | null;
  intent: string | null;
  createdAt: string;
  previousConversationId: string;
  previousNumber: number;
  /** Hours between the earlier conversation's resolution and this one's start. */
  hoursAfterResolution: number;
}

export interface ReportRepeatsDto {
  meta: ReportMeta;
  conversations: number;
  repeats: number;
  /** repeats / conversations opened in the range. */
  rate: number | null;
  byIntent: { intent: string | null; repeats: number }[];
  recent: RepeatContactRow[];
}
