import type { EmailInboxSettings } from '@careloop/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import { findConversationByNumber } from '../../conversations/service.ts';
import type { ParsedEmail } from './mime/parse.ts';
import { parseOurMessageId, replyTokenIn, subjectTagOf } from './ids.ts';
import { replyDomainOf } from './settings.ts';
import * as store from './store.ts';

export type ThreadMatch =
  | { via: 'token' | 'our_id' | 'stored_id' | 'subject'; conversationId: string }
  /** A new conversation; `relatedNumber` when the subject named a conversation the sender does not own (needs review). */
  | { via: 'new'; relatedNumber: number | null };

/**
 * Which conversation an inbound mail continues (channels spec §6.2), in this order: the plus-address
 * token in any recipient; our signed Message-ID in In-Reply-To, then References newest first; any
 * stored id (ours, a transport's, an inbound one); the `[#number]` subject tag — trusted only when the
 * sender is the conversation's contact; else a new conversation. Only conversations of this inbox match.
 */
export async function resolveThread(ctx: Ctx, inbox: Row<'inboxes'>, settings: EmailInboxSettings, mail: ParsedEmail, senderEmail: string | null, contactEmailOf: (conversationId: string) => Promise<string | null>): Promise<ThreadMatch> {
  const domain = replyDomainOf(settings);
  for (const address of mail.recipients) {
    const token = replyTokenIn(address, domain);
    if (!token) continue;
    const thread = await store.findThreadByToken(ctx.db, ctx.workspaceId, inbox.id, token);
    if (thread) return { via: 'token', conversationId: thread.conversation_id };
  }
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()];
  for (const id of ids) {
    const ours = parseOurMessageId(ctx.deps.secret, id);
    if (!ours) continue;
    const thread = await store.getThread(ctx.db, ctx.workspaceId, ours.conversationId);
    if (thread && thread.inbox_id === inbox.id) return { via: 'our_id', conversationId: thread.conversation_id };
  }
  const stored = await store.findByAnyId(ctx.db, ctx.workspaceId, inbox.id, ids);
  if (stored) return { via: 'stored_id', conversationId: stored.conversation_id };
  const number = subjectTagOf(mail.subject);
  if (number !== null) {
    const conversation = await findConversationByNumber(ctx, number);
    if (conversation && conversation.inbox_id === inbox.id) {
      const owner = await contactEmailOf(conversation.id);
      if (senderEmail && owner === senderEmail) return { via: 'subject', conversationId: conversation.id };
      return { via: 'new', relatedNumber: number };
    }
  }
  return { via: 'new', relatedNumber: null };
}
