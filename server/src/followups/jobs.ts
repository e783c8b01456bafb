import type { Ctx } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { listFulfilledOrdersBetween } from '../commerce/service.ts';
import { contactIdsInSegment, listProductRepurchaseDue, listRepurchaseDue } from '../analytics/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { latestConversationOfContact } from '../conversations/service.ts';
import { sendSystemMessage } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import type { Row } from '../platform/db/schema.ts';
import type { RuleSettings } from './present.ts';
import { readFollowupSettings, renderFor } from './service.ts';
import * as store from './store.ts';

const dayMs = 86_400_000;
interface Candidate { contactId: string; dedupeKey: string; orderId: string | null; orderNumber: string | null; productTitle?: string }
export interface RunSummary { quiet: boolean; sent: number; skipped: number }

/** The local hour in a zone (0–23). */
export function localHour(timezone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}
export const isQuiet = (hour: number, from: number, to: number) => (from === to ? false : from < to ? hour >= from && hour < to : hour >= from || hour < to);
const isoDay = (at: Date, timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Run every enabled rule once (the worker does this every 15 minutes; an admin can too). Nothing
 * goes out in quiet hours; a customer gets at most one follow-up per `capDays` across rules; opted-out
 * and blocked customers get none. Each rule handles each reason once (`dedupe_key`: the order, the
 * expected order date, the product's last purchase, the win-back period), also when several nodes run at
 * the same time.
 */
export async function runFollowups(ctx: Ctx, now = new Date()): Promise<RunSummary> {
  const [settings, workspace] = await Promise.all([readFollowupSettings(ctx), getWorkspace(ctx)]);
  if (isQuiet(localHour(workspace.timezone, now), settings.quietFrom, settings.quietTo)) return { quiet: true, sent: 0, skipped: 0 };
  const summary = { quiet: false, sent: 0, skipped: 0 };
  for (const rule of (await store.listRules(ctx.db, ctx.workspaceId)).filter((r) => r.enabled)) {
    const s = rule.settings as unknown as RuleSettings;
    const all = await candidatesOf(ctx, rule, s, now, workspace.timezone);
    const handled = await store.listHandledKeys(ctx.db, ctx.workspaceId, rule.id, all.map((c) => c.dedupeKey));
    const candidates = all.filter((c) => !handled.has(`${c.contactId} ${c.dedupeKey}`));
    const ids = [...new Set(candidates.map((c) => c.contactId))];
    const [capped, optedOut] = await Promise.all([
      store.listRecentlyContacted(ctx.db, ctx.workspaceId, ids, new Date(now.getTime() - settings.capDays * dayMs)),
      store.listOptedOut(ctx.db, ctx.workspaceId, ids),
    ]);
    for (const c of candidates) {
      if (capped.has(c.contactId)) continue; // tried again on a later run while the reason lasts
      const outcome = await sendOne(ctx, rule, s, c, optedOut.has(c.contactId));
      if (outcome === 'sent') {
        summary.sent++;
        capped.add(c.contactId);
      } else if (outcome !== 'taken') summary.skipped++;
    }
  }
  return summary;
}

async function candidatesOf(ctx: Ctx, rule: Row<'followup_rules'>, s: RuleSettings, now: Date, timezone: string): Promise<Candidate[]> {
  if (rule.kind === 'post_purchase') {
    // Orders fulfilled `days` ago (a three-day window, so a quiet night or a stopped server does not skip them).
    const orders = await listFulfilledOrdersBetween(ctx, new Date(now.getTime() - (s.days + 3) * dayMs), new Date(now.getTime() - s.days * dayMs));
    return orders.map((o) => ({ contactId: o.contact_id!, dedupeKey: `order:${o.id}`, orderId: o.id, orderNumber: o.order_number }));
  }
  if (rule.kind === 'repurchase') {
    const today = isoDay(now, timezone);
    const from = isoDay(new Date(now.getTime() - 3 * dayMs), timezone);
    if (s.basis === 'product') {
      // One reminder per cycle: the key is the purchase the cycle runs from, so buying again starts a new one.
      return (await listProductRepurchaseDue(ctx, from, today, s.minPAlive)).map((c) => ({
        contactId: c.contact_id, dedupeKey: `product:${c.product_key}:${c.order_id}`, orderId: c.order_id, orderNumber: c.order_number, productTitle: c.product_title,
      }));
    }
    return (await listRepurchaseDue(ctx, from, today, s.minPAlive)).map((c) => ({ contactId: c.contact_id, dedupeKey: `due:${c.next_order_on}`, orderId: null, orderNumber: null }));
  }
  // Win-back: once per `days`-long period per customer while they stay in the segments.
  const period = Math.floor(now.getTime() / (s.days * dayMs));
  const ids = (await Promise.all(s.segments.map((segment) => contactIdsInSegment(ctx, segment)))).flat();
  return [...new Set(ids)].map((contactId) => ({ contactId, dedupeKey: `period:${period}`, orderId: null, orderNumber: null }));
}

async function sendOne(ctx: Ctx, rule: Row<'followup_rules'>, s: RuleSettings, c: Candidate, optedOut: boolean): Promise<'sent' | 'skipped' | 'taken'> {
  const contact = await getContactRow(ctx, c.contactId).catch(() => undefined);
  if (!contact || contact.blocked) return 'skipped';
  const conversation = optedOut ? undefined : await latestConversationOfContact(ctx, c.contactId);
  const id = newId('followupSend');
  const status = optedOut ? 'opted_out' : conversation ? 'sent' : 'no_channel';
  const claimed = await store.claimSend(ctx.db, ctx.workspaceId, {
    id, rule_id: rule.id, dedupe_key: c.dedupeKey, contact_id: c.contactId, conversation_id: conversation?.id ?? null, order_id: c.orderId, status,
    reason: status === 'no_channel' ? 'The customer has no conversation to reach them in (email arrives with the email channel)' : null,
  });
  if (!claimed) return 'taken';
  if (status !== 'sent') return 'skipped';
  try {
    const body = await renderFor(ctx, s.message, c.contactId, { orderNumber: c.orderNumber, productTitle: c.productTitle ?? null });
    const message = await sendSystemMessage(ctx, conversation!.id, { body, clientId: id });
    await store.updateSend(ctx.db, ctx.workspaceId, id, { message_id: message.id });
    return 'sent';
  } catch (err) {
    ctx.log.error('follow-up failed', { err, rule: rule.id });
    await store.updateSend(ctx.db, ctx.workspaceId, id, { status: 'failed', reason: err instanceof Error ? err.message.slice(0, 300) : 'failed' });
    return 'skipped';
  }
}
