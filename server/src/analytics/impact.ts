import { fold, type ImpactQuery, type RecoveryRow, type RetentionImpactDto } from '@careloop/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../platform/context.ts';
import { agentDirectory } from '../agents/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { isoDay, todayIn } from './refresh.ts';
import { readAnalyticsSettings } from './settings.ts';
import * as impact from './store-impact.ts';

const labelKey = (label: string) => fold(label).trim().replace(/[\s_]+/g, '-');
const row = (key: string, eligible: number, recovered: number): RecoveryRow => ({ key, eligible, recovered, rate: eligible ? recovered / eligible : null });
const sum = (rows: impact.RecoveryDetailRow[], pick: (r: impact.RecoveryDetailRow) => boolean) =>
  rows.filter(pick).reduce((acc, r) => ({ eligible: acc.eligible + r.eligible, recovered: acc.recovered + r.recovered }), { eligible: 0, recovered: 0 });

/**
 * Whether care turns into repurchase: the service-recovery rate (customers whose first complaint
 * in the window is at least N days old, and who bought again within N days) beside two baselines,
 * contact without complaint and no contact at all; revenue after conversations per agent and
 * channel; compensation against what its recipients bought afterwards.
 */
export async function buildImpact(ctx: Ctx, q: ImpactQuery): Promise<RetentionImpactDto> {
  const [settings, workspace, labels] = await Promise.all([readAnalyticsSettings(ctx), getWorkspace(ctx), impact.listLabelsInUse(ctx.db, ctx.workspaceId)]);
  const wanted = new Set(settings.complaintLabels.map(labelKey));
  const complaint = labels.filter((l) => wanted.has(labelKey(l)));
  const today = isoDay(todayIn(workspace.timezone));
  const w: impact.ImpactWindow = { timezone: workspace.timezone, from: q.from ?? null, to: q.to ?? today, days: q.days ?? settings.recoveryDays, today };
  const isComplaint = complaint.length ? sql`cv.labels && ${complaint}::text[]` : sql`false`;

  const [negative, calm, anyContact, none, byAgent, byChannel, compensation, directory] = await Promise.all([
    impact.recoveryAfter(ctx.db, ctx.workspaceId, w, isComplaint),
    impact.recoveryAfter(ctx.db, ctx.workspaceId, w, sql`not (${isComplaint})`),
    impact.recoveryAfter(ctx.db, ctx.workspaceId, w, sql`true`),
    impact.recoveryWithoutContact(ctx.db, ctx.workspaceId, w),
    impact.revenueAfterConversations(ctx.db, ctx.workspaceId, w, 'agent'),
    impact.revenueAfterConversations(ctx.db, ctx.workspaceId, w, 'channel'),
    impact.compensationAgainstRevenue(ctx.db, ctx.workspaceId, w),
    agentDirectory(ctx),
  ]);
  const all = sum(negative, () => true);
  const calmAll = sum(calm, () => true);
  const contacted = sum(anyContact, () => true);
  const names = new Map(directory.map((a) => [a.id, a.name]));
  const actions = [...new Set(negative.map((r) => r.action))].sort();
  return {
    days: w.days, currency: settings.currency,
    recovery: {
      negative: row('complaint', all.eligible, all.recovered),
      contactWithoutComplaint: row('contact_without_complaint', calmAll.eligible, calmAll.recovered),
      noContactBaseline: row('no_contact', none.eligible, none.recovered),
      byAction: actions.map((a) => { const s = sum(negative, (r) => r.action === a); return row(a, s.eligible, s.recovered); }),
      byPriorOccasions: [0, 1, 2].map((p) => { const s = sum(negative, (r) => r.prior === p); return row(p === 2 ? '2+' : String(p), s.eligible, s.recovered); }),
    },
    contactVersusNone: { contacted: row('contacted', contacted.eligible, contacted.recovered), notContacted: row('not_contacted', none.eligible, none.recovered) },
    revenueAfterConversation: {
      byAgent: byAgent.map((r) => ({ agentId: r.key, name: r.key ? names.get(r.key) ?? null : null, conversations: r.conversations, revenue: r.revenue })),
      byChannel: byChannel.map((r) => ({ channel: r.key ?? 'unknown', conversations: r.conversations, revenue: r.revenue })),
    },
    compensation: { spent: compensation.spent, recipients: compensation.recipients, retainedRevenue: compensation.retained },
  };
}
