import { createHash } from 'node:crypto';
import { helpImageTypes, helpLimits, type HelpImageDto, type HelpImageType } from '@careloop/contracts';
import { inTransaction, type Ctx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { requireRole } from '../agents/policy.ts';
import { sniffType } from '../attachments/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { HelpSite } from './portal.ts';
import type { HelpRow } from './schema.ts';
import { presentImage } from './present.ts';
import { helpId, helpPublicKey } from './service.ts';
import * as store from './store.ts';

/**
 * Article images: uploaded by supervisors, stored once per distinct picture of a workspace, and served
 * publicly without expiry at `/help/<key>/img/<id>` (public.ts). The type is sniffed from the bytes;
 * SVG is never accepted (it is a document that can run script, not a picture).
 */

/** Ids as the public route accepts them: anything else is a 404 before the database is asked. */
export const helpImageIdPattern = /^hci_[0-9A-Za-z]{10,40}$/;

/** Content-addressed: identical bytes land on the same key, so a race between two uploads writes one file. */
const imageKey = (workspaceId: string, sha256: string) => `${workspaceId}/help-images/${sha256.slice(0, 2)}/${sha256}`;

function imageTypeOf(bytes: Uint8Array): HelpImageType {
  const sniffed = sniffType(bytes);
  const type = helpImageTypes.find((t) => t === sniffed);
  if (!type) throw new AppError('unsupported_media_type', 'Only PNG, JPEG, GIF or WebP images can be added to articles', { allowed: helpImageTypes });
  return type;
}

export async function uploadHelpImage(ctx: Ctx, bytes: Uint8Array): Promise<HelpImageDto> {
  requireRole(ctx.actor, 'supervisor');
  if (bytes.byteLength === 0) throw new AppError('validation_failed', 'The image is empty', { field: 'file' });
  if (bytes.byteLength > helpLimits.imageBytes) throw new AppError('payload_too_large', 'The image is too large', { maxBytes: helpLimits.imageBytes });
  const contentType = imageTypeOf(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const publicKey = await helpPublicKey(ctx);
  const known = await store.getImageBySha(ctx.db, ctx.workspaceId, sha256);
  if (known) return presentImage(ctx.deps.config.publicUrl, publicKey, known, true);

  const key = imageKey(ctx.workspaceId, sha256);
  await ctx.deps.storage.put(key, bytes, contentType);
  const { row, reused } = await inTransaction(ctx, async (tx) => {
    const inserted = await store.insertImage(tx.db, tx.workspaceId, {
      id: helpId('hci'), storage_key: key, content_type: contentType, byte_size: bytes.byteLength, sha256,
      created_by: tx.actor.type === 'agent' ? tx.actor.id : null,
    });
    if (!inserted) return { row: (await store.getImageBySha(tx.db, tx.workspaceId, sha256))!, reused: true };
    await recordAudit(tx, 'help_image.uploaded', { type: 'help_image', id: inserted.id }, { contentType, byteSize: bytes.byteLength });
    return { row: inserted, reused: false };
  });
  return presentImage(ctx.deps.config.publicUrl, publicKey, row, reused);
}

/** A site's image, or null (an unknown id or another shop's image). */
export async function findHelpImage(deps: Deps, site: HelpSite, id: string) {
  if (!helpImageIdPattern.test(id)) return null;
  return (await store.getImage(deps.db, site.workspaceId, id)) ?? null;
}

/** Its bytes, or null when the file is gone from storage. */
export const readHelpImage = (deps: Deps, image: HelpRow<'help_images'>) => deps.storage.get(image.storage_key);
