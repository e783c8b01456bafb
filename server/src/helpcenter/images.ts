import { createHash } from 'node:crypto';
import { helpImageTypes, helpLimits, type HelpImageDto, type HelpImageType } from '@careloop/contracts';
import { inTransaction, nowOf, type Ctx, type Deps } from '../platform/context.ts';
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

/**
 * A file per image row: a picture swept and uploaded again gets a new row and a new file, so deleting
 * the old file can never take the new one with it. (Rows stored before keep their `<sha256>` keys.)
 */
const imageKey = (workspaceId: string, sha256: string, id: string) => `${workspaceId}/help-images/${sha256.slice(0, 2)}/${sha256}-${id}`;

/** An image no article and no logo uses is deleted this long after it was last uploaded (an editor may hold it unsaved that long). */
export const unusedImageGraceMs = 7 * 86_400_000;

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
  // The same picture again: the stored image, its unused-image clock started over.
  const known = await store.touchImageBySha(ctx.db, ctx.workspaceId, sha256);
  if (known) return presentImage(ctx.deps.config.publicUrl, publicKey, known, true);

  const id = helpId('hci');
  const key = imageKey(ctx.workspaceId, sha256, id);
  await ctx.deps.storage.put(key, bytes, contentType);
  const { row, reused } = await inTransaction(ctx, async (tx) => {
    const inserted = await store.insertImage(tx.db, tx.workspaceId, {
      id, storage_key: key, content_type: contentType, byte_size: bytes.byteLength, sha256,
      created_by: tx.actor.type === 'agent' ? tx.actor.id : null,
    });
    if (!inserted) {
      const winner = await store.touchImageBySha(tx.db, tx.workspaceId, sha256);
      if (!winner) throw new AppError('conflict', 'The image changed while it was uploaded: upload it again');
      return { row: winner, reused: true };
    }
    await recordAudit(tx, 'help_image.uploaded', { type: 'help_image', id: inserted.id }, { contentType, byteSize: bytes.byteLength });
    return { row: inserted, reused: false };
  });
  // Another upload of the same bytes won the race: its file serves the image, this one is not needed.
  if (reused) await ctx.deps.storage.delete(key);
  return presentImage(ctx.deps.config.publicUrl, publicKey, row, reused);
}

/**
 * Deletes the workspace's images that no article (any language, draft or published) and no site logo
 * uses, a week after they were last uploaded: the rows first, then their files. Returns how many.
 */
export async function sweepUnusedHelpImages(ctx: Ctx): Promise<number> {
  const keys = await store.deleteUnusedImages(ctx.db, ctx.workspaceId, new Date(nowOf(ctx.deps).getTime() - unusedImageGraceMs));
  for (const key of keys) {
    await ctx.deps.storage.delete(key).catch((err: unknown) => ctx.log.warn('help center: an unused image file could not be deleted', { key, err }));
  }
  if (keys.length > 0) ctx.log.info('help center: unused images deleted', { count: keys.length });
  return keys.length;
}

/** A site's image, or null (an unknown id or another shop's image). */
export async function findHelpImage(deps: Deps, site: HelpSite, id: string) {
  if (!helpImageIdPattern.test(id)) return null;
  return (await store.getImage(deps.db, site.workspaceId, id)) ?? null;
}

/** Its bytes, or null when the file is gone from storage. */
export const readHelpImage = (deps: Deps, image: HelpRow<'help_images'>) => deps.storage.get(image.storage_key);
