import { sql, type Kysely } from 'kysely';

/**
 * Help images no article and no site logo uses are deleted by a worker sweep (helpcenter/images.ts)
 * once they were last uploaded long enough ago. `last_uploaded_at` moves when the same picture is
 * uploaded again (the upload answers with the stored image), so a picture just put back into an
 * editor is not swept from under it. Images stored before keep their time of this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table help_images add column last_uploaded_at timestamptz(3) not null default now()`.execute(db);
  await sql`create index help_images_uploaded on help_images (workspace_id, last_uploaded_at)`.execute(db);
}
