import { attachmentTypes, imageTypes, limits, type AttachmentDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { signPath, verifySignedPath } from '../platform/crypto.ts';
import { storageKey } from '../platform/storage.ts';
import type { Row } from '../platform/db/schema.ts';
import * as store from './store.ts';

/** Sniff the real type from the first bytes: the declared Content-Type of an upload is untrusted. */
export function sniffType(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'application/pdf';
  return null;
}

function looksLikeText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    return !bytes.subarray(0, 64 * 1024).includes(0);
  } catch {
    return false;
  }
}

/** Who an upload belongs to: only its uploader may attach it to a message. */
function uploaderOf(ctx: Ctx): { type: string; id: string | null } {
  const actor = ctx.actor;
  return actor.type === 'agent' ? { type: 'agent', id: actor.id } : actor.type === 'contact' ? { type: 'contact', id: actor.contactId } : { type: 'system', id: null };
}

/** Store an upload not yet attached to a message. Visitors may upload images only. */
export async function uploadAttachment(ctx: Ctx, file: { filename: string; bytes: Uint8Array }, opts: { imagesOnly: boolean }) {
  if (file.bytes.byteLength === 0) throw new AppError('validation_failed', 'The file is empty');
  if (file.bytes.byteLength > limits.attachmentBytes) throw new AppError('payload_too_large', 'The file is too large', { maxBytes: limits.attachmentBytes });
  const sniffed = sniffType(file.bytes) ?? (looksLikeText(file.bytes) ? 'text/plain' : null);
  const allowed: readonly string[] = opts.imagesOnly ? imageTypes : attachmentTypes;
  if (!sniffed || !allowed.includes(sniffed)) {
    throw new AppError('unsupported_media_type', opts.imagesOnly ? 'Only images (PNG, JPEG, GIF, WebP) can be sent' : 'This file type cannot be sent', { allowed });
  }
  const id = newId('attachment');
  const key = storageKey(ctx.workspaceId, id);
  await ctx.deps.storage.put(key, file.bytes, sniffed);
  const uploader = uploaderOf(ctx);
  const row = await store.insertAttachment(ctx.db, {
    id, workspace_id: ctx.workspaceId, message_id: null, uploaded_by_type: uploader.type, uploaded_by_id: uploader.id,
    storage_key: key, filename: file.filename, content_type: sniffed, byte_size: file.bytes.byteLength,
  });
  return presentAttachment(ctx.deps.secret, row);
}

export function presentAttachment(secret: string, row: Row<'attachments'>): AttachmentDto {
  return { id: row.id, filename: row.filename, contentType: row.content_type, byteSize: row.byte_size, url: signPath(secret, `/files/${row.id}`, 24 * 3600) };
}

/** Attach the actor's own fresh uploads to a message (inside the message transaction). */
export async function claimAttachments(ctx: Ctx, ids: string[], messageId: string) {
  if (ids.length === 0) return [];
  const uploader = uploaderOf(ctx);
  const rows = await store.claimAttachments(ctx.db, ctx.workspaceId, [...new Set(ids)], messageId, uploader);
  if (rows.length !== new Set(ids).size) throw new AppError('validation_failed', 'An attachment is unknown or already used', { attachmentIds: ids });
  return rows;
}

export const attachmentsOf = (ctx: Ctx, messageIds: string[]) => store.listAttachmentsOf(ctx.db, ctx.workspaceId, messageIds);

/** Serve a file behind a signed URL: the signature, not a session, is the permission. */
export async function openSignedFile(deps: Ctx['deps'], id: string, exp: string | undefined, sig: string | undefined) {
  if (!verifySignedPath(deps.secret, `/files/${id}`, exp, sig)) throw new AppError('forbidden', 'This link has expired or is not valid');
  const row = await store.getAttachmentAnyWorkspace(deps.db, id);
  if (!row) throw new AppError('not_found', 'File not found');
  const file = await deps.storage.get(row.storage_key);
  if (!file) throw new AppError('not_found', 'File not found');
  return { row, ...file };
}
