import type { AgentPerformanceRow, ReportAgentsDto, ReportQuery } from '@careloop/contracts';
import { agentDirectory, listTeams } from '../agents/service.ts';
import type { Ctx } from '../platform/context.ts';
import { csatByAgent } from './csat.ts';
import { availableSeconds, trackPresence } from './presence.ts';
import { compliance, emptyTotals, EXACT_LIMIT, sumBy, type Totals } from './stats.ts';
import { statsOf } from './service.ts';
import { counterNames } from './rollup.ts';
import * as read from './store-read.ts';
import { agentSliceOf, openView, type View } from './view.ts';

type Sample = Awaited<ReturnType<typeof read.listResponseSamples>>[number];

/** All samples of a kind in the view when few enough to be exact, grouped by agent (null: use histograms). */
async function samplesByAgent(ctx: Ctx, v: View, kind: 'first' | 'next', total: number): Promise<Map<string, Sample[]> | null> {
  if (total === 0 || total > EXACT_LIMIT) return null;
  const rows = await read.listResponseSamples(ctx.db, ctx.workspaceId, kind, v.fromDay, v.toDay, v.filter, EXACT_LIMIT + 1);
  const out = new Map<string, Sample[]>();
  for (const r of rows) {
    const list = out.get(r.agent_id);
    if (list) list.push(r);
    else out.set(r.agent_id, [r]);
  }
  return out;
}

/** Which agents the table lists: the one asked for, a team's members, or every enabled agent (plus anyone with figures). */
async function agentsOf(ctx: Ctx, v: View, withFigures: Iterable<string>): Promise<{ id: string; name: string }[]> {
  const directory = await agentDirectory(ctx);
  const names = new Map(directory.map((a) => [a.id, a.name]));
  let ids: Set<string>;
  if (v.filter.agentId) ids = new Set([v.filter.agentId]);
  else if (v.filter.teamId) ids = new Set((await listTeams(ctx)).find((t) => t.id === v.filter.teamId)?.agentIds ?? []);
  else ids = new Set(directory.filter((a) => !a.disabled).map((a) => a.id));
  if (!v.filter.agentId) for (const id of withFigures) ids.add(id);
  return [...ids].filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * Agent performance: conversations handled (replied in), replies, first and next response times of
 * their own replies, resolutions of conversations assigned to them, SLA outcomes, CSAT from the
 * surveys feature and time available. An agent (role) gets only their own row.
 */
export async function getAgentPerformance(ctx: Ctx, query: ReportQuery): Promise<ReportAgentsDto> {
  const v = await openView(ctx, query);
  await trackPresence(ctx);
  const rows = (await read.readDaily(ctx.db, ctx.workspaceId, agentSliceOf(v.filter), v.fromDay, v.toDay, [...counterNames, 'h_first', 'h_first_b', 'h_next', 'h_next_b']))
    .filter((r) => r.agent_id !== '');
  const perAgent = sumBy(rows, (r) => r.agent_id);
  const sum = (k: 'first_n' | 'next_n') => [...perAgent.values()].reduce((n, t) => n + t[k], 0);
  const [first, next, online, csat, agents] = await Promise.all([
    samplesByAgent(ctx, v, 'first', sum('first_n')),
    samplesByAgent(ctx, v, 'next', sum('next_n')),
    availableSeconds(ctx, v.from, v.to, v.now),
    csatByAgent(ctx, v.from, v.to),
    agentsOf(ctx, v, perAgent.keys()),
  ]);
  return {
    meta: v.meta,
    agents: agents.map(({ id, name }) => rowOf(id, name, perAgent.get(id), first?.get(id) ?? (first ? [] : null), next?.get(id) ?? (next ? [] : null), online.get(id), csat.get(id) ?? null)),
  };
}

function rowOf(agentId: string, name: string, t: Totals | undefined, first: Sample[] | null, next: Sample[] | null, online: { online: number; busy: number } | undefined, csat: AgentPerformanceRow['csat']): AgentPerformanceRow {
  const totals = t ?? emptyTotals();
  return {
    agentId, name, handled: totals.handled, replies: totals.replies,
    firstResponse: statsOf(totals, 'first', first), nextResponse: statsOf(totals, 'next', next),
    resolutions: totals.res_n,
    sla: { firstResponse: compliance(totals.sla_first_met, totals.sla_first_missed), resolution: compliance(totals.sla_res_met, totals.sla_res_missed) },
    csat, onlineSeconds: online?.online ?? 0, busySeconds: online?.busy ?? 0,
  };
}
