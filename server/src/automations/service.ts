/**
 * Automation rules (issue 7 §3): stored, described, dry-run, and run. Events that rules listen to
 * enqueue an `automations.run` job in the transaction that causes them (only when the workspace has
 * an enabled rule for that trigger), so a rule never misses an event and never blocks it; the job
 * gathers the facts once, evaluates every rule (engine/), runs the actions and writes the log.
 */
import {
  automationRule, automationRuleInput, type AutomationAction, type AutomationDryRunDto, type AutomationRule, type AutomationRuleDto,
  type AutomationRulePatch, type AutomationRunDto, type AutomationTrigger,
} from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, publish, type Ctx, type Deps } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { requireRole } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { getMessageRow } from '../messages/service.ts';
import { listRecentConversations, requireConversation } from '../conversations/service.ts';
import { compileRules, type CompiledRules } from './engine/compile.ts';
import { describeRule } from './engine/describe.ts';
import { chainKey, evaluate, loopLimits, type LoopGuard } from './engine/evaluate.ts';
import { gatherFacts } from './facts-of.ts';
import { runAction } from './actions.ts';
import * as store from './store.ts';

export const automationsQueue = { name: 'automations.run', retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 120, batchSize: 20 };

export interface AutomationJob {
  workspaceId: string;
  trigger: AutomationTrigger;
  conversationId: string;
  messageId?: string | null;
  surveyScore?: number | null;
  /** 0 for an outside event; events caused by rules carry their chain. */
  depth: number;
  fired: string[];
}

// ── rules, compiled and cached per workspace ───────────────────────────────────────────────

interface Cached { at: number; rows: Row<'automation_rules'>[]; compiled: CompiledRules }
const cache = new Map<string, Cached>();
const ttlMs = 5_000;

const ruleOf = (row: Row<'automation_rules'>): AutomationRule => ({
  id: row.id, name: row.name, enabled: row.enabled, trigger: row.trigger as AutomationTrigger,
  conditions: row.conditions as AutomationRule['conditions'], actions: row.actions as AutomationAction[], order: row.position,
});

async function rulesOf(ctx: Ctx): Promise<Cached> {
  const hit = cache.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < ttlMs) return hit;
  const rows = await store.listRules(ctx.db, ctx.workspaceId);
  const entry = { at: Date.now(), rows, compiled: compileRules(rows.map(ruleOf)) };
  cache.set(ctx.workspaceId, entry);
  return entry;
}
const forget = (workspaceId: string) => cache.delete(workspaceId);

/**
 * In the transaction that causes an event: queue the rules' run for it, if any enabled rule listens.
 * `ctx.chain` (set while rules act) makes it a caused event, one level deeper.
 */
export async function queueAutomations(tx: Ctx, event: { trigger: AutomationTrigger; conversationId: string; messageId?: string | null; surveyScore?: number | null }): Promise<void> {
  if (!(await hasAutomations(tx, event.trigger))) return;
  await tx.deps.jobs.enqueue(tx.db, automationsQueue.name, automationJob(tx, event.trigger, event.conversationId, event));
}

/** Does any enabled rule of the workspace listen to this trigger? */
export async function hasAutomations(ctx: Ctx, trigger: AutomationTrigger): Promise<boolean> {
  return Boolean((await rulesOf(ctx)).compiled.byTrigger.get(trigger)?.length);
}

/** The job data for one event (`ctx.chain`, set while rules act, makes it a caused event). */
export function automationJob(tx: Ctx, trigger: AutomationTrigger, conversationId: string, extra: { messageId?: string | null; surveyScore?: number | null } = {}): AutomationJob {
  return {
    workspaceId: tx.workspaceId, trigger, conversationId, messageId: extra.messageId ?? null,
    surveyScore: extra.surveyScore ?? null, depth: tx.chain ? tx.chain.depth : 0, fired: tx.chain?.fired ?? [],
  };
}

// ── running ──────────────────────────────────────────────────────────────────────────────────

/** The `automations.run` job: evaluate the rules of one event and run what fires, logging each rule. */
export async function runAutomations(deps: Deps, job: AutomationJob, jobId: string): Promise<void> {
  const ctx: Ctx = { deps, db: deps.db, workspaceId: job.workspaceId, actor: { type: 'system' }, log: deps.log, ip: null };
  const conversation = await requireConversation(ctx, job.conversationId).catch(() => null);
  if (!conversation) return;
  const { compiled, rows } = await rulesOf(ctx);
  const message = job.messageId ? await getMessageRow(ctx, job.messageId).catch(() => null) : null;
  const gathered = await gatherFacts(ctx, job.trigger, { conversation, message, surveyScore: job.surveyScore ?? null });
  const counts = await store.countRecentRuns(ctx.db, ctx.workspaceId, conversation.id, new Date(Date.now() - 3_600_000));
  const guard: LoopGuard = {
    depth: job.depth, firedInChain: new Set(job.fired), firedLastHour: new Map(counts.map((c) => [c.rule_id ?? '', Number(c.n)])),
  };
  const evaluation = evaluate(compiled, gathered.facts, guard, loopLimits);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const runs: Parameters<typeof store.insertRuns>[1] = evaluation.skipped.map((s) => ({
    id: newId('automationRun'), workspace_id: ctx.workspaceId, rule_id: s.ruleId, conversation_id: conversation.id, trigger: job.trigger,
    outcome: 'skipped_loop' as const, actions: JSON.stringify([`held back: ${s.reason}`]), depth: job.depth,
  }));
  const fired = [...job.fired, ...evaluation.fired.map((f) => chainKey(f.ruleId, conversation.id))];
  const upset = conversation.upset_at !== null && conversation.status !== 'resolved';
  for (const rule of evaluation.fired) {
    const acting: Ctx = { ...ctx, chain: { depth: job.depth + 1, fired } };
    const done: string[] = [];
    let error: string | null = null;
    for (const [i, action] of rule.actions.entries()) {
      try {
        done.push(await runAction({
          ctx: acting, conversationId: conversation.id, variables: gathered.variables, contactEmail: gathered.contact?.email ?? null,
          runKey: `auto:${jobId}:${rule.ruleId}`, upset,
        }, action, i));
      } catch (err) {
        error = `${action.type}: ${err instanceof Error ? err.message : String(err)}`;
        break; // the rest of this rule's actions depend on the order it was written in
      }
    }
    runs.push({
      id: newId('automationRun'), workspace_id: ctx.workspaceId, rule_id: rule.ruleId, conversation_id: conversation.id, trigger: job.trigger,
      outcome: error ? 'failed' : 'applied', actions: JSON.stringify(done), error, depth: job.depth,
    });
  }
  await store.insertRuns(ctx.db, runs);
  for (const run of runs) {
    await publish(deps, { workspaceId: ctx.workspaceId, event: { type: 'automation.ran', ruleId: run.rule_id ?? '', conversationId: run.conversation_id ?? null, outcome: run.outcome } });
  }
  if (runs.some((r) => r.outcome === 'failed')) deps.log.warn('automation actions failed', { workspaceId: ctx.workspaceId, rules: runs.filter((r) => r.outcome === 'failed').map((r) => names.get(r.rule_id ?? '')) });
}

// ── the rules API ───────────────────────────────────────────────────────────────────────────

async function present(ctx: Ctx, rows: Row<'automation_rules'>[]): Promise<AutomationRuleDto[]> {
  const [stats, last] = await Promise.all([store.runStats(ctx.db, ctx.workspaceId, new Date(Date.now() - 86_400_000)), store.lastRuns(ctx.db, ctx.workspaceId)]);
  const day = new Map(stats.map((s) => [s.rule_id, Number(s.n)]));
  const lastAt = new Map(last.map((s) => [s.rule_id, s.last as Date | null]));
  return rows.map((row) => {
    const rule = ruleOf(row);
    return {
      ...rule, description: { vi: describeRule(rule, 'vi'), en: describeRule(rule, 'en') },
      createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
      runsLastDay: day.get(row.id) ?? 0, lastRunAt: lastAt.get(row.id)?.toISOString() ?? null,
    };
  });
}

export async function listAutomationRules(ctx: Ctx): Promise<AutomationRuleDto[]> {
  return present(ctx, await store.listRules(ctx.db, ctx.workspaceId));
}

const columnsOf = (rule: z.output<typeof automationRuleInput>) => ({
  name: rule.name, enabled: rule.enabled, trigger: rule.trigger, conditions: JSON.stringify(rule.conditions), actions: JSON.stringify(rule.actions), position: rule.order,
});

async function one(ctx: Ctx, id: string): Promise<AutomationRuleDto> {
  const row = await store.getRule(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Automation rule');
  return (await present(ctx, [row]))[0]!;
}

export async function createAutomationRule(ctx: Ctx, input: z.output<typeof automationRuleInput>): Promise<AutomationRuleDto> {
  requireRole(ctx.actor, 'admin');
  const id = await inTransaction(ctx, async (tx) => {
    const row = await store.insertRule(tx.db, {
      id: newId('automationRule'), workspace_id: tx.workspaceId, ...columnsOf(input), created_by: tx.actor.type === 'agent' ? tx.actor.id : null,
    });
    await recordAudit(tx, 'automation.rule_created', { type: 'automation_rule', id: row.id }, { name: input.name, trigger: input.trigger });
    return row.id;
  });
  forget(ctx.workspaceId);
  return one(ctx, id);
}

export async function replaceAutomationRule(ctx: Ctx, id: string, input: z.output<typeof automationRuleInput>): Promise<AutomationRuleDto> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    if (!(await store.updateRule(tx.db, tx.workspaceId, id, columnsOf(input)))) throw notFound('Automation rule');
    await recordAudit(tx, 'automation.rule_updated', { type: 'automation_rule', id }, { name: input.name });
  });
  forget(ctx.workspaceId);
  return one(ctx, id);
}

/** Change some fields; the merged rule is checked as a whole again (a trigger change may not fit the conditions). */
export async function patchAutomationRule(ctx: Ctx, id: string, patch: AutomationRulePatch): Promise<AutomationRuleDto> {
  requireRole(ctx.actor, 'admin');
  const row = await store.getRule(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Automation rule');
  const { id: _id, ...current } = ruleOf(row);
  const merged = automationRuleInput.safeParse({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw new AppError('validation_failed', issue.message, { field: issue.path.join('.') });
  }
  return replaceAutomationRule(ctx, id, merged.data);
}

export async function deleteAutomationRule(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const result = await store.deleteRule(tx.db, tx.workspaceId, id);
    if (Number(result.numDeletedRows) === 0) throw notFound('Automation rule');
    await recordAudit(tx, 'automation.rule_deleted', { type: 'automation_rule', id });
  });
  forget(ctx.workspaceId);
}

/** Run order within each trigger follows the order of `ids`. */
export async function reorderAutomationRules(ctx: Ctx, ids: string[]): Promise<AutomationRuleDto[]> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const known = new Set((await store.listRules(tx.db, tx.workspaceId)).map((r) => r.id));
    if (ids.some((id) => !known.has(id))) throw notFound('Automation rule');
    for (const [position, id] of ids.entries()) await store.setPosition(tx.db, tx.workspaceId, id, position);
    await recordAudit(tx, 'automation.rules_reordered', null, { count: ids.length });
  });
  forget(ctx.workspaceId);
  return listAutomationRules(ctx);
}

/**
 * "Which of the last N conversations would this rule match?" Each conversation is tested as of now,
 * with its latest customer message as the text; nothing runs and nothing is logged.
 */
export async function dryRunAutomation(ctx: Ctx, input: { rule: z.output<typeof automationRuleInput>; limit: number }): Promise<AutomationDryRunDto> {
  requireRole(ctx.actor, 'admin');
  const rule = automationRule.parse({ ...input.rule, id: 'aut_dryrun', enabled: true });
  const compiled = compileRules([rule]);
  const recent = await listRecentConversations(ctx, input.limit);
  const matched: AutomationDryRunDto['matched'] = [];
  for (const { conversation, lastCustomerMessage, contactName } of recent) {
    const { facts } = await gatherFacts(ctx, rule.trigger, { conversation, message: lastCustomerMessage });
    const evaluation = evaluate(compiled, facts, { depth: 0, firedInChain: new Set(), firedLastHour: new Map() });
    if (evaluation.fired.length) {
      matched.push({
        conversationId: conversation.id, number: conversation.number, contactName, lastMessage: lastCustomerMessage?.body.slice(0, 200) ?? null,
        actions: evaluation.fired[0]!.actions.map((a) => a.type),
      });
    }
  }
  return { checked: recent.length, matched };
}

export async function listAutomationRuns(ctx: Ctx, q: { ruleId?: string | undefined; conversationId?: string | undefined; limit: number }): Promise<AutomationRunDto[]> {
  const rows = await store.listRuns(ctx.db, ctx.workspaceId, q);
  return rows.map((r) => ({
    id: r.id, ruleId: r.rule_id, ruleName: r.rule_name ?? null, conversationId: r.conversation_id, conversationNumber: r.conversation_number ?? null,
    trigger: r.trigger as AutomationTrigger, outcome: r.outcome, actions: (r.actions ?? []) as string[], error: r.error, depth: r.depth, createdAt: r.created_at.toISOString(),
  }));
}
