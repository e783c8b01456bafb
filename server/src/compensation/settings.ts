import {
  compensationSettingsInput, defaultCompensationSettings, type CompensationBudgetDto, type CompensationSettings, type RealtimeEvent,
} from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { getWorkspace, readSettings, writeSettings } from '../workspaces/service.ts';
import * as store from './store.ts';

const key = 'compensation';

export const readCompensationSettings = (ctx: Ctx): Promise<CompensationSettings> =>
  readSettings(ctx, key, compensationSettingsInput, defaultCompensationSettings);

/** Every agent reads them: the console shows each agent their own authority. */
export async function getCompensationSettings(ctx: Ctx): Promise<CompensationSettings> {
  requireScope(ctx.actor, 'conversations:read');
  return readCompensationSettings(ctx);
}

export async function updateCompensationSettings(ctx: Ctx, input: CompensationSettings): Promise<CompensationSettings> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const before = await readCompensationSettings(tx);
    await writeSettings(tx, key, input);
    await recordAudit(tx, 'compensation.settings_updated', { type: 'workspace', id: tx.workspaceId }, { before, after: input });
    return input;
  });
}

const budgetOf = async (ctx: Ctx, settings: CompensationSettings): Promise<CompensationBudgetDto> => {
  const { timezone } = await getWorkspace(ctx);
  const { month, spent, entries } = await store.monthSpent(ctx.db, ctx.workspaceId, timezone);
  return { month, spent, budget: settings.monthlyBudget, exceeded: settings.monthlyBudget !== null && spent > settings.monthlyBudget, entries };
};

/** This calendar month in the workspace's zone (Asia/Ho_Chi_Minh unless changed). */
export async function getBudget(ctx: Ctx): Promise<CompensationBudgetDto> {
  requireScope(ctx.actor, 'conversations:read');
  return budgetOf(ctx, await readCompensationSettings(ctx));
}

/**
 * After a ledger write (the ledger lock held): warn once, when this entry carries the month's
 * spending past the budget. Later entries in the same month stay silent.
 */
export async function checkBudget(tx: Ctx, emit: (event: RealtimeEvent) => void, settings: CompensationSettings, cost: number): Promise<void> {
  if (settings.monthlyBudget === null || cost === 0) return;
  const budget = await budgetOf(tx, settings);
  const before = budget.spent - cost;
  if (budget.spent > settings.monthlyBudget && before <= settings.monthlyBudget) {
    await recordAudit(tx, 'compensation.budget_exceeded', { type: 'workspace', id: tx.workspaceId }, { month: budget.month, spent: budget.spent, budget: settings.monthlyBudget });
    emit({ type: 'compensation.budget_exceeded', month: budget.month, spent: budget.spent, budget: settings.monthlyBudget });
  }
}
