/**
 * Which rules fire for one event, in order, with loop protection. Actions can cause events
 * (set_priority → conversation.statusChanged → another rule → …); the guard the caller carries
 * along each chain stops that from running away. Pure: counts and history come in through the
 * guard, so the same call works in a test, a job and the subscriber.
 */
import type { AutomationAction } from '@careloop/contracts';
import type { CompiledRules } from './compile.ts';
import type { Facts } from './facts.ts';

export const loopLimits = {
  /** Events caused by automations may themselves fire rules down to this depth (the outside event is 0). */
  maxDepth: 3,
  /** Firings of one rule in one conversation within an hour, across chains. */
  perConversationPerHour: 10,
} as const;
export type LoopLimits = { maxDepth: number; perConversationPerHour: number };

export interface LoopGuard {
  /** 0 for an event from outside (customer, agent, job); the event caused by a rule's action gets depth + 1. */
  depth: number;
  /** `chainKey(ruleId, conversationId)` of every rule already fired in this chain. */
  firedInChain: ReadonlySet<string>;
  /** How often each rule fired in this event's conversation during the last hour (absent = 0). */
  firedLastHour: ReadonlyMap<string, number>;
}

export type SkipReason = 'max_depth' | 'once_per_chain' | 'hourly_cap';

export interface Evaluation {
  /** Rules that fire, in order, with the actions to run (no `stop_processing`). */
  fired: { ruleId: string; actions: readonly AutomationAction[] }[];
  /** Rules whose conditions held but that loop protection held back (for the execution log). */
  skipped: { ruleId: string; reason: SkipReason }[];
  /** The rule whose `stop_processing` ended the evaluation, if any. */
  stoppedBy: string | null;
}

export const chainKey = (ruleId: string, conversationId: string | null): string => `${ruleId}@${conversationId ?? ''}`;

/** The guard for an event from outside the engine. */
export const rootGuard = (firedLastHour: ReadonlyMap<string, number> = new Map()): LoopGuard => ({ depth: 0, firedInChain: new Set(), firedLastHour });

/**
 * The guard for events caused by the actions of `evaluation`: one level deeper, and the rules that
 * just fired are remembered for the rest of the chain. Pass the hourly counts as they are now.
 */
export function childGuard(parent: LoopGuard, evaluation: Evaluation, conversationId: string | null, firedLastHour: ReadonlyMap<string, number>): LoopGuard {
  const firedInChain = new Set(parent.firedInChain);
  for (const f of evaluation.fired) firedInChain.add(chainKey(f.ruleId, conversationId));
  return { depth: parent.depth + 1, firedInChain, firedLastHour };
}

/**
 * A matching rule's `stop_processing` applies even when loop protection holds the rule back, so a
 * lower rule it was meant to shadow does not fire in its place.
 */
export function evaluate(compiled: CompiledRules, facts: Facts, guard: LoopGuard, limits: LoopLimits = loopLimits): Evaluation {
  const result: Evaluation = { fired: [], skipped: [], stoppedBy: null };
  const rules = compiled.byTrigger.get(facts.event);
  if (!rules) return result;
  for (const rule of rules) {
    if (!rule.test(facts)) continue;
    const reason: SkipReason | null = guard.depth >= limits.maxDepth
      ? 'max_depth'
      : guard.firedInChain.has(chainKey(rule.id, facts.conversationId))
        ? 'once_per_chain'
        : (guard.firedLastHour.get(rule.id) ?? 0) >= limits.perConversationPerHour
          ? 'hourly_cap'
          : null;
    if (reason) result.skipped.push({ ruleId: rule.id, reason });
    else result.fired.push({ ruleId: rule.id, actions: rule.actions });
    if (rule.stops) {
      result.stoppedBy = rule.id;
      break;
    }
  }
  return result;
}

/**
 * In-memory firing history for one process (tests, a single node, or a cache in front of the
 * execution log): timestamps per (rule, conversation), pruned as they age out of the window.
 */
export class FiringLog {
  private readonly times = new Map<string, Map<string, number[]>>();
  constructor(private readonly windowMs = 60 * 60 * 1000) {}

  record(conversationId: string | null, ruleIds: Iterable<string>, now: number): void {
    const conv = conversationId ?? '';
    let rules = this.times.get(conv);
    if (!rules) this.times.set(conv, (rules = new Map()));
    for (const id of ruleIds) {
      const list = this.recent(rules.get(id), now);
      list.push(now);
      rules.set(id, list);
    }
  }

  /** Firings per rule in this conversation within the window ending at `now`. */
  countsFor(conversationId: string | null, now: number): Map<string, number> {
    const conv = conversationId ?? '';
    const rules = this.times.get(conv);
    const counts = new Map<string, number>();
    if (!rules) return counts;
    for (const [id, list] of rules) {
      const kept = this.recent(list, now);
      if (kept.length === 0) rules.delete(id);
      else {
        rules.set(id, kept);
        counts.set(id, kept.length);
      }
    }
    if (rules.size === 0) this.times.delete(conv);
    return counts;
  }

  /** Drop every timestamp older than the window (call now and then so quiet conversations are forgotten). */
  prune(now: number): void {
    for (const conv of [...this.times.keys()]) this.countsFor(conv, now);
  }

  private recent(list: number[] | undefined, now: number): number[] {
    if (!list) return [];
    const from = now - this.windowMs;
    let i = 0;
    while (i < list.length && list[i]! <= from) i++;
    return i === 0 ? list : list.slice(i);
  }
}
