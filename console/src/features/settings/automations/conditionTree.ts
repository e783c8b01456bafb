import {
  automationConditionOps, automationFieldTriggers, automationLimits, automationSegments, channelTypes, conditionLeaves, conversationStatuses,
  deliveryStates, fulfilmentStates, paymentStates, priorities, triageIntents, triageLanguages, triageSentiments, triageUrgencies,
  type AutomationCondition, type AutomationConditionGroup, type AutomationConditionLeaf, type AutomationField, type AutomationTrigger,
} from '@careloop/contracts';

/**
 * The rule builder's condition tree, edited immutably by path. A path lists child indexes from the root
 * group; the only child of a `not` is index 0. The root is always an `all` or `any` group in the editor
 * (`{ all: [] }` runs on every event), and NOT is shown as a marker on the node it wraps.
 */
export type Path = readonly number[];
export type GroupKind = 'all' | 'any';
export type RootGroup = { all: AutomationCondition[] } | { any: AutomationCondition[] };

export const isLeaf = (c: AutomationCondition): c is AutomationConditionLeaf => 'field' in c;
export const isNot = (c: AutomationCondition): c is { not: AutomationCondition } => 'not' in c;
export const groupKind = (c: AutomationCondition): GroupKind | null => ('all' in c ? 'all' : 'any' in c ? 'any' : null);

export function childrenOf(c: AutomationCondition): AutomationCondition[] {
  if ('all' in c) return c.all;
  if ('any' in c) return c.any;
  if ('not' in c) return [c.not];
  return [];
}

function withChildren(c: AutomationConditionGroup, children: AutomationCondition[]): AutomationConditionGroup {
  if ('all' in c) return { all: children };
  if ('any' in c) return { any: children };
  return { not: children[0]! };
}

/** Groups nested in each other (all, any and not each count); a leaf alone is 0. */
export function depthOf(c: AutomationCondition): number {
  return isLeaf(c) ? 0 : 1 + Math.max(0, ...childrenOf(c).map(depthOf));
}

/** Within the contract's limits: nesting depth and number of field tests. */
export function fits(root: AutomationCondition): boolean {
  return depthOf(root) <= automationLimits.depth && conditionLeaves(root).length <= automationLimits.conditions;
}

export function nodeAt(root: AutomationCondition, path: Path): AutomationCondition | undefined {
  let node: AutomationCondition | undefined = root;
  for (const i of path) node = node ? childrenOf(node)[i] : undefined;
  return node;
}

export function updateAt(root: AutomationCondition, path: Path, fn: (c: AutomationCondition) => AutomationCondition): AutomationCondition {
  if (path.length === 0) return fn(root);
  if (isLeaf(root)) return root;
  const [i, ...rest] = path;
  const children = childrenOf(root).map((child, k) => (k === i ? updateAt(child, rest, fn) : child));
  return withChildren(root, children);
}

/** Removes a node; removing the only child of a NOT removes the NOT with it. */
export function removeAt(root: AutomationCondition, path: Path): AutomationCondition {
  if (path.length === 0) return root;
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  if (parent && isNot(parent)) return removeAt(root, parentPath);
  const index = path[path.length - 1]!;
  return updateAt(root, parentPath, (g) => (isLeaf(g) ? g : withChildren(g, childrenOf(g).filter((_, k) => k !== index))));
}

export function addChild(root: AutomationCondition, groupPath: Path, child: AutomationCondition): AutomationCondition {
  return updateAt(root, groupPath, (g) => (groupKind(g) ? withChildren(g as AutomationConditionGroup, [...childrenOf(g), child]) : g));
}

export function setGroupKind(root: AutomationCondition, path: Path, kind: GroupKind): AutomationCondition {
  return updateAt(root, path, (g) => (groupKind(g) ? (kind === 'all' ? { all: childrenOf(g) } : { any: childrenOf(g) }) : g));
}

/** Wraps a node in NOT, or unwraps it when `path` is the NOT itself. */
export function toggleNot(root: AutomationCondition, path: Path): AutomationCondition {
  return updateAt(root, path, (c) => (isNot(c) ? c.not : { not: c }));
}

/** `not not x` is `x`, everywhere in the tree. */
export function simplify(c: AutomationCondition): AutomationCondition {
  if (isLeaf(c)) return c;
  if (isNot(c)) return isNot(c.not) ? simplify(c.not.not) : { not: simplify(c.not) };
  return withChildren(c, childrenOf(c).map(simplify));
}

/** What the editor starts from: a stored tree with an `all`/`any` root (a lone leaf or NOT goes inside an `all`). */
export function editableRoot(c: AutomationCondition | undefined): RootGroup {
  const tree = simplify(c ?? { all: [] });
  return 'all' in tree || 'any' in tree ? (tree as RootGroup) : { all: [tree] };
}

/** The contract's dotted path of a node ("conditions.any.1.not.value"), where server errors point. */
export function jsonPath(root: AutomationCondition, path: Path, base = 'conditions'): string {
  let node: AutomationCondition | undefined = root;
  let out = base;
  for (const i of path) {
    if (!node) break;
    const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : 'not';
    out += kind === 'not' ? '.not' : `.${kind}.${i}`;
    node = childrenOf(node)[i];
  }
  return out;
}

// ── fields, operators, values ────────────────────────────────────────────────────────────

export const automationFields = Object.keys(automationConditionOps) as AutomationField[];
export const fieldFits = (field: AutomationField, trigger: AutomationTrigger) => automationFieldTriggers[field]?.includes(trigger) ?? true;
export const fieldsFor = (trigger: AutomationTrigger) => automationFields.filter((f) => fieldFits(f, trigger));
export const opsOf = (field: AutomationField): readonly string[] => automationConditionOps[field];

/** Which input a field's value needs under an operator. */
export type ValueKind = 'enum' | 'enumList' | 'text' | 'textList' | 'label' | 'labelList' | 'boolean' | 'scalar' | 'number' | 'money' | 'score' | 'agent' | 'team' | 'none';

export function valueKind(field: AutomationField, op: string): ValueKind {
  switch (field) {
    case 'message.text': return op === 'contains_any' ? 'textList' : 'text';
    case 'labels': return op === 'has' ? 'label' : 'labelList';
    case 'business_hours': return 'boolean';
    case 'contact.attribute': return op === 'exists' ? 'boolean' : op === 'contains' ? 'text' : op === 'gt' || op === 'lt' ? 'number' : 'scalar';
    case 'contact.lifetime_spend': return 'money';
    case 'assignee': return op === 'is_none' ? 'none' : op === 'team_is' ? 'team' : 'agent';
    case 'survey.score': return 'score';
    default: return op === 'in' || op === 'not_in' ? 'enumList' : 'enum';
  }
}

/** An order's payment, fulfilment and delivery states answer one list; "returned" is in two of them and listed once. */
export const orderStatuses = [...new Set<string>([...paymentStates, ...fulfilmentStates, ...deliveryStates])];

export function enumValues(field: AutomationField): readonly string[] {
  switch (field) {
    case 'channel': return channelTypes;
    case 'language': return triageLanguages;
    case 'sentiment': return triageSentiments;
    case 'intent': return triageIntents;
    case 'urgency': return triageUrgencies;
    case 'priority': return priorities;
    case 'segment': return automationSegments;
    case 'conversation.status': return conversationStatuses;
    case 'order.status': return orderStatuses;
    default: return [];
  }
}

const enumDefault: Partial<Record<AutomationField, string>> = { language: 'vi', sentiment: 'negative', urgency: 'high', priority: 'high' };

function defaultValue(field: AutomationField, kind: ValueKind): unknown {
  switch (kind) {
    case 'enum': return enumDefault[field] ?? enumValues(field)[0];
    case 'enumList': case 'textList': case 'labelList': return [];
    case 'text': case 'label': case 'scalar': case 'agent': case 'team': return '';
    case 'boolean': return true;
    case 'number': return 0;
    case 'money': return 1_000_000;
    case 'score': return 6;
    case 'none': return undefined;
  }
}

type LooseLeaf = { field: AutomationField; op: string; key?: string; value?: unknown };
const asLeaf = (l: LooseLeaf) => l as unknown as AutomationConditionLeaf;
const build = (field: AutomationField, op: string, value: unknown, key?: string): AutomationConditionLeaf => {
  const leaf: LooseLeaf = { field, op };
  if (field === 'contact.attribute') leaf.key = key ?? '';
  if (value !== undefined) leaf.value = value;
  return asLeaf(leaf);
};

/** A new test of a field, with its first operator and a starting value. */
export function defaultLeaf(field: AutomationField): AutomationConditionLeaf {
  const op = opsOf(field)[0]!;
  return build(field, op, defaultValue(field, valueKind(field, op)));
}

const isList = (k: ValueKind) => k === 'enumList' || k === 'textList' || k === 'labelList';
const scalarOf: Partial<Record<ValueKind, ValueKind>> = { enumList: 'enum', textList: 'text', labelList: 'label' };

/** Another operator: the value carries over where it still fits (one value ↔ a list of one), else starts afresh. */
export function withOp(leaf: AutomationConditionLeaf, op: string): AutomationConditionLeaf {
  const l = leaf as unknown as LooseLeaf;
  const from = valueKind(l.field, l.op);
  const to = valueKind(l.field, op);
  let value = defaultValue(l.field, to);
  if (from === to) value = l.value;
  else if (isList(to) && scalarOf[to] === from) value = typeof l.value === 'string' && l.value.trim() ? [l.value] : [];
  else if (isList(from) && scalarOf[from] === to && Array.isArray(l.value) && l.value.length) value = l.value[0];
  return build(l.field, op, value, l.key);
}

export function withValue(leaf: AutomationConditionLeaf, value: unknown): AutomationConditionLeaf {
  const l = leaf as unknown as LooseLeaf;
  return build(l.field, l.op, value, l.key);
}

export function withKey(leaf: AutomationConditionLeaf, key: string): AutomationConditionLeaf {
  const l = leaf as unknown as LooseLeaf;
  return build(l.field, l.op, l.value, key);
}

/** The leaves whose field the trigger does not provide (a survey score on a new conversation). */
export function misfits(root: AutomationCondition, trigger: AutomationTrigger): AutomationConditionLeaf[] {
  return conditionLeaves(root).filter((l) => !fieldFits(l.field, trigger));
}
