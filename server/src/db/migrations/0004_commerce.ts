import { sql, type Kysely } from 'kysely';

/**
 * Commerce (shop connections, webhook events, orders, CSV imports), compensation (ledger,
 * approvals, vouchers) and loyalty (accounts, points ledger). Money is integer minor units
 * (đồng for VND) in bigint; ledgers are append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table shop_connections (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  platform text not null check (platform in ('shopify','woocommerce','haravan','sapo')),
  name text not null,
  shop_domain text,
  base_url text,
  webhook_secret text not null,
  access_token text,
  api_key text,
  api_secret text,
  backfill jsonb not null default '{}',
  last_webhook_at timestamptz(3),
  disabled_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index shop_connections_workspace_idx on shop_connections (workspace_id);

create table shop_webhook_events (
  workspace_id text not null references workspaces(id) on delete cascade,
  connection_id text not null references shop_connections(id) on delete cascade,
  dedupe_key text not null,
  topic text not null,
  received_at timestamptz(3) not null default now(),
  processed_at timestamptz(3),
  error text,
  primary key (connection_id, dedupe_key)
);

create table orders (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  source text not null,
  connection_id text references shop_connections(id) on delete set null,
  external_id text not null,
  order_number text not null,
  contact_id text references contacts(id) on delete set null,
  email text,
  phone text,
  phone_raw text,
  customer_name text,
  currency text not null default 'VND',
  total bigint not null,
  subtotal bigint,
  discount bigint,
  shipping bigint,
  refunded bigint,
  payment_state text not null,
  fulfilment_state text not null,
  cancelled boolean not null default false,
  counts_as_purchase boolean not null,
  raw_financial_status text,
  raw_fulfillment_status text,
  placed_at timestamptz(3) not null,
  cancelled_at timestamptz(3),
  source_updated_at timestamptz(3) not null,
  tracking_number text,
  carrier text,
  tracking_url text,
  shipping_address jsonb,
  lines jsonb not null default '[]',
  note text,
  tags text[] not null default '{}',
  low_confidence boolean not null default false,
  deleted_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
-- Order ids are per shop (WooCommerce counts from 1 on every site): two connected shops keep theirs apart.
create unique index orders_source_key on orders (workspace_id, source, (coalesce(connection_id, '')), external_id);
-- Led by contact_id rather than workspace_id: contact ids are unique across workspaces, and deleting
-- or merging a contact looks rows up by contact_id alone (foreign key actions).
create index orders_contact_idx on orders (contact_id, placed_at desc) where contact_id is not null;
create index orders_number_idx on orders (workspace_id, lower(order_number));

create table order_imports (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  preset text not null,
  file_name text,
  dry_run boolean not null,
  status text not null default 'running' check (status in ('running','done','failed')),
  rows integer not null default 0,
  bytes bigint not null default 0,
  total_bytes bigint,
  accepted integer not null default 0,
  rejected integer not null default 0,
  rejections jsonb not null default '[]',
  warnings jsonb not null default '[]',
  error text,
  created_by text,
  created_at timestamptz(3) not null default now(),
  finished_at timestamptz(3)
);
create index order_imports_workspace_idx on order_imports (workspace_id, created_at desc);

create table compensation_approvals (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  kind text not null,
  cost bigint not null,
  details jsonb not null default '{}',
  conversation_id text references conversations(id) on delete set null,
  contact_id text references contacts(id) on delete set null,
  order_id text references orders(id) on delete set null,
  requested_by text not null references agents(id),
  reason text,
  status text not null default 'pending' check (status in ('pending','approved','denied','cancelled')),
  decided_by text references agents(id),
  decision_reason text,
  decided_at timestamptz(3),
  idempotency_key text,
  created_at timestamptz(3) not null default now()
);
create unique index compensation_approvals_idempotency_key on compensation_approvals (workspace_id, idempotency_key) where idempotency_key is not null;
create index compensation_approvals_pending_idx on compensation_approvals (workspace_id, created_at desc) where status = 'pending';
create index compensation_approvals_conversation_idx on compensation_approvals (workspace_id, conversation_id);

create table compensation_ledger (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  kind text not null check (kind in ('apology','voucher','free_shipping','points','replacement','refund')),
  cost bigint not null check (cost >= 0),
  details jsonb not null default '{}',
  conversation_id text references conversations(id) on delete set null,
  contact_id text references contacts(id) on delete set null,
  order_id text references orders(id) on delete set null,
  agent_id text references agents(id),
  approval_id text references compensation_approvals(id),
  approved_by text references agents(id),
  idempotency_key text,
  created_at timestamptz(3) not null default now()
);
create unique index compensation_ledger_idempotency_key on compensation_ledger (workspace_id, idempotency_key) where idempotency_key is not null;
create index compensation_ledger_month_idx on compensation_ledger (workspace_id, created_at);
create index compensation_ledger_conversation_idx on compensation_ledger (workspace_id, conversation_id);
create index compensation_ledger_contact_idx on compensation_ledger (contact_id);
create index compensation_approvals_contact_idx on compensation_approvals (contact_id);

create table vouchers (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  code text not null,
  kind text not null check (kind in ('percent','fixed','free_shipping')),
  value bigint not null,
  min_order bigint not null default 0,
  expires_at timestamptz(3),
  contact_id text references contacts(id) on delete set null,
  ledger_id text references compensation_ledger(id),
  redeemed_at timestamptz(3),
  redeemed_order_ref text,
  push_status text not null default 'none' check (push_status in ('none','pushed','failed','exported')),
  push_error text,
  created_at timestamptz(3) not null default now()
);
create unique index vouchers_code_key on vouchers (workspace_id, upper(code));
create index vouchers_contact_idx on vouchers (contact_id);

create table loyalty_accounts (
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, contact_id)
);
create index loyalty_accounts_contact_idx on loyalty_accounts (contact_id);

create table loyalty_ledger (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null references contacts(id) on delete cascade,
  kind text not null check (kind in ('earn','redeem','expire','adjust','compensation','reverse')),
  points bigint not null,
  order_id text references orders(id) on delete set null,
  source_key text,
  reason text,
  agent_id text references agents(id),
  expires_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create index loyalty_ledger_contact_idx on loyalty_ledger (contact_id, created_at);
-- The hourly expiry job starts from earned points that are due.
create index loyalty_ledger_expiry_idx on loyalty_ledger (workspace_id, expires_at) where kind = 'earn';
create unique index loyalty_ledger_source_key on loyalty_ledger (workspace_id, source_key) where source_key is not null;
`.execute(db);
}
