import { sql, type Kysely } from 'kysely';

/**
 * The core schema: tenants, agents and access, contacts, inboxes, conversations, messages.
 * Every tenant table carries workspace_id and leads its indexes with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table instance_settings (
  key text primary key,
  value text not null
);

create table workspaces (
  id text primary key,
  name text not null,
  locale text not null default 'vi',
  timezone text not null default 'Asia/Ho_Chi_Minh',
  settings jsonb not null default '{}',
  conversation_seq integer not null default 1000,
  created_at timestamptz(3) not null default now()
);

create table agents (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  email text not null,
  name text not null,
  password_hash text,
  role text not null check (role in ('owner','admin','supervisor','agent')),
  availability text not null default 'online' check (availability in ('online','busy','offline')),
  avatar_url text,
  disabled_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create unique index agents_email_key on agents (lower(email));
create index agents_workspace_idx on agents (workspace_id);

create table teams (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  name text not null,
  created_at timestamptz(3) not null default now()
);
create unique index teams_name_key on teams (workspace_id, lower(name));

create table team_members (
  workspace_id text not null references workspaces(id) on delete cascade,
  team_id text not null references teams(id) on delete cascade,
  agent_id text not null references agents(id) on delete cascade,
  primary key (team_id, agent_id)
);
create index team_members_agent_idx on team_members (workspace_id, agent_id);

create table sessions (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  agent_id text not null references agents(id) on delete cascade,
  token_hash text not null unique,
  csrf_token text not null,
  ip text,
  user_agent text,
  expires_at timestamptz(3) not null,
  created_at timestamptz(3) not null default now(),
  last_seen_at timestamptz(3) not null default now()
);
create index sessions_agent_idx on sessions (workspace_id, agent_id);

/* Login throttling is keyed before a workspace is known (by email and by IP). */
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz(3) not null default now(),
  locked_until timestamptz(3)
);

create table invitations (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  email text not null,
  role text not null,
  team_ids text[] not null default '{}',
  token_hash text not null unique,
  invited_by text references agents(id) on delete set null,
  expires_at timestamptz(3) not null,
  accepted_at timestamptz(3),
  revoked_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index invitations_workspace_idx on invitations (workspace_id, created_at desc);

create table api_tokens (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scopes text[] not null,
  created_by text references agents(id) on delete set null,
  last_used_at timestamptz(3),
  revoked_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index api_tokens_workspace_idx on api_tokens (workspace_id);

create table audit_log (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  actor_type text not null,
  actor_id text,
  actor_name text,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}',
  ip text,
  created_at timestamptz(3) not null default now()
);
create index audit_log_workspace_idx on audit_log (workspace_id, created_at desc, id desc);

create table inboxes (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  name text not null,
  channel text not null,
  widget_token text not null unique,
  identity_secret text not null,
  settings jsonb not null default '{}',
  created_at timestamptz(3) not null default now()
);
create index inboxes_workspace_idx on inboxes (workspace_id);

create table contacts (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  name text,
  email text,
  phone text,
  phone_raw text,
  avatar_url text,
  locale text,
  tags text[] not null default '{}',
  attributes jsonb not null default '{}',
  blocked boolean not null default false,
  blocked_reason text,
  merged_into_id text,
  search_folded text not null default '',
  last_activity_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index contacts_workspace_idx on contacts (workspace_id, created_at desc, id desc) where merged_into_id is null;
create index contacts_email_idx on contacts (workspace_id, email) where email is not null;
create index contacts_phone_idx on contacts (workspace_id, phone) where phone is not null;

create table contact_identities (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  inbox_id text not null references inboxes(id) on delete cascade,
  external_id text not null,
  created_at timestamptz(3) not null default now()
);
create unique index contact_identities_key on contact_identities (workspace_id, inbox_id, external_id);
create index contact_identities_contact_idx on contact_identities (workspace_id, contact_id);

create table contact_merges (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  survivor_id text not null references contacts(id) on delete cascade,
  merged_id text not null references contacts(id) on delete cascade,
  snapshot jsonb not null,
  merged_by text,
  undone_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index contact_merges_idx on contact_merges (workspace_id, survivor_id);

/* Visitor sessions of the web-chat widget: the token lives in the visitor's localStorage. */
create table visitor_sessions (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  inbox_id text not null references inboxes(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  token_hash text not null unique,
  verified_identifier text,
  created_at timestamptz(3) not null default now(),
  last_seen_at timestamptz(3) not null default now()
);
create index visitor_sessions_contact_idx on visitor_sessions (workspace_id, contact_id);

create table conversations (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  number integer not null,
  inbox_id text not null references inboxes(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  status text not null default 'open' check (status in ('open','pending','snoozed','resolved')),
  snoozed_until timestamptz(3),
  priority text not null default 'normal' check (priority in ('urgent','high','normal','low')),
  assignee_id text references agents(id) on delete set null,
  team_id text references teams(id) on delete set null,
  labels text[] not null default '{}',
  first_response_at timestamptz(3),
  waiting_since timestamptz(3),
  last_activity_at timestamptz(3) not null default now(),
  last_message_body text,
  last_message_kind text,
  last_message_at timestamptz(3),
  contact_last_seen_at timestamptz(3),
  search_folded text not null default '',
  version integer not null default 0,
  created_at timestamptz(3) not null default now()
);
create unique index conversations_number_key on conversations (workspace_id, number);
create index conversations_list_idx on conversations (workspace_id, status, last_activity_at desc, id desc);
create index conversations_assignee_idx on conversations (workspace_id, assignee_id, status, last_activity_at desc, id desc);
create index conversations_waiting_idx on conversations (workspace_id, status, waiting_since, id) where waiting_since is not null;
create index conversations_contact_idx on conversations (workspace_id, contact_id, last_activity_at desc);

create table messages (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  conversation_id text not null references conversations(id) on delete cascade,
  inbox_id text not null,
  kind text not null check (kind in ('incoming','outgoing','note','activity')),
  sender_type text not null check (sender_type in ('contact','agent','system')),
  sender_id text,
  body text not null default '',
  html text,
  body_folded text not null default '',
  mentions text[] not null default '{}',
  delivery_status text not null default 'sent',
  external_id text,
  client_id text,
  created_at timestamptz(3) not null default now()
);
create index messages_conversation_idx on messages (workspace_id, conversation_id, created_at, id);
create unique index messages_external_key on messages (workspace_id, inbox_id, external_id) where external_id is not null;
create unique index messages_client_key on messages (workspace_id, conversation_id, client_id) where client_id is not null;

create table attachments (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  message_id text references messages(id) on delete cascade,
  uploaded_by_type text not null,
  uploaded_by_id text,
  storage_key text not null,
  filename text not null,
  content_type text not null,
  byte_size integer not null,
  created_at timestamptz(3) not null default now()
);
create index attachments_message_idx on attachments (workspace_id, message_id);

create table conversation_reads (
  workspace_id text not null references workspaces(id) on delete cascade,
  conversation_id text not null references conversations(id) on delete cascade,
  agent_id text not null references agents(id) on delete cascade,
  last_read_at timestamptz(3) not null,
  primary key (conversation_id, agent_id)
);

create table notifications (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  agent_id text not null references agents(id) on delete cascade,
  kind text not null,
  conversation_id text references conversations(id) on delete cascade,
  message_id text references messages(id) on delete cascade,
  actor_name text,
  excerpt text not null default '',
  read_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index notifications_agent_idx on notifications (workspace_id, agent_id, created_at desc);

create table canned_responses (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  short_code text not null,
  title text not null,
  body text not null,
  created_by text references agents(id) on delete set null,
  created_at timestamptz(3) not null default now()
);
create unique index canned_short_code_key on canned_responses (workspace_id, lower(short_code));
`.execute(db);
}
