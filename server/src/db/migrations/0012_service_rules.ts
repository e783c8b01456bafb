import { sql, type Kysely } from 'kysely';

/**
 * Service rules (issue 7): SLA policies and the due times they put on conversations, routing
 * (team modes and leads, agent capacity, skills and languages), triage on messages and
 * conversations, automation rules with their execution log, and scheduled sends.
 *
 * `conversations.sla_due_at` is the nearest unmet due time (or warning time) of the conversation,
 * kept by the SLA service, so the breach sweep and the "due soonest" sort read one index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sla_policies (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      position integer not null default 0,
      enabled boolean not null default true,
      channels text[] not null default '{}',
      priorities text[] not null default '{}',
      segments text[] not null default '{}',
      first_response_seconds integer,
      next_response_seconds integer,
      resolution_seconds integer,
      business_hours boolean not null default true,
      warn_percent integer not null default 80 check (warn_percent between 1 and 99),
      escalation jsonb not null default '{}',
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index sla_policies_workspace on sla_policies (workspace_id, position)`.execute(db);

  await sql`alter table teams add column business_hours jsonb`.execute(db);
  await sql`alter table teams add column lead_id text references agents(id) on delete set null`.execute(db);
  await sql`alter table teams add column routing text not null default 'manual' check (routing in ('manual', 'round_robin', 'load_balanced'))`.execute(db);
  await sql`alter table teams add column vip boolean not null default false`.execute(db);
  await sql`alter table team_members add column last_assigned_at timestamptz(3)`.execute(db);
  await sql`alter table agents add column max_open integer`.execute(db);
  await sql`alter table agents add column channel_limits jsonb not null default '{}'`.execute(db);
  await sql`alter table agents add column skills text[] not null default '{}'`.execute(db);
  await sql`alter table agents add column languages text[] not null default '{}'`.execute(db);
  await sql`alter table agents add column availability_changed_at timestamptz(3) not null default now()`.execute(db);

  await sql`alter table conversations add column sla_policy_id text references sla_policies(id) on delete set null`.execute(db);
  await sql`alter table conversations add column first_response_due_at timestamptz(3)`.execute(db);
  await sql`alter table conversations add column next_response_due_at timestamptz(3)`.execute(db);
  await sql`alter table conversations add column resolution_due_at timestamptz(3)`.execute(db);
  await sql`alter table conversations add column sla_paused_at timestamptz(3)`.execute(db);
  await sql`alter table conversations add column sla_state jsonb not null default '{}'`.execute(db);
  await sql`alter table conversations add column sla_due_at timestamptz(3)`.execute(db);
  await sql`alter table conversations add column language text`.execute(db);
  await sql`alter table conversations add column sentiment text`.execute(db);
  await sql`alter table conversations add column intent text`.execute(db);
  await sql`alter table conversations add column urgency text`.execute(db);
  await sql`alter table conversations add column upset_at timestamptz(3)`.execute(db);
  await sql`create index conversations_sla_due on conversations (workspace_id, sla_due_at, id) where sla_due_at is not null`.execute(db);
  await sql`create index conversations_queue on conversations (workspace_id, team_id, created_at, id) where assignee_id is null and status = 'open'`.execute(db);

  await sql`alter table messages add column triage jsonb`.execute(db);
  await sql`
    create table triage_corrections (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      conversation_id text references conversations(id) on delete set null,
      message_id text references messages(id) on delete set null,
      text text not null,
      labels jsonb not null,
      agent_id text references agents(id) on delete set null,
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index triage_corrections_workspace on triage_corrections (workspace_id, created_at)`.execute(db);
  await sql`create unique index triage_corrections_message on triage_corrections (workspace_id, message_id) where message_id is not null`.execute(db);
  await sql`
    create table triage_models (
      workspace_id text primary key references workspaces(id) on delete cascade,
      model text not null,
      examples integer not null,
      evaluation jsonb not null default '{}',
      trained_at timestamptz(3) not null default now()
    )`.execute(db);

  await sql`
    create table automation_rules (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      enabled boolean not null default true,
      trigger text not null,
      conditions jsonb not null,
      actions jsonb not null,
      position integer not null default 0,
      created_by text references agents(id) on delete set null,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index automation_rules_workspace on automation_rules (workspace_id, position)`.execute(db);
  await sql`
    create table automation_runs (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      rule_id text references automation_rules(id) on delete cascade,
      conversation_id text references conversations(id) on delete cascade,
      trigger text not null,
      outcome text not null check (outcome in ('applied', 'failed', 'skipped_loop')),
      actions jsonb not null default '[]',
      error text,
      depth integer not null default 0,
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index automation_runs_recent on automation_runs (workspace_id, created_at desc, id desc)`.execute(db);
  await sql`create index automation_runs_rule on automation_runs (workspace_id, rule_id, conversation_id, created_at)`.execute(db);

  await sql`
    create table scheduled_messages (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      conversation_id text not null references conversations(id) on delete cascade,
      agent_id text references agents(id) on delete set null,
      body text not null,
      send_at timestamptz(3) not null,
      state text not null default 'scheduled' check (state in ('scheduled', 'sent', 'cancelled', 'failed')),
      message_id text,
      error text,
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index scheduled_messages_due on scheduled_messages (send_at, id) where state = 'scheduled'`.execute(db);
  await sql`create index scheduled_messages_conversation on scheduled_messages (workspace_id, conversation_id, send_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scheduled_messages', 'automation_runs', 'automation_rules', 'triage_models', 'triage_corrections']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
  await sql`alter table messages drop column triage`.execute(db);
  for (const column of ['sla_policy_id', 'first_response_due_at', 'next_response_due_at', 'resolution_due_at', 'sla_paused_at', 'sla_state', 'sla_due_at', 'language', 'sentiment', 'intent', 'urgency', 'upset_at']) {
    await sql`alter table conversations drop column ${sql.ref(column)}`.execute(db);
  }
  for (const column of ['max_open', 'channel_limits', 'skills', 'languages', 'availability_changed_at']) await sql`alter table agents drop column ${sql.ref(column)}`.execute(db);
  await sql`alter table team_members drop column last_assigned_at`.execute(db);
  for (const column of ['business_hours', 'lead_id', 'routing', 'vip']) await sql`alter table teams drop column ${sql.ref(column)}`.execute(db);
  await sql`drop table sla_policies`.execute(db);
}
