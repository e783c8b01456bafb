import type { AnalyticsRunDto, AnalyticsSettings } from '@careloop/contracts';
import { inTransaction, publish, type Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { refreshPlannerStats, settleRebuiltTable } from '../platform/db/stats.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { fitModels, forecastAll, heuristicForecasts, type FitOutcome } from './modelling.ts';
import { computeOverview, keepOverview } from './metrics.ts';
import { presentRun } from './present.ts';
import { scoreRfm, topShare } from './rfm.ts';
import { readAnalyticsSettings } from './settings.ts';
import * as store from './store.ts';
import { rebuildProductCycles } from './store-products.ts';
import { buildTracking } from './tracking.ts';

const dayMs = 86_400_000;
export const isoDay = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);
/** Today's calendar day in a time zone, as days since 1970-01-01. */
export function todayIn(timezone: string, now = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return Math.round(Date.parse(`${parts}T00:00:00Z`) / dayMs);
}

/**
 * Rebuild everything analytics shows, for one workspace: occasions from orders, the products bought
 * again on a cycle (from order lines), per-customer history, RFM segments and VIPs, then the models
 * (chosen on a holdout split) and every customer's forecast. Progress is stored on the run and pushed to supervisors. One run at a time per
 * workspace (a unique index on running runs); the new customer rows replace the old in one
 * transaction, so readers never see a half-written refresh.
 */
export async function startRefresh(ctx: Ctx, trigger: string): Promise<Row<'analytics_runs'>> {
  await store.failStaleRuns(ctx.db, ctx.workspaceId, 30);
  return store.insertRun(ctx.db, ctx.workspaceId, { id: newId('analyticsRun'), trigger }).catch((err: unknown) => {
    if (String((err as { code?: string }).code) === '23505') throw new AppError('conflict', 'An analytics refresh is already running');
    throw err;
  });
}

/** Start and finish a refresh (jobs and tests); the HTTP route starts it and lets it run. */
export async function refreshAnalytics(ctx: Ctx, trigger: string, opts: { now?: Date } = {}): Promise<AnalyticsRunDto> {
  return runRefresh(ctx, await startRefresh(ctx, trigger), opts);
}

export async function runRefresh(ctx: Ctx, started: Row<'analytics_runs'>, opts: { now?: Date } = {}): Promise<AnalyticsRunDto> {
  let run = started;
  const announce = () => publish(ctx.deps, { workspaceId: ctx.workspaceId, event: { type: 'analytics.refresh_progress', run: presentRun(run) } });
  const step = async (name: string, progress: number) => {
    run = (await store.updateRun(ctx.db, ctx.workspaceId, run.id, { step: name, progress })) ?? run;
    await announce();
  };
  try {
    await step('occasions', 0.05);
    const settings = await readAnalyticsSettings(ctx);
    const { timezone } = await getWorkspace(ctx);
    await inTransaction(ctx, async (tx) => {
      await store.rebuildOccasions(tx.db, tx.workspaceId, { timezone, currency: settings.currency });
      await store.clearSnapshots(tx.db, tx.workspaceId);
    });
    // Every read below scans these rows: settle them now rather than when autovacuum comes by.
    await settleRebuiltTable(ctx.db, 'analytics_occasions');
    await step('products', 0.15);
    await inTransaction(ctx, (tx) => rebuildProductCycles(tx.db, tx.workspaceId, { timezone, rule: settings.productCycles }));
    await step('customers', 0.25);
    // The default view needs only the new occasions: the database computes it while the models are fitted.
    const overview = computeOverview(ctx, { period: 'month' });
    overview.catch(() => undefined); // awaited below
    const note = await computeAndStore(ctx, settings, todayIn(timezone, opts.now), step);
    await step('dashboard', 0.9);
    await refreshPlannerStats(ctx.db, ['analytics_customers']);
    await store.clearSnapshots(ctx.db, ctx.workspaceId, { keepFacts: true }); // views computed meanwhile saw the old segments
    // The default view is ready before anyone opens the dashboard; other views are kept once computed.
    await keepOverview(ctx, { period: 'month' }, await overview);
    run = (await store.updateRun(ctx.db, ctx.workspaceId, run.id, { status: 'done', step: 'done', progress: 1, note, finished_at: new Date() })) ?? run;
  } catch (err) {
    ctx.log.error('analytics refresh failed', { err });
    const message = err instanceof AppError ? err.message : 'The refresh stopped on an unexpected error';
    run = (await store.updateRun(ctx.db, ctx.workspaceId, run.id, { status: 'failed', error: message, finished_at: new Date() })) ?? run;
  }
  await announce();
  return presentRun(run);
}

/** Returns the run's note: why there is no model, or what to keep in mind about it. */
async function computeAndStore(ctx: Ctx, settings: AnalyticsSettings, today: number, step: (name: string, progress: number) => Promise<void>): Promise<string | null> {
  const firstDay = await store.findFirstOccasionDay(ctx.db, ctx.workspaceId);
  const span = firstDay === null ? 0 : today - firstDay;
  const holdoutDays = Math.min(180, Math.max(30, Math.round(span * 0.25)));
  const calibrationEnd = today - holdoutDays;
  const histories = await store.listCustomerHistories(ctx.db, ctx.workspaceId, isoDay(calibrationEnd), isoDay(today));

  const rfm = scoreRfm(histories.map((h) => ({ daysSinceLast: today - h.last_day, occasions: h.occasions, revenue: h.revenue })));
  const vips = topShare(histories.filter((h) => h.revenue > 0), (h) => h.revenue);
  await step('models', 0.4);

  const outcome: FitOutcome = fitModels(histories, { today, calibrationEnd, holdoutDays, span, settings });
  // The tracking plot (spec §8) from per-day counts: kept with the holdout validation of the model.
  const tracking = outcome.calibrationFit
    ? buildTracking(outcome.calibrationFit, await store.countOccasionsByDay(ctx.db, ctx.workspaceId), { today, calibrationEnd })
    : null;
  await step('forecasts', 0.65);
  const forecasts = outcome.fitted ? forecastAll(outcome, histories, today, settings) : heuristicForecasts(histories, today);

  const rows: store.CustomerWrite[] = histories.map((h, i) => {
    const f = forecasts[i]!;
    return {
      contact_id: h.contact_id, first_day: isoDay(h.first_day), last_day: isoDay(h.last_day), occasions: h.occasions, orders: h.orders,
      revenue: h.revenue, first_value: h.first_value, repeat_value: h.repeat_value, r_score: rfm[i]!.r, f_score: rfm[i]!.f, m_score: rfm[i]!.m,
      segment: rfm[i]!.segment, vip: vips.has(h), p_alive: f.pAlive, churn_risk: f.churnRisk, risk_band: f.riskBand,
      expected_purchases: f.expectedPurchases, expected_spend: f.expectedSpend, predicted_clv: f.predictedClv,
      next_order_on: f.expectedNextOrderInDays === null ? null : isoDay(today + Math.round(f.expectedNextOrderInDays)),
    };
  });
  await step('saving', 0.8);
  await inTransaction(ctx, async (tx) => {
    await store.replaceCustomers(tx.db, tx.workspaceId, rows);
    if (outcome.fitted) {
      await store.insertModel(tx.db, tx.workspaceId, {
        id: newId('analyticsModel'), model: outcome.fitted.model, unit: outcome.fitted.unit, params: JSON.stringify(outcome.fitted.params),
        log_likelihood: outcome.fitted.logLikelihood, status: outcome.fitted.status, spend: outcome.spend ? JSON.stringify(outcome.spend) : null,
        validation: outcome.validation ? JSON.stringify({ ...outcome.validation, tracking }) : null, customers: histories.length,
        data_from: firstDay === null ? null : isoDay(firstDay), data_to: isoDay(today), calibration_end: isoDay(calibrationEnd), currency: settings.currency,
      });
      await store.pruneModels(tx.db, tx.workspaceId, 10);
    }
  });
  return outcome.note;
}
