import type { Ctx } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import { markDeliveryFailed } from '../../messages/service.ts';
import type { EmailClassification } from './mime/classify.ts';
import { parseOurMessageId } from './ids.ts';
import * as store from './store.ts';

/**
 * A delivery report for one of our mails (channels spec §6.3): the bounced message is found by the
 * Message-ID in the returned headers (ours carries its ids and a signature; a transport's substitute is
 * looked up) and turns `failed` with the diagnostic. A hard bounce (5.x.x) also marks the address
 * undeliverable, so replies to it are refused until an admin lifts it; a soft one only warns.
 */
export async function recordBounce(ctx: Ctx, inbox: Row<'inboxes'>, c: EmailClassification): Promise<void> {
  const b = c.bounce;
  if (!b) return;
  const reason = [b.status, b.diagnostic].filter(Boolean).join(' ') || c.reason;
  if (b.hard && b.finalRecipient) await store.suppress(ctx.db, ctx.workspaceId, b.finalRecipient.toLowerCase(), reason.slice(0, 500));
  if (!b.originalMessageId) return;
  const ours = parseOurMessageId(ctx.deps.secret, b.originalMessageId);
  const messageId = ours?.messageId ?? (await store.findByAnyId(ctx.db, ctx.workspaceId, inbox.id, [b.originalMessageId]))?.message_id;
  if (!messageId) return;
  if (b.hard) await markDeliveryFailed(ctx, messageId, `${b.finalRecipient ?? ''}: ${reason}`.trim().slice(0, 500));
}
