import { analyticsSettingsInput, defaultAnalyticsSettings, type AnalyticsSettings } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole } from '../agents/policy.ts';
import { readSettings, writeSettings } from '../workspaces/service.ts';
import * as store from './store.ts';

const key = 'analytics';

/** Until an admin chooses, the analytics currency is the one most of the shop's orders use (VND when there are none). */
/** Saved settings, else the defaults in the shop's main currency (`mainCurrency` lets a caller use a known answer). */
export async function readAnalyticsSettings(ctx: Ctx, mainCurrency = () => store.findMainCurrency(ctx.db, ctx.workspaceId)): Promise<AnalyticsSettings> {
  const stored = await readSettings<AnalyticsSettings | null>(ctx, key, analyticsSettingsInput, null);
  if (stored) return stored;
  return { ...defaultAnalyticsSettings, currency: (await mainCurrency()) ?? defaultAnalyticsSettings.currency };
}

export async function updateAnalyticsSettings(ctx: Ctx, input: AnalyticsSettings): Promise<AnalyticsSettings> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const before = await readAnalyticsSettings(tx);
    await writeSettings(tx, key, input);
    await recordAudit(tx, 'analytics.settings_updated', { type: 'workspace', id: tx.workspaceId }, { before, after: input });
    return input;
  });
}
