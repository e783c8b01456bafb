import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.ts';

/**
 * Claim a bot for polling, or renew this node's claim: taken when nobody holds it, this node holds it,
 * or the holder's claim lapsed (a node that died). Returns the offset to ask for, or null when another
 * node holds the bot.
 */
export async function claimPoll(db: Database, workspaceId: string, inboxId: string, holder: string, leaseSeconds: number): Promise<{ nextOffset: number } | null> {
  const { rows } = await sql<{ next_offset: number }>`
    insert into telegram_polls (inbox_id, workspace_id, holder, lease_until)
    values (${inboxId}, ${workspaceId}, ${holder}, now() + make_interval(secs => ${leaseSeconds}))
    on conflict (inbox_id) do update set holder = excluded.holder, lease_until = excluded.lease_until
      where telegram_polls.workspace_id = ${workspaceId}
        and (telegram_polls.holder = excluded.holder or telegram_polls.holder is null or telegram_polls.lease_until < now())
    returning next_offset`.execute(db);
  return rows[0] ? { nextOffset: Number(rows[0].next_offset) } : null;
}

/** After the updates up to `nextOffset - 1` are stored: the next poll confirms them to Telegram. Never moves back. */
export const advancePoll = (db: Database, workspaceId: string, inboxId: string, holder: string, nextOffset: number) =>
  db.updateTable('telegram_polls').set({ next_offset: sql<number>`greatest(next_offset, ${nextOffset})`, polled_at: new Date(), last_error: null })
    .where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('holder', '=', holder).execute();

export const notePollError = (db: Database, workspaceId: string, inboxId: string, holder: string, error: string) =>
  db.updateTable('telegram_polls').set({ last_error: error.slice(0, 500), polled_at: new Date() })
    .where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('holder', '=', holder).execute();

/** Let go at once (a node stopping, the bot set back to webhooks), so another node need not wait for the lease. */
export const releasePoll = (db: Database, workspaceId: string, inboxId: string, holder: string) =>
  db.updateTable('telegram_polls').set({ holder: null, lease_until: null })
    .where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('holder', '=', holder).execute();
