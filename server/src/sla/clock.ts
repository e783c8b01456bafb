/**
 * The SLA clocks of one conversation, as pure state transitions (no database, no wall clock: every
 * function takes `at`). Three clocks run in business time of a schedule:
 *  - firstResponse: from the conversation's first customer message to the first agent reply;
 *  - nextResponse: from a customer message that waits (after the first reply) to the next agent reply;
 *  - resolution: from the start to resolved.
 * While the conversation waits on the customer (pending, snoozed) every running clock is paused: the
 * business time it had left is kept and re-applied when the customer writes or an agent reopens it.
 * A clock warns once when `warnPercent` of its target has elapsed and breaches once at its due time.
 */
import type { SlaClock } from '@careloop/contracts';
import { addBusinessTime, businessTimeBetween, type Schedule } from './calendar/index.ts';

export interface SlaTargets {
  policyId: string | null;
  /** Milliseconds of business time (or calendar time with an always-open schedule); null: no target. */
  firstResponse: number | null;
  nextResponse: number | null;
  resolution: number | null;
  warnPercent: number;
}

/** Stored in `conversations.sla_state`. Instants are ISO strings (JSON). */
export interface SlaState {
  warnAt: Partial<Record<SlaClock, string>>;
  warned: SlaClock[];
  breached: SlaClock[];
  /** Business milliseconds each clock (and its warning) had left when it was paused. */
  remaining: Partial<Record<SlaClock, number>>;
  warnLeft: Partial<Record<SlaClock, number>>;
  /** When the current cycle started (the first customer message, or a reopening) and ended (resolved). */
  startedAt?: string;
  endedAt?: string;
}

export interface SlaFields {
  sla_policy_id: string | null;
  first_response_due_at: Date | null;
  next_response_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_paused_at: Date | null;
  sla_state: SlaState;
  /** The next instant anything happens: a warning or a due time of a running clock. */
  sla_due_at: Date | null;
}

export const dueColumn = { firstResponse: 'first_response_due_at', nextResponse: 'next_response_due_at', resolution: 'resolution_due_at' } as const;
const clocks = ['firstResponse', 'nextResponse', 'resolution'] as const;

export const emptyState = (): SlaState => ({ warnAt: {}, warned: [], breached: [], remaining: {}, warnLeft: {} });

export function stateOf(raw: unknown): SlaState {
  const s = (raw ?? {}) as Partial<SlaState>;
  return {
    warnAt: { ...(s.warnAt ?? {}) }, warned: [...(s.warned ?? [])], breached: [...(s.breached ?? [])], remaining: { ...(s.remaining ?? {}) }, warnLeft: { ...(s.warnLeft ?? {}) },
    ...(s.startedAt ? { startedAt: s.startedAt } : {}), ...(s.endedAt ? { endedAt: s.endedAt } : {}),
  };
}

export function blankFields(): SlaFields {
  return { sla_policy_id: null, first_response_due_at: null, next_response_due_at: null, resolution_due_at: null, sla_paused_at: null, sla_state: emptyState(), sla_due_at: null };
}

const copy = (f: SlaFields): SlaFields => ({ ...f, sla_state: stateOf(f.sla_state) });
const without = (list: SlaClock[], clock: SlaClock) => list.filter((c) => c !== clock);

/** Start (or restart) one clock at `from`. A clock without a target is cleared. */
function start(f: SlaFields, clock: SlaClock, from: Date, targets: SlaTargets, schedule: Schedule): void {
  const target = targets[clock];
  const s = f.sla_state;
  s.warned = without(s.warned, clock);
  s.breached = without(s.breached, clock);
  delete s.remaining[clock];
  delete s.warnLeft[clock];
  if (target === null) {
    f[dueColumn[clock]] = null;
    delete s.warnAt[clock];
    return;
  }
  f[dueColumn[clock]] = addBusinessTime(schedule, from, target);
  const warnAt = addBusinessTime(schedule, from, Math.round((target * targets.warnPercent) / 100));
  if (warnAt) s.warnAt[clock] = warnAt.toISOString();
  else delete s.warnAt[clock];
}

function stop(f: SlaFields, clock: SlaClock): void {
  f[dueColumn[clock]] = null;
  delete f.sla_state.warnAt[clock];
  delete f.sla_state.remaining[clock];
  delete f.sla_state.warnLeft[clock];
}

/** The next instant the sweep must look at: an unsent warning or an unbreached due time. */
export function nextCheckOf(f: SlaFields): Date | null {
  if (f.sla_paused_at) return null;
  let next: number | null = null;
  for (const clock of clocks) {
    const due = f[dueColumn[clock]];
    if (!due || f.sla_state.breached.includes(clock)) continue;
    const warnAt = f.sla_state.warnAt[clock];
    const at = warnAt && !f.sla_state.warned.includes(clock) ? Math.min(Date.parse(warnAt), due.getTime()) : due.getTime();
    next = next === null ? at : Math.min(next, at);
  }
  return next === null ? null : new Date(next);
}

const finish = (f: SlaFields): SlaFields => ({ ...f, sla_due_at: nextCheckOf(f) });

/** A new conversation: the first-response and resolution clocks start at its first customer message. */
export function onOpened(targets: SlaTargets, schedule: Schedule, at: Date): SlaFields {
  const f = blankFields();
  f.sla_policy_id = targets.policyId;
  f.sla_state.startedAt = at.toISOString();
  start(f, 'firstResponse', at, targets, schedule);
  start(f, 'resolution', at, targets, schedule);
  return finish(f);
}

/**
 * A customer message. It resumes paused clocks; after the first reply it starts the next-response
 * clock unless one is already running; a resolved conversation that reopens starts a new cycle.
 */
export function onCustomerMessage(current: SlaFields, targets: SlaTargets, schedule: Schedule, at: Date, opts: { firstReplied: boolean; reopened: boolean }): SlaFields {
  if (opts.reopened) {
    const f = blankFields();
    f.sla_policy_id = targets.policyId;
    f.sla_state.startedAt = at.toISOString();
    start(f, opts.firstReplied ? 'nextResponse' : 'firstResponse', at, targets, schedule);
    start(f, 'resolution', at, targets, schedule);
    return finish(f);
  }
  let f = current.sla_paused_at ? resume(current, schedule, at) : copy(current);
  if (opts.firstReplied && !f.next_response_due_at && !f.sla_state.breached.includes('nextResponse')) start(f, 'nextResponse', at, targets, schedule);
  f = finish(f);
  return f;
}

/** An agent's reply meets the response clocks that run (a breached one stays recorded as breached). */
export function onAgentReply(current: SlaFields): SlaFields {
  const f = copy(current);
  stop(f, 'firstResponse');
  stop(f, 'nextResponse');
  f.sla_state.warned = f.sla_state.warned.filter((c) => c === 'resolution');
  return finish(f);
}

/** Waiting on the customer: keep what each running clock had left, in business time. */
export function pause(current: SlaFields, schedule: Schedule, at: Date): SlaFields {
  if (current.sla_paused_at) return current;
  const f = copy(current);
  for (const clock of clocks) {
    const due = f[dueColumn[clock]];
    if (!due) continue;
    f.sla_state.remaining[clock] = due.getTime() > at.getTime() ? businessTimeBetween(schedule, at, due) : 0;
    const warnAt = f.sla_state.warnAt[clock];
    if (warnAt) {
      const ms = Date.parse(warnAt);
      f.sla_state.warnLeft[clock] = ms > at.getTime() ? businessTimeBetween(schedule, at, ms) : 0;
      delete f.sla_state.warnAt[clock];
    }
    f[dueColumn[clock]] = null;
  }
  f.sla_paused_at = at;
  return finish(f);
}

/** Back from waiting: each paused clock continues with the business time it had left. */
export function resume(current: SlaFields, schedule: Schedule, at: Date): SlaFields {
  if (!current.sla_paused_at) return current;
  const f = copy(current);
  for (const clock of clocks) {
    const left = f.sla_state.remaining[clock];
    if (left === undefined) continue;
    f[dueColumn[clock]] = addBusinessTime(schedule, at, left);
    const warnLeft = f.sla_state.warnLeft[clock];
    if (warnLeft !== undefined) {
      const warnAt = addBusinessTime(schedule, at, warnLeft);
      if (warnAt) f.sla_state.warnAt[clock] = warnAt.toISOString();
    }
    delete f.sla_state.remaining[clock];
    delete f.sla_state.warnLeft[clock];
  }
  f.sla_paused_at = null;
  return finish(f);
}

/** Resolved: every clock stops; breaches stay recorded for reports. */
export function onResolved(current: SlaFields, at: Date): SlaFields {
  const f = copy(current);
  f.sla_state.endedAt = at.toISOString();
  for (const clock of clocks) stop(f, clock);
  f.sla_paused_at = null;
  return finish(f);
}

/**
 * Another policy applies now (the priority changed, the customer became VIP): the running clocks are
 * re-timed from when they started, with the new targets. `started` gives each running clock's start.
 */
export function retarget(current: SlaFields, targets: SlaTargets, schedule: Schedule, started: Partial<Record<SlaClock, Date>>): SlaFields {
  const f = copy(current);
  f.sla_policy_id = targets.policyId;
  if (f.sla_paused_at) return finish(f);
  for (const clock of clocks) {
    const from = started[clock];
    if (f[dueColumn[clock]] && from) {
      const breached = f.sla_state.breached.includes(clock);
      start(f, clock, from, targets, schedule);
      // A breach already raised stays raised (it was escalated); a looser target does not undo it.
      if (breached) f.sla_state.breached.push(clock);
    }
  }
  return finish(f);
}

export interface SlaCrossing { clock: SlaClock; kind: 'warning' | 'breach'; dueAt: Date }

/** Which warnings and breaches are due at `now`, and the fields with them marked as raised. */
export function crossings(current: SlaFields, now: Date): { fields: SlaFields; crossed: SlaCrossing[] } {
  const f = copy(current);
  const crossed: SlaCrossing[] = [];
  if (f.sla_paused_at) return { fields: finish(f), crossed };
  for (const clock of clocks) {
    const due = f[dueColumn[clock]];
    if (!due || f.sla_state.breached.includes(clock)) continue;
    if (due.getTime() <= now.getTime()) {
      f.sla_state.breached.push(clock);
      if (!f.sla_state.warned.includes(clock)) f.sla_state.warned.push(clock);
      crossed.push({ clock, kind: 'breach', dueAt: due });
      continue;
    }
    const warnAt = f.sla_state.warnAt[clock];
    if (warnAt && !f.sla_state.warned.includes(clock) && Date.parse(warnAt) <= now.getTime()) {
      f.sla_state.warned.push(clock);
      crossed.push({ clock, kind: 'warning', dueAt: due });
    }
  }
  return { fields: finish(f), crossed };
}

/** The conversation's SLA fields as stored. */
export function fieldsOf(row: { sla_policy_id: string | null; first_response_due_at: Date | null; next_response_due_at: Date | null; resolution_due_at: Date | null; sla_paused_at: Date | null; sla_state: unknown; sla_due_at: Date | null }): SlaFields {
  return {
    sla_policy_id: row.sla_policy_id, first_response_due_at: row.first_response_due_at, next_response_due_at: row.next_response_due_at,
    resolution_due_at: row.resolution_due_at, sla_paused_at: row.sla_paused_at, sla_state: stateOf(row.sla_state), sla_due_at: row.sla_due_at,
  };
}
