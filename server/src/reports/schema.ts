import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Kysely table types of the service reports; they mirror db/migrations/0015_reports.ts. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Default<T> = ColumnType<T, T | undefined, T>;
type Int = ColumnType<number, number | undefined, number>;
/** Sparse counts (bucket or hour → count), written as JSON. */
type CountsColumn = ColumnType<Record<string, number>, string | undefined, string>;

export interface ReportStateTable {
  workspace_id: string;
  time_zone: string;
  /** A hash of the opening hours business times were computed with. */
  calendar_sig: string;
  /** The highest message id already looked at (ids sort by creation time). */
  message_mark: Default<string>;
  /** While rebuilding: the last conversation id done ('' = from the start); null when not rebuilding. */
  rebuild_after: string | null;
  rebuilt_at: NullableTimestamp;
  reconciled_at: NullableTimestamp;
  refreshed_at: DefaultTimestamp;
}

/** Messages per local hour and replies per agent and day: what the daily rollup needs of each message. */
export interface FactActivity {
  /** [local hour slot (hours since 1970-01-01 local), incoming messages]. */
  in?: [number, number][];
  /** [local day, agent id, replies, 1 when the agent's first reply in the conversation is on that day]. */
  rp?: [number, string, number, 0 | 1][];
}

export interface ReportConversationFactsTable {
  workspace_id: string;
  conversation_id: string;
  number: number;
  contact_id: string;
  inbox_id: string;
  channel: string;
  /** '' = no team. */
  team_id: string;
  /** '' = unassigned. */
  assignee_id: string;
  status: string;
  priority: string;
  intent: string | null;
  created_at: Date;
  /** Local day number (days since 1970-01-01 in the workspace's zone) and hour. */
  created_day: number;
  created_hour: number;
  first_message_at: Date | null;
  first_response_at: Date | null;
  first_response_s: number | null;
  first_response_bs: number | null;
  first_responder: string | null;
  next_response_count: Int;
  next_response_median_s: number | null;
  resolved_at: Date | null;
  resolved_day: number | null;
  resolution_s: number | null;
  resolution_bs: number | null;
  sla_first: 'met' | 'missed' | null;
  sla_first_day: number | null;
  sla_resolution: 'met' | 'missed' | null;
  sla_resolution_day: number | null;
  reopened: Default<boolean>;
  repeat_of: string | null;
  repeat_of_number: number | null;
  repeat_gap_s: number | null;
  incoming_count: Int;
  reply_count: Int;
  activity: ColumnType<FactActivity, string, string>;
  version: number;
  computed_at: DefaultTimestamp;
}

export interface ReportResponsesTable {
  workspace_id: string;
  conversation_id: string;
  seq: number;
  kind: 'first' | 'next';
  day: number;
  agent_id: string;
  channel: string;
  team_id: string;
  seconds: number;
  business_seconds: number;
}

export interface ReportDailyTable {
  workspace_id: string;
  /** '*' = every channel / team / agent; team '' = no team, agent '' = unassigned. */
  channel: string;
  team_id: string;
  agent_id: string;
  day: number;
  conversations: Int;
  incoming: Int;
  replies: Int;
  handled: Int;
  first_n: Int;
  first_sum: Int;
  first_bsum: Int;
  next_n: Int;
  next_sum: Int;
  next_bsum: Int;
  res_n: Int;
  res_sum: Int;
  res_bsum: Int;
  sla_first_met: Int;
  sla_first_missed: Int;
  sla_res_met: Int;
  sla_res_missed: Int;
  repeats: Int;
  reopened: Int;
  conv_hours: CountsColumn;
  msg_hours: CountsColumn;
  h_first: CountsColumn;
  h_first_b: CountsColumn;
  h_next: CountsColumn;
  h_next_b: CountsColumn;
  h_res: CountsColumn;
  h_res_b: CountsColumn;
}

export interface ReportAgentPresenceTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  availability: 'online' | 'busy' | 'offline';
  started_at: Date;
  ended_at: NullableTimestamp;
}

export interface ReportTables {
  report_state: ReportStateTable;
  report_conversation_facts: ReportConversationFactsTable;
  report_responses: ReportResponsesTable;
  report_daily: ReportDailyTable;
  report_agent_presence: ReportAgentPresenceTable;
}

export type ReportRow<T extends keyof ReportTables> = Selectable<ReportTables[T]>;
export type NewReportRow<T extends keyof ReportTables> = Insertable<ReportTables[T]>;
