/**
 * SLA policies and the clocks they put on conversations (issue 7 §1). The conversations service
 * asks this one for the SLA columns to write with each change (a message, a status, a priority),
 * so the clock moves in the same UPDATE and transaction. Due times are enforced by a pg-boss job per
 * conversation and due instant (`sla.check`, survives restarts) and by a sweep that catches up.
 */
import { priorities, slaPolicyInput, slaSettingsInput, type ConversationSlaDto, type Priority, type SlaClock, type SlaPolicyDto, type SlaPolicyInput, type SlaSettingsDto } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, nowOf, type Ctx, type Deps } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { requireRole } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { getWorkspace, readSettings, writeSettings } from '../workspaces/service.ts';
import { getInboxRow } from '../inboxes/service.ts';
import { getTeamRow, listSupervisorIds } from '../agents/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { customerStanding } from '../analytics/service.ts';
import { notifyAgentsMany } from '../notifications/service.ts';
import { escalateConversation, lockConversation, lockSlaDue, requireConversation, writeSlaFieldsMany } from '../conversations/service.ts';
import { automationJob, automationsQueue, hasAutomations } from '../automations/service.ts';
import * as clock from './clock.ts';
import { builtInPolicies, calendarTime, defaultSlaSettings, matchPolicy, presentPolicy, scheduleOf, targetsOf } from './policies.ts';
import { isOpenAt, type Schedule } from './calendar/index.ts';
import * as store from './store.ts';

export const slaCheckQueue = { name: 'sla.check', retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 60, batchSize: 50 };
const settingsKey = 'sla';

// ── policies and settings ───────────────────────────────────────────────────────────────────

interface Rules { at: number; policies: SlaPolicyDto[]; settings: SlaSettingsDto; usesSegments: boolean }
/** Policies and hours are read on every message; a few seconds of staleness on another node is fine. */
const rulesCache = new Map<string, Rules>();
const rulesTtlMs = 5_000;
const inboxChannels = new Map<string, string>();

async function rulesOf(ctx: Ctx): Promise<Rules> {
  const hit = rulesCache.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < rulesTtlMs) return hit;
  const [rows, settings, workspace] = await Promise.all([store.listPolicies(ctx.db, ctx.workspaceId), getSlaSettings(ctx), getWorkspace(ctx)]);
  const policies = rows.length ? rows.map(presentPolicy) : builtInPolicies(workspace.locale);
  const rules = { at: Date.now(), policies, settings, usesSegments: policies.some((p) => p.enabled && p.segments.length > 0) };
  rulesCache.set(ctx.workspaceId, rules);
  return rules;
}
const forget = (workspaceId: string) => rulesCache.delete(workspaceId);

export async function getSlaSettings(ctx: Ctx): Promise<SlaSettingsDto> {
  return readSettings(ctx, settingsKey, slaSettingsInput, defaultSlaSettings);
}

export async function saveSlaSettings(ctx: Ctx, input: z.output<typeof slaSettingsInput>): Promise<SlaSettingsDto> {
  requireRole(ctx.actor, 'admin');
  const issues = validateHours(input.businessHours);
  if (issues) throw new AppError('validation_failed', issues, { field: 'businessHours' });
  await writeSettings(ctx, settingsKey, input);
  await recordAudit(ctx, 'sla.settings_updated', null, { timeZone: input.businessHours.timeZone });
  forget(ctx.workspaceId);
  return getSlaSettings(ctx);
}

function validateHours(hours: z.output<typeof slaSettingsInput>['businessHours']): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: hours.timeZone });
  } catch {
    return `Unknown time zone "${hours.timeZone}"`;
  }
  for (const d of hours.week) if (d.close !== '24:00' && d.close <= d.open) return `Closing time ${d.close} is not after opening time ${d.open}`;
  return null;
}

export async function listSlaPolicies(ctx: Ctx): Promise<SlaPolicyDto[]> {
  const rows = await store.listPolicies(ctx.db, ctx.workspaceId);
  return rows.length ? rows.map(presentPolicy) : builtInPolicies((await getWorkspace(ctx)).locale);
}

const columnsOf = (input: SlaPolicyInput) => ({
  name: input.name, enabled: input.enabled, channels: input.channels, priorities: input.priorities, segments: input.segments,
  first_response_seconds: input.firstResponseSeconds, next_response_seconds: input.nextResponseSeconds, resolution_seconds: input.resolutionSeconds,
  business_hours: input.businessHours, warn_percent: input.warnPercent, escalation: JSON.stringify(input.escalation),
});

/** The built-ins become stored policies the first time the shop changes anything, so they stay editable. */
async function materialize(tx: Ctx): Promise<void> {
  if ((await store.listPolicies(tx.db, tx.workspaceId)).length) return;
  await store.insertPolicies(tx.db, builtInPolicies((await getWorkspace(tx)).locale).map((p, position) => ({
    id: newId('slaPolicy'), workspace_id: tx.workspaceId, position, ...columnsOf(slaPolicyInput.parse(p)),
  })));
}

export async function createSlaPolicy(ctx: Ctx, input: SlaPolicyInput): Promise<SlaPolicyDto> {
  requireRole(ctx.actor, 'admin');
  const row = await inTransaction(ctx, async (tx) => {
    await materialize(tx);
    const position = (await store.listPolicies(tx.db, tx.workspaceId)).length;
    const [created] = await store.insertPolicies(tx.db, [{ id: newId('slaPolicy'), workspace_id: tx.workspaceId, position, ...columnsOf(input) }]);
    await recordAudit(tx, 'sla.policy_created', { type: 'sla_policy', id: created!.id }, { name: input.name });
    return created!;
  });
  forget(ctx.workspaceId);
  return presentPolicy(row);
}

export async function updateSlaPolicy(ctx: Ctx, id: string, input: SlaPolicyInput): Promise<SlaPolicyDto> {
  requireRole(ctx.actor, 'admin');
  const row = await inTransaction(ctx, async (tx) => {
    id = await storedIdOf(tx, id); // editing a built-in stores them all, then edits its copy
    const updated = await store.updatePolicy(tx.db, tx.workspaceId, id, columnsOf(input));
    if (!updated) throw notFound('SLA policy');
    await recordAudit(tx, 'sla.policy_updated', { type: 'sla_policy', id }, { name: input.name });
    return updated;
  });
  forget(ctx.workspaceId);
  return presentPolicy(row);
}

/** A built-in id stands for its stored copy once the built-ins are stored (same position). */
async function storedIdOf(tx: Ctx, id: string): Promise<string> {
  const builtIn = builtInPolicies('en').findIndex((p) => p.id === id);
  if (builtIn < 0) return id;
  await materialize(tx);
  const stored = (await store.listPolicies(tx.db, tx.workspaceId))[builtIn];
  if (!stored) throw notFound('SLA policy');
  return stored.id;
}

export async function deleteSlaPolicy(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    id = await storedIdOf(tx, id);
    const result = await store.deletePolicy(tx.db, tx.workspaceId, id);
    if (Number(result.numDeletedRows) === 0) throw notFound('SLA policy');
    await recordAudit(tx, 'sla.policy_deleted', { type: 'sla_policy', id });
  });
  forget(ctx.workspaceId);
}

export async function reorderSlaPolicies(ctx: Ctx, ids: string[]): Promise<SlaPolicyDto[]> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const mapped: string[] = [];
    for (const id of ids) mapped.push(await storedIdOf(tx, id));
    ids = mapped;
    const stored = await store.listPolicies(tx.db, tx.workspaceId);
    if (stored.length !== ids.length || !stored.every((p) => ids.includes(p.id))) {
      throw new AppError('validation_failed', 'Give every stored policy exactly once', { field: 'ids' });
    }
    for (const [position, id] of ids.entries()) await store.setPosition(tx.db, tx.workspaceId, id, position);
    await recordAudit(tx, 'sla.policies_reordered', null, { count: ids.length });
  });
  forget(ctx.workspaceId);
  return listSlaPolicies(ctx);
}

// ── clocks on conversations ────────────────────────────────────────────────────────────────

type ConversationRow = Row<'conversations'>;
export type SlaPatch = Pick<ConversationRow, 'sla_policy_id' | 'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at' | 'sla_paused_at' | 'sla_due_at'> & { sla_state: string };

async function channelOf(ctx: Ctx, inboxId: string): Promise<string> {
  let channel = inboxChannels.get(inboxId);
  if (!channel) {
    channel = (await getInboxRow(ctx, inboxId)).channel;
    if (inboxChannels.size > 10_000) inboxChannels.clear();
    inboxChannels.set(inboxId, channel);
  }
  return channel;
}

async function segmentsOf(ctx: Ctx, contactId: string): Promise<string[]> {
  const [contact, standing] = await Promise.all([getContactRow(ctx, contactId).catch(() => null), customerStanding(ctx, contactId)]);
  const segments: string[] = [];
  if (standing?.vip || contact?.tags.some((t) => t.toLowerCase() === 'vip')) segments.push('vip');
  if (standing?.segment) segments.push(standing.segment);
  return segments;
}

interface Applied { targets: clock.SlaTargets & { policy: SlaPolicyDto | null }; schedule: Schedule }

/** The policy and the calendar for a conversation as it is now (after `overrides`). */
async function appliedTo(ctx: Ctx, conv: ConversationRow, overrides: { priority?: Priority; teamId?: string | null } = {}): Promise<Applied> {
  const rules = await rulesOf(ctx);
  const policy = matchPolicy(rules.policies, {
    channel: await channelOf(ctx, conv.inbox_id),
    priority: overrides.priority ?? conv.priority,
    segments: rules.usesSegments ? await segmentsOf(ctx, conv.contact_id) : [],
  });
  let schedule = calendarTime;
  if (policy?.businessHours !== false) {
    const teamId = overrides.teamId !== undefined ? overrides.teamId : conv.team_id;
    const team = teamId ? await getTeamRow(ctx, teamId) : undefined;
    schedule = scheduleOf((team?.business_hours as SlaSettingsDto['businessHours'] | null) ?? rules.settings.businessHours);
  }
  return { targets: { ...targetsOf(policy), policy }, schedule };
}

const snapshot = (f: clock.SlaFields, policy: SlaPolicyDto | null) => {
  const state = { ...f.sla_state, policy: policy ? { id: policy.id, name: policy.name, escalation: policy.escalation } : null };
  return state;
};

function patchOf(f: clock.SlaFields, policy: SlaPolicyDto | null | undefined, previous: unknown): SlaPatch {
  const kept = (previous as { policy?: unknown } | null)?.policy ?? null;
  return {
    sla_policy_id: f.sla_policy_id, first_response_due_at: f.first_response_due_at, next_response_due_at: f.next_response_due_at,
    resolution_due_at: f.resolution_due_at, sla_paused_at: f.sla_paused_at, sla_due_at: f.sla_due_at,
    sla_state: JSON.stringify(policy === undefined ? { ...f.sla_state, policy: kept } : snapshot(f, policy)),
  };
}

/** The SLA columns to write with a new message, or null when the clocks do not move. */
export async function slaOnMessage(ctx: Ctx, conv: ConversationRow, message: Pick<Row<'messages'>, 'kind' | 'sender_type' | 'created_at'>): Promise<SlaPatch | null> {
  const current = clock.fieldsOf(conv);
  const at = message.created_at;
  if (message.kind === 'incoming') {
    const { targets, schedule } = await appliedTo(ctx, conv);
    if (!current.sla_state.startedAt) return patchOf(clock.onOpened(targets, schedule, at), targets.policy, null);
    const reopened = Boolean(current.sla_state.endedAt);
    const next = clock.onCustomerMessage(current, targets, schedule, at, { firstReplied: conv.first_response_at !== null, reopened });
    return same(current, next) ? null : patchOf(next, reopened ? targets.policy : undefined, conv.sla_state);
  }
  if (message.kind === 'outgoing' && message.sender_type === 'agent') {
    if (!current.first_response_due_at && !current.next_response_due_at) return null;
    return patchOf(clock.onAgentReply(current), undefined, conv.sla_state);
  }
  return null;
}

/** The SLA columns for a status change (pending and snoozed pause, open resumes, resolved stops). */
export async function slaOnStatus(ctx: Ctx, conv: ConversationRow, to: ConversationRow['status']): Promise<SlaPatch | null> {
  const current = clock.fieldsOf(conv);
  if (!current.sla_state.startedAt) return null;
  const at = nowOf(ctx.deps);
  let next = current;
  if (to === 'resolved') next = clock.onResolved(current, at);
  else {
    const { schedule } = await appliedTo(ctx, conv);
    next = to === 'pending' || to === 'snoozed' ? clock.pause(current, schedule, at) : clock.resume(current, schedule, at);
  }
  return same(current, next) ? null : patchOf(next, undefined, conv.sla_state);
}

/** A priority or team change may bring another policy or calendar: re-time the running clocks. */
export async function slaOnRetarget(ctx: Ctx, conv: ConversationRow, overrides: { priority?: Priority; teamId?: string | null }): Promise<SlaPatch | null> {
  const current = clock.fieldsOf(conv);
  const startedAt = current.sla_state.startedAt;
  if (!startedAt || current.sla_state.endedAt) return null;
  const { targets, schedule } = await appliedTo(ctx, conv, overrides);
  const next = clock.retarget(current, targets, schedule, {
    firstResponse: new Date(startedAt), resolution: new Date(startedAt), ...(conv.waiting_since ? { nextResponse: conv.waiting_since } : {}),
  });
  return same(current, next) && next.sla_policy_id === current.sla_policy_id ? null : patchOf(next, targets.policy, conv.sla_state);
}

function same(a: clock.SlaFields, b: clock.SlaFields): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return t(a.first_response_due_at) === t(b.first_response_due_at) && t(a.next_response_due_at) === t(b.next_response_due_at)
    && t(a.resolution_due_at) === t(b.resolution_due_at) && t(a.sla_paused_at) === t(b.sla_paused_at) && t(a.sla_due_at) === t(b.sla_due_at)
    && JSON.stringify(a.sla_state) === JSON.stringify(b.sla_state);
}

/**
 * Instants further ahead than this are left to the minute sweep (`sla.sweep`, at most a minute
 * late): a mail's 48-minute warning needs no timer job of its own, and an inbound mail saves a job
 * insert. Phone, chat and urgent targets keep their exact timers.
 */
export const timerHorizonMs = 15 * 60_000;

/** After the conversation's row changed (same transaction): a timer job for its next SLA instant. */
export async function scheduleSlaCheck(tx: Ctx, before: Pick<ConversationRow, 'sla_due_at'> | null, after: Pick<ConversationRow, 'id' | 'sla_due_at'>): Promise<void> {
  const due = after.sla_due_at;
  if (!due || (before?.sla_due_at && before.sla_due_at.getTime() === due.getTime())) return;
  if (due.getTime() - nowOf(tx.deps).getTime() > timerHorizonMs) return;
  await tx.deps.jobs.enqueue(tx.db, slaCheckQueue.name, { workspaceId: tx.workspaceId, conversationId: after.id }, {
    startAfter: due, singletonKey: `${after.id}:${due.getTime()}`,
  });
}

export function presentSla(row: Pick<ConversationRow, 'sla_policy_id' | 'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at' | 'sla_paused_at' | 'sla_state'>): ConversationSlaDto | null {
  const state = clock.stateOf(row.sla_state);
  if (!state.startedAt) return null;
  const policy = (row.sla_state as { policy?: { id: string; name: string } | null }).policy ?? null;
  const running = [row.first_response_due_at, row.next_response_due_at, row.resolution_due_at].filter((d): d is Date => d !== null).map((d) => d.getTime());
  const pending = (['firstResponse', 'nextResponse', 'resolution'] as const)
    .filter((c) => row[clock.dueColumn[c]] && !state.warned.includes(c) && state.warnAt[c]).map((c) => Date.parse(state.warnAt[c]!));
  return {
    policyId: policy?.id ?? row.sla_policy_id, policyName: policy?.name ?? null,
    firstResponseDueAt: row.first_response_due_at?.toISOString() ?? null, nextResponseDueAt: row.next_response_due_at?.toISOString() ?? null,
    resolutionDueAt: row.resolution_due_at?.toISOString() ?? null, paused: row.sla_paused_at !== null, breached: state.breached,
    warned: state.warned, warningAt: pending.length && !row.sla_paused_at ? new Date(Math.min(...pending)).toISOString() : null,
    dueAt: running.length ? new Date(Math.min(...running)).toISOString() : null,
  };
}

/** Is the conversation's team (else the workspace) open now? For automation conditions and routing. */
export async function isBusinessHours(ctx: Ctx, teamId: string | null): Promise<boolean> {
  const rules = await rulesOf(ctx);
  const team = teamId ? await getTeamRow(ctx, teamId) : undefined;
  return isOpenAt(scheduleOf((team?.business_hours as SlaSettingsDto['businessHours'] | null) ?? rules.settings.businessHours), nowOf(ctx.deps));
}

// ── warnings, breaches and escalation ───────────────────────────────────────────────────────

export const slaEscalateQueue = { name: 'sla.escalate', retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 60, batchSize: 20 };

export interface SlaCheckResult { crossed: clock.SlaCrossing[] }
type Escalation = SlaPolicyDto['escalation'];
const escalationOf = (row: ConversationRow) => (row.sla_state as { policy?: { escalation?: Escalation } | null }).policy?.escalation;

/**
 * Raise what is due on locked conversations at `now`, in a few statements whatever their number:
 * the marks (one UPDATE), the notifications (one INSERT), the next timers, escalation and
 * automation jobs (one INSERT), the events. The marks in `sla_state` make each warning and breach
 * happen once, however many times a job or a sweep looks.
 */
async function raiseDue(tx: Ctx, rows: ConversationRow[], now: Date, emit: (e: import('@careloop/contracts').RealtimeEvent) => void) {
  const writes: { id: string; patch: SlaPatch }[] = [];
  const jobs: Parameters<Deps['jobs']['enqueueMany']>[1] = [];
  const notices: Parameters<typeof notifyAgentsMany>[1] = [];
  const escalations: ConversationRow[] = [];
  const crossedAll: clock.SlaCrossing[] = [];
  let supervisors: string[] | null = null;
  const listens = { warning: await hasAutomations(tx, 'sla.warning'), breach: await hasAutomations(tx, 'sla.breached') };
  for (const conv of rows) {
    const { fields, crossed } = conv.status === 'resolved' ? { fields: { ...clock.fieldsOf(conv), sla_due_at: null }, crossed: [] } : clock.crossings(clock.fieldsOf(conv), now);
    writes.push({ id: conv.id, patch: patchOf(fields, undefined, conv.sla_state) });
    if (fields.sla_due_at) jobs.push({ name: slaCheckQueue.name, data: { workspaceId: tx.workspaceId, conversationId: conv.id }, startAfter: fields.sla_due_at, singletonKey: `${conv.id}:${fields.sla_due_at.getTime()}` });
    if (crossed.length === 0) continue;
    crossedAll.push(...crossed);
    for (const c of crossed) {
      emit({ type: 'sla.crossed', conversationId: conv.id, conversationNumber: conv.number, clock: c.clock, kind: c.kind, dueAt: c.dueAt.toISOString(), assigneeId: conv.assignee_id });
    }
    const warnings = crossed.filter((c) => c.kind === 'warning');
    const breaches = crossed.filter((c) => c.kind === 'breach');
    if (warnings.length && conv.assignee_id) notices.push({ agentIds: [conv.assignee_id], kind: 'sla_warning', conversation: conv, excerpt: describeClocks(warnings) });
    const escalation = escalationOf(conv);
    if (breaches.length && escalation?.notifySupervisors) notices.push({ agentIds: (supervisors ??= await listSupervisorIds(tx)), kind: 'sla_breach', conversation: conv, excerpt: describeClocks(breaches) });
    if (breaches.length && (escalation?.raisePriority || escalation?.reassignToLead)) escalations.push(conv);
    const automation = (trigger: 'sla.warning' | 'sla.breached') => jobs.push({ name: automationsQueue.name, data: automationJob(tx, trigger, conv.id) });
    if (warnings.length && listens.warning) automation('sla.warning');
    if (breaches.length && listens.breach) automation('sla.breached');
  }
  await writeSlaFieldsMany(tx, writes);
  await notifyAgentsMany(tx, notices, emit);
  return { jobs, escalations, crossed: crossedAll };
}

/** One conversation (its `sla.check` timer): raise what is due and escalate at once. */
export async function checkConversationSla(ctx: Ctx, conversationId: string): Promise<SlaCheckResult> {
  const now = nowOf(ctx.deps);
  const outcome = await inTransaction(ctx, async (tx, emit) => {
    const conv = await lockConversation(tx, conversationId);
    if (!conv || (conv.sla_due_at === null && conv.status === 'resolved')) return null;
    const raised = await raiseDue(tx, [conv], now, emit);
    await tx.deps.jobs.enqueueMany(tx.db, raised.jobs.filter((j) => !(j.name === slaCheckQueue.name && conv.sla_due_at && j.startAfter?.getTime() === conv.sla_due_at.getTime())));
    return raised;
  });
  if (!outcome) return { crossed: [] };
  for (const conv of outcome.escalations) await escalate(ctx, conv.id);
  return { crossed: outcome.crossed };
}

/**
 * The sweep: everything due in the workspace, in batches (after downtime, or a lost timer); the
 * escalations it finds become jobs, so a large catch-up never holds the sweep.
 */
export async function sweepSla(ctx: Ctx, batch = 2000): Promise<number> {
  const now = nowOf(ctx.deps);
  let total = 0;
  for (;;) {
    const n = await inTransaction(ctx, async (tx, emit) => {
      const rows = await lockSlaDue(tx, now, batch);
      if (rows.length === 0) return 0;
      const raised = await raiseDue(tx, rows, now, emit);
      await tx.deps.jobs.enqueueMany(tx.db, [
        ...raised.jobs,
        ...raised.escalations.map((c) => ({ name: slaEscalateQueue.name, data: { workspaceId: tx.workspaceId, conversationId: c.id } })),
      ]);
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

const clockNames: Record<SlaClock, string> = { firstResponse: 'first response', nextResponse: 'next response', resolution: 'resolution' };
const describeClocks = (list: clock.SlaCrossing[]) => list.map((c) => `SLA ${clockNames[c.clock]} ${c.kind === 'breach' ? 'breached' : 'due soon'}`).join(', ');

/** A breach's escalation: one priority step up, and the team lead takes over (each as the policy says). */
export async function escalate(ctx: Ctx, conversationId: string): Promise<void> {
  const conv = await requireConversation(ctx, conversationId);
  const escalation = escalationOf(conv);
  if (!escalation || conv.status === 'resolved') return;
  const rank = priorities.indexOf(conv.priority); // urgent first
  const priority = escalation.raisePriority && rank > 0 ? priorities[rank - 1] : undefined;
  let assigneeId: string | undefined;
  if (escalation.reassignToLead && conv.team_id) {
    const lead = (await getTeamRow(ctx, conv.team_id))?.lead_id;
    if (lead && lead !== conv.assignee_id) assigneeId = lead;
  }
  if (priority || assigneeId) await escalateConversation(ctx, conv.id, { ...(priority ? { priority } : {}), ...(assigneeId ? { assigneeId } : {}) });
}

const systemOf = (deps: Deps, workspaceId: string): Ctx => ({ deps, db: deps.db, workspaceId, actor: { type: 'system' }, log: deps.log, ip: null });

/** The `sla.check` job. */
export async function runSlaCheck(deps: Deps, data: { workspaceId: string; conversationId: string }): Promise<void> {
  await checkConversationSla(systemOf(deps, data.workspaceId), data.conversationId);
}

/** The `sla.escalate` job (from the sweep). */
export async function runSlaEscalate(deps: Deps, data: { workspaceId: string; conversationId: string }): Promise<void> {
  await escalate(systemOf(deps, data.workspaceId), data.conversationId).catch((err) => {
    if (!(err instanceof AppError && err.code === 'not_found')) throw err;
  });
}
