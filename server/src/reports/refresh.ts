/**
 * Keeps the report facts and the daily rollup up to date, incrementally (docs/decisions/0012-service-reports.md).
 *
 * - Catch-up (every minute from the worker, and before each report request): the conversations
 *   that received a message since the stored watermark — message ids begin with their creation
 *   time, so a scan of the primary key from the watermark finds them — whose fact is older than
 *   the conversation (`version`) are recomputed. The scan starts two minutes before the watermark,
 *   for transactions that committed late and for clocks of other nodes running slightly behind.
 * - Rebuild: with no state (first run, after a restore or a crash), or when the workspace's time
 *   zone or opening hours change, every conversation is recomputed in id order, batch by batch;
 *   figures read meanwhile say `rebuilding`.
 * - Reconcile (hourly, from the worker): changes that leave no message (a team moved, a snooze
 *   woken) and deleted conversations are found by comparing versions over the whole workspace.
 *
 * The ingest path is untouched: no statement is added per message.
 */
import { builtInPolicies, scheduleOf } from '../sla/policies.ts';
import { getSlaSettings, listSlaPolicies } from '../sla/service.ts';
import type { Schedule } from '../sla/calendar/index.ts';
import { listTeams } from '../agents/service.ts';
import { getInboxRow } from '../inboxes/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { inTransaction, nowOf, type Ctx } from '../platform/context.ts';
import { sha256 } from '../platform/crypto.ts';
import { reportLimits } from '@careloop/contracts';
import { computeFact, repeatLinks, type Fact, type FactSetting, type Response, type SourceMessage } from './facts.ts';
import { DailyDeltas } from './rollup.ts';
import * as store from './store.ts';

const OVERLAP_MS = 2 * 60_000;
const BATCH = 500;
const PAGE = 5000;
const RECONCILE_EVERY_MS = 60 * 60_000;

// Watermarks as message ids ---------------------------------------------------------------------

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The smallest message id made at `ms` or later (platform/ids.ts: prefix, 10 chars of time, random tail). */
export function messageIdFloor(ms: number): string {
  let time = Math.max(0, Math.floor(ms));
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  return `msg_${head}`;
}

/** When a message id was made; null when it is not one of ours. */
export function timeOfMessageId(id: string): number | null {
  const head = /^msg_([0-9A-HJKMNP-TV-Z]{10})/.exec(id)?.[1];
  if (!head) return null;
  let ms = 0;
  for (const ch of head) ms = ms * 32 + alphabet.indexOf(ch);
  return ms;
}

// What facts are computed with ------------------------------------------------------------------

/** The refresh is the system's work, whoever's request triggered it. */
const systemOf = (ctx: Ctx): Ctx => ({ ...ctx, actor: { type: 'system' } });

interface Setting { fact: FactSetting; timeZone: string; signature: string; channels: Map<string, string> }

async function loadSetting(sys: Ctx): Promise<Setting> {
  const [workspace, sla, teams, policies] = await Promise.all([getWorkspace(sys), getSlaSettings(sys), listTeams(sys), listSlaPolicies(sys)]);
  const base = scheduleOf(sla.businessHours);
  const hours = teams.filter((t) => t.businessHours).sort((a, b) => a.id.localeCompare(b.id));
  const teamSchedules = new Map<string, Schedule>(hours.map((t) => [t.id, scheduleOf(t.businessHours!)]));
  const channels = new Map<string, string>();
  const targets = new Map([...builtInPolicies(workspace.locale), ...policies].map((p) => [p.id, { firstResponse: p.firstResponseSeconds !== null, resolution: p.resolutionSeconds !== null }]));
  const none = { firstResponse: false, resolution: false };
  return {
    timeZone: workspace.timezone,
    channels,
    signature: sha256(JSON.stringify({ hours: sla.businessHours, teams: hours.map((t) => [t.id, t.businessHours]) })),
    fact: {
      timeZone: workspace.timezone,
      channelOf: (inboxId) => channels.get(inboxId) ?? 'unknown',
      scheduleOf: (teamId) => (teamId ? teamSchedules.get(teamId) : undefined) ?? base,
      targetsOf: (policyId) => (policyId ? targets.get(policyId) : undefined) ?? none,
    },
  };
}

/** The channel of each inbox, asked of the inboxes service once per refresh. */
async function learnChannels(sys: Ctx, setting: Setting, inboxIds: string[]): Promise<void> {
  for (const id of new Set(inboxIds)) {
    if (!setting.channels.has(id)) setting.channels.set(id, (await getInboxRow(sys, id)).channel);
  }
}

// Recomputing a batch ---------------------------------------------------------------------------

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * Recompute the facts of `ids` (under the workspace's lock), re-link repeat contacts of their
 * customers, and add the difference to the daily rollup — all in one transaction. The
 * conversation is read before its messages, so a fact never claims a newer version than it saw.
 */
async function recompute(sys: Ctx, setting: Setting, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return inTransaction(sys, async (tx) => {
    await store.lockWorkspace(tx.db, tx.workspaceId);
    const conversations = new Map((await store.listConversationSources(tx.db, tx.workspaceId, ids)).map((c) => [c.id, c]));
    await learnChannels(tx, setting, [...conversations.values()].map((c) => c.inbox_id));
    const messages = groupBy<SourceMessage>(await store.listMessageSources(tx.db, tx.workspaceId, [...conversations.keys()]), (m) => m.conversation_id);
    const old = new Map((await store.listFacts(tx.db, tx.workspaceId, ids)).map((f) => [f.conversation_id, f as Fact]));
    const oldResponses = groupBy(await store.listResponses(tx.db, tx.workspaceId, ids), (r) => r.conversation_id);
    const deltas = new DailyDeltas();
    const fresh = new Map<string, Fact>();
    const responses: Response[] = [];
    for (const id of ids) {
      const before = old.get(id);
      if (before) deltas.contribute(before, oldResponses.get(id) ?? [], -1);
      const conv = conversations.get(id);
      if (!conv) continue;
      const computed = computeFact(conv, messages.get(id) ?? [], setting.fact, before);
      fresh.set(id, computed.fact);
      responses.push(...computed.responses);
    }
    const relinked = await relinkRepeats(tx, fresh, old, deltas);
    const freshResponses = groupBy(responses, (r) => r.conversation_id);
    for (const f of fresh.values()) deltas.contribute(f, freshResponses.get(f.conversation_id) ?? [], 1);
    const gone = ids.filter((id) => old.has(id) && !conversations.has(id));
    await store.upsertFacts(tx.db, tx.workspaceId, [...fresh.values(), ...relinked]);
    await store.deleteFacts(tx.db, tx.workspaceId, gone);
    await store.replaceResponses(tx.db, tx.workspaceId, ids, responses);
    await store.addToDaily(tx.db, tx.workspaceId, deltas.changed());
    return ids.length;
  });
}

/**
 * Repeat links of every conversation of the customers in the batch (a change to one conversation
 * can make or unmake another's link). Sets the links of `fresh` facts in place; returns the other
 * stored facts whose link changed, with their difference added to `deltas`.
 */
async function relinkRepeats(tx: Ctx, fresh: Map<string, Fact>, old: Map<string, Fact>, deltas: DailyDeltas): Promise<Fact[]> {
  const contacts = new Set([...fresh.values()].map((f) => f.contact_id));
  for (const f of old.values()) contacts.add(f.contact_id);
  const stored = (await store.listFactsOfContacts(tx.db, tx.workspaceId, [...contacts])).filter((f) => !fresh.has(f.conversation_id) && !old.has(f.conversation_id)) as Fact[];
  const changed: Fact[] = [];
  for (const list of groupBy([...stored, ...fresh.values()], (f) => f.contact_id).values()) {
    const links = repeatLinks(list, reportLimits.repeatWindowDays);
    for (const f of list) {
      const link = links.get(f.conversation_id)!;
      if (fresh.has(f.conversation_id)) {
        Object.assign(f, link);
      } else if (f.repeat_of !== link.repeat_of || f.repeat_gap_s !== link.repeat_gap_s) {
        deltas.contribute(f, [], -1);
        const next = { ...f, ...link };
        deltas.contribute(next, [], 1);
        changed.push(next);
      }
    }
  }
  return changed;
}

/** Recompute these conversations now, whatever their versions say (a spot check, a repair). */
export async function recomputeConversations(ctx: Ctx, ids: string[]): Promise<number> {
  const sys = systemOf(ctx);
  const setting = await loadSetting(sys);
  let done = 0;
  for (let i = 0; i < ids.length; i += BATCH) done += await recompute(sys, setting, ids.slice(i, i + BATCH));
  return done;
}

// The refresh -----------------------------------------------------------------------------------

export interface RefreshOutcome { recomputed: number; rebuilding: boolean; asOf: Date }

/**
 * Bring the workspace's report figures up to date, for at most about `budgetMs`. A page asks for
 * several dashboards at once: on one node their catch-ups share one refresh instead of each scanning
 * and recomputing the same conversations (the worker's reconciling run always runs its own).
 */
export function refreshReports(ctx: Ctx, opts: { budgetMs?: number; reconcile?: boolean } = {}): Promise<RefreshOutcome> {
  if (opts.reconcile || ctx.db.isTransaction) return refreshNow(ctx, opts);
  let running = inFlight.get(ctx.db);
  if (!running) inFlight.set(ctx.db, (running = new Map()));
  const shared = running.get(ctx.workspaceId);
  if (shared) return shared;
  const mine = refreshNow(ctx, opts).finally(() => running.delete(ctx.workspaceId));
  running.set(ctx.workspaceId, mine);
  return mine;
}
const inFlight = new WeakMap<object, Map<string, Promise<RefreshOutcome>>>();

async function refreshNow(ctx: Ctx, opts: { budgetMs?: number; reconcile?: boolean }): Promise<RefreshOutcome> {
  const sys = systemOf(ctx);
  const deadline = Date.now() + (opts.budgetMs ?? 1500);
  const setting = await loadSetting(sys);
  let state = await ensureState(sys, setting);
  let recomputed = 0;
  while (state.rebuild_after !== null && Date.now() < deadline) {
    const ids = await store.listConversationIdsAfter(sys.db, sys.workspaceId, state.rebuild_after, BATCH);
    recomputed += await recompute(sys, setting, ids);
    const done = ids.length < BATCH;
    const patch = { rebuild_after: done ? null : ids.at(-1)!, ...(done ? { rebuilt_at: new Date() } : {}) };
    await store.updateState(sys.db, sys.workspaceId, patch);
    state = { ...state, ...patch };
  }
  if (state.rebuild_after !== null) return { recomputed, rebuilding: true, asOf: state.refreshed_at };
  recomputed += await catchUp(sys, setting, state.message_mark, deadline);
  if (opts.reconcile && (!state.reconciled_at || nowOf(sys.deps).getTime() - state.reconciled_at.getTime() > RECONCILE_EVERY_MS)) {
    recomputed += await reconcile(sys, setting, deadline);
  }
  const asOf = new Date();
  await store.updateState(sys.db, sys.workspaceId, { refreshed_at: asOf });
  return { recomputed, rebuilding: false, asOf };
}

/** The state row; a new one (or a changed zone or calendar) starts a rebuild. */
async function ensureState(sys: Ctx, setting: Setting) {
  const mark = messageIdFloor(Date.now() - OVERLAP_MS);
  const current = await store.getState(sys.db, sys.workspaceId);
  if (!current) {
    await store.insertState(sys.db, { workspace_id: sys.workspaceId, time_zone: setting.timeZone, calendar_sig: setting.signature, message_mark: mark, rebuild_after: '' });
    return (await store.getState(sys.db, sys.workspaceId))!;
  }
  if (current.time_zone === setting.timeZone && current.calendar_sig === setting.signature) return current;
  const patch = { time_zone: setting.timeZone, calendar_sig: setting.signature, rebuild_after: '', message_mark: current.message_mark < mark ? current.message_mark : mark };
  await store.updateState(sys.db, sys.workspaceId, patch);
  return { ...current, ...patch };
}

/** Conversations with messages since the watermark whose facts are out of date. */
async function catchUp(sys: Ctx, setting: Setting, mark: string, deadline: number): Promise<number> {
  const markTime = timeOfMessageId(mark);
  let cursor = markTime === null ? mark : messageIdFloor(markTime - OVERLAP_MS);
  let highest = mark;
  let recomputed = 0;
  for (;;) {
    const page = await store.listMessagesAfter(sys.db, sys.workspaceId, cursor, PAGE);
    const stale = await store.listStale(sys.db, sys.workspaceId, [...new Set(page.map((m) => m.conversation_id))]);
    for (let i = 0; i < stale.length; i += BATCH) recomputed += await recompute(sys, setting, stale.slice(i, i + BATCH));
    if (page.length) cursor = page.at(-1)!.id;
    if (cursor > highest) highest = cursor;
    if (page.length < PAGE || Date.now() > deadline) break;
  }
  if (highest !== mark) await store.updateState(sys.db, sys.workspaceId, { message_mark: highest });
  return recomputed;
}

/** Everything out of date without a message to show for it, and facts of deleted conversations. */
async function reconcile(sys: Ctx, setting: Setting, deadline: number): Promise<number> {
  let recomputed = 0;
  for (const list of [store.listStaleAll, store.listOrphans]) {
    for (;;) {
      const ids = await list(sys.db, sys.workspaceId, BATCH);
      recomputed += await recompute(sys, setting, ids);
      if (ids.length < BATCH) break;
      if (Date.now() > deadline) return recomputed;
    }
  }
  await store.deleteEmptyDaily(sys.db, sys.workspaceId);
  await store.updateState(sys.db, sys.workspaceId, { reconciled_at: nowOf(sys.deps) });
  return recomputed;
}

/**
 * The daily rollup summed again from the stored facts, under the workspace's lock (repairs any
 * drift; after a bulk load of facts). Reads facts in pages; the rows are written at the end.
 */
export async function rebuildDailyFromFacts(ctx: Ctx): Promise<number> {
  return inTransaction(systemOf(ctx), async (tx) => {
    await store.lockWorkspace(tx.db, tx.workspaceId);
    const deltas = new DailyDeltas();
    let after = '';
    let facts = 0;
    for (;;) {
      const page = await store.listContributingFactsAfter(tx.db, tx.workspaceId, after, 10_000);
      if (page.length === 0) break;
      const last = page.at(-1)!.conversation_id;
      const responses = groupBy(await store.listResponsesBetween(tx.db, tx.workspaceId, after, last), (r) => r.conversation_id);
      for (const f of page) deltas.contribute(f, responses.get(f.conversation_id) ?? [], 1);
      facts += page.length;
      after = last;
    }
    await store.deleteDaily(tx.db, tx.workspaceId);
    await store.addToDaily(tx.db, tx.workspaceId, deltas.changed());
    return facts;
  });
}
