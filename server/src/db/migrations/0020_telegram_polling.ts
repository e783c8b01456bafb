import { sql, type Kysely } from 'kysely';

/**
 * Telegram bots set to `delivery: polling` (no public HTTPS) are read with getUpdates by one node at a
 * time (inboxes/telegram/polling.ts). Per bot: the next offset to ask for (the last update_id stored + 1),
 * which node polls it and until when that claim holds (another node takes over once it lapses), and the
 * last error for the settings page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table telegram_polls (
  inbox_id text primary key references inboxes(id) on delete cascade,
  workspace_id text not null references workspaces(id) on delete cascade,
  next_offset bigint not null default 0,
  holder text,
  lease_until timestamptz(3),
  polled_at timestamptz(3),
  last_error text
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table telegram_polls`.execute(db);
}
