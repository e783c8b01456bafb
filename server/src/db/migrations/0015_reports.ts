import { sql, type Kysely } from 'kysely';

/**
 * Service reports (issue 8 §3), read from rollups rather than by scanning conversations:
 *
 * - `report_conversation_facts`: one row per conversation with what it measured (first response,
 *   resolution — calendar and business seconds —, SLA outcomes, repeat and reopened flags, its
 *   messages per local hour and replies per agent and day), recomputed by reports/refresh.ts;
 * - `report_responses`: one row per agent response to a waiting customer (first or next), for
 *   exact percentiles of small ranges;
 * - `report_daily`: per local day and (channel, team, agent) — with '*' for "all" so each filter
 *   combination reads one narrow slice — counters, sums, per-hour counts and log-scale histograms
 *   (reports/histogram.ts) kept by adding each recomputed conversation's difference;
 * - `report_state`: per workspace, the message watermark, the rebuild cursor and what the figures
 *   were computed with (time zone, opening hours);
 * - `report_agent_presence`: agents' availability intervals (online time), sampled by the job.
 *
 * Everything but the presence log is derived from conversations and messages: those tables are
 * UNLOGGED (no WAL for a rebuild of a million rows), left out of backups, and rebuilt when
 * `report_state` is empty — after a crash PostgreSQL empties them all together.
 * Histograms and per-hour counts are sparse JSON objects (`{"37": 4}`: bucket or hour → count);
 * `report_jadd` adds two of them key by key, dropping keys that come to zero.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function report_jadd(a jsonb, b jsonb) returns jsonb language sql immutable as $$
      select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (
        select k, sum(v::int) as n from (select * from jsonb_each_text(a) union all select * from jsonb_each_text(b)) as e(k, v) group by k
      ) as s where n <> 0
    $$`.execute(db);

  await sql`
    create unlogged table report_state (
      workspace_id text primary key references workspaces(id) on delete cascade,
      time_zone text not null,
      calendar_sig text not null,
      message_mark text not null default '',
      rebuild_after text,
      rebuilt_at timestamptz(3),
      reconciled_at timestamptz(3),
      refreshed_at timestamptz(3) not null default now()
    )`.execute(db);

  await sql`
    create unlogged table report_conversation_facts (
      workspace_id text not null references workspaces(id) on delete cascade,
      conversation_id text not null,
      number integer not null,
      contact_id text not null,
      inbox_id text not null,
      channel text not null,
      team_id text not null default '',
      assignee_id text not null default '',
      status text not null,
      priority text not null,
      intent text,
      created_at timestamptz(3) not null,
      created_day integer not null,
      created_hour smallint not null,
      first_message_at timestamptz(3),
      first_response_at timestamptz(3),
      first_response_s integer,
      first_response_bs integer,
      first_responder text,
      next_response_count integer not null default 0,
      next_response_median_s integer,
      resolved_at timestamptz(3),
      resolved_day integer,
      resolution_s integer,
      resolution_bs integer,
      sla_first text check (sla_first in ('met', 'missed')),
      sla_first_day integer,
      sla_resolution text check (sla_resolution in ('met', 'missed')),
      sla_resolution_day integer,
      reopened boolean not null default false,
      repeat_of text,
      repeat_of_number integer,
      repeat_gap_s integer,
      incoming_count integer not null default 0,
      reply_count integer not null default 0,
      activity jsonb not null default '{}',
      version integer not null,
      computed_at timestamptz(3) not null default now(),
      primary key (workspace_id, conversation_id)
    )`.execute(db);
  await sql`create index report_facts_created on report_conversation_facts (workspace_id, created_day, created_at, conversation_id)`.execute(db);
  await sql`create index report_facts_contact on report_conversation_facts (workspace_id, contact_id, created_at)`.execute(db);
  await sql`create index report_facts_resolved on report_conversation_facts (workspace_id, resolved_day) where resolved_day is not null`.execute(db);
  await sql`create index report_facts_repeats on report_conversation_facts (workspace_id, created_day) where repeat_of is not null`.execute(db);

  await sql`
    create unlogged table report_responses (
      workspace_id text not null references workspaces(id) on delete cascade,
      conversation_id text not null,
      seq integer not null,
      kind text not null check (kind in ('first', 'next')),
      day integer not null,
      agent_id text not null,
      channel text not null,
      team_id text not null,
      seconds integer not null,
      business_seconds integer not null,
      primary key (workspace_id, conversation_id, seq)
    )`.execute(db);
  await sql`create index report_responses_day on report_responses (workspace_id, kind, day)`.execute(db);

  await sql`
    create unlogged table report_daily (
      workspace_id text not null references workspaces(id) on delete cascade,
      channel text not null,
      team_id text not null,
      agent_id text not null,
      day integer not null,
      conversations integer not null default 0,
      incoming integer not null default 0,
      replies integer not null default 0,
      handled integer not null default 0,
      first_n integer not null default 0,
      first_sum bigint not null default 0,
      first_bsum bigint not null default 0,
      next_n integer not null default 0,
      next_sum bigint not null default 0,
      next_bsum bigint not null default 0,
      res_n integer not null default 0,
      res_sum bigint not null default 0,
      res_bsum bigint not null default 0,
      sla_first_met integer not null default 0,
      sla_first_missed integer not null default 0,
      sla_res_met integer not null default 0,
      sla_res_missed integer not null default 0,
      repeats integer not null default 0,
      reopened integer not null default 0,
      conv_hours jsonb not null default '{}',
      msg_hours jsonb not null default '{}',
      h_first jsonb not null default '{}',
      h_first_b jsonb not null default '{}',
      h_next jsonb not null default '{}',
      h_next_b jsonb not null default '{}',
      h_res jsonb not null default '{}',
      h_res_b jsonb not null default '{}',
      primary key (workspace_id, channel, team_id, agent_id, day)
    )`.execute(db);
  await sql`create index report_daily_agent on report_daily (workspace_id, agent_id, day)`.execute(db);

  await sql`
    create table report_agent_presence (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      agent_id text not null references agents(id) on delete cascade,
      availability text not null check (availability in ('online', 'busy', 'offline')),
      started_at timestamptz(3) not null,
      ended_at timestamptz(3)
    )`.execute(db);
  await sql`create index report_presence_agent on report_agent_presence (workspace_id, agent_id, started_at)`.execute(db);
  await sql`create unique index report_presence_open on report_agent_presence (workspace_id, agent_id) where ended_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_agent_presence', 'report_daily', 'report_responses', 'report_conversation_facts', 'report_state']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists report_jadd(jsonb, jsonb)`.execute(db);
}
