import { sql, type Kysely } from 'kysely';

/**
 * Help center article images (issue 8 §2). Attachments are served under signed links that expire,
 * which cannot illustrate an article that stays online for years, so article images get their own
 * table and a public address without expiry (`/help/<key>/img/<id>`).
 *
 * The bytes live in storage under a key made from the workspace and the SHA-256 of the bytes, and
 * `(workspace_id, sha256)` is unique: the same picture uploaded twice is stored once, and two
 * identical uploads racing each other write the same file and end with one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table help_images (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      storage_key text not null,
      content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
      byte_size integer not null check (byte_size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      created_by text references agents(id) on delete set null,
      created_at timestamptz(3) not null default now(),
      unique (workspace_id, sha256)
    )`.execute(db);
}
