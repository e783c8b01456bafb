import { sql, type Kysely } from 'kysely';

/**
 * Follow-ups (retention that acts): rules that message customers through their own channel —
 * a check after delivery, a repurchase reminder at the expected next order date, win-back for
 * at-risk segments — with every send recorded once per rule, customer and reason (`dedupe_key`), and the
 * customers who said no more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table followup_rules (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  kind text not null check (kind in ('post_purchase','repurchase','winback')),
  name text not null,
  enabled boolean not null default true,
  settings jsonb not null default '{}',
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index followup_rules_workspace_idx on followup_rules (workspace_id);

create table followup_sends (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  rule_id text not null references followup_rules(id) on delete cascade,
  dedupe_key text not null,
  contact_id text not null references contacts(id) on delete cascade,
  conversation_id text references conversations(id) on delete set null,
  message_id text,
  order_id text,
  status text not null check (status in ('sent','failed','no_channel','opted_out')),
  reason text,
  sent_at timestamptz(3) not null default now(),
  replied_at timestamptz(3),
  unique (rule_id, contact_id, dedupe_key)
);
create index followup_sends_contact_idx on followup_sends (workspace_id, contact_id, sent_at desc);
create index followup_sends_conversation_idx on followup_sends (conversation_id, sent_at desc) where conversation_id is not null;

create table followup_opt_outs (
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  via text not null,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, contact_id)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table followup_opt_outs; drop table followup_sends; drop table followup_rules;`.execute(db);
}
