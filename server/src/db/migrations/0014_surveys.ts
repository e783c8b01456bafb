import { sql, type Kysely } from 'kysely';

/**
 * Surveys (issue 8 §1). `survey_definitions` hold the questions in vi and en (built-in ones carry a
 * `builtin` key so they are made once per workspace); `survey_campaigns` send NPS to audiences on a
 * schedule; `survey_sends` is one invitation (or a recorded reason not to send one) and its signed
 * link's id; `survey_responses` is the one answer per send (unique), with its follow-up comments,
 * folded for search, and the recovery conversation a bad score opened. Agents turn the survey off
 * per conversation in `survey_opt_outs`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table survey_definitions (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      builtin text,
      name text not null,
      kind text not null check (kind in ('csat', 'nps', 'ces')),
      enabled boolean not null default true,
      display text not null default 'stars' check (display in ('stars', 'faces', 'numbers')),
      texts jsonb not null,
      follow_ups jsonb not null default '[]',
      reward jsonb,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      unique (workspace_id, builtin)
    )`.execute(db);

  await sql`
    create table survey_campaigns (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      survey_id text not null references survey_definitions(id) on delete cascade,
      name text not null,
      enabled boolean not null default true,
      audience jsonb not null,
      cooldown_days integer not null default 90 check (cooldown_days > 0),
      max_per_run integer not null default 500 check (max_per_run > 0),
      last_run_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index survey_campaigns_workspace on survey_campaigns (workspace_id)`.execute(db);

  await sql`
    create table survey_sends (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      survey_id text references survey_definitions(id) on delete set null,
      kind text not null check (kind in ('csat', 'nps', 'ces')),
      source text not null check (source in ('resolve', 'campaign')),
      campaign_id text references survey_campaigns(id) on delete set null,
      dedupe_key text not null,
      contact_id text references contacts(id) on delete cascade,
      conversation_id text references conversations(id) on delete set null,
      agent_id text references agents(id) on delete set null,
      team_id text references teams(id) on delete set null,
      channel text,
      via text check (via in ('widget', 'link')),
      locale text not null default 'vi' check (locale in ('vi', 'en')),
      status text not null check (status in ('sending', 'sent', 'failed', 'skipped', 'answered')),
      skip_reason text,
      message_id text references messages(id) on delete set null,
      expires_at timestamptz(3),
      answered_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      unique (workspace_id, dedupe_key)
    )`.execute(db);
  await sql`create index survey_sends_period on survey_sends (workspace_id, created_at)`.execute(db);
  await sql`create index survey_sends_contact on survey_sends (workspace_id, contact_id, kind, created_at)`.execute(db);
  await sql`create index survey_sends_conversation on survey_sends (workspace_id, conversation_id)`.execute(db);

  await sql`
    create table survey_responses (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      send_id text not null references survey_sends(id) on delete cascade,
      kind text not null check (kind in ('csat', 'nps', 'ces')),
      score integer not null check (score between 0 and 10),
      answers jsonb not null default '[]',
      comment_folded text not null default '',
      via text not null check (via in ('widget', 'link')),
      reward_voucher_id text references vouchers(id) on delete set null,
      recovery_state text check (recovery_state in ('open', 'skipped')),
      recovery_conversation_id text references conversations(id) on delete set null,
      recovery_at timestamptz(3),
      recovery_comment_noted boolean not null default false,
      processed_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      unique (workspace_id, send_id),
      check (char_length(comment_folded) <= 8000)
    )`.execute(db);
  await sql`create index survey_responses_period on survey_responses (workspace_id, created_at, id)`.execute(db);

  await sql`
    create table survey_opt_outs (
      workspace_id text not null references workspaces(id) on delete cascade,
      conversation_id text not null references conversations(id) on delete cascade,
      agent_id text references agents(id) on delete set null,
      created_at timestamptz(3) not null default now(),
      primary key (workspace_id, conversation_id)
    )`.execute(db);
}
