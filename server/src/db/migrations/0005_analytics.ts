import { sql, type Kysely } from 'kysely';

/**
 * Retention analytics. Everything here is derived from orders and rebuilt by the refresh job
 * (nightly, after an import, on demand), so the tables carry no foreign keys to contacts: a
 * refresh replaces a workspace's rows wholesale.
 *  - analytics_occasions: purchase occasions (customer × calendar day in the shop's zone) of valid
 *    purchases in the analytics currency, with what the dashboard would otherwise compute per view:
 *    the occasion number, the previous occasion's day, the customer's first day, and whether it is the
 *    customer's first or last occasion of its month, quarter and year.
 *  - analytics_customers: one row per customer with ≥ 1 occasion: history, RFM, segment, forecast.
 *  - analytics_models: fitted models and their holdout validation, newest first.
 *  - analytics_snapshots: computed dashboards per filter, cleared by each refresh.
 *  - analytics_runs: refresh runs with their progress.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
-- Unlogged: derived data, rebuilt by every refresh, so writing it skips the WAL (after a crash PostgreSQL
-- empties it, and the next refresh fills it again; standbys do not have it).
create unlogged table analytics_occasions (
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null,
  day date not null,
  seq int not null,
  prev_day date,
  first_day date not null,
  value bigint not null,
  orders int not null,
  sources text[] not null,
  first_in_month boolean not null,
  first_in_quarter boolean not null,
  first_in_year boolean not null,
  last_in_month boolean not null,
  last_in_quarter boolean not null,
  last_in_year boolean not null,
  primary key (workspace_id, contact_id, day)
);

-- Unlogged as well: rebuilt whole by each refresh; after a crash the worker refreshes a workspace whose rows are gone.
create unlogged table analytics_customers (
  workspace_id text not null references workspaces(id) on delete cascade,
  contact_id text not null,
  first_day date not null,
  last_day date not null,
  occasions int not null,
  orders int not null,
  revenue bigint not null,
  first_value bigint not null,
  repeat_value bigint not null,
  r_score smallint,
  f_score smallint,
  m_score smallint,
  segment text,
  vip boolean not null default false,
  p_alive double precision,
  churn_risk double precision,
  risk_band text,
  expected_purchases double precision,
  expected_spend double precision,
  predicted_clv double precision,
  next_order_on date,
  refreshed_at timestamptz(3) not null default now(),
  primary key (workspace_id, contact_id)
);
create index analytics_customers_segment_idx on analytics_customers (workspace_id, segment, revenue desc);
create index analytics_customers_risk_idx on analytics_customers (workspace_id, churn_risk desc) where churn_risk is not null;

create table analytics_models (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  model text not null,
  unit text not null,
  params jsonb not null,
  log_likelihood double precision,
  status text not null,
  spend jsonb,
  validation jsonb,
  customers int not null,
  data_from date,
  data_to date,
  calibration_end date,
  currency text not null,
  created_at timestamptz(3) not null default now()
);
create index analytics_models_workspace_idx on analytics_models (workspace_id, created_at desc);

-- Computed dashboards, valid until the next refresh (occasions change only then).
create table analytics_snapshots (
  workspace_id text not null references workspaces(id) on delete cascade,
  key text not null,
  payload jsonb not null,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, key)
);

create table analytics_runs (
  id text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  trigger text not null,
  status text not null default 'running',
  step text not null default 'occasions',
  progress double precision not null default 0,
  error text,
  note text,
  started_at timestamptz(3) not null default now(),
  finished_at timestamptz(3)
);
create index analytics_runs_workspace_idx on analytics_runs (workspace_id, started_at desc);
-- One refresh at a time per workspace, across nodes.
create unique index analytics_runs_running_key on analytics_runs (workspace_id) where status = 'running';
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analytics_runs; drop table analytics_snapshots; drop table analytics_models; drop table analytics_customers; drop table analytics_occasions;`.execute(db);
}
