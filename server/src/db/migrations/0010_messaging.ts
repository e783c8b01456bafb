import { sql, type Kysely } from 'kysely';

/**
 * Messaging channels (Messenger, Instagram, Zalo, Telegram, Viber, phone, forms):
 * - inboxes keep their vendor secrets sealed (platform/secrets.ts) and a health state;
 * - channel_events is the raw-event store and, at the same time, the inbound queue: a webhook is
 *   acknowledged once its events are rows here; processors claim due rows one customer at a time;
 * - channel_threads maps a vendor thread (a Facebook comment thread) to its conversation;
 * - conversations carry the channel's per-conversation state (reply windows, comment thread);
 * - identities carry what the channel says about the customer (following, profile facts);
 * - calls and merge suggestions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inboxes add column secrets text`.execute(db);
  await sql`alter table inboxes add column health jsonb not null default '{}'`.execute(db);
  await sql`alter table conversations add column channel_state jsonb not null default '{}'`.execute(db);
  await sql`alter table contact_identities add column meta jsonb not null default '{}'`.execute(db);
  await sql`
    create table channel_events (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      inbox_id text not null references inboxes(id) on delete cascade,
      channel text not null,
      dedupe_key text not null,
      ordering_key text not null,
      payload jsonb not null,
      headers jsonb not null default '{}',
      state text not null default 'pending' check (state in ('pending', 'processing', 'done', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz(3) not null default now(),
      locked_until timestamptz(3),
      last_error text,
      received_at timestamptz(3) not null default now(),
      processed_at timestamptz(3),
      unique (inbox_id, dedupe_key)
    )`.execute(db);
  await sql`create index channel_events_due on channel_events (next_attempt_at, id) where state in ('pending', 'processing')`.execute(db);
  await sql`create index channel_events_order on channel_events (inbox_id, ordering_key, id) where state in ('pending', 'processing')`.execute(db);
  await sql`create index channel_events_list on channel_events (workspace_id, state, received_at desc)`.execute(db);
  await sql`
    create table channel_threads (
      workspace_id text not null references workspaces(id) on delete cascade,
      inbox_id text not null references inboxes(id) on delete cascade,
      thread_key text not null,
      conversation_id text not null references conversations(id) on delete cascade,
      created_at timestamptz(3) not null default now(),
      primary key (inbox_id, thread_key)
    )`.execute(db);
  await sql`create index channel_threads_conversation on channel_threads (workspace_id, conversation_id)`.execute(db);
  await sql`
    create table calls (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      inbox_id text not null references inboxes(id) on delete cascade,
      conversation_id text references conversations(id) on delete set null,
      contact_id text references contacts(id) on delete set null,
      external_id text not null,
      direction text not null check (direction in ('inbound', 'outbound')),
      state text not null check (state in ('ringing', 'answered', 'missed', 'ended')),
      from_number text,
      to_number text,
      agent_id text references agents(id) on delete set null,
      started_at timestamptz(3) not null,
      answered_at timestamptz(3),
      ended_at timestamptz(3),
      wait_seconds integer,
      talk_seconds integer,
      recording_url text,
      logged_by text references agents(id) on delete set null,
      note text,
      callback_state text check (callback_state in ('open', 'done')),
      created_at timestamptz(3) not null default now(),
      unique (inbox_id, external_id)
    )`.execute(db);
  await sql`create index calls_contact on calls (workspace_id, contact_id, started_at desc)`.execute(db);
  await sql`create index calls_callbacks on calls (workspace_id, started_at desc) where callback_state = 'open'`.execute(db);
  await sql`
    create table contact_merge_suggestions (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      contact_id text not null references contacts(id) on delete cascade,
      other_contact_id text not null references contacts(id) on delete cascade,
      reason text not null,
      identifier text not null,
      state text not null default 'open' check (state in ('open', 'accepted', 'rejected')),
      decided_by text references agents(id) on delete set null,
      decided_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      unique (workspace_id, contact_id, other_contact_id, identifier)
    )`.execute(db);
  await sql`create index contact_merge_suggestions_open on contact_merge_suggestions (workspace_id, created_at desc) where state = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table contact_merge_suggestions`.execute(db);
  await sql`drop table calls`.execute(db);
  await sql`drop table channel_threads`.execute(db);
  await sql`drop table channel_events`.execute(db);
  await sql`alter table contact_identities drop column meta`.execute(db);
  await sql`alter table conversations drop column channel_state`.execute(db);
  await sql`alter table inboxes drop column health`.execute(db);
  await sql`alter table inboxes drop column secrets`.execute(db);
}
