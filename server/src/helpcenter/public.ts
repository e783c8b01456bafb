import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { errorCodes } from '@careloop/contracts';
import { AppError } from '../platform/errors.ts';
import { normalizeStrings, validate } from '../platform/http/body.ts';
import { createRateLimiter } from '../platform/http/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { newSecret } from '../platform/ids.ts';
import { helpFeedbackInput, type HelpLocale } from '@careloop/contracts';
import {
  renderArticle, renderCategory, renderHome, renderMessage, renderNotFound, renderRobots, renderSearch, renderSitemap, helpCsp,
  type CategoryBlock, type Meta, type PageBase,
} from './pages.ts';
import { findHelpImage, readHelpImage } from './images.ts';
import { imagePath } from './present.ts';
import * as portal from './portal.ts';
import { highlightSnippet } from './search.ts';
import { say } from './strings.ts';

type HelpContext = Context<AppEnv>;
const feedbackBodyBytes = 8 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

function html(c: HelpContext, nonce: string, body: string, status = 200, cache = 'public, max-age=60') {
  c.header('content-security-policy', helpCsp(nonce));
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'strict-origin-when-cross-origin');
  c.header('cache-control', status === 200 ? cache : 'no-store');
  c.header('vary', 'Accept-Language');
  return c.html(body, status as 200);
}

const withLang = (url: string, locale: HelpLocale) => `${url}${url.includes('?') ? '&' : '?'}lang=${locale}`;

/**
 * Public: the help site at `/help/<public key>` (the key is shown in Settings → Help center; see
 * service.ensurePublicKey). Server-rendered HTML in Vietnamese or English, no JavaScript needed.
 * Rate limits live with the router instance, so each app (and each test) counts on its own.
 */
export function createHelpPublicRoutes() {
  const pagesPerIp = createRateLimiter({ limit: 300, windowMs: 60_000 });
  const feedbackPerIp = createRateLimiter({ limit: 10, windowMs: 10 * 60_000 });
  // An article page can hold many images, and browsers cache them: a limit of its own, well above the pages'.
  const imagesPerIp = createRateLimiter({ limit: 1200, windowMs: 60_000 });

  async function open(c: HelpContext) {
    pagesPerIp(`ip:${c.var.ip ?? 'unknown'}`);
    const deps = c.var.deps;
    const site = await portal.resolveHelpSite(deps, c.req.param('site') ?? '');
    const lang = c.req.query('lang');
    const locale = site ? portal.pickHelpLocale(site, lang, c.req.header('accept-language')) : lang === 'en' ? 'en' : 'vi';
    return { deps, site, locale, nonce: newSecret(12) };
  }

  function base(c: HelpContext, site: portal.HelpSite, locale: HelpLocale, nonce: string, path: string | null): { page: PageBase; home: string } {
    const home = `${c.var.deps.config.publicUrl}/help/${site.publicKey}`;
    const other = locale === 'vi' ? 'en' : 'vi';
    return {
      home,
      page: {
        site: {
          name: site.name, title: site.titles[locale], color: site.color, homeUrl: withLang(home, locale), searchUrl: `${home}/search`,
          logoUrl: site.logoImageId ? `${c.var.deps.config.publicUrl}${imagePath(site.publicKey, site.logoImageId)}` : null,
        },
        locale, nonce, otherLanguageUrl: path === null ? null : withLang(`${home}${path}`, other),
      },
    };
  }

  const both = (url: string): Meta['alternates'] => ({ vi: withLang(url, 'vi'), en: withLang(url, 'en'), 'x-default': url });

  return new Hono<AppEnv>()
    .get('/:site/robots.txt', async (c) => {
      const { site } = await open(c);
      if (!site) throw new AppError('not_found', 'No such help center');
      c.header('cache-control', 'public, max-age=3600');
      return c.text(renderRobots(`${c.var.deps.config.publicUrl}/help/${site.publicKey}/sitemap.xml`));
    })
    .get('/:site/img/:id', async (c) => {
      imagesPerIp(`ip:${c.var.ip ?? 'unknown'}`);
      const deps = c.var.deps;
      const site = await portal.resolveHelpSite(deps, c.req.param('site'));
      const image = site ? await findHelpImage(deps, site, c.req.param('id')) : null;
      if (!image) throw new AppError('not_found', 'No such image');
      const headers = imageHeaders(image.sha256);
      if (ifNoneMatch(c, headers.etag)) return new Response(null, { status: 304, headers });
      const file = await readHelpImage(deps, image);
      if (!file) throw new AppError('not_found', 'No such image');
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: { ...headers, 'content-type': image.content_type, 'content-length': String(file.size), 'content-disposition': 'inline' },
      });
    })
    .get('/:site/sitemap.xml', async (c) => {
      const { deps, site } = await open(c);
      if (!site) throw new AppError('not_found', 'No such help center');
      const { categories, articles, titles } = await portal.publishedCatalogue(deps, site);
      const entries = [
        ...categories.filter((k) => Number(k.article_count) > 0).map((k) => {
          const url = portal.categoryUrl(deps, site, k.slug, 'vi').replace(/\?lang=vi$/, '');
          return { url, updatedAt: k.updated_at, alternates: { vi: withLang(url, 'vi'), en: withLang(url, 'en') } };
        }),
        ...articles.map((a) => {
          const url = portal.articleUrl(deps, site, a.slug, 'vi').replace(/\?lang=vi$/, '');
          const langs = titles.filter((t) => t.article_id === a.id).map((t) => t.locale);
          return { url, updatedAt: a.updated_at, alternates: Object.fromEntries(langs.map((l) => [l, withLang(url, l)])) };
        }),
      ];
      c.header('content-type', 'application/xml; charset=utf-8');
      c.header('cache-control', 'public, max-age=300');
      return c.body(renderSitemap(entries));
    })
    .get('/:site/search', async (c) => {
      const { deps, site, locale, nonce } = await open(c);
      if (!site) return html(c, nonce, renderNotFound(locale, nonce), 404);
      const q = (c.req.query('q') ?? '').normalize('NFC').trim().slice(0, 200);
      const { page, home } = base(c, site, locale, nonce, `/search?q=${encodeURIComponent(q)}`);
      const hits = q ? await portal.searchPublished(deps, site, q, locale) : [];
      const items = hits.map((h) => ({ title: h.title, url: portal.articleUrl(deps, site, h.slug, h.locale), snippetHtml: highlightSnippet(h.bodyText, q) }));
      const meta: Meta = { title: `${say(locale, 'resultsFor', { q })} · ${portal.siteLabel(site, locale)}`, description: say(locale, 'help'), canonical: `${home}/search`, alternates: {} };
      return html(c, nonce, renderSearch(page, meta, q, items), 200, 'no-cache');
    })
    .get('/:site/c/:slug', async (c) => {
      const { deps, site, locale, nonce } = await open(c);
      const category = site ? await portal.publishedCategory(deps, site, c.req.param('slug')) : undefined;
      if (!site || !category) return html(c, nonce, renderNotFound(locale, nonce), 404);
      const { articles, titles } = await portal.publishedCatalogue(deps, site);
      const { page, home } = base(c, site, locale, nonce, `/c/${category.slug}`);
      const name = (locale === 'en' && category.name_en) || category.name_vi;
      const description = (locale === 'en' ? category.description_en : category.description_vi) || category.description_vi;
      const block: CategoryBlock = {
        name, description, url: null,
        articles: articles.filter((a) => a.category_id === category.id)
          .map((a) => ({ title: portal.pickText(titles, a.id, locale)?.title ?? a.slug, url: portal.articleUrl(deps, site, a.slug, locale) })),
      };
      const url = `${home}/c/${category.slug}`;
      return html(c, nonce, renderCategory(page, { title: `${name} · ${portal.siteLabel(site, locale)}`, description: description || name, canonical: withLang(url, locale), alternates: both(url) }, block));
    })
    .get('/:site/a/:slug', async (c) => {
      const { deps, site, locale, nonce } = await open(c);
      const found = site ? await portal.publishedArticle(deps, site, c.req.param('slug')) : null;
      if (!site || !found) return html(c, nonce, renderNotFound(locale, nonce), 404);
      const { article, texts, category } = found;
      const text = portal.pickText(texts, article.id, locale)!;
      const thanks = c.req.query('thanks') === '1';
      // The thank-you view after a feedback post is the same reader: not a new view.
      if (!thanks && c.req.method === 'GET') await portal.countView(deps, site, article);
      const { page, home } = base(c, site, text.locale, nonce, texts.length > 1 ? `/a/${article.slug}` : null);
      const url = `${home}/a/${article.slug}`;
      const meta: Meta = {
        title: `${text.title} · ${portal.siteLabel(site, text.locale)}`, description: text.body_text.slice(0, 160).replace(/\s+/g, ' ').trim() || text.title,
        canonical: withLang(url, text.locale), alternates: texts.length > 1 ? both(url) : { [text.locale]: withLang(url, text.locale) },
      };
      return html(c, nonce, renderArticle(page, meta, {
        title: text.title, bodyHtml: text.body_html, updatedAt: article.updated_at,
        category: category ? { title: (text.locale === 'en' && category.name_en) || category.name_vi, url: portal.categoryUrl(deps, site, category.slug, text.locale) } : null,
        feedback: thanks ? { thanks: true } : { action: `${url}/feedback?lang=${text.locale}`, token: portal.signFeedbackToken(deps.secret, site, article.id) },
      }), 200, 'no-cache');
    })
    .post('/:site/a/:slug/feedback', async (c) => {
      const { deps, site, locale, nonce } = await open(c);
      const found = site ? await portal.publishedArticle(deps, site, c.req.param('slug')) : null;
      if (!site || !found) return html(c, nonce, renderNotFound(locale, nonce), 404);
      const articleUrl = portal.articleUrl(deps, site, found.article.slug, locale);
      const { page } = base(c, site, locale, nonce, null);
      const back = { title: say(locale, 'backToArticle'), url: articleUrl };
      const meta: Meta = { title: `${say(locale, 'help')} · ${portal.siteLabel(site, locale)}`, description: say(locale, 'help'), canonical: articleUrl, alternates: {} };
      try {
        feedbackPerIp(`ip:${c.var.ip ?? 'unknown'}`);
        await portal.submitFeedback(deps, site, found.article, locale, await readFeedback(c));
        return c.redirect(`${articleUrl}&thanks=1#feedback`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const status = errorCodes[err.code] ?? 400;
        if (err.code === 'rate_limited') c.header('retry-after', String((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60));
        const message = err.code === 'rate_limited' ? say(locale, 'rateLimited') : say(locale, 'badToken');
        return html(c, nonce, renderMessage(page, meta, message, 'error', back), status);
      }
    })
    .get('/:site', async (c) => {
      const { deps, site, locale, nonce } = await open(c);
      if (!site) return html(c, nonce, renderNotFound(locale, nonce), 404);
      const { categories, articles, titles } = await portal.publishedCatalogue(deps, site);
      const { page, home } = base(c, site, locale, nonce, '');
      const link = (a: (typeof articles)[number]) => ({ title: portal.pickText(titles, a.id, locale)?.title ?? a.slug, url: portal.articleUrl(deps, site, a.slug, locale) });
      const blocks: CategoryBlock[] = categories.map((k) => ({
        name: (locale === 'en' && k.name_en) || k.name_vi,
        description: (locale === 'en' ? k.description_en : k.description_vi) || k.description_vi,
        url: portal.categoryUrl(deps, site, k.slug, locale),
        articles: articles.filter((a) => a.category_id === k.id).map(link),
      })).filter((b) => b.articles.length > 0);
      const loose = articles.filter((a) => a.category_id === null);
      if (loose.length) blocks.push({ name: say(locale, 'uncategorized'), description: '', url: null, articles: loose.map(link) });
      const meta: Meta = {
        title: site.titles[locale] ?? `${say(locale, 'help')} · ${site.name}`, description: `${say(locale, 'help')} ${portal.siteLabel(site, locale)}`,
        canonical: withLang(home, locale), alternates: both(home),
      };
      return html(c, nonce, renderHome(page, meta, blocks));
    });
}

/** The feedback form's body: urlencoded, small, strict UTF-8; unknown fields are ignored. */
async function readFeedback(c: HelpContext) {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type', 'Send the form');
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > feedbackBodyBytes) throw new AppError('payload_too_large', 'The form is too large');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new AppError('invalid_encoding', 'The body is not valid UTF-8');
  }
  const known = ['token', 'helpful', 'reason', 'comment'];
  const data = Object.fromEntries([...new URLSearchParams(text)].filter(([k, v]) => known.includes(k) && v !== ''));
  return validate(helpFeedbackInput, normalizeStrings(data));
}

/**
 * An article image's bytes never change under its id, so browsers and CDNs keep it a year and
 * revalidate by ETag (the SHA-256). `nosniff` and a sandboxing CSP keep a polyglot file an image.
 */
const imageHeaders = (sha256: string) => ({
  etag: `"${sha256}"`,
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
});

const ifNoneMatch = (c: HelpContext, etag: string) => {
  const tags = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes(etag) || tags.includes('*');
};
