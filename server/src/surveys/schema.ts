import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { FollowUp, SurveyAudience, SurveyDisplay, SurveyKind, SurveyLocale, SurveyReward, SurveyTexts } from '@careloop/contracts';

/** Kysely table types of surveys; they mirror db/migrations/0014_surveys.ts. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Default<T> = ColumnType<T, T | undefined, T>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface SurveyDefinitionsTable {
  id: string;
  workspace_id: string;
  builtin: ColumnType<string | null, string | null | undefined, string | null>;
  name: string;
  kind: SurveyKind;
  enabled: Default<boolean>;
  display: Default<SurveyDisplay>;
  texts: Json<Record<SurveyLocale, SurveyTexts>>;
  follow_ups: JsonDefault<FollowUp[]>;
  reward: ColumnType<SurveyReward | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SurveyCampaignsTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  name: string;
  enabled: Default<boolean>;
  audience: Json<SurveyAudience>;
  cooldown_days: Default<number>;
  max_per_run: Default<number>;
  last_run_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type SendStatus = 'sending' | 'sent' | 'failed' | 'skipped' | 'answered';

export interface SurveySendsTable {
  id: string;
  workspace_id: string;
  survey_id: string | null;
  kind: SurveyKind;
  source: 'resolve' | 'campaign';
  campaign_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** One send per reason: `resolve:<conversation>:<resolved at>`, `campaign:<id>:<contact>:<period>`. */
  dedupe_key: string;
  contact_id: string | null;
  conversation_id: string | null;
  agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  team_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  via: ColumnType<'widget' | 'link' | null, 'widget' | 'link' | null | undefined, 'widget' | 'link' | null>;
  locale: Default<SurveyLocale>;
  status: SendStatus;
  skip_reason: ColumnType<string | null, string | null | undefined, string | null>;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  created_at: DefaultTimestamp;
}

export interface SurveyAnswer { questionId: string; text: string }

export interface SurveyResponsesTable {
  id: string;
  workspace_id: string;
  send_id: string;
  kind: SurveyKind;
  score: number;
  answers: JsonDefault<SurveyAnswer[]>;
  /** Folded answers (contracts `fold`): what verbatim search reads. */
  comment_folded: Default<string>;
  via: 'widget' | 'link';
  reward_voucher_id: ColumnType<string | null, string | null | undefined, string | null>;
  recovery_state: ColumnType<'open' | 'skipped' | null, 'open' | 'skipped' | null | undefined, 'open' | 'skipped' | null>;
  recovery_conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  recovery_at: NullableTimestamp;
  recovery_comment_noted: Default<boolean>;
  processed_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SurveyOptOutsTable { workspace_id: string; conversation_id: string; agent_id: string | null; created_at: DefaultTimestamp }

export interface SurveyTables {
  survey_definitions: SurveyDefinitionsTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_sends: SurveySendsTable;
  survey_responses: SurveyResponsesTable;
  survey_opt_outs: SurveyOptOutsTable;
}

export type SurveyRow<T extends keyof SurveyTables> = Selectable<SurveyTables[T]>;
export type NewSurveyRow<T extends keyof SurveyTables> = Insertable<SurveyTables[T]>;
