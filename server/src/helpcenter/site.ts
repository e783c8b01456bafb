import type { z } from 'zod';
import { helpImageTypes, type HelpSiteDto, type helpSiteInput } from '@careloop/contracts';
import { inTransaction, systemCtx, type Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { requireRole } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { helpImageIdPattern } from './images.ts';
import { forgetHelpSite, webChatColor } from './portal.ts';
import { presentSite } from './present.ts';
import { helpPublicKey } from './service.ts';
import * as store from './store.ts';

/**
 * The public site's settings: its address (made on first use) and its branding — a logo chosen
 * from the workspace's help images, a colour, a title per language. Every agent reads them (the
 * console links the site); only admins and owners change them (present.canBrandHelp).
 */

type SiteInput = z.output<typeof helpSiteInput>;

async function siteDto(ctx: Ctx): Promise<HelpSiteDto> {
  await helpPublicKey(ctx);
  const [center, workspace, color] = await Promise.all([
    // The widget's colour is read as the system: a token without inboxes:read may still read the site.
    store.getCenter(ctx.db, ctx.workspaceId), getWorkspace(ctx), webChatColor(systemCtx(ctx.deps, ctx.workspaceId)),
  ]);
  return presentSite(ctx.actor, ctx.deps.config.publicUrl, workspace.name, center!, color);
}

export const getHelpSite = (ctx: Ctx): Promise<HelpSiteDto> => siteDto(ctx);

/** The logo must be one of this workspace's uploaded help images; another shop's id reads as unknown. */
async function requireLogo(tx: Ctx, id: string): Promise<void> {
  const image = helpImageIdPattern.test(id) ? await store.getImage(tx.db, tx.workspaceId, id) : undefined;
  if (!image || !(helpImageTypes as readonly string[]).includes(image.content_type)) {
    throw new AppError('validation_failed', 'The logo must be an image uploaded to this help center', { field: 'logoImageId' });
  }
}

/** Which settings a save changed, for the audit entry. */
function changedFields(before: store.CenterBranding, after: store.CenterBranding): string[] {
  const names = { logo_image_id: 'logoImageId', color: 'color', title_vi: 'titleVi', title_en: 'titleEn' } as const;
  return (Object.keys(names) as (keyof typeof names)[]).filter((k) => before[k] !== after[k]).map((k) => names[k]);
}

/**
 * Replaces the whole branding (what is left out goes back to its default). Empty titles mean
 * "the shop's name"; colours are stored lower case. After commit this node drops its cached copy of
 * the site at once, and `help_site.updated` on the bus makes every other node drop theirs (worker.ts,
 * startCacheSubscribers), so the next page anywhere shows the change.
 */
export async function updateHelpSite(ctx: Ctx, input: SiteInput): Promise<HelpSiteDto> {
  requireRole(ctx.actor, 'admin');
  const publicKey = await helpPublicKey(ctx);
  const next: store.CenterBranding = {
    logo_image_id: input.logoImageId, color: input.color?.toLowerCase() ?? null, title_vi: input.titleVi || null, title_en: input.titleEn || null,
  };
  await inTransaction(ctx, async (tx, emit) => {
    const before = await store.getCenter(tx.db, tx.workspaceId);
    if (!before) throw new AppError('not_found', 'Help center not found');
    if (next.logo_image_id) await requireLogo(tx, next.logo_image_id);
    await store.updateCenterBranding(tx.db, tx.workspaceId, next);
    await recordAudit(tx, 'help_site.updated', { type: 'help_center', id: publicKey }, {
      changed: changedFields(before, next), logoImageId: next.logo_image_id, color: next.color,
    });
    emit({ type: 'help_site.updated', publicKey });
  });
  forgetHelpSite(publicKey);
  return siteDto(ctx);
}
