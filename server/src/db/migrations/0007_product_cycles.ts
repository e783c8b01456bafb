import { sql, type Kysely } from 'kysely';

/**
 * Product repurchase cycles (coffee, milk powder, cosmetics, pet food): rebuilt by the analytics refresh
 * from order lines, like the other analytics tables, so both are unlogged and carry no foreign keys to
 * contacts or orders (decision 0007: derived, not backed up, refilled by the next refresh after a crash).
 *  - analytics_product_cycles: products bought again on a regular cycle, with the median gap and its quartiles;
 *  - analytics_product_buyers: for those products only, each customer's last purchase of it (the day and the
 *    order), which is what a product-basis repurchase reminder is timed on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create unlogged table analytics_product_cycles (
  workspace_id text not null references workspaces(id) on delete cascade,
  product_key text not null,
  title text not null,
  sku text,
  cycle_days int not null,
  p25_days int not null,
  p75_days int not null,
  gaps int not null,
  customers int not null,
  refreshed_at timestamptz(3) not null default now(),
  primary key (workspace_id, product_key)
);

create unlogged table analytics_product_buyers (
  workspace_id text not null references workspaces(id) on delete cascade,
  product_key text not null,
  contact_id text not null,
  last_day date not null,
  order_id text not null,
  primary key (workspace_id, product_key, contact_id)
);
-- The due list: per product, the customers whose last purchase falls in a window of days.
create index analytics_product_buyers_due_idx on analytics_product_buyers (workspace_id, product_key, last_day);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analytics_product_buyers; drop table analytics_product_cycles;`.execute(db);
}
