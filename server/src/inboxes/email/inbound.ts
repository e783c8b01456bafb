import { createHash } from 'node:crypto';
import { systemCtx, type Ctx, type Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { NewRow, Row } from '../../platform/db/schema.ts';
import { uploadAttachment } from '../../attachments/service.ts';
import { findOrCreateCustomerContacts, getContactRow } from '../../contacts/service.ts';
import { requireConversation } from '../../conversations/service.ts';
import { receiveAutomatic, receiveIncoming } from '../../messages/service.ts';
import { buildEmailContent } from './mime/content.ts';
import { classifyEmail, isLoopRisk, type EmailClassification } from './mime/classify.ts';
import { EmailContentError, isEmailContentError, type EmailContentErrorCode } from './mime/errors.ts';
import type { ParseEmailOptions, ParsedEmail } from './mime/parse.ts';
import { revivedReadMail, storedContentOf, type ReadMail, type StoredEmailContent } from './mime/read.ts';
import { ThreadTaskError } from '../../platform/threads.ts';
import { newReplyToken } from './ids.ts';
import { recordBounce } from './bounces.ts';
import { emailReceivingSettingsOf } from './settings.ts';
import { resolveThread, type ThreadMatch } from './threading.ts';
import * as store from './store.ts';

export type ReceiveResult =
  | { outcome: 'stored'; messageId: string; conversationId: string; via: ThreadMatch['via']; kind: EmailClassification['kind'] }
  | { outcome: 'duplicate'; messageId: string; conversationId: string }
  | { outcome: 'ignored'; reason: string };

const noReply = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster)@/i;

/**
 * One inbound mail, from any of the three doors (SMTP receiver, IMAP, raw upload): parse, drop a
 * duplicate Message-ID, classify, find the thread, match the sender to a contact, store the message
 * with its email facts and attachments. Machine mail (auto-replies, bounces, lists) becomes a system
 * note in its thread and is never answered; a bounce also marks our bounced message and, when hard,
 * the address. Idempotent: the same mail twice stores one message.
 */
export async function receiveEmail(deps: Deps, inbox: Row<'inboxes'>, raw: Buffer, envelope: { to?: string[]; from?: string | null } = {}): Promise<ReceiveResult> {
  const ctx = systemCtx(deps, inbox.workspace_id);
  const settings = emailReceivingSettingsOf(inbox);
  let read: ReadMail;
  try {
    read = await readOffThread(deps, raw, { ...(envelope.to ? { envelopeTo: envelope.to } : {}), ...(envelope.from !== undefined ? { envelopeFrom: envelope.from } : {}) });
  } catch (err) {
    if (isEmailContentError(err) && err.code === 'too_large') throw new AppError('payload_too_large', 'The mail is too large');
    if (isEmailContentError(err)) throw new AppError('validation_failed', 'The mail could not be read');
    throw err;
  }
  const mail = read.mail;
  // Without a Message-ID, the bytes identify a redelivery of the same mail.
  const rfcId = mail.messageId ?? `sha256.${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@careloop.invalid`;
  const seen = await store.findInbound(ctx.db, ctx.workspaceId, inbox.id, rfcId);
  if (seen) return { outcome: 'duplicate', messageId: seen.message_id, conversationId: seen.conversation_id };

  const classification = classifyEmail(mail);
  const loop = isLoopRisk(mail, [settings.address]);
  const sender = senderOf(mail);
  const thread = await resolveThread(ctx, inbox, settings, mail, sender?.address ?? null, async (conversationId) => {
    const conversation = await requireConversation(ctx, conversationId);
    return (await getContactRow(ctx, conversation.contact_id)).email;
  });

  if (classification.kind === 'bounce') await recordBounce(ctx, inbox, classification);
  if (classification.kind !== 'normal' || loop) {
    if (thread.via === 'new') return { outcome: 'ignored', reason: loop ? 'loop' : `${classification.kind} outside any conversation` };
    const stored = await receiveAutomatic(ctx, {
      conversationId: thread.conversationId, body: automaticNote(classification, mail), externalId: rfcId,
      withinTransaction: (tx, message, conversation) => writeEmailFacts(tx, inbox, message.id, conversation.id, rfcId, mail, classification, raw, null),
    });
    return stored.duplicate ? { outcome: 'duplicate', messageId: stored.message.id, conversationId: thread.conversationId }
      : { outcome: 'stored', messageId: stored.message.id, conversationId: thread.conversationId, via: thread.via, kind: classification.kind };
  }

  if (!sender) return { outcome: 'ignored', reason: 'no sender address' };
  const [contact] = await findOrCreateCustomerContacts(ctx, [{ name: sender.name, email: sender.address, phone: null }], { activeAt: new Date() });
  if (!contact) return { outcome: 'ignored', reason: 'no sender address' };
  const files = await storeAttachments(ctx, mail);
  // Inline images point at the stored attachment (`cid:att_…`; the console's view signs a URL for it); unknown ones are dropped.
  const content = read.content ?? storedContentOf(buildEmailContent(mail, { cidUrl: (cid) => { const id = files.byContentId.get(cid); return id ? `cid:${id}` : null; }, allowRemoteImages: false }));
  const body = content.text.reply.trim() || content.text.full.trim() || (mail.subject ? `(${mail.subject})` : '');
  const result = await receiveIncoming(ctx, {
    inboxId: inbox.id, contactId: contact.id, ...(contact.row ? { contact: contact.row } : {}), body, externalId: rfcId, attachmentIds: files.ids,
    thread: thread.via === 'new' ? 'new' : { conversationId: thread.conversationId, reopenDays: settings.reopenDays },
    // findInbound above looked for this Message-ID; a racing copy is caught by the unique index.
    checkedNew: true, channel: inbox.channel,
    withinTransaction: (tx, message, conversation) => writeEmailFacts(tx, inbox, message.id, conversation.id, rfcId, mail, classification, raw, content,
      { conversation_id: conversation.id, inbox_id: inbox.id, reply_token: newReplyToken(), subject: mail.subject.slice(0, 500) }),
  });
  return result.duplicate ? { outcome: 'duplicate', messageId: result.message.id, conversationId: result.conversationId }
    : { outcome: 'stored', messageId: result.message.id, conversationId: result.conversationId, via: thread.via, kind: 'normal' };
}

/** The customer: Reply-To unless it is a no-reply address, else From; a group forward names the author in X-Original-Sender. */
function senderOf(mail: ParsedEmail): { address: string; name: string | null } | null {
  if (mail.xOriginalSender) return { address: mail.xOriginalSender.toLowerCase(), name: null };
  const replyTo = mail.replyTo.find((a) => a.address && !noReply.test(a.address));
  const from = mail.from.find((a) => a.address);
  const pick = replyTo ?? from;
  return pick ? { address: pick.address, name: pick.name || (from && from.address === pick.address ? from.name : null) || null } : null;
}

function automaticNote(c: EmailClassification, mail: ParsedEmail): string {
  const what = c.kind === 'bounce' ? (c.bounce?.hard ? 'Thư không gửi được (lỗi vĩnh viễn) / Undeliverable (permanent)' : 'Thư chưa gửi được (tạm thời) / Delivery delayed')
    : c.kind === 'auto_reply' ? 'Thư trả lời tự động / Automatic reply' : 'Thư gửi hàng loạt / Bulk mail';
  const detail = c.bounce ? [c.bounce.finalRecipient, c.bounce.status, c.bounce.diagnostic].filter(Boolean).join(' · ') : mail.subject;
  return `${what}${detail ? `: ${detail}` : ''}`.slice(0, 2000);
}

async function storeAttachments(ctx: Ctx, mail: ParsedEmail) {
  const ids: string[] = [];
  const byContentId = new Map<string, string>();
  for (const a of mail.attachments) {
    try {
      const stored = await uploadAttachment(ctx, { filename: a.filename, bytes: a.content }, { imagesOnly: false });
      ids.push(stored.id);
      if (a.contentId) byContentId.set(a.contentId, stored.id);
    } catch (err) {
      // A type we do not keep (an executable…) or an empty file: the mail is stored without it.
      if (!(err instanceof AppError)) throw err;
      ctx.log.info('email: attachment not kept', { filename: a.filename, code: err.code });
    }
  }
  return { ids, byContentId };
}

/** The mail's headers, texts and raw bytes beside its message; a customer's mail also gives its conversation a thread (reply token). */
async function writeEmailFacts(tx: Ctx, inbox: Row<'inboxes'>, messageId: string, conversationId: string, rfcId: string, mail: ParsedEmail,
  classification: EmailClassification, raw: Buffer, content: StoredEmailContent | null, thread?: Omit<NewRow<'email_threads'>, 'workspace_id'>) {
  // Appended to the workspace's mail log (segment files) rather than a file per mail.
  const rawKey = await tx.deps.storage.append(`${tx.workspaceId}/email`, raw);
  const from = mail.from[0] ?? null;
  const row: Omit<NewRow<'email_messages'>, 'workspace_id'> = {
    message_id: messageId, conversation_id: conversationId, inbox_id: inbox.id, direction: 'in', rfc_message_id: rfcId,
    in_reply_to: mail.inReplyTo, refs: mail.references.slice(-50), subject: mail.subject.slice(0, 1000),
    from_address: from?.address ?? null, from_name: from?.name || null,
    to_addresses: JSON.stringify(mail.to.slice(0, 50)), cc_addresses: JSON.stringify(mail.cc.slice(0, 50)),
    classification: classification.kind, classification_reason: classification.reason.slice(0, 300),
    text_full: content?.text.full ?? mail.text, text_quoted: content?.text.quoted || null,
    html_full: content?.html?.full ?? null, html_quoted: content?.html?.quoted || null, blocked_images: content?.blockedImages ?? 0,
    raw_storage_key: rawKey,
  };
  if (thread) await store.insertEmailMessageAndThread(tx.db, tx.workspaceId, row, thread);
  else await store.insertEmailMessage(tx.db, tx.workspaceId, row);
}

/**
 * Parse (and, without inline images, split and sanitize) on a pool thread, so the event loop keeps
 * serving while another core reads. The thread gets its own copy of the bytes; its errors come back
 * as the EmailContentErrors they were, and a mail that stalls its thread counts as unreadable.
 */
async function readOffThread(deps: Deps, raw: Buffer, opts: ParseEmailOptions): Promise<ReadMail> {
  const copy = new Uint8Array(raw);
  try {
    return revivedReadMail(await deps.threads.run('email.read', [copy, opts], [copy.buffer]));
  } catch (err) {
    if (!(err instanceof ThreadTaskError)) throw err;
    if (err.errorName === 'EmailContentError') throw new EmailContentError(err.code as EmailContentErrorCode, err.message, err.details ?? undefined);
    if (err.code === 'timeout') throw new EmailContentError('unparseable', err.message);
    throw err;
  }
}
