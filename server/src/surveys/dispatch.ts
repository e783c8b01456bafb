import { fold, surveyScales, type SurveyLocale, type SurveySettings } from '@careloop/contracts';
import { nowOf, systemCtx, type Ctx, type Deps } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { getContactRow } from '../contacts/service.ts';
import { requireConversation } from '../conversations/service.ts';
import { getInboxRow } from '../inboxes/service.ts';
import { getEmailOfMessage } from '../inboxes/email/service.ts';
import { latestIncomingMessages, listConversationMessages, sendSystemMessage } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { withShop } from './defaults.ts';
import type { SurveyRow } from './schema.ts';
import { readSurveySettings, surveyId } from './service.ts';
import { signSurveyToken } from './tokens.ts';
import * as store from './store.ts';

/**
 * Sending surveys: the CSAT after a resolve (a durable job queued in the resolving transaction) and
 * the one delivery path campaigns share. A survey goes through the conversation's own channel as a
 * system message: inline in the web chat (the widget draws the scale), a signed link elsewhere.
 * Every decision — sent or why not — is a `survey_sends` row, unique per reason.
 */
export const surveySendQueue = { name: 'surveys.send', retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 120, batchSize: 20 };

export interface SurveySendJob { workspaceId: string; conversationId: string; resolvedAt: string; agentId: string | null; teamId: string | null }

/** Channels a survey link can go through; the web chat shows it inline; calls and public comments get none. */
const linkChannels = new Set(['email', 'messenger', 'instagram', 'zalo', 'telegram', 'viber', 'form']);
export const viaOf = (channel: string): 'widget' | 'link' | null => (channel === 'web_chat' ? 'widget' : linkChannels.has(channel) ? 'link' : null);

/** In the transaction that resolves a conversation (conversations.updateConversation). */
export async function queueSurveyOnResolve(tx: Ctx, conversation: Row<'conversations'>): Promise<void> {
  const settings = await readSurveySettings(tx);
  if (!settings.resolveSurveyId) return;
  const now = nowOf(tx.deps);
  const agentId = conversation.assignee_id ?? (tx.actor.type === 'agent' ? tx.actor.id : null);
  const job: SurveySendJob = { workspaceId: tx.workspaceId, conversationId: conversation.id, resolvedAt: now.toISOString(), agentId, teamId: conversation.team_id };
  await tx.deps.jobs.enqueue(tx.db, surveySendQueue.name, job, {
    singletonKey: `${conversation.id}:${conversation.version}`,
    ...(settings.delayMinutes > 0 ? { startAfter: new Date(now.getTime() + settings.delayMinutes * 60_000) } : {}),
  });
}

/** The `surveys.send` job: check, then send the resolve survey once per resolve. */
export async function runSurveySend(deps: Deps, job: SurveySendJob): Promise<void> {
  const ctx = systemCtx(deps, job.workspaceId);
  const settings = await readSurveySettings(ctx);
  const definition = settings.resolveSurveyId ? await store.getDefinition(ctx.db, ctx.workspaceId, settings.resolveSurveyId) : undefined;
  if (!definition || !definition.enabled) return;
  const dedupeKey = `resolve:${job.conversationId}:${job.resolvedAt}`;
  const earlier = await store.findSendByKey(ctx.db, ctx.workspaceId, dedupeKey);
  if (earlier && !unfinished(earlier)) return;
  const conversation = await requireConversation(ctx, job.conversationId).catch(() => null);
  if (!conversation) return;
  const base = { definition, conversation, source: 'resolve' as const, dedupeKey, agentId: job.agentId, teamId: job.teamId, campaignId: null };
  const reason = conversation.status !== 'resolved' ? 'reopened' : await skipReasonOf(ctx, conversation, settings);
  if (reason) {
    await recordSkip(ctx, base, reason);
    return;
  }
  await deliverSurvey(ctx, settings, base);
}

/** Why this resolved conversation gets no survey, or null when it should get one. */
export async function skipReasonOf(ctx: Ctx, conversation: Row<'conversations'>, settings: SurveySettings): Promise<string | null> {
  if (await store.findOptOut(ctx.db, ctx.workspaceId, conversation.id)) return 'agent_opt_out';
  if (settings.skipUpset && conversation.upset_at) return 'upset';
  if (conversation.labels.some((l) => fold(l) === 'spam')) return 'spam';
  const contact = await getContactRow(ctx, conversation.contact_id).catch(() => null);
  if (!contact || contact.blocked) return 'blocked';
  const lastIncoming = (await latestIncomingMessages(ctx, [conversation.id])).get(conversation.id);
  if (!lastIncoming) return 'no_customer_message';
  const inbox = await getInboxRow(ctx, conversation.inbox_id);
  if (!viaOf(inbox.channel)) return 'no_channel';
  if (inbox.channel === 'email' && await machineMailAfter(ctx, conversation.id, lastIncoming.created_at)) return 'machine_mail';
  if (settings.cooldownDays > 0) {
    const since = new Date(nowOf(ctx.deps).getTime() - settings.cooldownDays * 86_400_000);
    const recent = await store.contactsSurveyedSince(ctx.db, ctx.workspaceId, [conversation.contact_id], ['csat', 'ces'], since);
    if (recent.size > 0) return 'recently_surveyed';
  }
  return null;
}

/**
 * Machine mail (auto-replies, bounces, bulk) is kept as system notes with email facts: one after the
 * customer's last real mail means an away message or an address that bounced — no survey then.
 */
async function machineMailAfter(ctx: Ctx, conversationId: string, after: Date): Promise<boolean> {
  const page = await listConversationMessages(ctx, conversationId, { limit: 30 });
  const notes = page.items.filter((m) => m.kind === 'note' && m.sender.type === 'system' && new Date(m.createdAt) >= after);
  for (const note of notes) {
    const mail = await getEmailOfMessage(ctx, note.id).catch(() => null);
    if (mail && mail.classification !== 'normal') return true;
  }
  return false;
}

export interface DeliveryInput {
  definition: SurveyRow<'survey_definitions'>;
  conversation: Row<'conversations'>;
  source: 'resolve' | 'campaign';
  campaignId: string | null;
  dedupeKey: string;
  agentId: string | null;
  teamId: string | null;
}

export async function recordSkip(ctx: Ctx, input: DeliveryInput, reason: string) {
  return store.insertSend(ctx.db, ctx.workspaceId, {
    id: surveyId('svs'), survey_id: input.definition.id, kind: input.definition.kind, source: input.source, campaign_id: input.campaignId,
    dedupe_key: input.dedupeKey, contact_id: input.conversation.contact_id, conversation_id: input.conversation.id,
    agent_id: input.agentId, team_id: input.teamId, status: 'skipped', skip_reason: reason,
  });
}

/** The customer's language, else the workspace's. */
export async function localeOf(ctx: Ctx, contactId: string): Promise<SurveyLocale> {
  const contact = await getContactRow(ctx, contactId).catch(() => null);
  const wanted = contact?.locale ?? (await getWorkspace(ctx)).locale;
  return wanted === 'en' ? 'en' : 'vi';
}

export const surveyUrl = (deps: Deps, token: string) => `${deps.config.publicUrl}/s/${token}`;

/**
 * Claim the reason (unique key), then send through the conversation's channel: the channel's own
 * queue (email, messaging) retries delivery. Null when another node already handled this reason.
 */
export async function deliverSurvey(ctx: Ctx, settings: SurveySettings, input: DeliveryInput): Promise<SurveyRow<'survey_sends'> | null> {
  const { definition, conversation } = input;
  const inbox = await getInboxRow(ctx, conversation.inbox_id);
  const via = viaOf(inbox.channel);
  if (!via) return recordSkip(ctx, input, 'no_channel').then((r) => r ?? null);
  const [locale, workspace] = await Promise.all([localeOf(ctx, conversation.contact_id), getWorkspace(ctx)]);
  const expiresAt = new Date(nowOf(ctx.deps).getTime() + settings.linkDays * 86_400_000);
  const send = await store.insertSend(ctx.db, ctx.workspaceId, {
    id: surveyId('svs'), survey_id: definition.id, kind: definition.kind, source: input.source, campaign_id: input.campaignId,
    dedupe_key: input.dedupeKey, contact_id: conversation.contact_id, conversation_id: conversation.id, agent_id: input.agentId,
    team_id: input.teamId, channel: inbox.channel, via, locale, status: 'sending', expires_at: expiresAt,
  });
  const claimed = send ?? await store.findSendByKey(ctx.db, ctx.workspaceId, input.dedupeKey).then((r) => (r && unfinished(r) ? r : null));
  if (!claimed) return null;
  return sendMessage(ctx, claimed, definition, conversation, { via, locale, shop: workspace.name });
}

/** A send claimed by an attempt that stopped before its message was stored: a retry finishes it. */
const unfinished = (send: SurveyRow<'survey_sends'>) => send.status === 'sending' && send.message_id === null;

async function sendMessage(ctx: Ctx, send: SurveyRow<'survey_sends'>, definition: SurveyRow<'survey_definitions'>, conversation: Row<'conversations'>, opts: { via: 'widget' | 'link'; locale: SurveyLocale; shop: string }) {
  const { via, locale } = opts;
  const expiresAt = send.expires_at ?? new Date();
  const texts = definition.texts[locale];
  const link = surveyUrl(ctx.deps, signSurveyToken(ctx.deps.secret, ctx.workspaceId, send.id, expiresAt));
  const scale = surveyScales[definition.kind];
  // The widget draws the scale from the survey itself; the text is what agents (and old widgets) see.
  const body = via === 'widget'
    ? `${withShop(texts.question, opts.shop)} (${scale.min}–${scale.max})`
    : withShop(texts.invitation, opts.shop).replace('{link}', link);
  try {
    const message = await sendSystemMessage(ctx, conversation.id, { body, clientId: `survey:${send.id}` });
    return (await store.updateSend(ctx.db, ctx.workspaceId, send.id, { status: message.delivery_status === 'failed' ? 'failed' : 'sent', message_id: message.id })) ?? send;
  } catch (err) {
    ctx.log.warn('surveys: sending failed', { err, sendId: send.id });
    return (await store.updateSend(ctx.db, ctx.workspaceId, send.id, { status: 'failed', skip_reason: err instanceof Error ? err.message.slice(0, 300) : 'failed' })) ?? send;
  }
}
