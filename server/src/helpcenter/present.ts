import type { Actor } from '../platform/context.ts';
import { hasRole } from '../agents/policy.ts';
import type { HelpArticleDto, HelpCategoryDto, HelpFeedbackCommentDto, HelpImageDto, HelpSiteDto } from '@careloop/contracts';
import type { HelpRow } from './schema.ts';

/** Supervisors and above write the help center; every agent reads it. */
export const canWriteHelp = (actor: Actor) => hasRole(actor, 'supervisor');

/** The site's logo, colour and titles speak for the whole shop: a workspace setting, so admins and owners. */
export const canBrandHelp = (actor: Actor) => hasRole(actor, 'admin');

/** Public article address: `/help/<public key>/a/<slug>` (the slug never changes once published). */
export const articlePath = (publicKey: string, slug: string) => `/help/${encodeURIComponent(publicKey)}/a/${encodeURIComponent(slug)}`;
export const categoryPath = (publicKey: string, slug: string) => `/help/${encodeURIComponent(publicKey)}/c/${encodeURIComponent(slug)}`;
export const homePath = (publicKey: string) => `/help/${encodeURIComponent(publicKey)}`;

export const presentCategory = (row: HelpRow<'help_categories'> & { article_count?: number | string | null }): HelpCategoryDto => ({
  id: row.id,
  slug: row.slug,
  position: row.position,
  nameVi: row.name_vi,
  nameEn: row.name_en,
  descriptionVi: row.description_vi,
  descriptionEn: row.description_en,
  articleCount: Number(row.article_count ?? 0),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export function presentArticle(actor: Actor, row: HelpRow<'help_articles'>, locales: HelpRow<'help_article_locales'>[], publicBase: string): HelpArticleDto {
  const of = (locale: 'vi' | 'en') => {
    const l = locales.find((x) => x.article_id === row.id && x.locale === locale);
    return l ? { title: l.title, bodyHtml: l.body_html } : null;
  };
  const write = canWriteHelp(actor);
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    categoryId: row.category_id,
    position: row.position,
    vi: of('vi'),
    en: of('en'),
    views: row.views,
    helpful: row.helpful,
    notHelpful: row.not_helpful,
    publicUrl: publicBase,
    sourceConversationId: row.source_conversation_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    abilities: { update: write, publish: write, delete: write },
  };
}

/** An image's public address: `/help/<public key>/img/<id>` (no expiry; the key never changes). */
export const imagePath = (publicKey: string, id: string) => `/help/${encodeURIComponent(publicKey)}/img/${encodeURIComponent(id)}`;

export const presentImage = (publicUrl: string, publicKey: string, row: HelpRow<'help_images'>, reused: boolean): HelpImageDto => ({
  id: row.id,
  path: imagePath(publicKey, row.id),
  url: `${publicUrl}${imagePath(publicKey, row.id)}`,
  contentType: row.content_type,
  byteSize: row.byte_size,
  reused,
  createdAt: row.created_at.toISOString(),
});

type CommentRow = Pick<HelpRow<'help_feedback'>, 'id' | 'locale' | 'reason' | 'comment' | 'created_at'>;

/** The comment is the customer's text as stored: the console shows it as text, never as HTML. */
export const presentFeedbackComment = (row: CommentRow): HelpFeedbackCommentDto => ({
  id: row.id, locale: row.locale, reason: row.reason, comment: row.comment ?? '', createdAt: row.created_at.toISOString(),
});

/** The site's address and branding; `effectiveColor` is what the pages wear (the web chat's colour when none is set). */
export function presentSite(actor: Actor, publicUrl: string, shopName: string, row: HelpRow<'help_centers'>, webChatColor: string): HelpSiteDto {
  return {
    publicKey: row.public_key,
    url: `${publicUrl}${homePath(row.public_key)}`,
    shopName,
    logo: row.logo_image_id
      ? { imageId: row.logo_image_id, path: imagePath(row.public_key, row.logo_image_id), url: `${publicUrl}${imagePath(row.public_key, row.logo_image_id)}` }
      : null,
    color: row.color,
    webChatColor,
    effectiveColor: row.color ?? webChatColor,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    abilities: { update: canBrandHelp(actor) },
  };
}
