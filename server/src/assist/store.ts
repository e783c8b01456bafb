import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { NewRow } from '../platform/db/schema.ts';

export const getSettings = (db: Database, workspaceId: string) =>
  db.selectFrom('assist_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();

export const saveSettings = (db: Database, row: NewRow<'assist_settings'>) =>
  db.insertInto('assist_settings').values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({
      enabled: row.enabled, base_url: row.base_url, model: row.model, api_key: row.api_key ?? null, drafts: row.drafts, summaries: row.summaries, updated_at: sql`now()`,
    }))
    .returningAll().executeTakeFirstOrThrow();
