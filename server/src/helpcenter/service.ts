import type { z } from 'zod';
import { idPrefixes } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import type {
  HelpArticleDto, helpArticleInput, helpArticleListQuery, HelpCategoryDto, helpCategoryInput,
} from '@careloop/contracts';
import { articlePath, presentArticle, presentCategory } from './present.ts';
import { articleText, sanitizeArticleHtml, searchText, slugify } from './sanitize.ts';
import { forgetSearchIndex, searchArticles } from './search.ts';
import type { HelpRow } from './schema.ts';
import * as store from './store.ts';

/** Agents answer customers with these articles, so tokens that read conversations may read them. */
export const requireHelpRead = (ctx: Ctx) => requireScope(ctx.actor, 'conversations:read');

type CategoryInput = z.output<typeof helpCategoryInput>;
type ArticleInput = z.output<typeof helpArticleInput>;

/** Readable prefixed ids (`hca_…`), time-sortable like every id: the body of a fresh id under our prefix. */
export const helpId = (prefix: 'hcc' | 'hca' | 'hcf' | 'hcd' | 'hci') => `${prefix}_${newId('audit').slice(idPrefixes.audit.length + 1)}`;

// The public address ---------------------------------------------------------------------------------

/**
 * The help center's public key, made on first use from the shop's name and 6 random characters
 * (`shop-hoa-mai-k3x9qz`): readable in links, stable across renames, not guessable from an id.
 */
export async function ensurePublicKey(ctx: Ctx, workspaceName: string): Promise<string> {
  const existing = await store.getCenter(ctx.db, ctx.workspaceId);
  if (existing) return existing.public_key;
  const random = newId('audit').slice(-6).toLowerCase();
  await store.insertCenter(ctx.db, ctx.workspaceId, `${slugify(workspaceName).slice(0, 40).replace(/-+$/, '')}-${random}`);
  return (await store.getCenter(ctx.db, ctx.workspaceId))!.public_key;
}

/** The workspace's public key, made on first use (its site settings live in site.ts). */
export async function helpPublicKey(ctx: Ctx): Promise<string> {
  const existing = await store.getCenter(ctx.db, ctx.workspaceId);
  if (existing) return existing.public_key;
  return ensurePublicKey(ctx, (await getWorkspace(ctx)).name);
}

// Categories -----------------------------------------------------------------------------------------

export async function listHelpCategories(ctx: Ctx): Promise<HelpCategoryDto[]> {
  requireHelpRead(ctx);
  return (await store.listCategories(ctx.db, ctx.workspaceId, false)).map(presentCategory);
}

/** The unique index on (workspace, slug) decides: two supervisors racing get one 409. */
async function uniqueSlug<T>(slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('already_exists', `The address ${slug} is already used`, { field: 'slug' });
    throw err;
  }
}

export async function createHelpCategory(ctx: Ctx, input: CategoryInput): Promise<HelpCategoryDto> {
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx) => {
    const slug = input.slug ?? slugify(input.nameEn || input.nameVi);
    const row = await uniqueSlug(slug, async () => store.insertCategory(tx.db, tx.workspaceId, {
      id: helpId('hcc'), slug, position: await store.nextCategoryPosition(tx.db, tx.workspaceId),
      name_vi: input.nameVi, name_en: input.nameEn, description_vi: input.descriptionVi, description_en: input.descriptionEn,
    }));
    await recordAudit(tx, 'help_category.created', { type: 'help_category', id: row.id }, { slug });
    return presentCategory(row);
  });
}

export async function updateHelpCategory(ctx: Ctx, id: string, input: CategoryInput): Promise<HelpCategoryDto> {
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx) => {
    const before = await store.getCategory(tx.db, tx.workspaceId, id);
    if (!before) throw notFound('Category');
    const slug = input.slug ?? before.slug;
    const row = await uniqueSlug(slug, () => store.updateCategory(tx.db, tx.workspaceId, id, {
      slug, name_vi: input.nameVi, name_en: input.nameEn, description_vi: input.descriptionVi, description_en: input.descriptionEn,
    }));
    if (!row) throw notFound('Category');
    await recordAudit(tx, 'help_category.updated', { type: 'help_category', id }, { slug });
    return presentCategory(row);
  });
}

/** Its articles stay, without a category (the foreign key sets them to null). */
export async function deleteHelpCategory(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const row = await store.deleteCategory(tx.db, tx.workspaceId, id);
    if (!row) throw notFound('Category');
    await recordAudit(tx, 'help_category.deleted', { type: 'help_category', id }, { slug: row.slug });
  });
}

export async function reorderHelpCategories(ctx: Ctx, ids: string[]): Promise<HelpCategoryDto[]> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const known = new Set((await store.listCategories(tx.db, tx.workspaceId, false)).map((c) => c.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i))) {
      throw new AppError('validation_failed', 'List every category once', { field: 'ids' });
    }
    await store.setPositions(tx.db, tx.workspaceId, 'help_categories', ids);
  });
  return listHelpCategories(ctx);
}

// Articles -------------------------------------------------------------------------------------------

async function presentMany(ctx: Ctx, rows: HelpRow<'help_articles'>[]): Promise<HelpArticleDto[]> {
  const locales = await store.listLocales(ctx.db, ctx.workspaceId, rows.map((r) => r.id));
  const key = await helpPublicKey(ctx);
  return rows.map((r) => presentArticle(ctx.actor, r, locales, `${ctx.deps.config.publicUrl}${articlePath(key, r.slug)}`));
}

export async function listHelpArticles(ctx: Ctx, query: z.output<typeof helpArticleListQuery>): Promise<HelpArticleDto[]> {
  requireHelpRead(ctx);
  const status = query.status === 'any' ? undefined : query.status;
  if (query.q) {
    const hits = await searchArticles(ctx.db, ctx.workspaceId, query.q, { locale: 'vi', publishedOnly: false, limit: 50 });
    const rows = await store.listArticles(ctx.db, ctx.workspaceId, { ids: hits.map((h) => h.articleId), ...(status ? { status } : {}), ...(query.categoryId ? { categoryId: query.categoryId } : {}) });
    const order = new Map(hits.map((h, i) => [h.articleId, i]));
    return presentMany(ctx, rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
  }
  return presentMany(ctx, await store.listArticles(ctx.db, ctx.workspaceId, { ...(status ? { status } : {}), ...(query.categoryId ? { categoryId: query.categoryId } : {}), limit: 1000 }));
}

async function requireArticle(ctx: Ctx, id: string) {
  const row = await store.getArticle(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Article');
  return row;
}

export async function getHelpArticle(ctx: Ctx, id: string): Promise<HelpArticleDto> {
  requireHelpRead(ctx);
  return (await presentMany(ctx, [await requireArticle(ctx, id)]))[0]!;
}

async function requireCategoryId(tx: Ctx, id: string | null) {
  if (id !== null && !(await store.getCategory(tx.db, tx.workspaceId, id))) throw new AppError('validation_failed', 'No such category', { field: 'categoryId' });
}

/** A free slug: the wanted one, or with -2, -3… appended (only for slugs made from titles). */
async function freeSlug(tx: Ctx, wanted: string, exceptId: string | null, explicit: boolean): Promise<string> {
  if (!(await store.slugTaken(tx.db, tx.workspaceId, wanted, exceptId))) return wanted;
  if (explicit) throw new AppError('already_exists', `The address ${wanted} is already used`, { field: 'slug' });
  for (let n = 2; n < 1000; n++) {
    const candidate = `${wanted.slice(0, 74)}-${n}`;
    if (!(await store.slugTaken(tx.db, tx.workspaceId, candidate, exceptId))) return candidate;
  }
  return `${wanted.slice(0, 60)}-${helpId('hca').slice(-8).toLowerCase()}`;
}

/** Text is sanitized here, once; the folded columns feed search. */
async function writeLocales(tx: Ctx, articleId: string, input: Pick<ArticleInput, 'vi' | 'en'>) {
  for (const locale of ['vi', 'en'] as const) {
    const text = input[locale];
    if (!text) continue;
    const bodyHtml = sanitizeArticleHtml(text.bodyHtml, { publicUrl: tx.deps.config.publicUrl });
    const bodyText = articleText(bodyHtml);
    await store.upsertLocale(tx.db, tx.workspaceId, {
      article_id: articleId, locale, title: text.title, body_html: bodyHtml, body_text: bodyText,
      title_folded: searchText(text.title), search_folded: searchText(`${text.title} ${bodyText}`),
    });
  }
}

export async function createHelpArticle(ctx: Ctx, input: ArticleInput, source: { conversationId: string } | null = null): Promise<HelpArticleDto> {
  requireRole(ctx.actor, 'supervisor');
  const row = await inTransaction(ctx, async (tx) => {
    await requireCategoryId(tx, input.categoryId);
    const slug = await freeSlug(tx, input.slug ?? slugify((input.vi ?? input.en)!.title), null, input.slug !== undefined);
    const row = await store.insertArticle(tx.db, tx.workspaceId, {
      id: helpId('hca'), category_id: input.categoryId, slug, position: input.position ?? 0,
      created_by: tx.actor.type === 'agent' ? tx.actor.id : null, source_conversation_id: source?.conversationId ?? null,
    });
    await writeLocales(tx, row.id, input);
    await recordAudit(tx, 'help_article.created', { type: 'help_article', id: row.id }, { slug, ...(source ? { conversationId: source.conversationId } : {}) });
    return row;
  });
  forgetSearchIndex(ctx.workspaceId);
  return getHelpArticle(ctx, row.id);
}

/**
 * Locales left out keep their text. The slug may change only while the article has never been
 * published: links people shared, and search engines' indexes, must keep working.
 */
export async function updateHelpArticle(ctx: Ctx, id: string, input: ArticleInput): Promise<HelpArticleDto> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const before = await requireArticle(tx, id);
    await requireCategoryId(tx, input.categoryId);
    const slug = before.published_at === null && input.slug !== undefined && input.slug !== before.slug ? await freeSlug(tx, input.slug, id, true) : before.slug;
    await store.updateArticle(tx.db, tx.workspaceId, id, { category_id: input.categoryId, slug, ...(input.position !== undefined ? { position: input.position } : {}) });
    await writeLocales(tx, id, input);
    await recordAudit(tx, 'help_article.updated', { type: 'help_article', id }, { slug });
  });
  forgetSearchIndex(ctx.workspaceId);
  return getHelpArticle(ctx, id);
}

export async function setHelpArticlePublished(ctx: Ctx, id: string, published: boolean): Promise<HelpArticleDto> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const before = await requireArticle(tx, id);
    await store.updateArticle(tx.db, tx.workspaceId, id, {
      status: published ? 'published' : 'draft', ...(published && !before.published_at ? { published_at: new Date() } : {}),
    });
    await recordAudit(tx, published ? 'help_article.published' : 'help_article.unpublished', { type: 'help_article', id }, { slug: before.slug });
  });
  forgetSearchIndex(ctx.workspaceId);
  return getHelpArticle(ctx, id);
}

export async function deleteHelpArticle(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const row = await store.deleteArticle(tx.db, tx.workspaceId, id);
    if (!row) throw notFound('Article');
    await recordAudit(tx, 'help_article.deleted', { type: 'help_article', id }, { slug: row.slug });
  });
  forgetSearchIndex(ctx.workspaceId);
}

export async function reorderHelpArticles(ctx: Ctx, ids: string[]): Promise<void> {
  requireRole(ctx.actor, 'supervisor');
  await inTransaction(ctx, async (tx) => {
    const rows = await store.listArticles(tx.db, tx.workspaceId, { ids });
    if (rows.length !== new Set(ids).size || rows.length !== ids.length) throw new AppError('validation_failed', 'Unknown or repeated articles', { field: 'ids' });
    await store.setPositions(tx.db, tx.workspaceId, 'help_articles', ids);
  });
}

