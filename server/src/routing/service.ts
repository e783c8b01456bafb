/**
 * Routing (issue 7 §2): an open, unassigned conversation goes to its team (VIP customers to the VIP
 * team, others to the workspace's default team), and — when the team routes automatically — to an
 * available member with room: round robin (who got one longest ago) or load balanced (fewest open),
 * preferring agents who speak the customer's language and have the conversation's skills.
 * Decisions for one team are serialised by a transaction-scoped advisory lock, so two nodes (or two
 * messages at once) never give the same agent more than their capacity, nor one conversation twice.
 */
import type { QueuePositionDto, RoutingSettingsDto } from '@careloop/contracts';
import { routingSettingsInput } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, nowOf, type Ctx, type Deps } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { notFound } from '../platform/errors.ts';
import { requireRole } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { agentDirectory, getTeamRow } from '../agents/service.ts';
import { readSettings, writeSettings } from '../workspaces/service.ts';
import { getInboxRow } from '../inboxes/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { customerStanding } from '../analytics/service.ts';
import { lockConversation, requireConversation, setRoutedAssignee } from '../conversations/service.ts';
import { getSlaSettings } from '../sla/service.ts';
import * as store from './store.ts';

export const routingQueue = { name: 'routing.assign', retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 60, batchSize: 20 };
/** An agent counts as present when a console of theirs was seen this recently (consoles ping every few minutes). */
const seenWindowMs = 10 * 60_000;
const settingsKey = 'routing';
const defaults: RoutingSettingsDto = { defaultTeamId: null };

export const getRoutingSettings = (ctx: Ctx) => readSettings(ctx, settingsKey, routingSettingsInput, defaults);

export async function saveRoutingSettings(ctx: Ctx, input: z.output<typeof routingSettingsInput>): Promise<RoutingSettingsDto> {
  requireRole(ctx.actor, 'admin');
  if (input.defaultTeamId && !(await getTeamRow(ctx, input.defaultTeamId))) throw notFound('Team');
  await writeSettings(ctx, settingsKey, input);
  await recordAudit(ctx, 'routing.settings_updated', null, { defaultTeamId: input.defaultTeamId });
  forget(ctx.workspaceId);
  return getRoutingSettings(ctx);
}

interface Setup { at: number; teams: { id: string; routing: string; vip: boolean }[]; settings: RoutingSettingsDto }
const setups = new Map<string, Setup>();
const forget = (workspaceId: string) => setups.delete(workspaceId);

async function setupOf(ctx: Ctx): Promise<Setup> {
  const hit = setups.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < 5_000) return hit;
  const [teams, settings] = await Promise.all([store.listRoutedTeams(ctx.db, ctx.workspaceId), getRoutingSettings(ctx)]);
  const setup = { at: Date.now(), teams, settings };
  setups.set(ctx.workspaceId, setup);
  return setup;
}

/** In the transaction of a customer message: route the conversation if it waits unassigned and any team routes. */
export async function queueRouting(tx: Ctx, conversation: Pick<Row<'conversations'>, 'id' | 'assignee_id' | 'status'>): Promise<void> {
  if (conversation.assignee_id || conversation.status !== 'open') return;
  const { teams } = await setupOf(tx);
  if (!teams.some((t) => t.routing !== 'manual' || t.vip)) return;
  await tx.deps.jobs.enqueue(tx.db, routingQueue.name, { workspaceId: tx.workspaceId, conversationId: conversation.id }, { singletonKey: conversation.id });
}

async function teamFor(ctx: Ctx, conv: Row<'conversations'>, setup: Setup): Promise<string | null> {
  const vipTeam = setup.teams.find((t) => t.vip);
  if (vipTeam && conv.team_id !== vipTeam.id) {
    const [standing, contact] = await Promise.all([customerStanding(ctx, conv.contact_id), getContactRow(ctx, conv.contact_id).catch(() => null)]);
    if (standing?.vip || contact?.tags.some((t) => t.toLowerCase() === 'vip')) return vipTeam.id;
  }
  return conv.team_id ?? setup.settings.defaultTeamId;
}

/** Fewer matching skills and an unspoken language rank a candidate lower; then the team's mode decides. */
function pick(candidates: store.Candidate[], mode: string, conv: Row<'conversations'>, channel: string): store.Candidate | null {
  const roomy = candidates.filter((c) => (c.max_open === null || c.open_total < c.max_open)
    && (c.channel_limits?.[channel] === undefined || c.open_channel < c.channel_limits[channel]!));
  if (roomy.length === 0) return null;
  const language = conv.language === 'vi' || conv.language === 'en' ? conv.language : null;
  const speaks = (c: store.Candidate) => (!language || c.languages.length === 0 || c.languages.includes(language) ? 1 : 0);
  const labels = new Set(conv.labels.map((l) => l.toLowerCase()));
  const skills = (c: store.Candidate) => c.skills.filter((s) => labels.has(s)).length;
  const assignedAt = (c: store.Candidate) => c.last_assigned_at?.getTime() ?? 0;
  return [...roomy].sort((a, b) => speaks(b) - speaks(a) || skills(b) - skills(a)
    || (mode === 'load_balanced' ? a.open_total - b.open_total : 0)
    || assignedAt(a) - assignedAt(b) || (a.agent_id < b.agent_id ? -1 : 1))[0]!;
}

/** Route one conversation now. Returns the agent it went to, or null (manual team, nobody free, not waiting). */
export async function routeConversation(ctx: Ctx, conversationId: string): Promise<string | null> {
  const setup = await setupOf(ctx);
  return inTransaction(ctx, async (tx, emit) => {
    const peek = await requireConversation(tx, conversationId).catch(() => null);
    if (!peek || peek.status !== 'open' || peek.assignee_id) return null;
    const teamId = await teamFor(tx, peek, setup);
    if (!teamId) return null;
    await store.lockTeam(tx.db, tx.workspaceId, teamId);
    const conv = await lockConversation(tx, conversationId); // re-read under the team lock
    if (!conv || conv.status !== 'open' || conv.assignee_id) return null;
    const team = setup.teams.find((t) => t.id === teamId);
    const channel = (await getInboxRow(tx, conv.inbox_id)).channel;
    const chosen = team && team.routing !== 'manual'
      ? pick(await store.listCandidates(tx.db, tx.workspaceId, teamId, channel, new Date(nowOf(tx.deps).getTime() - seenWindowMs)), team.routing, conv, channel)
      : null;
    if (!chosen) {
      if (conv.team_id !== teamId) await setRoutedAssignee(tx, conv.id, { agentId: null, teamId, activity: null }, emit);
      return null;
    }
    const [agents, teamRow] = await Promise.all([agentDirectory(tx), getTeamRow(tx, teamId)]);
    await setRoutedAssignee(tx, conv.id, {
      agentId: chosen.agent_id, teamId,
      activity: { key: 'activity.routed', params: { agent: agents.find((a) => a.id === chosen.agent_id)?.name ?? '', team: teamRow?.name ?? '' } },
    }, emit);
    await store.touchAssigned(tx.db, tx.workspaceId, teamId, chosen.agent_id, nowOf(tx.deps));
    return chosen.agent_id;
  });
}

/** Give waiting conversations to agents who have room (after someone comes online or frees a slot). */
export async function drainQueues(ctx: Ctx): Promise<number> {
  const setup = await setupOf(ctx);
  let routed = 0;
  const pools: (string | null)[] = [...setup.teams.filter((t) => t.routing !== 'manual').map((t) => t.id)];
  if (setup.settings.defaultTeamId === null) pools.push(null);
  for (const teamId of pools) {
    for (const waiting of await store.listQueue(ctx.db, ctx.workspaceId, teamId, 50)) {
      if (!(await routeConversation(ctx, waiting.id))) break; // nobody free in this pool: the rest wait too
      routed++;
    }
  }
  return routed;
}

/** Conversations of agents away longer than the workspace allows go back to the queue and are routed again. */
export async function rerouteAwayAgents(ctx: Ctx): Promise<number> {
  const minutes = (await getSlaSettings(ctx)).rerouteOfflineMinutes;
  if (!minutes) return 0;
  const away = await store.listAwayAgents(ctx.db, ctx.workspaceId, new Date(nowOf(ctx.deps).getTime() - minutes * 60_000));
  if (away.length === 0) return 0;
  const names = new Map((await agentDirectory(ctx)).map((a) => [a.id, a.name]));
  let moved = 0;
  for (const agentId of away) {
    for (const { id } of await store.listOpenAssignedTo(ctx.db, ctx.workspaceId, agentId)) {
      const requeued = await inTransaction(ctx, async (tx, emit) => {
        const conv = await lockConversation(tx, id);
        if (!conv || conv.assignee_id !== agentId || conv.status !== 'open') return false;
        await setRoutedAssignee(tx, id, { agentId: null, teamId: conv.team_id, activity: { key: 'activity.requeued', params: { agent: names.get(agentId) ?? '', minutes: String(minutes) } } }, emit);
        return true;
      });
      if (requeued) {
        moved++;
        await routeConversation(ctx, id);
      }
    }
  }
  return moved;
}

/**
 * "You are #3, about 4 minutes": the visitor's place among the waiting conversations of their
 * queue (urgent first, then oldest), and a wait estimated from the week's median first response.
 */
export async function queuePosition(ctx: Ctx, conversationId: string): Promise<QueuePositionDto> {
  const conv = await requireConversation(ctx, conversationId);
  const teamId = conv.team_id;
  const online = teamId ? (await store.listCandidates(ctx.db, ctx.workspaceId, teamId, '', new Date(nowOf(ctx.deps).getTime() - seenWindowMs))).length : await countOnline(ctx);
  if (conv.assignee_id || conv.status !== 'open') return { position: null, etaMinutes: null, agentsOnline: online };
  const position = (await store.countAhead(ctx.db, ctx.workspaceId, conv)) + 1;
  const median = (await store.medianFirstResponseMinutes(ctx.db, ctx.workspaceId)) ?? 5;
  return { position, etaMinutes: online > 0 ? Math.max(1, Math.ceil((position * median) / online)) : null, agentsOnline: online };
}

async function countOnline(ctx: Ctx): Promise<number> {
  return (await agentDirectory(ctx)).filter((a) => !a.disabled && a.availability === 'online').length;
}

export async function runRouting(deps: Deps, data: { workspaceId: string; conversationId: string }): Promise<void> {
  await routeConversation({ deps, db: deps.db, workspaceId: data.workspaceId, actor: { type: 'system' }, log: deps.log, ip: null }, data.conversationId);
}
