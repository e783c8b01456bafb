/**
 * Rules are compiled once (when the rule set of a workspace loads or changes) into closures, so
 * evaluating an event costs Set lookups and `includes` on pre-folded strings: no JSON walking,
 * no folding of rule literals and no regular expressions per message.
 */
import type { Priority } from '@careloop/contracts';
import type {
  AutomationAction, AutomationCondition, AutomationConditionLeaf, AutomationRule, AutomationTrigger,
} from '@careloop/contracts';
import type { TriageUrgency } from '@careloop/contracts';
import { foldLabel, literalKey, matchKey, type AttributeValue, type Facts } from './facts.ts';

export type Predicate = (facts: Facts) => boolean;

export interface CompiledRule {
  id: string;
  name: string;
  trigger: AutomationTrigger;
  order: number;
  test: Predicate;
  /** The actions to run, without `stop_processing` (that one is `stops`). */
  actions: readonly AutomationAction[];
  stops: boolean;
}

export interface CompiledRules {
  /** Enabled rules per trigger, in run order. */
  byTrigger: ReadonlyMap<AutomationTrigger, readonly CompiledRule[]>;
  /** Stored rules that no longer compile (e.g. written by an older version); the others still run. */
  invalid: readonly { ruleId: string; error: string }[];
}

const always: Predicate = () => true;

/** A predicate with a rough cost, so cheap tests run first inside a group (they have no side effects). */
interface Node { test: Predicate; cost: number }

export function compileCondition(condition: AutomationCondition): Predicate {
  return node(condition).test;
}

function node(c: AutomationCondition): Node {
  if ('all' in c) return group(c.all.map(node), true);
  if ('any' in c) return group(c.any.map(node), false);
  if ('not' in c) {
    const inner = node(c.not);
    const test = inner.test;
    return { test: (f) => !test(f), cost: inner.cost };
  }
  return leaf(c);
}

function group(children: Node[], all: boolean): Node {
  const sorted = [...children].sort((a, b) => a.cost - b.cost);
  const tests = sorted.map((n) => n.test);
  const cost = sorted.reduce((sum, n) => sum + n.cost, 0);
  if (tests.length === 0) return { test: all ? always : () => false, cost: 0 };
  if (tests.length === 1) return { test: tests[0]!, cost };
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return { test: all ? (f) => a(f) && b(f) : (f) => a(f) || b(f), cost };
  }
  const test: Predicate = all
    ? (f) => { for (const t of tests) if (!t(f)) return false; return true; }
    : (f) => { for (const t of tests) if (t(f)) return true; return false; };
  return { test, cost };
}

/** Ranked enums, least first: `at_least` compares ranks. */
const priorityRank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const urgencyRank: Record<TriageUrgency, number> = { low: 0, normal: 1, high: 2 };

function leaf(c: AutomationConditionLeaf): Node {
  const cheap = (test: Predicate): Node => ({ test, cost: 1 });
  const text = (test: Predicate, literals = 1): Node => ({ test, cost: 2 + literals });
  switch (c.field) {
    case 'channel': {
      const set = new Set<string>(c.value);
      return cheap(c.op === 'in' ? (f) => f.channel !== null && set.has(f.channel) : (f) => f.channel === null || !set.has(f.channel));
    }
    case 'message.text': {
      if (c.op === 'contains_any') {
        const keys = c.value.map(literalKey);
        return text((f) => keys.some((k) => f.foldedText.includes(k)), keys.length);
      }
      if (c.op === 'matches_word') {
        const word = matchKey(c.value);
        return text((f) => f.foldedText.includes(word));
      }
      const key = literalKey(c.value);
      if (c.op === 'starts_with') {
        const start = ` ${key}`;
        return text((f) => f.foldedText.startsWith(start));
      }
      return text(c.op === 'contains' ? (f) => f.foldedText.includes(key) : (f) => !f.foldedText.includes(key));
    }
    case 'language':
    case 'sentiment': {
      const pick = c.field === 'language' ? (f: Facts) => f.language : (f: Facts) => f.sentiment;
      return cheap(isOrIn(c.op, c.value, pick));
    }
    case 'intent': {
      const set = new Set<string>(c.value);
      return cheap((f) => f.intent !== null && set.has(f.intent));
    }
    case 'urgency':
      return cheap(ranked(c.op, c.value, urgencyRank, (f) => f.urgency));
    case 'priority':
      return cheap(ranked(c.op, c.value, priorityRank, (f) => f.priority));
    case 'labels': {
      if (c.op === 'has') {
        const key = foldLabel(c.value);
        return cheap((f) => f.labels.has(key));
      }
      const keys = c.value.map(foldLabel);
      const any: Predicate = (f) => keys.some((k) => f.labels.has(k));
      return cheap(c.op === 'has_any' ? any : (f) => !any(f));
    }
    case 'segment': {
      const set = new Set<string>(c.value);
      const vip = set.has('vip');
      return cheap((f) => (vip && f.vip) || (f.segment !== null && set.has(f.segment)));
    }
    case 'business_hours': {
      const want = c.value;
      return cheap((f) => f.businessHours === want);
    }
    case 'order.status': {
      const set = new Set<string>(c.value);
      return cheap((f) => f.orderStatuses.some((s) => set.has(s)));
    }
    case 'contact.attribute':
      return attribute(c);
    case 'contact.lifetime_spend': {
      const v = c.value;
      const cmp = compare(c.op, v);
      return cheap((f) => f.lifetimeSpend !== null && cmp(f.lifetimeSpend));
    }
    case 'conversation.status': {
      const set = new Set<string>(c.value);
      return cheap((f) => f.conversationStatus !== null && set.has(f.conversationStatus));
    }
    case 'assignee': {
      if (c.op === 'is_none') return cheap((f) => f.assigneeId === null);
      const id = c.value;
      return cheap(c.op === 'is' ? (f) => f.assigneeId === id : (f) => f.teamId === id);
    }
    case 'survey.score': {
      const cmp = compare(c.op, c.value);
      return cheap((f) => f.surveyScore !== null && cmp(f.surveyScore));
    }
    default: {
      const unknown: never = c;
      throw new Error(`Unknown condition field ${(unknown as { field: string }).field}`);
    }
  }
}

function isOrIn<V extends string>(op: 'is' | 'in', value: V | readonly V[], pick: (f: Facts) => V | null): Predicate {
  if (op === 'is') return (f) => pick(f) === value;
  const set = new Set<string>(value as readonly V[]);
  return (f) => { const v = pick(f); return v !== null && set.has(v); };
}

function ranked<V extends string>(op: 'is' | 'in' | 'at_least', value: V | readonly V[], rank: Record<V, number>, pick: (f: Facts) => V | null): Predicate {
  if (op !== 'at_least') return isOrIn(op, value, pick);
  const min = rank[value as V];
  return (f) => { const v = pick(f); return v !== null && rank[v] >= min; };
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', limit: number): (n: number) => boolean {
  switch (op) {
    case 'gt': return (n) => n > limit;
    case 'gte': return (n) => n >= limit;
    case 'lt': return (n) => n < limit;
    case 'lte': return (n) => n <= limit;
  }
}

/** Attributes are free-form: numbers may arrive as strings ("12"), and text compares folded. */
function attribute(c: Extract<AutomationConditionLeaf, { field: 'contact.attribute' }>): Node {
  const key = c.key;
  const get = (f: Facts): AttributeValue | undefined => (Object.hasOwn(f.attributes, key) ? f.attributes[key] : undefined);
  switch (c.op) {
    case 'exists': {
      const want = c.value;
      return { test: (f) => { const v = get(f); return (v !== undefined && v !== null && v !== '') === want; }, cost: 1 };
    }
    case 'gt':
    case 'lt': {
      const cmp = compare(c.op, c.value);
      return { test: (f) => { const n = toNumber(get(f)); return n !== null && cmp(n); }, cost: 1 };
    }
    case 'contains': {
      const needle = literalKey(c.value);
      return { test: (f) => { const v = get(f); return v !== undefined && v !== null && matchKey(String(v)).includes(needle); }, cost: 3 };
    }
    case 'eq':
    case 'neq': {
      const equals = equalsTo(c.value);
      const eq = c.op === 'eq';
      return { test: (f) => { const v = get(f); return (v !== undefined && v !== null && equals(v)) === eq; }, cost: 2 };
    }
  }
}

function equalsTo(want: string | number | boolean): (v: string | number | boolean) => boolean {
  if (typeof want === 'number') return (v) => toNumber(v) === want;
  if (typeof want === 'boolean') return (v) => v === want || (typeof v === 'string' && literalKey(v) === String(want));
  const key = literalKey(want);
  return (v) => literalKey(String(v)) === key;
}

function toNumber(v: AttributeValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function compileRule(rule: AutomationRule): CompiledRule {
  return {
    id: rule.id,
    name: rule.name,
    trigger: rule.trigger,
    order: rule.order,
    test: compileCondition(rule.conditions),
    actions: rule.actions.filter((a) => a.type !== 'stop_processing'),
    stops: rule.actions.some((a) => a.type === 'stop_processing'),
  };
}

/** Enabled rules indexed by trigger and sorted by `order`, then id (a stable order the console can show). */
export function compileRules(rules: readonly AutomationRule[]): CompiledRules {
  const byTrigger = new Map<AutomationTrigger, CompiledRule[]>();
  const invalid: { ruleId: string; error: string }[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    let compiled: CompiledRule;
    try {
      compiled = compileRule(rule);
    } catch (err) {
      invalid.push({ ruleId: rule.id, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const list = byTrigger.get(rule.trigger) ?? [];
    list.push(compiled);
    byTrigger.set(rule.trigger, list);
  }
  for (const list of byTrigger.values()) list.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { byTrigger, invalid };
}
