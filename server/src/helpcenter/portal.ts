import { systemCtx, type Ctx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { hmacHex, safeEqual } from '../platform/crypto.ts';
import { newSecret } from '../platform/ids.ts';
import { listInboxes } from '../inboxes/service.ts';
import type { HelpFeedbackInput, HelpLocale, HelpSuggestionDto } from '@careloop/contracts';
import { articlePath, categoryPath } from './present.ts';
import { highlightSnippet, searchArticles, type SearchHit } from './search.ts';
import { helpId } from './service.ts';
import type { HelpRow } from './schema.ts';
import * as store from './store.ts';

/**
 * What the public surfaces (the help site, the widget's suggestions) may do: read published
 * articles, count views, take feedback and suggestion clicks. No agent, so no permission checks;
 * everything is scoped by the site's public key or the widget's inbox token.
 */

export interface HelpSite {
  workspaceId: string;
  publicKey: string;
  /** The shop's name (the logo's alt text). */
  name: string;
  defaultLocale: HelpLocale;
  /** The site's own colour, else the web chat's. */
  color: string;
  logoImageId: string | null;
  /** The site's own title per language; null: the shop's name. */
  titles: Record<HelpLocale, string | null>;
}

const siteCache = new Map<string, { at: number; site: HelpSite | null }>();
const siteCacheMs = 30_000;

/** The colour of the workspace's web chat widget: what the site wears unless it has its own. */
export async function webChatColor(ctx: Ctx): Promise<string> {
  const inboxes = await listInboxes(ctx);
  return inboxes.find((i) => i.channel === 'web_chat' && i.settings)?.settings?.color ?? '#1c7ed6';
}

/**
 * The public key names the workspace; the shop's name, logo, colour and titles brand the pages.
 * Cached 30 s per node: a branding change clears the entry on every node (forgetHelpSite, through
 * `help_site.updated` on the bus); the 30 s bound the rest (the web chat's colour, the shop's name).
 */
export async function resolveHelpSite(deps: Deps, publicKey: string): Promise<HelpSite | null> {
  if (!publicKey || publicKey.length > 100) return null;
  const hit = siteCache.get(publicKey);
  if (hit && Date.now() - hit.at < siteCacheMs) return hit.site;
  const row = await store.findCenterByKey(deps.db, publicKey);
  let site: HelpSite | null = null;
  if (row) {
    site = {
      workspaceId: row.workspace_id, publicKey: row.public_key, name: row.workspace_name, defaultLocale: row.workspace_locale === 'en' ? 'en' : 'vi',
      color: row.color ?? await webChatColor(systemCtx(deps, row.workspace_id)),
      logoImageId: row.logo_image_id, titles: { vi: row.title_vi, en: row.title_en },
    };
  }
  if (siteCache.size > 10_000) siteCache.clear();
  siteCache.set(publicKey, { at: Date.now(), site });
  return site;
}

/** Drops this node's cached copy of a site, so its next page shows what was just saved. */
export const forgetHelpSite = (publicKey: string) => siteCache.delete(publicKey);

/** The site's name in a language: its own title, else the shop's name. */
export const siteLabel = (site: HelpSite, locale: HelpLocale) => site.titles[locale] ?? site.name;

/** The help site of a workspace (the widget knows the workspace, not the key). */
export async function helpSiteOfWorkspace(deps: Deps, workspaceId: string): Promise<HelpSite | null> {
  const center = await store.getCenter(deps.db, workspaceId);
  return center ? resolveHelpSite(deps, center.public_key) : null;
}

/** `?lang=` first, then the browser's languages in order, then the shop's. */
export function pickHelpLocale(site: HelpSite, lang: string | undefined, acceptLanguage: string | undefined): HelpLocale {
  if (lang === 'vi' || lang === 'en') return lang;
  for (const part of (acceptLanguage ?? '').toLowerCase().split(',').slice(0, 10)) {
    const tag = part.trim().slice(0, 2);
    if (tag === 'vi' || tag === 'en') return tag;
  }
  return site.defaultLocale;
}

const ctxOf = (deps: Deps, site: HelpSite): Ctx => systemCtx(deps, site.workspaceId);

export async function publishedCatalogue(deps: Deps, site: HelpSite) {
  const ctx = ctxOf(deps, site);
  const [categories, articles] = await Promise.all([
    store.listCategories(ctx.db, ctx.workspaceId, true),
    store.listArticles(ctx.db, ctx.workspaceId, { status: 'published' }),
  ]);
  const titles = await store.listTitles(ctx.db, ctx.workspaceId, articles.map((a) => a.id));
  return { categories, articles, titles };
}

/** The text in the wanted language, else the other one (an article may be written in one language only). */
export function pickText<T extends { article_id: string; locale: HelpLocale }>(rows: T[], articleId: string, locale: HelpLocale): T | undefined {
  return rows.find((r) => r.article_id === articleId && r.locale === locale) ?? rows.find((r) => r.article_id === articleId);
}

export async function publishedArticle(deps: Deps, site: HelpSite, slug: string) {
  const ctx = ctxOf(deps, site);
  const article = await store.getArticleBySlug(ctx.db, ctx.workspaceId, slug);
  if (!article || article.status !== 'published') return null;
  const [texts, category] = await Promise.all([
    store.listLocales(ctx.db, ctx.workspaceId, [article.id]),
    article.category_id ? store.getCategory(ctx.db, ctx.workspaceId, article.category_id) : Promise.resolve(undefined),
  ]);
  return texts.length ? { article, texts, category: category ?? null } : null;
}

export const publishedCategory = (deps: Deps, site: HelpSite, slug: string) => store.getCategoryBySlug(deps.db, site.workspaceId, slug);

export const countView = (deps: Deps, site: HelpSite, article: HelpRow<'help_articles'>) => store.incrementViews(deps.db, site.workspaceId, article.id);

export const searchPublished = (deps: Deps, site: HelpSite, q: string, locale: HelpLocale, limit = 20): Promise<SearchHit[]> =>
  searchArticles(deps.db, site.workspaceId, q, { locale, publishedOnly: true, limit });

/** Top 5 published articles for what a widget visitor is typing. */
export async function suggestArticles(deps: Deps, site: HelpSite, q: string, locale: HelpLocale): Promise<HelpSuggestionDto[]> {
  if (q.trim().length < 2) return [];
  const hits = await searchPublished(deps, site, q, locale, 5);
  return hits.map((h) => ({
    articleId: h.articleId, title: h.title, snippetHtml: highlightSnippet(h.bodyText, q, 140),
    url: `${deps.config.publicUrl}${articlePath(site.publicKey, h.slug)}?lang=${h.locale}`,
  }));
}

/** A visitor opened a suggested article: the click is stored; whether it deflected is decided when read. */
export async function recordSuggestionClick(deps: Deps, site: HelpSite, articleId: string, contactId: string | null, source: 'widget' | 'portal') {
  const article = await store.getArticle(deps.db, site.workspaceId, articleId);
  if (!article || article.status !== 'published') throw new AppError('not_found', 'Article not found');
  await store.insertDeflection(deps.db, site.workspaceId, { id: helpId('hcd'), article_id: articleId, contact_id: contactId, source });
}

// The signed feedback form --------------------------------------------------------------------------

/** A form rendered a week ago is still answered; older ones are refused (the page shows a fresh one). */
const maxTokenAgeMs = 7 * 86_400_000;
const feedbackMac = (secret: string, workspaceId: string, articleId: string, at: number, id: string) =>
  hmacHex(secret, `help-feedback:${workspaceId}:${articleId}:${at}:${id}`).slice(0, 32);

/** `<time>.<id>.<mac>`: the id makes each rendered form answer once. */
export function signFeedbackToken(secret: string, site: HelpSite, articleId: string, at = Date.now()): string {
  const id = newSecret(12);
  return `${at}.${id}.${feedbackMac(secret, site.workspaceId, articleId, at, id)}`;
}

function checkFeedbackToken(secret: string, site: HelpSite, articleId: string, token: string, now = Date.now()): string | null {
  const m = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([0-9a-f]{32})$/.exec(token);
  if (!m) return null;
  const at = Number(m[1]);
  if (!safeEqual(feedbackMac(secret, site.workspaceId, articleId, at, m[2]!), m[3]!)) return null;
  if (now - at > maxTokenAgeMs || at - now > 60_000) return null;
  return m[2]!;
}

/** Counted once per signed form: a second submit of the same form is answered with thanks and counts nothing. */
export async function submitFeedback(deps: Deps, site: HelpSite, article: HelpRow<'help_articles'>, locale: HelpLocale, input: HelpFeedbackInput): Promise<'recorded' | 'duplicate'> {
  const tokenId = checkFeedbackToken(deps.secret, site, article.id, input.token);
  if (!tokenId) throw new AppError('bad_request', 'The feedback form is not valid or has expired', { reason: 'token_invalid' });
  const helpful = input.helpful === 'yes';
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await store.insertFeedback(trx, site.workspaceId, {
      id: helpId('hcf'), article_id: article.id, locale, helpful, reason: helpful ? null : input.reason ?? null,
      comment: helpful ? null : input.comment?.slice(0, 500) || null, token_id: tokenId,
    });
    if (!inserted) return 'duplicate' as const;
    await store.bumpFeedback(trx, site.workspaceId, article.id, helpful);
    return 'recorded' as const;
  });
}

export const categoryUrl = (deps: Deps, site: HelpSite, slug: string, locale: HelpLocale) => `${deps.config.publicUrl}${categoryPath(site.publicKey, slug)}?lang=${locale}`;
export const articleUrl = (deps: Deps, site: HelpSite, slug: string, locale: HelpLocale) => `${deps.config.publicUrl}${articlePath(site.publicKey, slug)}?lang=${locale}`;
