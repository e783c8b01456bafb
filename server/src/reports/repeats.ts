import { reportLimits, type ReportQuery, type ReportRepeatsDto } from '@careloop/contracts';
import { listContactSummaries } from '../contacts/service.ts';
import type { Ctx } from '../platform/context.ts';
import { sumRows } from './stats.ts';
import * as read from './store-read.ts';
import { openView, sliceOf } from './view.ts';

/**
 * Customers who had to repeat themselves: conversations opened in the range within
 * `repeatWindowDays` of the same customer's resolved conversation about the same thing (when
 * triage knows the intent), their share of all conversations opened, by intent, and the latest.
 */
export async function getRepeatContacts(ctx: Ctx, query: ReportQuery): Promise<ReportRepeatsDto> {
  const v = await openView(ctx, query);
  const [rows, byIntent, recent] = await Promise.all([
    read.readDaily(ctx.db, ctx.workspaceId, sliceOf(v.filter), v.fromDay, v.toDay, ['conversations', 'repeats']),
    read.countRepeatsByIntent(ctx.db, ctx.workspaceId, v.fromDay, v.toDay, v.filter),
    read.listRecentRepeats(ctx.db, ctx.workspaceId, v.fromDay, v.toDay, v.filter, reportLimits.repeatListSize),
  ]);
  const t = sumRows(rows);
  const names = new Map((await listContactSummaries(ctx, [...new Set(recent.map((r) => r.contact_id))])).map((c) => [c.id, c.name]));
  return {
    meta: v.meta,
    conversations: t.conversations,
    repeats: t.repeats,
    rate: t.conversations > 0 ? Math.round((t.repeats / t.conversations) * 10_000) / 10_000 : null,
    byIntent: byIntent.map((r) => ({ intent: r.intent, repeats: Number(r.n) })),
    recent: recent.map((r) => ({
      conversationId: r.conversation_id, number: r.number, contactId: r.contact_id, contactName: names.get(r.contact_id) ?? null,
      intent: r.intent, createdAt: r.created_at.toISOString(),
      previousConversationId: r.repeat_of!, previousNumber: r.repeat_of_number!,
      hoursAfterResolution: Math.round(((r.repeat_gap_s ?? 0) / 3600) * 10) / 10,
    })),
  };
}
