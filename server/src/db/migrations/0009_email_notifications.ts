import { sql, type Kysely } from 'kysely';

/** Which notifications an agent also wants by email (assigned to them, mentioned in a note). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agents add column email_notifications jsonb not null default '{"assigned": true, "mentioned": true}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agents drop column email_notifications`.execute(db);
}
