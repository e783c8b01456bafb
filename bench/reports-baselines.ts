/**
 * The raw baselines of bench/reports.ts: each dashboard's figures computed by scanning
 * conversations and messages directly (no facts, no rollup), and the comparison of both answers.
 * Response times follow reports/facts.ts: a customer message after an agent reply (or the first
 * one) starts a wait; the next agent reply answers it; the first answered wait is the first response.
 */
import type pg from 'pg';

export interface Range { from: string; to: string; tz: string; workspaceId: string; agentId: string; channel: string }
type Baseline = (pool: pg.Pool, r: Range) => Promise<unknown>;
type Filter = { channel?: string; agentId?: string };

const bounds = (r: Range) => [`(date '${r.from}')::timestamp at time zone '${r.tz}'`, `(date '${r.to}' + 1)::timestamp at time zone '${r.tz}'`] as const;

/** Every answered wait: conversation, replying agent, when, how long, whether it was the conversation's first. */
const responsesSql = (r: Range, f: Filter) => `
  with m as (
    select m.conversation_id, m.created_at, m.kind = 'incoming' as inc, m.kind = 'outgoing' and m.sender_type = 'agent' as rep, m.sender_id
    from messages m ${f.channel ? `join inboxes i on i.id = m.inbox_id and i.channel = '${f.channel}'` : ''}
    where m.workspace_id = $1 and m.kind in ('incoming', 'outgoing')
  ), w as (
    select *, count(*) filter (where rep) over (partition by conversation_id order by created_at, rep rows between unbounded preceding and current row) as k from m
  ), waits as (
    select conversation_id, k, min(created_at) filter (where inc) as wait_start from w group by 1, 2
  ), answered as (
    select w.conversation_id, w.sender_id, w.created_at as at, round(extract(epoch from w.created_at - wt.wait_start)) as s,
      row_number() over (partition by w.conversation_id order by w.k) = 1 as first
    from w join waits wt on wt.conversation_id = w.conversation_id and wt.k = w.k - 1 and wt.wait_start is not null
    where w.rep
  )
  select * from answered where at >= ${bounds(r)[0]} and at < ${bounds(r)[1]} ${f.agentId ? `and sender_id = '${f.agentId}'` : ''}`;

const pct = (col: string) => `count(*)::int as n, percentile_cont(0.5) within group (order by ${col}) as median, percentile_cont(0.9) within group (order by ${col}) as p90`;

async function summary(pool: pg.Pool, r: Range, f: Filter) {
  const [from, to] = bounds(r);
  const responses = (await pool.query(`select first, ${pct('s')} from (${responsesSql(r, f)}) x group by first`, [r.workspaceId])).rows;
  const channelJoin = f.channel ? `join inboxes i on i.id = c.inbox_id and i.channel = '${f.channel}'` : '';
  const resolution = (await pool.query(`
    select ${pct('s')} from (
      select extract(epoch from (c.sla_state->>'endedAt')::timestamptz - (select min(m.created_at) from messages m where m.workspace_id = c.workspace_id and m.conversation_id = c.id and m.kind = 'incoming')) as s
      from conversations c ${channelJoin}
      where c.workspace_id = $1 and c.status = 'resolved' and (c.sla_state->>'endedAt')::timestamptz >= ${from} and (c.sla_state->>'endedAt')::timestamptz < ${to}
        ${f.agentId ? `and c.assignee_id = '${f.agentId}'` : ''}) x`, [r.workspaceId])).rows[0];
  const opened = (await pool.query(`select count(*)::int as n from conversations c ${channelJoin} where c.workspace_id = $1 and c.created_at >= ${from} and c.created_at < ${to}
    ${f.agentId ? `and c.assignee_id = '${f.agentId}'` : ''}`, [r.workspaceId])).rows[0].n;
  return { conversations: opened, first: responses.find((x) => x.first) ?? null, next: responses.find((x) => !x.first) ?? null, resolution };
}

export const baselines: Record<string, Baseline> = {
  summary: (pool, r) => summary(pool, r, {}),
  'summary, one channel': (pool, r) => summary(pool, r, { channel: r.channel }),
  'summary, one agent in one channel': (pool, r) => summary(pool, r, { channel: r.channel, agentId: r.agentId }),
  async volume(pool, r) {
    const [from, to] = bounds(r);
    const conversations = (await pool.query(`select i.channel, count(*)::int as n from conversations c join inboxes i on i.id = c.inbox_id
      where c.workspace_id = $1 and c.created_at >= ${from} and c.created_at < ${to} group by 1`, [r.workspaceId])).rows;
    const incoming = (await pool.query(`select i.channel, count(*)::int as n from messages m join inboxes i on i.id = m.inbox_id
      where m.workspace_id = $1 and m.kind = 'incoming' and m.created_at >= ${from} and m.created_at < ${to} group by 1`, [r.workspaceId])).rows;
    return { conversations: Object.fromEntries(conversations.map((x) => [x.channel, x.n])), incoming: Object.fromEntries(incoming.map((x) => [x.channel, x.n])) };
  },
  async heatmap(pool, r) {
    const [from, to] = bounds(r);
    const grid = async (table: string, extra: string) => {
      const rows = (await pool.query(`select extract(isodow from created_at at time zone '${r.tz}')::int - 1 as wd, extract(hour from created_at at time zone '${r.tz}')::int as h, count(*)::int as n
        from ${table} where workspace_id = $1 and created_at >= ${from} and created_at < ${to} ${extra} group by 1, 2`, [r.workspaceId])).rows;
      const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
      for (const x of rows) g[x.wd]![x.h] = x.n;
      return g;
    };
    return { conversations: await grid('conversations', ''), incomingMessages: await grid('messages', `and kind = 'incoming'`) };
  },
  async backlog(pool, r) {
    const [, to] = bounds(r);
    const now = (await pool.query(`select status, count(*)::int as n from conversations where workspace_id = $1 and status in ('open', 'pending', 'snoozed') group by 1`, [r.workspaceId])).rows;
    const atEnd = (await pool.query(`select count(*)::int as n from conversations where workspace_id = $1 and created_at < ${to}
      and not (status = 'resolved' and (sla_state->>'endedAt')::timestamptz < ${to})`, [r.workspaceId])).rows[0].n;
    return { total: now.reduce((a, x) => a + x.n, 0), unresolvedAtEnd: atEnd };
  },
  async agents(pool, r) {
    const [from, to] = bounds(r);
    const replies = (await pool.query(`
      select sender_id, count(*)::int as replies, count(*) filter (where first_of_agent)::int as handled from (
        select sender_id, created_at, row_number() over (partition by conversation_id, sender_id order by created_at) = 1 as first_of_agent
        from messages where workspace_id = $1 and kind = 'outgoing' and sender_type = 'agent') x
      where created_at >= ${from} and created_at < ${to} group by 1`, [r.workspaceId])).rows;
    const first = (await pool.query(`select sender_id, ${pct('s')} from (${responsesSql(r, {})}) x where first group by 1`, [r.workspaceId])).rows;
    return { replies: Object.fromEntries(replies.map((x) => [x.sender_id, [x.replies, x.handled]])), first: Object.fromEntries(first.map((x) => [x.sender_id, x])) };
  },
  async repeats(pool, r) {
    const [from, to] = bounds(r);
    const ended = (alias: string) => `(${alias}.sla_state->>'endedAt')::timestamptz`;
    return (await pool.query(`
      select count(*)::int as conversations, count(*) filter (where exists (
        select 1 from conversations a where a.workspace_id = b.workspace_id and a.contact_id = b.contact_id and a.id <> b.id and a.created_at < b.created_at
          and a.status = 'resolved' and ${ended('a')} <= b.created_at and ${ended('a')} >= b.created_at - interval '7 days'
          and (a.intent is null or b.intent is null or a.intent = 'other' or b.intent = 'other' or a.intent = b.intent)))::int as repeats
      from conversations b where b.workspace_id = $1 and b.created_at >= ${from} and b.created_at < ${to}`, [r.workspaceId])).rows[0];
  },
};

/** Within the histograms' bound (2^(1/8)) of the raw percentile, or equal when the app says it is exact. */
function close(app: number | null, raw: number | null, exact: boolean): boolean {
  if (app === null || raw === null) return app === raw;
  if (raw === 0) return app === 0;
  const ratio = app / raw;
  return exact ? Math.abs(app - raw) <= 0.05 : ratio >= 2 ** -0.125 - 1e-9 && ratio <= 2 ** 0.125 + 1e-9;
}

type Stats = { count: number; median: number | null; p90: number | null; exact: boolean };
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const statsMatch = (app: Stats, raw: { n: number; median: number | null; p90: number | null } | null | undefined) =>
  app.count === (raw?.n ?? 0) && close(app.median, num(raw?.median), app.exact) && close(app.p90, num(raw?.p90), app.exact);

/** Do the dashboard and its raw scan give the same figures? */
export function compareFigures(view: string, body: any, raw: any): { ok: boolean; note: string } {
  if (!raw) return { ok: true, note: '–' };
  let ok = false;
  if (view.startsWith('summary')) {
    ok = body.totals.conversations === raw.conversations && statsMatch(body.firstResponse, raw.first) && statsMatch(body.nextResponse, raw.next) && statsMatch(body.resolution, raw.resolution);
  } else if (view === 'volume') {
    const sum = (k: 'conversations' | 'incomingMessages', ch: string) => body.days.reduce((n: number, d: any) => n + (d.byChannel[ch]?.[k] ?? 0), 0);
    ok = Object.entries(raw.conversations).every(([ch, n]) => sum('conversations', ch) === n) && Object.entries(raw.incoming).every(([ch, n]) => sum('incomingMessages', ch) === n);
  } else if (view === 'heatmap') {
    ok = JSON.stringify(body.conversations) === JSON.stringify(raw.conversations) && JSON.stringify(body.incomingMessages) === JSON.stringify(raw.incomingMessages);
  } else if (view === 'backlog') {
    ok = body.now.total === raw.total && body.days.at(-1).unresolved === raw.unresolvedAtEnd;
  } else if (view === 'agents') {
    ok = body.agents.every((a: any) => {
      const [replies, handled] = raw.replies[a.agentId] ?? [0, 0];
      return a.replies === replies && a.handled === handled && statsMatch(a.firstResponse, raw.first[a.agentId]);
    });
  } else if (view === 'repeats') {
    ok = body.conversations === raw.conversations && body.repeats === raw.repeats;
  }
  return { ok, note: ok ? 'same' : 'DIFFERENT' };
}
