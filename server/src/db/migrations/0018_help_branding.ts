import { sql, type Kysely } from 'kysely';

/**
 * The help center's branding (issue 8 §2: "the shop's logo and colours"), kept on `help_centers`:
 * a logo chosen from the workspace's uploaded help images, a colour (null: the web chat's, as
 * before), and a site title per language (null: the shop's name).
 *
 * The logo's foreign key only says the image exists; that it belongs to the same workspace is
 * checked by the service (helpcenter/site.ts) before writing. Backups carry `help_images` before
 * `help_centers` (backup/store.ts), so a restore inserts the image first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table help_centers
      add column logo_image_id text references help_images(id) on delete set null,
      add column color text check (color ~ '^#[0-9a-f]{6}$'),
      add column title_vi text check (char_length(title_vi) between 1 and 80),
      add column title_en text check (char_length(title_en) between 1 and 80)`.execute(db);
}
