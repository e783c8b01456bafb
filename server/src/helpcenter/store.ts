import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import type { HelpDb, HelpRow, NewHelpRow } from './schema.ts';

/**
 * SQL only. Every function takes the workspace id right after the database handle, except
 * `findCenterByKey`: the public key is looked up first and names its workspace (like a widget token).
 * The tables join `DB` in platform/db/schema.ts when wired; until then this one cast widens the handle.
 */
const h = (db: Database) => db as unknown as HelpDb;

// The public address ---------------------------------------------------------------------------------

export const findCenterByKey = (db: Database, publicKey: string) =>
  h(db).selectFrom('help_centers').innerJoin('workspaces', 'workspaces.id', 'help_centers.workspace_id')
    .select(['help_centers.workspace_id', 'help_centers.public_key', 'workspaces.name as workspace_name', 'workspaces.locale as workspace_locale',
      'help_centers.logo_image_id', 'help_centers.color', 'help_centers.title_vi', 'help_centers.title_en'])
    .where('help_centers.public_key', '=', publicKey).executeTakeFirst();

export const getCenter = (db: Database, workspaceId: string) =>
  h(db).selectFrom('help_centers').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();

export const insertCenter = (db: Database, workspaceId: string, publicKey: string) =>
  h(db).insertInto('help_centers').values({ workspace_id: workspaceId, public_key: publicKey })
    .onConflict((oc) => oc.column('workspace_id').doNothing()).execute();

export type CenterBranding = Pick<HelpRow<'help_centers'>, 'logo_image_id' | 'color' | 'title_vi' | 'title_en'>;

export const updateCenterBranding = (db: Database, workspaceId: string, branding: CenterBranding) =>
  h(db).updateTable('help_centers').set(branding).where('workspace_id', '=', workspaceId).returningAll().executeTakeFirst();

// Categories -----------------------------------------------------------------------------------------

export const listCategories = (db: Database, workspaceId: string, publishedOnly: boolean) =>
  h(db).selectFrom('help_categories as c').selectAll('c')
    .select((eb) => eb.selectFrom('help_articles as a').select(eb.fn.countAll<number>().as('n'))
      .whereRef('a.category_id', '=', 'c.id').where('a.workspace_id', '=', workspaceId)
      .$if(publishedOnly, (q) => q.where('a.status', '=', 'published')).as('article_count'))
    .where('c.workspace_id', '=', workspaceId).orderBy('c.position').orderBy('c.id').limit(1000).execute();

export const getCategory = (db: Database, workspaceId: string, id: string) =>
  h(db).selectFrom('help_categories').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const getCategoryBySlug = (db: Database, workspaceId: string, slug: string) =>
  h(db).selectFrom('help_categories').selectAll().where('workspace_id', '=', workspaceId).where('slug', '=', slug).executeTakeFirst();

export const insertCategory = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_categories'>, 'workspace_id'>) =>
  h(db).insertInto('help_categories').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateCategory = (db: Database, workspaceId: string, id: string, patch: Partial<Pick<HelpRow<'help_categories'>, 'slug' | 'name_vi' | 'name_en' | 'description_vi' | 'description_en' | 'position'>>) =>
  h(db).updateTable('help_categories').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteCategory = (db: Database, workspaceId: string, id: string) =>
  h(db).deleteFrom('help_categories').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const nextCategoryPosition = async (db: Database, workspaceId: string) =>
  Number((await h(db).selectFrom('help_categories').select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`-1`).as('p'))
    .where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow()).p) + 1;

/** Positions follow the given order; ids of other workspaces are not touched. */
export async function setPositions(db: Database, workspaceId: string, table: 'help_categories' | 'help_articles', ids: string[]) {
  for (const [position, id] of ids.entries()) {
    await h(db).updateTable(table).set({ position }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  }
}

// Articles -------------------------------------------------------------------------------------------

export interface ArticleFilter { status?: 'draft' | 'published'; categoryId?: string; ids?: string[]; limit?: number }

export const listArticles = (db: Database, workspaceId: string, f: ArticleFilter = {}) =>
  h(db).selectFrom('help_articles').selectAll().where('workspace_id', '=', workspaceId)
    .$if(f.status !== undefined, (q) => q.where('status', '=', f.status!))
    .$if(f.categoryId !== undefined, (q) => q.where('category_id', '=', f.categoryId!))
    .$if(f.ids !== undefined, (q) => q.where('id', 'in', f.ids!.length ? f.ids! : ['']))
    .orderBy('position').orderBy('id').limit(f.limit ?? 5000).execute();

export const getArticle = (db: Database, workspaceId: string, id: string) =>
  h(db).selectFrom('help_articles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const getArticleBySlug = (db: Database, workspaceId: string, slug: string) =>
  h(db).selectFrom('help_articles').selectAll().where('workspace_id', '=', workspaceId).where('slug', '=', slug).executeTakeFirst();

export const slugTaken = async (db: Database, workspaceId: string, slug: string, exceptId: string | null) =>
  !!(await h(db).selectFrom('help_articles').select('id').where('workspace_id', '=', workspaceId).where('slug', '=', slug)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!)).executeTakeFirst());

export const insertArticle = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_articles'>, 'workspace_id'>) =>
  h(db).insertInto('help_articles').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateArticle = (db: Database, workspaceId: string, id: string, patch: Partial<Pick<HelpRow<'help_articles'>, 'category_id' | 'slug' | 'status' | 'position' | 'published_at'>>) =>
  h(db).updateTable('help_articles').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteArticle = (db: Database, workspaceId: string, id: string) =>
  h(db).deleteFrom('help_articles').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

/** One UPDATE per page view: cheap, and concurrent views never lose a count. */
export const incrementViews = (db: Database, workspaceId: string, id: string) =>
  h(db).updateTable('help_articles').set((eb) => ({ views: eb('views', '+', 1) })).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const listLocales = (db: Database, workspaceId: string, articleIds: string[]) =>
  articleIds.length === 0 ? Promise.resolve([]) :
    h(db).selectFrom('help_article_locales').selectAll().where('workspace_id', '=', workspaceId).where('article_id', 'in', articleIds).execute();

/** Titles only (lists and the sitemap do not need bodies). */
export const listTitles = (db: Database, workspaceId: string, articleIds: string[]) =>
  articleIds.length === 0 ? Promise.resolve([]) :
    h(db).selectFrom('help_article_locales').select(['article_id', 'locale', 'title']).where('workspace_id', '=', workspaceId).where('article_id', 'in', articleIds).execute();

export const upsertLocale = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_article_locales'>, 'workspace_id'>) =>
  h(db).insertInto('help_article_locales').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['article_id', 'locale']).doUpdateSet({
      title: row.title, body_html: row.body_html, body_text: row.body_text, title_folded: row.title_folded, search_folded: row.search_folded,
    })).execute();

export const deleteLocale = (db: Database, workspaceId: string, articleId: string, locale: 'vi' | 'en') =>
  h(db).deleteFrom('help_article_locales').where('workspace_id', '=', workspaceId).where('article_id', '=', articleId).where('locale', '=', locale).execute();

// Feedback and deflection ----------------------------------------------------------------------------

/** Null when this form token already answered (the unique index decides, so a double submit counts once). */
export const insertFeedback = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_feedback'>, 'workspace_id'>) =>
  h(db).insertInto('help_feedback').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'token_id']).doNothing()).returning('id').executeTakeFirst();

export const bumpFeedback = (db: Database, workspaceId: string, articleId: string, helpful: boolean) =>
  h(db).updateTable('help_articles').set((eb) => (helpful ? { helpful: eb('helpful', '+', 1) } : { not_helpful: eb('not_helpful', '+', 1) }))
    .where('workspace_id', '=', workspaceId).where('id', '=', articleId).execute();

export const insertDeflection = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_deflections'>, 'workspace_id'>) =>
  h(db).insertInto('help_deflections').values({ ...row, workspace_id: workspaceId }).execute();

/**
 * A click by a known visitor counts as deflected when that contact started no conversation in the
 * 30 minutes after it; clicks younger than 30 minutes are not judged yet. This reads `conversations`
 * directly: a read-model join like the inbox list's (docs/decisions/0002-read-model-joins.md).
 */
export async function deflectionCounts(db: Database, workspaceId: string, from: Date, to: Date, now: Date, windowMinutes: number) {
  const judgedUntil = new Date(Math.min(to.getTime(), now.getTime() - windowMinutes * 60_000));
  const row = await sql<{ clicks: number; deflected: number; anonymous: number }>`
    select
      count(*) filter (where d.contact_id is not null and d.created_at < ${judgedUntil})::int as clicks,
      count(*) filter (where d.contact_id is not null and d.created_at < ${judgedUntil} and not exists (
        select 1 from conversations c where c.workspace_id = d.workspace_id and c.contact_id = d.contact_id
          and c.created_at >= d.created_at and c.created_at < d.created_at + make_interval(mins => ${windowMinutes}::int)))::int as deflected,
      count(*) filter (where d.contact_id is null)::int as anonymous
    from help_deflections d
    where d.workspace_id = ${workspaceId} and d.created_at >= ${from} and d.created_at < ${to}`.execute(db);
  return row.rows[0] ?? { clicks: 0, deflected: 0, anonymous: 0 };
}

export async function feedbackCounts(db: Database, workspaceId: string, from: Date, to: Date) {
  const row = await h(db).selectFrom('help_feedback')
    .select((eb) => [eb.fn.countAll<number>().filterWhere('helpful', '=', true).as('yes'), eb.fn.countAll<number>().filterWhere('helpful', '=', false).as('no')])
    .where('workspace_id', '=', workspaceId).where('created_at', '>=', from).where('created_at', '<', to).executeTakeFirstOrThrow();
  return { helpful: Number(row.yes), notHelpful: Number(row.no) };
}

export async function articleTotals(db: Database, workspaceId: string) {
  const row = await h(db).selectFrom('help_articles')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('status', '=', 'published').as('published'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'draft').as('draft'),
      eb.fn.coalesce(eb.fn.sum<number>('views').filterWhere('status', '=', 'published'), sql<number>`0`).as('views'),
    ]).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
  return { published: Number(row.published), draft: Number(row.draft), views: Number(row.views) };
}

export const topArticles = (db: Database, workspaceId: string, limit: number) =>
  h(db).selectFrom('help_articles').select(['id', 'views', 'helpful', 'not_helpful']).where('workspace_id', '=', workspaceId)
    .where('status', '=', 'published').orderBy('views', 'desc').orderBy('id').limit(limit).execute();

// Images ---------------------------------------------------------------------------------------------

/** Null when this workspace already holds these bytes (the unique (workspace, sha256) index decides). */
export const insertImage = (db: Database, workspaceId: string, row: Omit<NewHelpRow<'help_images'>, 'workspace_id'>) =>
  h(db).insertInto('help_images').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'sha256']).doNothing()).returningAll().executeTakeFirst();

export const getImage = (db: Database, workspaceId: string, id: string) =>
  h(db).selectFrom('help_images').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** The stored image of these bytes, marked uploaded again now; undefined when there is none (or it was just swept). */
export const touchImageBySha = (db: Database, workspaceId: string, sha256: string) =>
  h(db).updateTable('help_images').set({ last_uploaded_at: sql<Date>`now()` }).where('workspace_id', '=', workspaceId).where('sha256', '=', sha256)
    .returningAll().executeTakeFirst();

/**
 * Deletes the workspace's images last uploaded before `before` that no article body (any language,
 * draft or published) and no site logo uses, and returns their storage keys. Article bodies keep our
 * images as `/help/<key>/img/<id>` (sanitize.ts), read here in one pass.
 */
export async function deleteUnusedImages(db: Database, workspaceId: string, before: Date): Promise<string[]> {
  const { rows } = await sql<{ storage_key: string }>`
    with used as (
      select distinct m[1] as id from help_article_locales l, regexp_matches(l.body_html, '/img/(hci_[0-9A-Za-z]{10,40})', 'g') as m
      where l.workspace_id = ${workspaceId}
    )
    delete from help_images i
    where i.workspace_id = ${workspaceId} and i.last_uploaded_at < ${before}
      and not exists (select 1 from used where used.id = i.id)
      and not exists (select 1 from help_centers c where c.workspace_id = i.workspace_id and c.logo_image_id = i.id)
    returning i.storage_key`.execute(db);
  return rows.map((r) => r.storage_key);
}

// One article's feedback -----------------------------------------------------------------------------

/** Answers of one article by helpfulness and reason (reason is null for "yes" and for "no" without one). */
export const articleFeedbackCounts = (db: Database, workspaceId: string, articleId: string) =>
  h(db).selectFrom('help_feedback').select(['helpful', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId).where('article_id', '=', articleId).groupBy(['helpful', 'reason']).execute();

/** Answers with a comment, newest first, after the keyset `before` (created_at, id). */
export const listFeedbackComments = (db: Database, workspaceId: string, articleId: string, limit: number, before: { createdAt: Date; id: string } | null) =>
  h(db).selectFrom('help_feedback').select(['id', 'locale', 'reason', 'comment', 'created_at'])
    .where('workspace_id', '=', workspaceId).where('article_id', '=', articleId).where('comment', 'is not', null)
    .$if(before !== null, (q) => q.where((eb) => eb.or([
      eb('created_at', '<', before!.createdAt),
      eb.and([eb('created_at', '=', before!.createdAt), eb('id', '<', before!.id)]),
    ])))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
