import type {
  AnalyticsOverviewDto, AnalyticsQuery, ImpactQuery, RetentionImpactDto, AnalyticsRunDto, AnalyticsSettings, ContactAnalyticsDto, CustomerAnalyticsDto, CustomerListQuery,
  PredictionsDto, ProductCyclesDto, SegmentCountDto, SegmentName, TransactionModel,
} from '@careloop/contracts';
import { segmentNames } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { listContactSummaries, liveContactOf } from '../contacts/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { buildOverview } from './metrics.ts';
import { buildImpact } from './impact.ts';
import { presentCustomer, presentModel, presentProductCycle, presentRun } from './present.ts';
import { runRefresh, startRefresh } from './refresh.ts';
import { readAnalyticsSettings, updateAnalyticsSettings } from './settings.ts';
import * as store from './store.ts';
import * as products from './store-products.ts';

export { refreshAnalytics } from './refresh.ts';
export { readAnalyticsSettings, updateAnalyticsSettings };

/** Analytics is for supervisors and up; agents see one customer's figures in the sidebar. */
export async function getOverview(ctx: Ctx, q: AnalyticsQuery): Promise<AnalyticsOverviewDto> {
  requireRole(ctx.actor, 'supervisor');
  return buildOverview(ctx, q);
}

export async function getImpact(ctx: Ctx, q: ImpactQuery): Promise<RetentionImpactDto> {
  requireRole(ctx.actor, 'supervisor');
  return buildImpact(ctx, q);
}

export async function getAnalyticsSettings(ctx: Ctx): Promise<AnalyticsSettings> {
  requireRole(ctx.actor, 'supervisor');
  return readAnalyticsSettings(ctx);
}

export async function saveAnalyticsSettings(ctx: Ctx, input: AnalyticsSettings): Promise<AnalyticsSettings> {
  return updateAnalyticsSettings(ctx, input);
}

export async function getPredictions(ctx: Ctx): Promise<PredictionsDto> {
  requireRole(ctx.actor, 'supervisor');
  const [model, run, settings] = await Promise.all([store.latestModel(ctx.db, ctx.workspaceId), store.latestRun(ctx.db, ctx.workspaceId), readAnalyticsSettings(ctx)]);
  return { model: model ? presentModel(model) : null, run: run ? presentRun(run) : null, settings };
}

/** Starts a refresh and returns at once; progress arrives as `analytics.refresh_progress` events. */
export async function requestRefresh(ctx: Ctx): Promise<AnalyticsRunDto> {
  requireRole(ctx.actor, 'supervisor');
  const run = await startRefresh(ctx, 'manual');
  void runRefresh(ctx, run).catch((err: unknown) => ctx.log.error('analytics refresh failed', { err }));
  return presentRun(run);
}

export async function getSegments(ctx: Ctx): Promise<SegmentCountDto[]> {
  requireRole(ctx.actor, 'supervisor');
  const rows = new Map((await store.countSegments(ctx.db, ctx.workspaceId)).map((r) => [r.segment, r]));
  return segmentNames.map((segment) => {
    const r = rows.get(segment);
    return { segment, customers: r?.customers ?? 0, revenue: r?.revenue ?? 0, avgChurnRisk: r?.avg_churn_risk ?? null };
  });
}

export async function listCustomers(ctx: Ctx, q: CustomerListQuery): Promise<CustomerAnalyticsDto[]> {
  requireRole(ctx.actor, 'supervisor');
  const [rows, model] = await Promise.all([store.listCustomers(ctx.db, ctx.workspaceId, q), store.latestModel(ctx.db, ctx.workspaceId)]);
  const names = new Map((await listContactSummaries(ctx, rows.map((r) => r.contact_id))).map((c) => [c.id, c.name]));
  return rows.map((r) => presentCustomer(r, names.get(r.contact_id) ?? null, !model));
}

/** Every customer of the list (not only one page), for the CSV export. */
export async function listAllCustomers(ctx: Ctx, q: CustomerListQuery): Promise<CustomerAnalyticsDto[]> {
  const all: CustomerAnalyticsDto[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await listCustomers(ctx, { ...q, limit: 5000, offset });
    all.push(...page);
    if (page.length < 5000) return all;
  }
}

/** The sidebar: the figures of the customer this contact belongs to (merged contacts are counted on the surviving one). */
export async function getContactAnalytics(ctx: Ctx, contactId: string): Promise<ContactAnalyticsDto> {
  requireScope(ctx.actor, 'conversations:read');
  const live = await liveContactOf(ctx, contactId);
  const [settings, model, rows] = await Promise.all([
    readAnalyticsSettings(ctx), store.latestModel(ctx.db, ctx.workspaceId), store.listCustomersByIds(ctx.db, ctx.workspaceId, live ? [live.id] : []),
  ]);
  const row = rows[0];
  return {
    currency: settings.currency, horizonDays: settings.horizonDays, model: (model?.model ?? null) as TransactionModel | null,
    customer: row ? presentCustomer(row, live?.name ?? null, !model) : null,
  };
}

/** A customer's retention segment and VIP flag (top 20 %), for SLA policies, routing and automations. */
export async function customerStanding(ctx: Ctx, contactId: string): Promise<{ segment: SegmentName | null; vip: boolean; revenue: number } | null> {
  const row = (await store.listCustomersByIds(ctx.db, ctx.workspaceId, [contactId]))[0];
  return row ? { segment: (row.segment ?? null) as SegmentName | null, vip: Boolean(row.vip), revenue: Number(row.revenue ?? 0) } : null;
}

/** Contact ids of a segment, for inbox filters and (later) routing and automations. */
export async function contactIdsInSegment(ctx: Ctx, segment: SegmentName): Promise<string[]> {
  return store.listSegmentContactIds(ctx.db, ctx.workspaceId, segment);
}

/** Repurchase reminders: customers due to order again between two days (YYYY-MM-DD). */
export async function listRepurchaseDue(ctx: Ctx, from: string, to: string, minPAlive: number) {
  return store.listRepurchaseDue(ctx.db, ctx.workspaceId, from, to, minPAlive);
}

/** Products bought again on a cycle, as the last refresh found them, with the rule that picked them. */
export async function getProductCycles(ctx: Ctx): Promise<ProductCyclesDto> {
  requireRole(ctx.actor, 'supervisor');
  const [rows, settings, run] = await Promise.all([
    products.listProductCycles(ctx.db, ctx.workspaceId), readAnalyticsSettings(ctx), store.latestFinishedRun(ctx.db, ctx.workspaceId),
  ]);
  const refreshedAt = rows[0]?.refreshed_at ?? run?.finished_at ?? null;
  return { rule: settings.productCycles, refreshedAt: refreshedAt ? new Date(refreshedAt).toISOString() : null, items: rows.map(presentProductCycle) };
}

/**
 * Product repurchase reminders: customers whose last purchase of a cyclical product makes it due between
 * two days (YYYY-MM-DD), likely still customers, and who have not bought it again since.
 */
export async function listProductRepurchaseDue(ctx: Ctx, from: string, to: string, minPAlive: number) {
  const { timezone } = await getWorkspace(ctx);
  return products.listProductRepurchaseDue(ctx.db, ctx.workspaceId, { from, to, minPAlive, timezone });
}
