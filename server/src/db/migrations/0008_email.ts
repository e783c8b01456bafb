import { sql, type Kysely } from 'kysely';

/**
 * The email channel: per conversation a reply token (the plus address customers answer to) and the
 * subject the thread goes by; per email message its RFC 5322 identity (Message-ID, In-Reply-To,
 * References, the id a transport may have substituted), its three variants (full, reply, quoted) and
 * its classification; hard-bounced addresses; IMAP positions; and a delivery error on any message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table messages add column delivery_error text;

create table email_threads (
  conversation_id text primary key references conversations(id) on delete cascade,
  workspace_id text not null references workspaces(id) on delete cascade,
  inbox_id text not null references inboxes(id) on delete cascade,
  reply_token text not null unique,
  subject text not null default '',
  created_at timestamptz(3) not null default now()
);
create index email_threads_workspace_idx on email_threads (workspace_id, inbox_id);

create table email_messages (
  message_id text primary key references messages(id) on delete cascade,
  workspace_id text not null references workspaces(id) on delete cascade,
  conversation_id text not null references conversations(id) on delete cascade,
  inbox_id text not null references inboxes(id) on delete cascade,
  direction text not null check (direction in ('in','out')),
  rfc_message_id text,
  transport_message_id text,
  in_reply_to text,
  refs text[] not null default '{}',
  subject text not null default '',
  from_address text,
  from_name text,
  to_addresses jsonb not null default '[]',
  cc_addresses jsonb not null default '[]',
  classification text not null default 'normal' check (classification in ('normal','auto_reply','bulk','bounce')),
  classification_reason text,
  text_full text,
  text_quoted text,
  html_full text,
  html_quoted text,
  blocked_images integer not null default 0,
  raw_storage_key text,
  created_at timestamptz(3) not null default now()
);
-- A mail delivered twice (IMAP re-fetch, a retrying MTA) is stored once per inbox.
create unique index email_messages_inbound_key on email_messages (workspace_id, inbox_id, rfc_message_id) where direction = 'in' and rfc_message_id is not null;
create index email_messages_rfc_idx on email_messages (workspace_id, rfc_message_id) where rfc_message_id is not null;
create index email_messages_transport_idx on email_messages (workspace_id, transport_message_id) where transport_message_id is not null;
create index email_messages_conversation_idx on email_messages (workspace_id, conversation_id, created_at);

create table email_suppressions (
  workspace_id text not null references workspaces(id) on delete cascade,
  address text not null,
  reason text not null,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, address)
);

create table email_imap_state (
  inbox_id text primary key references inboxes(id) on delete cascade,
  workspace_id text not null references workspaces(id) on delete cascade,
  uid_validity bigint,
  last_uid bigint not null default 0,
  last_error text,
  checked_at timestamptz(3)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table email_imap_state; drop table email_suppressions; drop table email_messages; drop table email_threads;
    alter table messages drop column delivery_error;`.execute(db);
}
