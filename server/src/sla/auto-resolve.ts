/**
 * Auto-resolve (issue 7 §3): a conversation left pending (waiting on the customer) for the
 * workspace's number of days is closed with a short message in the customer's language.
 */
import { nowOf, type Ctx } from '../platform/context.ts';
import { escalateConversation, listStalePendingIds, requireConversation } from '../conversations/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { sendSystemMessage } from '../messages/service.ts';
import { getSlaSettings } from './service.ts';

export async function autoResolvePending(ctx: Ctx): Promise<number> {
  const settings = await getSlaSettings(ctx);
  if (!settings.autoResolvePendingDays) return 0;
  const before = new Date(nowOf(ctx.deps).getTime() - settings.autoResolvePendingDays * 86_400_000);
  let resolved = 0;
  for (const id of await listStalePendingIds(ctx, before, 200)) {
    const conversation = await requireConversation(ctx, id);
    if (conversation.status !== 'pending') continue;
    const contact = await getContactRow(ctx, conversation.contact_id).catch(() => null);
    const text = (contact?.locale === 'en' ? settings.autoResolveMessage.en : settings.autoResolveMessage.vi).trim();
    if (text) await sendSystemMessage(ctx, id, { body: text, clientId: `auto-resolve:${id}:${conversation.last_activity_at.getTime()}` });
    // The closing message does not reopen a pending conversation; the resolve follows it.
    await escalateConversation(ctx, id, { status: 'resolved' });
    resolved++;
  }
  return resolved;
}
