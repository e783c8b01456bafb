import type { z } from 'zod';
import { surveyCampaignInput, type CampaignRunDto, type CustomerAnalyticsDto, type SurveyCampaignDto, type SurveySettings } from '@careloop/contracts';
import { inTransaction, nowOf, type Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole } from '../agents/policy.ts';
import { listAllCustomers } from '../analytics/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { listContactConversations, requireConversation } from '../conversations/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { deliverSurvey, recordSkip, viaOf, type DeliveryInput } from './dispatch.ts';
import { presentCampaign } from './present.ts';
import type { SurveyRow } from './schema.ts';
import { readSurveySettings, requireDefinition, surveyId } from './service.ts';
import * as store from './store.ts';

/**
 * NPS (or any survey) campaigns: an audience from the retention analytics — RFM segments, VIP, or
 * "N days after the first order" — surveyed on a schedule (worker.ts), by email or messaging link
 * (the widget when that is all the customer uses), each customer at most once per `cooldownDays`.
 */
type CampaignInput = z.output<typeof surveyCampaignInput>;
const dayMs = 86_400_000;

export async function listSurveyCampaigns(ctx: Ctx): Promise<SurveyCampaignDto[]> {
  requireRole(ctx.actor, 'supervisor');
  const [rows, stats] = await Promise.all([store.listCampaigns(ctx.db, ctx.workspaceId), store.campaignStats(ctx.db, ctx.workspaceId)]);
  return rows.map((r) => presentCampaign(r, stats.get(r.id)));
}

async function columnsOf(ctx: Ctx, input: CampaignInput) {
  await requireDefinition(ctx, input.surveyId).catch(() => { throw new AppError('validation_failed', 'No such survey', { field: 'surveyId' }); });
  return { survey_id: input.surveyId, name: input.name, enabled: input.enabled, audience: JSON.stringify(input.audience), cooldown_days: input.cooldownDays, max_per_run: input.maxPerRun };
}

export async function createSurveyCampaign(ctx: Ctx, input: CampaignInput): Promise<SurveyCampaignDto> {
  requireRole(ctx.actor, 'admin');
  const columns = await columnsOf(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertCampaign(tx.db, tx.workspaceId, { id: surveyId('svc'), ...columns });
    await recordAudit(tx, 'surveys.campaign_created', { type: 'survey_campaign', id: row.id }, { name: input.name, audience: input.audience });
    return presentCampaign(row, undefined);
  });
}

export async function updateSurveyCampaign(ctx: Ctx, id: string, input: CampaignInput): Promise<SurveyCampaignDto> {
  requireRole(ctx.actor, 'admin');
  const columns = await columnsOf(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const row = await store.updateCampaign(tx.db, tx.workspaceId, id, columns);
    if (!row) throw notFound('Campaign');
    await recordAudit(tx, 'surveys.campaign_updated', { type: 'survey_campaign', id }, { name: input.name, enabled: input.enabled });
    return presentCampaign(row, (await store.campaignStats(tx.db, tx.workspaceId)).get(id));
  });
}

export async function deleteSurveyCampaign(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const row = await store.deleteCampaign(tx.db, tx.workspaceId, id);
    if (!row) throw notFound('Campaign');
    await recordAudit(tx, 'surveys.campaign_deleted', { type: 'survey_campaign', id }, { name: row.name });
  });
}

/** "Send now" from the console (still quiet hours, cooldown and the per-run cap). */
export async function runSurveyCampaignNow(ctx: Ctx, id: string): Promise<CampaignRunDto> {
  requireRole(ctx.actor, 'admin');
  const campaign = await store.getCampaign(ctx.db, ctx.workspaceId, id);
  if (!campaign) throw notFound('Campaign');
  return runCampaign(ctx, campaign, await readSurveySettings(ctx));
}

/** The schedule: every enabled campaign of the workspace, once each. */
export async function runSurveyCampaigns(ctx: Ctx): Promise<CampaignRunDto[]> {
  const campaigns = (await store.listCampaigns(ctx.db, ctx.workspaceId)).filter((c) => c.enabled);
  if (campaigns.length === 0) return [];
  const settings = await readSurveySettings(ctx);
  const runs: CampaignRunDto[] = [];
  for (const campaign of campaigns) runs.push(await runCampaign(ctx, campaign, settings));
  return runs;
}

export const localHour = (timezone: string, at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(at));
export const isQuiet = (hour: number, from: number, to: number) => (from === to ? false : from < to ? hour >= from && hour < to : hour >= from || hour < to);
const isoDay = (at: Date, timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** Does a customer (as the last analytics refresh sees them) belong to the audience? */
export function inAudience(c: CustomerAnalyticsDto, audience: SurveyRow<'survey_campaigns'>['audience'], now: Date, timezone: string): boolean {
  if (audience.segments?.length && (!c.segment || !audience.segments.includes(c.segment))) return false;
  if (audience.vipOnly && !c.vip) return false;
  if (audience.daysAfterFirstOrder) {
    // A three-day window, so a quiet night or a stopped server does not skip anyone (the cooldown keeps it once).
    const latest = isoDay(new Date(now.getTime() - audience.daysAfterFirstOrder * dayMs), timezone);
    const earliest = isoDay(new Date(now.getTime() - (audience.daysAfterFirstOrder + 3) * dayMs), timezone);
    if (c.firstOrderOn < earliest || c.firstOrderOn > latest) return false;
  }
  return true;
}

async function runCampaign(ctx: Ctx, campaign: SurveyRow<'survey_campaigns'>, settings: SurveySettings): Promise<CampaignRunDto> {
  const now = nowOf(ctx.deps);
  const [workspace, definition] = await Promise.all([getWorkspace(ctx), store.getDefinition(ctx.db, ctx.workspaceId, campaign.survey_id)]);
  const result: CampaignRunDto = { candidates: 0, sent: 0, skipped: {}, quiet: false };
  if (!definition || !definition.enabled) return result;
  if (isQuiet(localHour(workspace.timezone, now), settings.quietFrom, settings.quietTo)) return { ...result, quiet: true };
  const audience = (await listAllCustomers(ctx, { sort: 'revenue', limit: 5000, offset: 0 })).filter((c) => inAudience(c, campaign.audience, now, workspace.timezone));
  const ids = audience.map((c) => c.contactId);
  const recent = await store.contactsSurveyedSince(ctx.db, ctx.workspaceId, ids, [definition.kind], new Date(now.getTime() - campaign.cooldown_days * dayMs));
  const due = ids.filter((id) => !recent.has(id));
  result.candidates = due.length;
  // One period per cooldown: the same customer is claimed once per period even when two nodes run at once.
  const period = Math.floor(now.getTime() / (campaign.cooldown_days * dayMs));
  for (const contactId of due) {
    if (result.sent >= campaign.max_per_run) break;
    const outcome = await surveyOne(ctx, settings, definition, campaign, contactId, `campaign:${campaign.id}:${contactId}:${period}`);
    if (outcome === 'sent') result.sent++;
    else if (outcome !== 'taken') result.skipped[outcome] = (result.skipped[outcome] ?? 0) + 1;
  }
  await store.updateCampaign(ctx.db, ctx.workspaceId, campaign.id, { last_run_at: now });
  return result;
}

/** The conversation a campaign survey goes through: the latest by email or messaging, else the web chat. */
async function deliveryConversation(ctx: Ctx, contactId: string) {
  const all = await listContactConversations(ctx, contactId);
  const pick = all.find((c) => viaOf(c.channel) === 'link') ?? all.find((c) => viaOf(c.channel) === 'widget');
  return pick ? requireConversation(ctx, pick.id) : null;
}

async function surveyOne(ctx: Ctx, settings: SurveySettings, definition: SurveyRow<'survey_definitions'>, campaign: SurveyRow<'survey_campaigns'>, contactId: string, dedupeKey: string): Promise<string> {
  if (await store.findSendByKey(ctx.db, ctx.workspaceId, dedupeKey)) return 'taken';
  const contact = await getContactRow(ctx, contactId).catch(() => null);
  const conversation = contact && !contact.blocked ? await deliveryConversation(ctx, contactId) : null;
  if (!conversation) return contact && !contact.blocked ? 'no_channel' : 'blocked';
  const input: DeliveryInput = { definition, conversation, source: 'campaign', campaignId: campaign.id, dedupeKey, agentId: null, teamId: null };
  if (conversation.labels.some((l) => l.toLowerCase() === 'spam')) {
    await recordSkip(ctx, input, 'spam');
    return 'spam';
  }
  const send = await deliverSurvey(ctx, settings, input);
  if (!send) return 'taken';
  return send.status === 'sent' ? 'sent' : send.status === 'skipped' ? send.skip_reason ?? 'skipped' : 'failed';
}
