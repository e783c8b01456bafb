import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/**
 * The operator's queries. Unlike feature stores these span workspaces on purpose: whoever runs
 * the command line owns the whole server, and that is the point of `admin` commands.
 */
export const listWorkspacesWithOwners = (db: Database) =>
  db.selectFrom('workspaces as w').leftJoin('agents as a', 'a.workspace_id', 'w.id')
    .select(['w.id', 'w.name', 'w.created_at'])
    .select((eb) => [
      eb.fn.count<number>('a.id').as('agents'),
      sql<string[] | null>`array_agg(a.email order by a.email) filter (where a.role = 'owner')`.as('owners'),
    ])
    .groupBy(['w.id', 'w.name', 'w.created_at'])
    .orderBy('w.created_at').orderBy('w.id')
    .execute();

/** By id, or by name ignoring case: people type what they see in the console. */
export const findWorkspacesByIdOrName = (db: Database, idOrName: string) =>
  db.selectFrom('workspaces').select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb(sql`lower(name)`, '=', idOrName.normalize('NFC').toLowerCase())]))
    .execute();

export const findAgentWithWorkspace = (db: Database, email: string) =>
  db.selectFrom('agents').innerJoin('workspaces', 'workspaces.id', 'agents.workspace_id')
    .select(['agents.id', 'agents.workspace_id', 'agents.email', 'agents.name', 'agents.disabled_at', 'workspaces.name as workspace_name'])
    .where(sql`lower(agents.email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();

