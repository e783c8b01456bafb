import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/index.ts';

/**
 * "Support meets retention" (spec §2, service-recovery rate): joins care (conversations,
 * compensation) with purchase occasions. These are read-only report queries across features'
 * tables, the one place analytics reads them directly (docs/decisions/0007).
 * Days are calendar days in the shop's zone; a customer is the surviving contact of a merge chain.
 */
export interface ImpactWindow { timezone: string; from: string | null; to: string; days: number; today: string }

const roots = (workspaceId: string) => sql`roots(id, root) as (
  select id, id from contacts where workspace_id = ${workspaceId} and merged_into_id is null
  union all
  select c.id, r.root from contacts c join roots r on c.merged_into_id = r.id where c.workspace_id = ${workspaceId})`;

/** First conversation per customer in the window matching `where`, with its local day. */
const firstEvents = (workspaceId: string, w: ImpactWindow, where: RawBuilder<unknown>) => sql`
  select distinct on (r.root) r.root as contact_id, cv.id as conversation_id, (cv.created_at at time zone ${w.timezone})::date as t0
  from conversations cv join roots r on r.id = cv.contact_id
  where cv.workspace_id = ${workspaceId} and ${where}
    ${w.from ? sql`and cv.created_at >= (${w.from}::date::timestamp at time zone ${w.timezone})` : sql``}
    and cv.created_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timezone})
  order by r.root, cv.created_at`;

export interface RecoverySqlRow { eligible: number; recovered: number }
export interface RecoveryDetailRow { action: string; prior: number; eligible: number; recovered: number }

/** Customers whose first matching conversation is old enough to judge, and who bought within N days after it. */
export async function recoveryAfter(db: Database, workspaceId: string, w: ImpactWindow, where: RawBuilder<unknown>): Promise<RecoveryDetailRow[]> {
  const result = await sql<RecoveryDetailRow>`
    with recursive ${roots(workspaceId)},
    ev as (${firstEvents(workspaceId, w, where)}),
    judged as (
      select ev.*,
        exists (select 1 from analytics_occasions o where o.workspace_id = ${workspaceId} and o.contact_id = ev.contact_id
          and o.day > ev.t0 and o.day <= ev.t0 + ${w.days}::int) as recovered,
        (select count(distinct o.day)::int from analytics_occasions o where o.workspace_id = ${workspaceId} and o.contact_id = ev.contact_id and o.day <= ev.t0) as prior,
        coalesce((select l.kind from compensation_ledger l where l.workspace_id = ${workspaceId} and l.conversation_id = ev.conversation_id
          and l.kind <> 'apology' order by l.cost desc, l.created_at limit 1), 'none') as action
      from ev where ev.t0 + ${w.days}::int <= ${w.today}::date
    )
    select action, least(prior, 2) as prior, count(*)::int as eligible, (count(*) filter (where recovered))::int as recovered
    from judged group by 1, 2`.execute(db);
  return result.rows;
}

/** Customers with no conversation at all: repurchase within N days after their first purchase day in the window. */
export async function recoveryWithoutContact(db: Database, workspaceId: string, w: ImpactWindow): Promise<RecoverySqlRow> {
  const result = await sql<RecoverySqlRow>`
    with recursive ${roots(workspaceId)},
    contacted as (select distinct r.root as contact_id from conversations cv join roots r on r.id = cv.contact_id where cv.workspace_id = ${workspaceId}),
    ev as (
      select o.contact_id, min(o.day) as t0 from analytics_occasions o
      where o.workspace_id = ${workspaceId} ${w.from ? sql`and o.day >= ${w.from}::date` : sql``} and o.day <= ${w.to}::date
        and not exists (select 1 from contacted c where c.contact_id = o.contact_id)
      group by o.contact_id
    )
    select count(*)::int as eligible,
      (count(*) filter (where exists (select 1 from analytics_occasions o where o.workspace_id = ${workspaceId} and o.contact_id = ev.contact_id
        and o.day > ev.t0 and o.day <= ev.t0 + ${w.days}::int)))::int as recovered
    from ev where ev.t0 + ${w.days}::int <= ${w.today}::date`.execute(db);
  return result.rows[0] ?? { eligible: 0, recovered: 0 };
}

export interface RevenueAfterRow { key: string | null; conversations: number; revenue: number }

/** Revenue of the customer's purchase days within N days after each conversation, per assignee or channel. */
export async function revenueAfterConversations(db: Database, workspaceId: string, w: ImpactWindow, by: 'agent' | 'channel'): Promise<RevenueAfterRow[]> {
  const key = by === 'agent' ? sql`cv.assignee_id` : sql`ib.channel`;
  const result = await sql<RevenueAfterRow>`
    with recursive ${roots(workspaceId)},
    convs as (
      select cv.id, ${key} as key, r.root as contact_id, (cv.created_at at time zone ${w.timezone})::date as t0
      from conversations cv join roots r on r.id = cv.contact_id join inboxes ib on ib.id = cv.inbox_id and ib.workspace_id = cv.workspace_id
      where cv.workspace_id = ${workspaceId}
        ${w.from ? sql`and cv.created_at >= (${w.from}::date::timestamp at time zone ${w.timezone})` : sql``}
        and cv.created_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timezone})
    )
    select key, count(*)::int as conversations,
      coalesce(sum((select sum(o.value) from analytics_occasions o where o.workspace_id = ${workspaceId} and o.contact_id = convs.contact_id
        and o.day > convs.t0 and o.day <= convs.t0 + ${w.days}::int)), 0)::bigint as revenue
    from convs group by key order by revenue desc`.execute(db);
  return result.rows;
}

/** Compensation granted in the window, and what its recipients bought within N days after it. */
export async function compensationAgainstRevenue(db: Database, workspaceId: string, w: ImpactWindow): Promise<{ spent: number; recipients: number; retained: number }> {
  const result = await sql<{ spent: number; recipients: number; retained: number }>`
    with recursive ${roots(workspaceId)},
    grants as (
      select l.cost, r.root as contact_id, (l.created_at at time zone ${w.timezone})::date as t0
      from compensation_ledger l left join roots r on r.id = l.contact_id
      where l.workspace_id = ${workspaceId}
        ${w.from ? sql`and l.created_at >= (${w.from}::date::timestamp at time zone ${w.timezone})` : sql``}
        and l.created_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timezone})
    ),
    firsts as (select contact_id, min(t0) as t0 from grants where contact_id is not null group by contact_id)
    select (select coalesce(sum(cost), 0)::bigint from grants) as spent, (select count(*)::int from firsts) as recipients,
      (select coalesce(sum(o.value), 0)::bigint from firsts f join analytics_occasions o on o.workspace_id = ${workspaceId}
        and o.contact_id = f.contact_id and o.day > f.t0 and o.day <= f.t0 + ${w.days}::int) as retained`.execute(db);
  return result.rows[0] ?? { spent: 0, recipients: 0, retained: 0 };
}

/** Every label in use, so labels can be matched the way agents typed them (`Khiếu nại` = `khieu-nai`). */
export async function listLabelsInUse(db: Database, workspaceId: string): Promise<string[]> {
  const result = await sql<{ label: string }>`select distinct unnest(labels) as label from conversations where workspace_id = ${workspaceId}`.execute(db);
  return result.rows.map((r) => r.label);
}
