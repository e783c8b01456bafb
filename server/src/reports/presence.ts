/**
 * Agents' online time. Availability is a single column on agents (with the time it last changed),
 * so the worker samples it every minute into intervals (`report_agent_presence`). An agent counts
 * as available only while a console of theirs is seen (the routing rule: seen in the last 10
 * minutes); a closed console ends the interval at the last time it was seen. Changes between two
 * samples take the exact time of the change when the agent made it, else the sample's time.
 */
import { idPrefixes } from '@careloop/contracts';
import { inTransaction, nowOf, type Ctx } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { ReportRow } from './schema.ts';
import * as store from './store-presence.ts';

const SEEN_WINDOW_MS = 10 * 60_000;

const presenceId = () => `rap_${newId('audit').slice(idPrefixes.audit.length + 1)}`;

/** The state an agent is in now and since when (see the module comment). */
export function stateOf(agent: store.AgentSample, open: ReportRow<'report_agent_presence'> | undefined, now: Date): { availability: store.Availability; since: Date } {
  const seen = agent.last_seen_at;
  const present = !agent.disabled && seen !== null && now.getTime() - seen.getTime() <= SEEN_WINDOW_MS;
  const changed = agent.availability_changed_at;
  let availability: store.Availability;
  let since: Date;
  if (present) {
    availability = agent.availability;
    since = !open || changed > open.started_at ? changed : now;
  } else {
    availability = 'offline';
    since = agent.availability === 'offline' && (!seen || changed < seen) ? changed : (seen ?? changed);
  }
  const floor = open?.started_at.getTime() ?? -Infinity;
  return { availability, since: new Date(Math.min(now.getTime(), Math.max(floor, since.getTime()))) };
}

/** Record availability changes since the last sample (one transaction; the open interval is unique per agent). */
export async function trackPresence(ctx: Ctx): Promise<number> {
  const now = nowOf(ctx.deps);
  return inTransaction(ctx, async (tx) => {
    await store.lockPresence(tx.db, tx.workspaceId);
    const open = new Map((await store.listOpenIntervals(tx.db, tx.workspaceId)).map((r) => [r.agent_id, r]));
    let changes = 0;
    for (const agent of await store.listSamples(tx.db, tx.workspaceId, now)) {
      const current = open.get(agent.id);
      const next = stateOf(agent, current, now);
      if (current?.availability === next.availability) continue;
      if (current) await store.closeInterval(tx.db, tx.workspaceId, current.id, next.since);
      await store.insertInterval(tx.db, { id: presenceId(), workspace_id: tx.workspaceId, agent_id: agent.id, availability: next.availability, started_at: next.since });
      changes++;
    }
    return changes;
  });
}

/** Seconds each agent was online and busy within [from, to). */
export async function availableSeconds(ctx: Ctx, from: Date, to: Date, now: Date): Promise<Map<string, { online: number; busy: number }>> {
  const out = new Map<string, { online: number; busy: number }>();
  for (const r of await store.sumAvailable(ctx.db, ctx.workspaceId, from, to, now)) {
    const entry = out.get(r.agent_id) ?? { online: 0, busy: 0 };
    entry[r.availability === 'online' ? 'online' : 'busy'] = Math.round(Number(r.seconds));
    out.set(r.agent_id, entry);
  }
  return out;
}
