import { sql, type Kysely } from 'kysely';

/** The owner's optional assistant endpoint (assist/): one row per workspace, the key sealed like vendor secrets. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table assist_settings (
  workspace_id text primary key references workspaces(id) on delete cascade,
  enabled boolean not null default false,
  base_url text not null,
  model text not null,
  api_key text,
  drafts boolean not null default true,
  summaries boolean not null default true,
  updated_at timestamptz(3) not null default now()
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table assist_settings`.execute(db);
}
