/**
 * Automation rules: WHEN a trigger event happens, IF a condition tree holds, THEN actions run.
 * The shapes are closed lists on purpose: the console builds rules from them, the server compiles
 * them into predicates (server/src/automations/engine), and anything outside them is refused here.
 */
import { z } from 'zod';
import { idParam, email } from './common.ts';
import { limits } from './limits.ts';
import { channelTypes } from './inboxes.ts';
import { conversationStatuses, priorities } from './conversations.ts';
import { segmentNames } from './analytics.ts';
import { deliveryStates, fulfilmentStates, paymentStates } from './commerce.ts';
import { templateVariables } from './canned.ts';
import { triageIntents, triageLanguages, triageSentiments, triageUrgencies } from './triage.ts';

export const automationLimits = {
  nameChars: 120,
  /** Messages, notes, e-mail bodies written by a rule. */
  textChars: 2_000,
  subjectChars: 200,
  /** A word or phrase a message is tested against. */
  needleChars: 200,
  /** Leaves (field tests) in one rule. */
  conditions: 50,
  /** Groups (all / any / not) nested inside each other. */
  depth: 4,
  actions: 20,
  /** Items of an `in` / `contains_any` / `has_any` list. */
  listItems: 100,
  urlChars: 2_000,
  snoozeMinutes: 60 * 24 * 30,
} as const;

export const automationTriggers = [
  'conversation.created', 'message.received', 'conversation.statusChanged', 'sla.warning', 'sla.breached', 'survey.answered', 'order.updated',
] as const;
export type AutomationTrigger = (typeof automationTriggers)[number];

/** RFM segments plus `vip`, which is a flag beside the segment rather than a segment of its own. */
export const automationSegments = [...segmentNames, 'vip'] as const;
export type AutomationSegment = (typeof automationSegments)[number];
/** An order's payment, fulfilment and delivery states all answer `order.status in […]`. */
export const orderStatusGroups = { payment: paymentStates, fulfilment: fulfilmentStates, delivery: deliveryStates } as const;
export type OrderStatusValue = (typeof paymentStates)[number] | (typeof fulfilmentStates)[number] | (typeof deliveryStates)[number];

/** Which operators each field accepts; the console offers exactly these. */
export const automationConditionOps = {
  channel: ['in', 'not_in'],
  'message.text': ['contains', 'not_contains', 'contains_any', 'matches_word', 'starts_with'],
  language: ['is', 'in'],
  sentiment: ['is', 'in'],
  intent: ['in'],
  urgency: ['is', 'in', 'at_least'],
  priority: ['is', 'in', 'at_least'],
  labels: ['has', 'has_any', 'has_none'],
  segment: ['in'],
  business_hours: ['is'],
  'order.status': ['in'],
  'contact.attribute': ['eq', 'neq', 'contains', 'exists', 'gt', 'lt'],
  'contact.lifetime_spend': ['gt', 'gte', 'lt', 'lte'],
  'conversation.status': ['in'],
  assignee: ['is_none', 'is', 'team_is'],
  'survey.score': ['lte', 'gte'],
} as const;
export type AutomationField = keyof typeof automationConditionOps;

/** Fields that only mean something for some triggers (a survey score exists once a survey is answered). */
export const automationFieldTriggers: Partial<Record<AutomationField, readonly AutomationTrigger[]>> = {
  'message.text': ['message.received', 'conversation.created'],
  'survey.score': ['survey.answered'],
};

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(automationLimits.listItems);
const label = z.string().trim().min(1).max(limits.labelChars);
/** Punctuation-only needles fold to nothing and would match every message. */
const needle = z.string().trim().min(1).max(automationLimits.needleChars).regex(/[\p{L}\p{N}]/u, 'Write at least one letter or digit');
const leaf = <F extends AutomationField, S extends z.ZodRawShape>(field: F, shape: S) => z.strictObject({ field: z.literal(field), ...shape });

/** `is` one value or `in` a list, for closed enums; `at_least` where the enum is ranked. */
function enumField<F extends AutomationField, V extends readonly [string, ...string[]]>(field: F, values: V) {
  return [leaf(field, { op: z.literal('is'), value: z.enum(values) }), leaf(field, { op: z.literal('in'), value: list(z.enum(values)) })] as const;
}
function rankedField<F extends AutomationField, V extends readonly [string, ...string[]]>(field: F, values: V) {
  return z.discriminatedUnion('op', [...enumField(field, values), leaf(field, { op: z.literal('at_least'), value: z.enum(values) })]);
}

const attributeKey = z.string().trim().min(1).max(64);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const leafOptions = [
  leaf('channel', { op: z.enum(['in', 'not_in']), value: list(z.enum(channelTypes)) }),
  z.discriminatedUnion('op', [
    leaf('message.text', { op: z.enum(['contains', 'not_contains', 'matches_word', 'starts_with']), value: needle }),
    leaf('message.text', { op: z.literal('contains_any'), value: list(needle) }),
  ]),
  z.discriminatedUnion('op', enumField('language', triageLanguages)),
  z.discriminatedUnion('op', enumField('sentiment', triageSentiments)),
  leaf('intent', { op: z.literal('in'), value: list(z.enum(triageIntents)) }),
  rankedField('urgency', triageUrgencies),
  rankedField('priority', priorities),
  z.discriminatedUnion('op', [
    leaf('labels', { op: z.literal('has'), value: label }),
    leaf('labels', { op: z.enum(['has_any', 'has_none']), value: list(label) }),
  ]),
  leaf('segment', { op: z.literal('in'), value: list(z.enum(automationSegments)) }),
  leaf('business_hours', { op: z.literal('is'), value: z.boolean() }),
  leaf('order.status', { op: z.literal('in'), value: list(z.union([z.enum(paymentStates), z.enum(fulfilmentStates), z.enum(deliveryStates)])) }),
  z.discriminatedUnion('op', [
    leaf('contact.attribute', { key: attributeKey, op: z.enum(['eq', 'neq']), value: z.union([z.string().trim().max(200), z.number().finite(), z.boolean()]) }),
    leaf('contact.attribute', { key: attributeKey, op: z.literal('contains'), value: needle }),
    leaf('contact.attribute', { key: attributeKey, op: z.literal('exists'), value: z.boolean() }),
    leaf('contact.attribute', { key: attributeKey, op: z.enum(['gt', 'lt']), value: z.number().finite() }),
  ]),
  leaf('contact.lifetime_spend', { op: z.enum(['gt', 'gte', 'lt', 'lte']), value: money }),
  leaf('conversation.status', { op: z.literal('in'), value: list(z.enum(conversationStatuses)) }),
  z.discriminatedUnion('op', [
    leaf('assignee', { op: z.literal('is_none') }),
    leaf('assignee', { op: z.enum(['is', 'team_is']), value: idParam }),
  ]),
  leaf('survey.score', { op: z.enum(['lte', 'gte']), value: z.number().int().min(0).max(10) }),
] as const;

/** `id`s put each schema once into the JSON Schema's `$defs` (OpenAPI) instead of inlining it at every level. */
export const automationConditionLeaf = z.discriminatedUnion('field', [...leafOptions]).meta({ id: 'AutomationConditionLeaf' });
export type AutomationConditionLeaf = z.infer<typeof automationConditionLeaf>;
export type AutomationConditionGroup = { all: AutomationCondition[] } | { any: AutomationCondition[] } | { not: AutomationCondition };
export type AutomationCondition = AutomationConditionGroup | AutomationConditionLeaf;

const isGroupShape = (v: unknown) => typeof v === 'object' && v !== null && ('all' in v || 'any' in v || 'not' in v);

/**
 * The tree is built to its maximum depth instead of recursing lazily: a 30,000-level `not` chain in a
 * request body is refused at level 5 without deep recursion, and each error has a precise path
 * (groups carry no `field`, so `field` discriminates groups from leaves).
 */
function conditionAt(groupsLeft: number): z.ZodType<AutomationCondition> {
  if (groupsLeft === 0) {
    return z.discriminatedUnion('field', [automationConditionLeaf], {
      error: (iss) => (iss.code === 'invalid_union' && isGroupShape(iss.input) ? `Groups (all, any, not) nest at most ${automationLimits.depth} deep` : undefined),
    }).meta({ id: 'AutomationConditionInnermost' });
  }
  const child = conditionAt(groupsLeft - 1);
  const group = z.strictObject({
    field: z.undefined().optional(),
    all: z.array(child).max(automationLimits.conditions).optional(),
    any: z.array(child).min(1).max(automationLimits.conditions).optional(),
    not: child.optional(),
  }).refine((g) => [g.all, g.any, g.not].filter((x) => x !== undefined).length === 1, 'A group has exactly one of all, any or not');
  // The object schema's inferred type is wider than the union it checks (`exactly one of`).
  return z.discriminatedUnion('field', [group, automationConditionLeaf]).meta({ id: `AutomationConditionLevel${groupsLeft}` }) as unknown as z.ZodType<AutomationCondition>;
}

/** Every field test in a tree, depth first. */
export function conditionLeaves(c: AutomationCondition): AutomationConditionLeaf[] {
  if ('all' in c) return c.all.flatMap(conditionLeaves);
  if ('any' in c) return c.any.flatMap(conditionLeaves);
  if ('not' in c) return conditionLeaves(c.not);
  return [c];
}

export const automationCondition = conditionAt(automationLimits.depth).refine(
  (c) => conditionLeaves(c).length <= automationLimits.conditions,
  `A rule tests at most ${automationLimits.conditions} conditions`,
);

// ── actions ───────────────────────────────────────────────────────────────────
const knownVariables = new Set<string>(templateVariables);
/** Rule text: `{{contact.name}}`-style variables must be known, so a typo does not silently render as nothing. */
const ruleText = z.string().trim().min(1).max(automationLimits.textChars).superRefine((text, ctx) => {
  for (const m of text.matchAll(/\{\{\s*([^}|]*?)\s*(?:\|[^}]*)?\}\}/g)) {
    if (!knownVariables.has(m[1]!)) ctx.addIssue({ code: 'custom', message: `Unknown variable {{${m[1]}}}` });
  }
});
/** http(s) only, no credentials in the address (they would end up in logs); the caller still guards private networks. */
const webhookUrl = z.string().trim().max(automationLimits.urlChars).regex(/^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i, 'The address must start with http:// or https://');
const action = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

export const automationAction = z.discriminatedUnion('type', [
  action('assign_agent', { agentId: idParam }),
  action('assign_team', { teamId: idParam }),
  action('set_priority', { priority: z.enum(priorities) }),
  action('add_label', { label }),
  action('remove_label', { label }),
  action('send_canned', { cannedId: idParam }),
  action('send_message', { text: ruleText }),
  action('send_email', { to: z.union([z.enum(['contact', 'team']), email]), subject: z.string().trim().min(1).max(automationLimits.subjectChars), text: ruleText }),
  action('snooze', { minutes: z.number().int().min(1).max(automationLimits.snoozeMinutes) }),
  action('resolve', { message: ruleText.optional() }),
  action('escalate', { to: z.enum(['team_lead', 'supervisors']) }),
  action('suggest_compensation', {}),
  action('call_webhook', { url: webhookUrl, secret: z.string().min(8).max(200).optional() }),
  action('notify', { audience: z.union([z.enum(['assignee', 'team', 'supervisors']), idParam]), text: ruleText }),
  action('stop_processing', {}),
]);
export type AutomationAction = z.infer<typeof automationAction>;
export type AutomationActionType = AutomationAction['type'];
export const automationActionTypes = automationAction.options.map((o) => o.shape.type.value) as AutomationActionType[];

// ── rules ─────────────────────────────────────────────────────────────────────
const ruleFields = {
  name: z.string().trim().min(1).max(automationLimits.nameChars),
  enabled: z.boolean(),
  trigger: z.enum(automationTriggers),
  conditions: automationCondition,
  actions: z.array(automationAction).min(1).max(automationLimits.actions)
    .refine((a) => a.filter((x) => x.type === 'stop_processing').length <= 1, 'stop_processing appears at most once'),
  /** Rules of one trigger run in ascending order (ties by id). */
  order: z.number().int().min(0).max(1_000_000),
};
/** Defaults only where a whole rule is written: a patch must not reset what it leaves out. */
const ruleDefaults = {
  enabled: ruleFields.enabled.default(true),
  /** `{ all: [] }` always holds: the rule runs on every event of its trigger. */
  conditions: ruleFields.conditions.default({ all: [] }),
  order: ruleFields.order.default(0),
};

/** Checks that need the trigger and the conditions together. */
function checkFieldsFitTrigger(rule: { trigger?: AutomationTrigger; conditions?: AutomationCondition }, ctx: z.RefinementCtx) {
  if (!rule.trigger || !rule.conditions) return;
  for (const l of conditionLeaves(rule.conditions)) {
    const only = automationFieldTriggers[l.field];
    if (only && !only.includes(rule.trigger)) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: `${l.field} can only be tested when ${only.join(' or ')}` });
    }
  }
}

/** Create, or replace a whole rule. */
export const automationRuleInput = z.strictObject({ ...ruleFields, ...ruleDefaults }).superRefine(checkFieldsFitTrigger);
export type AutomationRuleInput = z.input<typeof automationRuleInput>;
/** Change some fields; the service checks the merged rule with `automationRuleInput` again. */
export const automationRulePatch = z.strictObject(ruleFields).partial();
export type AutomationRulePatch = z.input<typeof automationRulePatch>;
/** A stored rule, as the engine and the API read it. */
export const automationRule = z.strictObject({ id: idParam, ...ruleFields, ...ruleDefaults }).superRefine(checkFieldsFitTrigger);
export type AutomationRule = z.output<typeof automationRule>;

/** A rule as the console lists it: with a sentence in each language and how often it ran. */
export type AutomationRuleDto = AutomationRule & {
  description: { vi: string; en: string };
  createdAt: string;
  updatedAt: string;
  runsLastDay: number;
  lastRunAt: string | null;
};
export const automationOrderInput = z.object({ ids: z.array(idParam).max(500) });
/** "Which of the last 100 conversations would this rule match?" (nothing is changed). */
export const automationDryRunInput = z.object({ rule: automationRuleInput, limit: z.number().int().min(1).max(100).default(100) });
export interface AutomationDryRunDto {
  checked: number;
  matched: { conversationId: string; number: number; contactName: string | null; lastMessage: string | null; actions: AutomationActionType[] }[];
}
export const automationOutcomes = ['applied', 'failed', 'skipped_loop'] as const;
/** One line of the execution log. */
export interface AutomationRunDto {
  id: string;
  ruleId: string | null;
  ruleName: string | null;
  conversationId: string | null;
  conversationNumber: number | null;
  trigger: AutomationTrigger;
  outcome: (typeof automationOutcomes)[number];
  /** What it did, one line per action ("priority → high", "label refund"), or why it was held back. */
  actions: string[];
  error: string | null;
  depth: number;
  createdAt: string;
}
export const automationRunsQuery = z.object({
  ruleId: idParam.optional(),
  conversationId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
