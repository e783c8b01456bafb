import type { EmailMessageDto } from '@careloop/contracts';
import type { Readable } from 'node:stream';
import { safeEqual } from '../../platform/crypto.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Row } from '../../platform/db/schema.ts';
import { requireScope } from '../../agents/policy.ts';
import { attachmentsOf, presentAttachment } from '../../attachments/service.ts';
import { getConversation } from '../../conversations/service.ts';
import { getMessageRow } from '../../messages/service.ts';
import { getInboxRow } from '../service.ts';
import { receiveEmail, type ReceiveResult } from './inbound.ts';
import * as store from './store.ts';

export { receiveEmail };

/**
 * Raw MIME posted by a provider or a forwarding script. The URL names the inbox and carries its
 * secret (shown to admins, rotated with the inbox's secret); a wrong pair is 401 and stores nothing.
 */
export async function receiveRawUpload(deps: Deps, target: { inboxId: string; token: string }, raw: Buffer): Promise<ReceiveResult> {
  const inbox = await findInboxForUpload(deps, target.inboxId);
  if (!inbox || inbox.channel !== 'email' || !safeEqual(inbox.identity_secret, target.token)) throw new AppError('unauthenticated', 'Unknown inbox or wrong token');
  if (raw.length === 0) throw new AppError('validation_failed', 'The body must be a raw email (message/rfc822)');
  return receiveEmail(deps, inbox, raw);
}

async function findInboxForUpload(deps: Deps, inboxId: string): Promise<Row<'inboxes'> | undefined> {
  const owner = await store.findInboxWorkspace(deps.db, inboxId);
  if (!owner) return undefined;
  return getInboxRow(systemCtx(deps, owner.workspace_id), inboxId).catch(() => undefined);
}

/** The email facts of one message for an agent who may see its conversation (inline images signed, remote ones held back). */
export async function getEmailOfMessage(ctx: Ctx, messageId: string): Promise<EmailMessageDto> {
  requireScope(ctx.actor, 'conversations:read');
  const message = await getMessageRow(ctx, messageId);
  await getConversation(ctx, message.conversation_id); // may this agent see it?
  const row = await store.getEmailMessage(ctx.db, ctx.workspaceId, messageId);
  if (!row) throw notFound('Email');
  const files = new Map((await attachmentsOf(ctx, [messageId])).map((f) => [f.id, presentAttachment(ctx.deps.secret, f).url]));
  // Stored HTML is sanitised; only `cid:att_…` values of src attributes are swapped for our own signed URLs.
  const signCids = (html: string | null) => html?.replace(/(\ssrc=")cid:(att_[0-9A-Za-z]+)"/g, (_m, pre: string, id: string) => (files.has(id) ? `${pre}${files.get(id)!.replace(/&/g, '&amp;')}"` : `${pre}"`)) ?? null;
  return {
    messageId, direction: row.direction, subject: row.subject,
    from: row.from_address ? { address: row.from_address, name: row.from_name } : null,
    to: row.to_addresses, cc: row.cc_addresses, classification: row.classification, classificationReason: row.classification_reason,
    textFull: row.text_full, textQuoted: row.text_quoted, htmlFull: signCids(row.html_full), htmlQuoted: signCids(row.html_quoted),
    blockedImages: row.blocked_images, rfcMessageId: row.rfc_message_id,
  };
}

/** The original mail as received, for download ("show original"). */
export async function openRawEmail(ctx: Ctx, messageId: string): Promise<{ stream: Readable; size: number }> {
  requireScope(ctx.actor, 'conversations:read');
  const message = await getMessageRow(ctx, messageId);
  await getConversation(ctx, message.conversation_id);
  const row = await store.getEmailMessage(ctx.db, ctx.workspaceId, messageId);
  const file = row?.raw_storage_key ? await ctx.deps.storage.get(row.raw_storage_key) : null;
  if (!file) throw notFound('Original email');
  return file;
}
