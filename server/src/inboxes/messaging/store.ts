import { sql } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { Row } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';

export type ChannelEventRow = Row<'channel_events'>;

/** An inbox by its id alone: the webhook URL names it, and the vendor's signature proves the caller. */
export const findInboxForWebhook = (db: Database, inboxId: string) =>
  db.selectFrom('inboxes').selectAll().where('id', '=', inboxId).executeTakeFirst();

/** Store a webhook's events; a redelivered one (same dedupe key) is dropped. Returns how many were new. */
export async function insertEvents(db: Database, inbox: { id: string; workspace_id: string; channel: string }, events: { dedupeKey: string; orderingKey: string; payload: unknown }[], headers: Record<string, string>): Promise<number> {
  if (events.length === 0) return 0;
  const headersJson = JSON.stringify(headers);
  const result = await db.insertInto('channel_events').values(events.map((e) => ({
    id: newId('channelEvent'), workspace_id: inbox.workspace_id, inbox_id: inbox.id, channel: inbox.channel,
    dedupe_key: e.dedupeKey.slice(0, 500), ordering_key: e.orderingKey.slice(0, 200), payload: JSON.stringify(e.payload), headers: headersJson,
  }))).onConflict((oc) => oc.columns(['inbox_id', 'dedupe_key']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Claim due events, oldest first, at most one per customer at a time: an event waits while an
 * older one of the same ordering key is pending or being processed (on any node). A claim lasts
 * `leaseSeconds`; a node that dies mid-event leaves it to be claimed again after that. The column
 * keeps milliseconds, so `now()` stored there may round up past the `now()` of a claim a moment
 * later: the millisecond of slack keeps an event stored just now claimable at once.
 */
export async function claimEvents(db: Database, limit: number, leaseSeconds: number): Promise<ChannelEventRow[]> {
  const { rows } = await sql<ChannelEventRow>`
    update channel_events set state = 'processing', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
    where id in (
      select e.id from channel_events e
      where e.state in ('pending', 'processing') and e.next_attempt_at <= now() + interval '1 millisecond'
        and (e.state = 'pending' or e.locked_until < now())
        and not exists (
          select 1 from channel_events p
          where p.inbox_id = e.inbox_id and p.ordering_key = e.ordering_key and p.state in ('pending', 'processing') and p.id < e.id
        )
      order by e.next_attempt_at, e.id
      limit ${limit}
      for update skip locked
    )
    returning *`.execute(db);
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export const markDone = (db: Database, id: string) =>
  db.updateTable('channel_events').set({ state: 'done', processed_at: new Date(), locked_until: null, last_error: null }).where('id', '=', id).execute();

/** A failed attempt: try again after `retryInSeconds`, or give up (`dead`, the settings' dead-letter list). */
export const markFailed = (db: Database, id: string, error: string, retryInSeconds: number | null) =>
  db.updateTable('channel_events').set({
    state: retryInSeconds === null ? 'dead' : 'pending', last_error: error.slice(0, 2000), locked_until: null,
    next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryInSeconds ?? 0})`,
  }).where('id', '=', id).execute();

/** Not a failure: processing asked to look again later (an echo that beat its send's answer). */
export const postpone = (db: Database, id: string, seconds: number) =>
  db.updateTable('channel_events').set({ state: 'pending', locked_until: null, attempts: sql<number>`attempts - 1`, next_attempt_at: sql<Date>`now() + make_interval(secs => ${seconds})` })
    .where('id', '=', id).execute();

export const listEvents = (db: Database, workspaceId: string, query: { state?: ChannelEventRow['state']; inboxId?: string; before?: { receivedAt: Date; id: string }; limit: number }) => {
  let q = db.selectFrom('channel_events').selectAll().where('workspace_id', '=', workspaceId);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.inboxId) q = q.where('inbox_id', '=', query.inboxId);
  if (query.before) {
    const { receivedAt, id } = query.before;
    q = q.where((eb) => eb.or([eb('received_at', '<', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
};

export const getEvent = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('channel_events').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const requeueEvent = (db: Database, workspaceId: string, id: string) =>
  db.updateTable('channel_events').set({ state: 'pending', attempts: 0, next_attempt_at: new Date(), locked_until: null })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).where('state', '=', 'dead').returningAll().executeTakeFirst();

export const countEventsByState = (db: Database, workspaceId: string) =>
  db.selectFrom('channel_events').select(['state', (eb) => eb.fn.countAll<string>().as('count')]).where('workspace_id', '=', workspaceId).groupBy('state').execute();

/** Processed events older than the horizon go: the vendor's id on the stored message keeps deduplicating. */
export const deleteProcessedBefore = (db: Database, before: Date) =>
  db.deleteFrom('channel_events').where('state', '=', 'done').where('received_at', '<', before).executeTakeFirst();

export const findThread = (db: Database, workspaceId: string, inboxId: string, threadKey: string) =>
  db.selectFrom('channel_threads').select('conversation_id').where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).where('thread_key', '=', threadKey).executeTakeFirst();

export const insertThread = (db: Database, workspaceId: string, inboxId: string, threadKey: string, conversationId: string) =>
  db.insertInto('channel_threads').values({ workspace_id: workspaceId, inbox_id: inboxId, thread_key: threadKey, conversation_id: conversationId })
    .onConflict((oc) => oc.columns(['inbox_id', 'thread_key']).doNothing()).execute();

/** A Zalo inbox whose domain verification code this is (any workspace: the file is served at the site root). */
export const findZaloInboxByVerification = (db: Database, code: string) =>
  db.selectFrom('inboxes').select('id').where('channel', '=', 'zalo').where(sql`settings->>'siteVerification'`, '=', code).executeTakeFirst();
