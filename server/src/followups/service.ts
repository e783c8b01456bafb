import {
  defaultFollowupSettings, firstNameOf, fold, followupSettingsInput, optOutWords, renderTemplate,
  type FollowupRuleDto, type FollowupRuleInput, type FollowupSendDto, type FollowupSettings, type RealtimeEvent,
} from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole } from '../agents/policy.ts';
import { getContactRow } from '../contacts/service.ts';
import { countPurchasesAfter } from '../commerce/service.ts';
import { getWorkspace, readSettings, writeSettings } from '../workspaces/service.ts';
import { presentRule, presentSend, ruleSettings } from './present.ts';
import * as store from './store.ts';

const settingsKey = 'followups';
export const readFollowupSettings = (ctx: Ctx): Promise<FollowupSettings> => readSettings(ctx, settingsKey, followupSettingsInput, defaultFollowupSettings);

export async function getFollowupSettings(ctx: Ctx): Promise<FollowupSettings> {
  requireRole(ctx.actor, 'supervisor');
  return readFollowupSettings(ctx);
}

export async function updateFollowupSettings(ctx: Ctx, input: FollowupSettings): Promise<FollowupSettings> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    await writeSettings(tx, settingsKey, input);
    await recordAudit(tx, 'followups.settings_updated', { type: 'workspace', id: tx.workspaceId }, { after: input });
    return input;
  });
}

/** Rules with their results: sent, replied, and customers who bought within the attribution window after a send. */
export async function listRules(ctx: Ctx): Promise<FollowupRuleDto[]> {
  requireRole(ctx.actor, 'supervisor');
  const settings = await readFollowupSettings(ctx);
  const [rules, counts, recent] = await Promise.all([
    store.listRules(ctx.db, ctx.workspaceId), store.countResults(ctx.db, ctx.workspaceId),
    store.listSentSince(ctx.db, ctx.workspaceId, new Date(Date.now() - 365 * 86_400_000)),
  ]);
  return Promise.all(rules.map(async (rule) => {
    const sends = recent.filter((s) => s.rule_id === rule.id).map((s) => ({ contactId: s.contact_id, at: s.sent_at }));
    const purchased = await countPurchasesAfter(ctx, sends, settings.attributionDays);
    const c = counts.get(rule.id);
    return presentRule(rule, { sent: c?.sent ?? 0, replied: c?.replied ?? 0, purchased, skipped: c?.skipped ?? 0 });
  }));
}

export async function createRule(ctx: Ctx, input: FollowupRuleInput): Promise<FollowupRuleDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertRule(tx.db, tx.workspaceId, { id: newId('followupRule'), kind: input.kind, name: input.name, enabled: input.enabled, settings: JSON.stringify(ruleSettings(input)) });
    await recordAudit(tx, 'followups.rule_created', { type: 'followup_rule', id: row.id }, { rule: input });
    return presentRule(row, { sent: 0, replied: 0, purchased: 0, skipped: 0 });
  });
}

export async function updateRule(ctx: Ctx, id: string, input: FollowupRuleInput): Promise<FollowupRuleDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.updateRule(tx.db, tx.workspaceId, id, { kind: input.kind, name: input.name, enabled: input.enabled, settings: JSON.stringify(ruleSettings(input)) });
    if (!row) throw notFound('Follow-up rule');
    await recordAudit(tx, 'followups.rule_updated', { type: 'followup_rule', id }, { rule: input });
    return presentRule(row, { sent: 0, replied: 0, purchased: 0, skipped: 0 });
  });
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const deleted = await store.deleteRule(tx.db, tx.workspaceId, id);
    if (!deleted.numDeletedRows) throw notFound('Follow-up rule');
    await recordAudit(tx, 'followups.rule_deleted', { type: 'followup_rule', id }, {});
  });
}

export async function listSends(ctx: Ctx, ruleId: string): Promise<FollowupSendDto[]> {
  requireRole(ctx.actor, 'supervisor');
  if (!(await store.getRule(ctx.db, ctx.workspaceId, ruleId))) throw notFound('Follow-up rule');
  return (await store.listSends(ctx.db, ctx.workspaceId, ruleId, 200)).map(presentSend);
}

/** Consent: an agent records that the customer wants no more follow-ups (or takes it back). */
export async function setOptOut(ctx: Ctx, contactId: string, optedOut: boolean): Promise<{ optedOut: boolean }> {
  requireRole(ctx.actor, 'agent');
  await getContactRow(ctx, contactId);
  await inTransaction(ctx, async (tx) => {
    if (optedOut) await store.insertOptOut(tx.db, tx.workspaceId, contactId, 'agent');
    else await store.deleteOptOut(tx.db, tx.workspaceId, contactId);
    await recordAudit(tx, optedOut ? 'followups.opted_out' : 'followups.opted_in', { type: 'contact', id: contactId }, {});
  });
  return { optedOut };
}

export async function getOptOut(ctx: Ctx, contactId: string): Promise<{ optedOut: boolean; via: string | null }> {
  requireRole(ctx.actor, 'agent');
  const row = await store.findOptOut(ctx.db, ctx.workspaceId, contactId);
  return { optedOut: !!row, via: row?.via ?? null };
}

/**
 * Subscriber: a customer's message answers the latest follow-up in that conversation, and a message
 * that is only "STOP" / "hủy" / "dừng" … opts them out of follow-ups.
 */
export async function noteCustomerReply(ctx: Ctx, event: RealtimeEvent): Promise<void> {
  if (event.type !== 'message.created' || event.message.kind !== 'incoming' || event.message.sender.type !== 'contact') return;
  // A message that opened its conversation answers no follow-up: none was sent into it yet.
  if (!event.opened) await store.markReplied(ctx.db, ctx.workspaceId, event.conversationId, new Date(event.message.createdAt));
  // Opting out is a message of a word or two: a long one is not folded to find out.
  if (event.message.body.length > 40) return;
  const words = fold(event.message.body).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
  if (optOutWords.includes(words) && event.message.sender.id) await store.insertOptOut(ctx.db, ctx.workspaceId, event.message.sender.id, 'reply');
}

/**
 * The message of a rule for one contact, in their language (else the workspace's). `{{product.title}}` is the
 * product of a product-basis repurchase reminder (as the shop named it), empty otherwise so its fallback shows.
 */
export async function renderFor(ctx: Ctx, message: { vi: string; en: string }, contactId: string, values: { orderNumber?: string | null; productTitle?: string | null }) {
  const [contact, workspace] = await Promise.all([getContactRow(ctx, contactId), getWorkspace(ctx)]);
  const locale = (contact?.locale ?? workspace.locale) === 'en' ? 'en' : 'vi';
  return renderTemplate(message[locale], {
    'contact.name': contact?.name ?? null, 'contact.first_name': firstNameOf(contact?.name, locale), 'workspace.name': workspace.name,
    'order.number': values.orderNumber ?? null, 'product.title': values.productTitle ?? null,
  });
}
