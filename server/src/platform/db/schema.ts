import type { HelpArticleLocalesTable, HelpArticlesTable, HelpCategoriesTable, HelpCentersTable, HelpDeflectionsTable, HelpFeedbackTable, HelpImagesTable } from '../../helpcenter/schema.ts';
import type { SurveyTables } from '../../surveys/schema.ts';
import type { ReportTables } from '../../reports/schema.ts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely table types; they mirror db/migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string, string>;
type JsonDefault<T = Record<string, unknown>> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface InstanceSettingsTable { key: string; value: string }

export interface WorkspacesTable {
  id: string;
  name: string;
  locale: ColumnType<string, string | undefined, string>;
  timezone: ColumnType<string, string | undefined, string>;
  settings: JsonDefault;
  conversation_seq: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
}

export interface AgentsTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: 'owner' | 'admin' | 'supervisor' | 'agent';
  availability: ColumnType<'online' | 'busy' | 'offline', 'online' | 'busy' | 'offline' | undefined, 'online' | 'busy' | 'offline'>;
  avatar_url: string | null;
  disabled_at: Timestamp | null;
  /** `{ assigned, mentioned }`: notifications also sent by email. */
  email_notifications: ColumnType<{ assigned: boolean; mentioned: boolean }, string | undefined, string>;
  /** Routing: open conversations at once (null = no limit), per-channel limits, skills, languages. */
  max_open: number | null;
  channel_limits: JsonDefault<Record<string, number>>;
  skills: TextArray;
  languages: TextArray;
  availability_changed_at: DefaultTimestamp;
  created_at: DefaultTimestamp;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The team's own opening hours (sla/calendar Schedule); null = the workspace's. */
  business_hours: ColumnType<unknown, string | null | undefined, string | null>;
  lead_id: string | null;
  routing: ColumnType<'manual' | 'round_robin' | 'load_balanced', 'manual' | 'round_robin' | 'load_balanced' | undefined, 'manual' | 'round_robin' | 'load_balanced'>;
  /** High-value customers are routed here. */
  vip: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
}
export interface TeamMembersTable { workspace_id: string; team_id: string; agent_id: string; last_assigned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null> }

export interface SessionsTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  expires_at: Timestamp;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: DefaultTimestamp;
  locked_until: Timestamp | null;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  team_ids: TextArray;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_by: string | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: JsonDefault;
  ip: string | null;
  created_at: DefaultTimestamp;
}

export interface InboxesTable {
  id: string;
  workspace_id: string;
  name: string;
  channel: string;
  widget_token: string;
  identity_secret: string;
  settings: JsonDefault;
  /** Sealed vendor secrets (platform/secrets.ts); never presented. */
  secrets: ColumnType<string | null, string | null | undefined, string | null>;
  /** Channel health: `{ state: 'ok' | 'needs_reauth', error?, at? }`. */
  health: JsonDefault;
  created_at: DefaultTimestamp;
}

export interface ContactsTable {
  id: string;
  workspace_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  phone_raw: string | null;
  avatar_url: string | null;
  locale: string | null;
  tags: TextArray;
  attributes: JsonDefault<Record<string, unknown>>;
  blocked: ColumnType<boolean, boolean | undefined, boolean>;
  blocked_reason: string | null;
  merged_into_id: string | null;
  search_folded: ColumnType<string, string | undefined, string>;
  last_activity_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ContactIdentitiesTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  inbox_id: string;
  external_id: string;
  /** What the channel says about this customer (following, profile facts). */
  meta: JsonDefault;
  created_at: DefaultTimestamp;
}

export interface ContactMergesTable {
  id: string;
  workspace_id: string;
  survivor_id: string;
  merged_id: string;
  snapshot: Json<MergeSnapshot>;
  merged_by: string | null;
  undone_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

/** What a merge moved, so that it can be undone. */
export interface MergeSnapshot {
  survivorBefore: Record<string, unknown>;
  mergedBefore: Record<string, unknown>;
  movedIdentityIds: string[];
  movedConversationIds: string[];
  movedSessionIds: string[];
}

export interface VisitorSessionsTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  contact_id: string;
  token_hash: string;
  verified_identifier: string | null;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  number: number;
  inbox_id: string;
  contact_id: string;
  status: ColumnType<'open' | 'pending' | 'snoozed' | 'resolved', 'open' | 'pending' | 'snoozed' | 'resolved' | undefined>;
  snoozed_until: Timestamp | null;
  priority: ColumnType<'urgent' | 'high' | 'normal' | 'low', 'urgent' | 'high' | 'normal' | 'low' | undefined>;
  assignee_id: string | null;
  team_id: string | null;
  labels: TextArray;
  first_response_at: Timestamp | null;
  waiting_since: Timestamp | null;
  last_activity_at: DefaultTimestamp;
  last_message_body: string | null;
  last_message_kind: string | null;
  last_message_at: Timestamp | null;
  contact_last_seen_at: Timestamp | null;
  search_folded: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  /** Per-conversation channel state: reply windows, the comment thread it answers. */
  channel_state: JsonDefault;
  sla_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  first_response_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  next_response_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolution_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** sla/clock.ts SlaState: remaining business time of paused clocks, warnings and breaches already raised. */
  sla_state: JsonDefault<Record<string, unknown>>;
  /** The nearest instant the SLA sweep must look at this conversation (a warning or a due time). */
  sla_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  sentiment: ColumnType<string | null, string | null | undefined, string | null>;
  intent: ColumnType<string | null, string | null | undefined, string | null>;
  urgency: ColumnType<string | null, string | null | undefined, string | null>;
  upset_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  inbox_id: string;
  kind: 'incoming' | 'outgoing' | 'note' | 'activity';
  sender_type: 'contact' | 'agent' | 'system';
  sender_id: string | null;
  body: string;
  html: string | null;
  body_folded: string;
  mentions: TextArray;
  delivery_status: ColumnType<string, string | undefined, string>;
  external_id: string | null;
  client_id: string | null;
  /** Why the last delivery attempt failed (shown on the message), null once delivered. */
  delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
  /** A customer message's triage (contracts TriageResult), null for other kinds. */
  triage: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
}

export interface AttachmentsTable {
  id: string;
  workspace_id: string;
  message_id: string | null;
  uploaded_by_type: string;
  uploaded_by_id: string | null;
  storage_key: string;
  filename: string;
  content_type: string;
  byte_size: number;
  created_at: DefaultTimestamp;
}

export interface ConversationReadsTable { workspace_id: string; conversation_id: string; agent_id: string; last_read_at: Timestamp }

export interface NotificationsTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  kind: string;
  conversation_id: string | null;
  message_id: string | null;
  actor_name: string | null;
  excerpt: string;
  read_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface CannedResponsesTable {
  id: string;
  workspace_id: string;
  short_code: string;
  title: string;
  body: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

type Default<T> = ColumnType<T, T | undefined, T>;

export interface ShopConnectionsTable {
  id: string;
  workspace_id: string;
  platform: 'shopify' | 'woocommerce' | 'haravan' | 'sapo';
  name: string;
  shop_domain: string | null;
  base_url: string | null;
  webhook_secret: string;
  access_token: string | null;
  api_key: string | null;
  api_secret: string | null;
  backfill: JsonDefault<BackfillState>;
  last_webhook_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
}
export interface BackfillState { status?: 'running' | 'done' | 'failed'; cursor?: string | null; imported?: number; error?: string | null; startedAt?: string; finishedAt?: string | null }

export interface ShopWebhookEventsTable {
  workspace_id: string;
  connection_id: string;
  dedupe_key: string;
  topic: string;
  received_at: DefaultTimestamp;
  processed_at: Timestamp | null;
  error: string | null;
}

export interface OrdersTable {
  id: string;
  workspace_id: string;
  source: string;
  connection_id: string | null;
  external_id: string;
  order_number: string;
  contact_id: string | null;
  email: string | null;
  phone: string | null;
  phone_raw: string | null;
  customer_name: string | null;
  currency: Default<string>;
  total: number;
  subtotal: number | null;
  discount: number | null;
  shipping: number | null;
  refunded: number | null;
  payment_state: string;
  fulfilment_state: string;
  cancelled: Default<boolean>;
  counts_as_purchase: boolean;
  raw_financial_status: string | null;
  raw_fulfillment_status: string | null;
  placed_at: Timestamp;
  cancelled_at: Timestamp | null;
  source_updated_at: Timestamp;
  tracking_number: string | null;
  carrier: string | null;
  tracking_url: string | null;
  shipping_address: Json<Record<string, string | null>> | null;
  lines: JsonDefault<OrderLineJson[]>;
  note: string | null;
  tags: TextArray;
  low_confidence: Default<boolean>;
  deleted_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
export interface OrderLineJson { externalId: string | null; productId: string | null; variantId: string | null; sku: string | null; title: string; quantity: number; price: number }

export interface OrderImportsTable {
  id: string;
  workspace_id: string;
  preset: string;
  file_name: string | null;
  dry_run: boolean;
  status: Default<'running' | 'done' | 'failed'>;
  rows: Default<number>;
  bytes: Default<number>;
  total_bytes: number | null;
  accepted: Default<number>;
  rejected: Default<number>;
  rejections: JsonDefault<ImportRejectionJson[]>;
  warnings: JsonDefault<string[]>;
  error: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}
export interface ImportRejectionJson { lines: [number, number]; orderRef: string | null; code: string; reason: string }

export type CompensationKind = 'apology' | 'voucher' | 'free_shipping' | 'points' | 'replacement' | 'refund';

export interface CompensationApprovalsTable {
  id: string;
  workspace_id: string;
  kind: CompensationKind;
  cost: number;
  details: JsonDefault;
  conversation_id: string | null;
  contact_id: string | null;
  order_id: string | null;
  requested_by: string;
  reason: string | null;
  status: Default<'pending' | 'approved' | 'denied' | 'cancelled'>;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  idempotency_key: string | null;
  created_at: DefaultTimestamp;
}

export interface CompensationLedgerTable {
  id: string;
  workspace_id: string;
  kind: CompensationKind;
  cost: number;
  details: JsonDefault;
  conversation_id: string | null;
  contact_id: string | null;
  order_id: string | null;
  agent_id: string | null;
  approval_id: string | null;
  approved_by: string | null;
  idempotency_key: string | null;
  created_at: DefaultTimestamp;
}

export interface VouchersTable {
  id: string;
  workspace_id: string;
  code: string;
  kind: 'percent' | 'fixed' | 'free_shipping';
  value: number;
  min_order: Default<number>;
  expires_at: Timestamp | null;
  contact_id: string | null;
  ledger_id: string | null;
  redeemed_at: Timestamp | null;
  redeemed_order_ref: string | null;
  push_status: Default<'none' | 'pushed' | 'failed' | 'exported'>;
  push_error: string | null;
  created_at: DefaultTimestamp;
}

export interface LoyaltyAccountsTable { workspace_id: string; contact_id: string; created_at: DefaultTimestamp }

export interface LoyaltyLedgerTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: 'earn' | 'redeem' | 'expire' | 'adjust' | 'compensation' | 'reverse';
  points: number;
  order_id: string | null;
  source_key: string | null;
  reason: string | null;
  agent_id: string | null;
  expires_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface AnalyticsOccasionsTable {
  workspace_id: string; contact_id: string; day: string; seq: number; prev_day: string | null; first_day: string; value: number; orders: number; sources: TextArray;
  first_in_month: boolean; first_in_quarter: boolean; first_in_year: boolean; last_in_month: boolean; last_in_quarter: boolean; last_in_year: boolean;
}
export interface AnalyticsCustomersTable {
  workspace_id: string;
  contact_id: string;
  first_day: string;
  last_day: string;
  occasions: number;
  orders: number;
  revenue: number;
  first_value: number;
  repeat_value: number;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  segment: string | null;
  vip: Default<boolean>;
  p_alive: number | null;
  churn_risk: number | null;
  risk_band: string | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  predicted_clv: number | null;
  next_order_on: string | null;
  refreshed_at: DefaultTimestamp;
}
export interface AnalyticsModelsTable {
  id: string;
  workspace_id: string;
  model: string;
  unit: string;
  params: Json<Record<string, number>>;
  log_likelihood: number | null;
  status: string;
  spend: Json<Record<string, unknown>> | null;
  validation: Json<Record<string, unknown>> | null;
  customers: number;
  data_from: string | null;
  data_to: string | null;
  calibration_end: string | null;
  currency: string;
  created_at: DefaultTimestamp;
}
export interface AnalyticsSnapshotsTable { workspace_id: string; key: string; payload: Json<unknown>; created_at: DefaultTimestamp }
export interface AnalyticsRunsTable {
  id: string;
  workspace_id: string;
  trigger: string;
  status: Default<string>;
  step: Default<string>;
  progress: Default<number>;
  error: string | null;
  note: string | null;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

export interface FollowupRulesTable {
  id: string;
  workspace_id: string;
  kind: 'post_purchase' | 'repurchase' | 'winback';
  name: string;
  enabled: Default<boolean>;
  settings: JsonDefault;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
export interface FollowupSendsTable {
  id: string;
  workspace_id: string;
  rule_id: string;
  dedupe_key: string;
  contact_id: string;
  conversation_id: string | null;
  message_id: string | null;
  order_id: string | null;
  status: 'sent' | 'failed' | 'no_channel' | 'opted_out';
  reason: string | null;
  sent_at: DefaultTimestamp;
  replied_at: Timestamp | null;
}
export interface FollowupOptOutsTable { workspace_id: string; contact_id: string; via: string; created_at: DefaultTimestamp }

export interface DB {
  instance_settings: InstanceSettingsTable;
  workspaces: WorkspacesTable;
  agents: AgentsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  inboxes: InboxesTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  contact_merges: ContactMergesTable;
  visitor_sessions: VisitorSessionsTable;
  conversations: ConversationsTable;
  channel_events: ChannelEventsTable;
  channel_threads: ChannelThreadsTable;
  calls: CallsTable;
  contact_merge_suggestions: ContactMergeSuggestionsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  conversation_reads: ConversationReadsTable;
  notifications: NotificationsTable;
  canned_responses: CannedResponsesTable;
  shop_connections: ShopConnectionsTable;
  shop_webhook_events: ShopWebhookEventsTable;
  orders: OrdersTable;
  order_imports: OrderImportsTable;
  compensation_approvals: CompensationApprovalsTable;
  compensation_ledger: CompensationLedgerTable;
  vouchers: VouchersTable;
  loyalty_accounts: LoyaltyAccountsTable;
  loyalty_ledger: LoyaltyLedgerTable;
  analytics_occasions: AnalyticsOccasionsTable;
  analytics_customers: AnalyticsCustomersTable;
  analytics_models: AnalyticsModelsTable;
  analytics_runs: AnalyticsRunsTable;
  analytics_snapshots: AnalyticsSnapshotsTable;
  followup_rules: FollowupRulesTable;
  followup_sends: FollowupSendsTable;
  followup_opt_outs: FollowupOptOutsTable;
  email_threads: EmailThreadsTable;
  email_messages: EmailMessagesTable;
  email_suppressions: EmailSuppressionsTable;
  email_imap_state: EmailImapStateTable;
  telegram_polls: TelegramPollsTable;
  assist_settings: AssistSettingsTable;
  sla_policies: SlaPoliciesTable;
  triage_corrections: TriageCorrectionsTable;
  triage_models: TriageModelsTable;
  automation_rules: AutomationRulesTable;
  automation_runs: AutomationRunsTable;
  scheduled_messages: ScheduledMessagesTable;
  help_centers: HelpCentersTable;
  help_categories: HelpCategoriesTable;
  help_articles: HelpArticlesTable;
  help_article_locales: HelpArticleLocalesTable;
  help_feedback: HelpFeedbackTable;
  help_deflections: HelpDeflectionsTable;
  help_images: HelpImagesTable;
  report_state: ReportTables['report_state'];
  report_conversation_facts: ReportTables['report_conversation_facts'];
  report_responses: ReportTables['report_responses'];
  report_daily: ReportTables['report_daily'];
  report_agent_presence: ReportTables['report_agent_presence'];
  survey_definitions: SurveyTables['survey_definitions'];
  survey_campaigns: SurveyTables['survey_campaigns'];
  survey_sends: SurveyTables['survey_sends'];
  survey_responses: SurveyTables['survey_responses'];
  survey_opt_outs: SurveyTables['survey_opt_outs'];
}

// Service rules (SLA, triage, automations) -----------------------------------------------------

export interface SlaPoliciesTable {
  id: string;
  workspace_id: string;
  name: string;
  position: Default<number>;
  enabled: Default<boolean>;
  channels: TextArray;
  priorities: TextArray;
  segments: TextArray;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  business_hours: Default<boolean>;
  warn_percent: Default<number>;
  escalation: JsonDefault<{ raisePriority?: boolean; reassignToLead?: boolean; notifySupervisors?: boolean }>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
export interface TriageCorrectionsTable {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  message_id: string | null;
  text: string;
  labels: Json<Record<string, string>>;
  agent_id: string | null;
  created_at: DefaultTimestamp;
}
export interface TriageModelsTable { workspace_id: string; model: string; examples: number; evaluation: JsonDefault; trained_at: DefaultTimestamp }
export interface AutomationRulesTable {
  id: string;
  workspace_id: string;
  name: string;
  enabled: Default<boolean>;
  trigger: string;
  conditions: Json<unknown>;
  actions: Json<unknown[]>;
  position: Default<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
export interface AutomationRunsTable {
  id: string;
  workspace_id: string;
  rule_id: string | null;
  conversation_id: string | null;
  trigger: string;
  outcome: 'applied' | 'failed' | 'skipped_loop';
  actions: JsonDefault<unknown[]>;
  error: string | null;
  depth: Default<number>;
  created_at: DefaultTimestamp;
}
export interface ScheduledMessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  agent_id: string | null;
  body: string;
  send_at: Timestamp;
  state: ColumnType<'scheduled' | 'sent' | 'cancelled' | 'failed', 'scheduled' | undefined, 'scheduled' | 'sent' | 'cancelled' | 'failed'>;
  message_id: string | null;
  error: string | null;
  created_at: DefaultTimestamp;
}

// Email channel ------------------------------------------------------------------------------

export interface EmailThreadsTable {
  conversation_id: string;
  workspace_id: string;
  inbox_id: string;
  reply_token: string;
  subject: ColumnType<string, string | undefined, string>;
  created_at: DefaultTimestamp;
}

export interface EmailAddressJson { address: string; name: string | null }

export interface EmailMessagesTable {
  message_id: string;
  workspace_id: string;
  conversation_id: string;
  inbox_id: string;
  direction: 'in' | 'out';
  rfc_message_id: string | null;
  transport_message_id: ColumnType<string | null, string | null | undefined, string | null>;
  in_reply_to: string | null;
  refs: TextArray;
  subject: ColumnType<string, string | undefined, string>;
  from_address: string | null;
  from_name: string | null;
  to_addresses: ColumnType<EmailAddressJson[], string | undefined, string>;
  cc_addresses: ColumnType<EmailAddressJson[], string | undefined, string>;
  classification: ColumnType<'normal' | 'auto_reply' | 'bulk' | 'bounce', 'normal' | 'auto_reply' | 'bulk' | 'bounce' | undefined, 'normal' | 'auto_reply' | 'bulk' | 'bounce'>;
  classification_reason: string | null;
  text_full: string | null;
  text_quoted: string | null;
  html_full: string | null;
  html_quoted: string | null;
  blocked_images: ColumnType<number, number | undefined, number>;
  raw_storage_key: string | null;
  created_at: DefaultTimestamp;
}

export interface EmailSuppressionsTable { workspace_id: string; address: string; reason: string; created_at: DefaultTimestamp }

export interface EmailImapStateTable {
  inbox_id: string;
  workspace_id: string;
  uid_validity: number | null;
  last_uid: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  checked_at: Date | null;
}

/** The owner's assistant endpoint (db/migrations/0021_assist.ts); `api_key` sealed (platform/secrets.ts). */
export interface AssistSettingsTable {
  workspace_id: string;
  enabled: boolean;
  base_url: string;
  model: string;
  api_key: string | null;
  drafts: boolean;
  summaries: boolean;
  updated_at: DefaultTimestamp;
}

/** A polled Telegram bot (db/migrations/0020_telegram_polling.ts). */
export interface TelegramPollsTable {
  inbox_id: string;
  workspace_id: string;
  next_offset: ColumnType<number, number | undefined, number>;
  holder: string | null;
  lease_until: Date | null;
  polled_at: Date | null;
  last_error: string | null;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
export type { Generated };

export interface ChannelEventsTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  channel: string;
  dedupe_key: string;
  ordering_key: string;
  payload: Json<unknown>;
  headers: JsonDefault;
  state: ColumnType<'pending' | 'processing' | 'done' | 'dead', 'pending' | undefined, 'pending' | 'processing' | 'done' | 'dead'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  received_at: DefaultTimestamp;
  processed_at: Timestamp | null;
}

export interface ChannelThreadsTable {
  workspace_id: string;
  inbox_id: string;
  thread_key: string;
  conversation_id: string;
  created_at: DefaultTimestamp;
}

export interface CallsTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  conversation_id: string | null;
  contact_id: string | null;
  external_id: string;
  direction: 'inbound' | 'outbound';
  state: 'ringing' | 'answered' | 'missed' | 'ended';
  from_number: string | null;
  to_number: string | null;
  agent_id: string | null;
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  wait_seconds: number | null;
  talk_seconds: number | null;
  recording_url: string | null;
  logged_by: string | null;
  note: string | null;
  callback_state: 'open' | 'done' | null;
  created_at: DefaultTimestamp;
}

export interface ContactMergeSuggestionsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  other_contact_id: string;
  reason: string;
  identifier: string;
  state: ColumnType<'open' | 'accepted' | 'rejected', 'open' | undefined, 'open' | 'accepted' | 'rejected'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: DefaultTimestamp;
}
