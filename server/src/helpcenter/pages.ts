import type { HelpFeedbackReason, HelpLocale } from '@careloop/contracts';
import { helpFeedbackReasons, helpPalette } from '@careloop/contracts';
import { say } from './strings.ts';

/**
 * The public help center as plain HTML: readable and usable without JavaScript (the feedback form
 * is a form), one small inline style block carrying the response's CSP nonce, no script at all.
 * Every shop-written or visitor-written value goes through `esc`; article bodies were sanitized on
 * write and are the one thing inserted as HTML.
 */
export const esc = (value: string) =>
  value.replace(/[&<>"'`]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!);

export const helpCsp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' https: http: data:; form-action 'self'; base-uri 'none'; frame-ancestors *`;

export interface Site {
  /** The shop's name: the logo's alt text, the letter badge's letter. */
  name: string;
  /** The site's own title in the page's language; null: "<shop> · Help". */
  title: string | null;
  color: string;
  homeUrl: string;
  searchUrl: string;
  /** The logo's absolute address (also the pages' og:image); null: the letter badge. */
  logoUrl: string | null;
}
export interface Meta {
  title: string;
  description: string;
  canonical: string;
  /** hreflang → URL, for the languages this page exists in. */
  alternates: Partial<Record<HelpLocale | 'x-default', string>>;
  type?: 'website' | 'article';
  noindex?: boolean;
}
export interface PageBase { site: Site; locale: HelpLocale; nonce: string; otherLanguageUrl: string | null }

/** The logo, or the first letter of the shop's name on a badge; then the site's title. */
function brand(p: PageBase): string {
  const mark = p.site.logoUrl
    ? `<img class="logo" src="${esc(p.site.logoUrl)}" alt="${esc(p.site.name)}">`
    : `<span class="badge" aria-hidden="true">${esc([...p.site.name.trim()][0]?.toUpperCase() ?? '?')}</span>`;
  const title = p.site.title ?? `${p.site.name} · ${say(p.locale, 'help')}`;
  return `<a class="brand" href="${esc(p.site.homeUrl)}">${mark}<span>${esc(title)}</span></a>`;
}

function shell(p: PageBase, meta: Meta, body: string, query = ''): string {
  // helpPalette accepts only #rrggbb, so nothing else can reach the style block.
  const { brand: color, ink, link } = helpPalette(p.site.color);
  const alternates = Object.entries(meta.alternates).map(([lang, href]) => `<link rel="alternate" hreflang="${lang}" href="${esc(href)}">`).join('\n');
  return `<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(meta.title)}</title>
<meta name="description" content="${esc(meta.description)}">
${meta.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="canonical" href="${esc(meta.canonical)}">
${alternates}
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${esc(meta.title)}">
<meta property="og:description" content="${esc(meta.description)}">
<meta property="og:url" content="${esc(meta.canonical)}">
<meta property="og:site_name" content="${esc(p.site.title ?? p.site.name)}">
${p.site.logoUrl ? `<meta property="og:image" content="${esc(p.site.logoUrl)}">\n` : ''}<meta property="og:locale" content="${p.locale === 'vi' ? 'vi_VN' : 'en_US'}">
<style nonce="${esc(p.nonce)}">
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#f8f9fa}
header{background:${color};color:${ink};padding:20px 16px}header .in,main{max-width:760px;margin:0 auto}header a{color:${ink};text-decoration:none}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:1.15rem}.badge{display:inline-grid;place-items:center;width:36px;height:36px;border-radius:8px;background:${ink};color:${color}}
.logo{display:block;height:40px;width:auto;max-width:180px;object-fit:contain}
.lang{float:right;font-size:.9rem;opacity:.9}form.s{display:flex;gap:8px;margin-top:14px}form.s input{flex:1;min-width:0;padding:10px 12px;font:inherit;border:0;border-radius:8px}
button{padding:10px 16px;font:inherit;font-weight:600;border:0;border-radius:8px;background:${ink};color:${color};cursor:pointer}
main{padding:20px 16px}a{color:${link}}h1{font-size:1.6rem;line-height:1.3;margin:.2em 0 .6em}h2{font-size:1.2rem}
.card{background:#fff;border:1px solid #e9ecef;border-radius:10px;padding:16px;margin:0 0 16px}.card h2{margin:0 0 6px}.muted{color:#868e96;font-size:.9rem}
ul.list{list-style:none;padding:0;margin:0}ul.list li{padding:6px 0;border-top:1px solid #f1f3f5}ul.list li:first-child{border-top:0}
article img{max-width:100%;height:auto}article table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}article td,article th{border:1px solid #dee2e6;padding:6px 8px}
article pre{background:#f1f3f5;padding:12px;overflow-x:auto;border-radius:6px}mark{background:#fff3bf;padding:0 1px}
.fb{margin-top:24px}.fb fieldset{border:1px solid #e9ecef;border-radius:10px;background:#fff;padding:12px 16px}.fb label{display:block;margin:4px 0}
.fb textarea{width:100%;min-height:70px;font:inherit;padding:8px;border:1px solid #ced4da;border-radius:8px}.fb button{background:${color};color:${ink};margin-top:8px}
.ok{padding:14px;border-radius:8px;background:#ebfbee;border:1px solid #b2f2bb}.error{padding:14px;border-radius:8px;background:#fff5f5;border:1px solid #ffc9c9;color:#c92a2a}
nav.crumbs{font-size:.9rem;margin-bottom:8px}
</style>
</head>
<body>
<header><div class="in">
${p.otherLanguageUrl ? `<a class="lang" href="${esc(p.otherLanguageUrl)}" hreflang="${p.locale === 'vi' ? 'en' : 'vi'}">${esc(say(p.locale, 'otherLanguage'))}</a>` : ''}
${brand(p)}
<form class="s" method="get" action="${esc(p.site.searchUrl)}" role="search"><input type="hidden" name="lang" value="${p.locale}">
<input type="search" name="q" value="${esc(query)}" maxlength="200" placeholder="${esc(say(p.locale, 'searchPlaceholder'))}" aria-label="${esc(say(p.locale, 'search'))}"><button type="submit">${esc(say(p.locale, 'search'))}</button></form>
</div></header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LinkItem { title: string; url: string }
export interface CategoryBlock { name: string; description: string; url: string | null; articles: LinkItem[] }

export function renderHome(p: PageBase, meta: Meta, blocks: CategoryBlock[]): string {
  const body = blocks.map((b) => `<section class="card"><h2>${b.url ? `<a href="${esc(b.url)}">${esc(b.name)}</a>` : esc(b.name)}</h2>
${b.description ? `<p class="muted">${esc(b.description)}</p>` : ''}<ul class="list">${b.articles.map((a) => `<li><a href="${esc(a.url)}">${esc(a.title)}</a></li>`).join('')}</ul></section>`).join('\n');
  return shell(p, meta, `<h1>${esc(say(p.locale, 'help'))}</h1>\n${body}`);
}

export function renderCategory(p: PageBase, meta: Meta, block: CategoryBlock): string {
  return shell(p, meta, `<nav class="crumbs"><a href="${esc(p.site.homeUrl)}">${esc(say(p.locale, 'home'))}</a></nav>
<h1>${esc(block.name)}</h1>${block.description ? `<p class="muted">${esc(block.description)}</p>` : ''}
<div class="card"><ul class="list">${block.articles.map((a) => `<li><a href="${esc(a.url)}">${esc(a.title)}</a></li>`).join('')}</ul></div>`);
}

export interface ArticleView {
  title: string;
  /** Sanitized on write. */
  bodyHtml: string;
  updatedAt: Date;
  category: LinkItem | null;
  feedback: { action: string; token: string } | { thanks: true };
}

export function renderArticle(p: PageBase, meta: Meta, a: ArticleView): string {
  const date = new Intl.DateTimeFormat(p.locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(a.updatedAt);
  const reasons = (r: HelpFeedbackReason) => `<label><input type="radio" name="reason" value="${r}"> ${esc(say(p.locale, `reason_${r}`))}</label>`;
  const feedback = 'thanks' in a.feedback
    ? `<div class="ok" role="status" id="feedback">${esc(say(p.locale, 'thanks'))}</div>`
    : `<form class="fb" id="feedback" method="post" action="${esc(a.feedback.action)}" accept-charset="utf-8">
<input type="hidden" name="token" value="${esc(a.feedback.token)}">
<fieldset><legend>${esc(say(p.locale, 'wasHelpful'))}</legend>
<button type="submit" name="helpful" value="yes">${esc(say(p.locale, 'yes'))}</button>
<details><summary>${esc(say(p.locale, 'no'))}</summary>
<p class="muted">${esc(say(p.locale, 'whyNot'))}</p>${helpFeedbackReasons.map(reasons).join('')}
<label>${esc(say(p.locale, 'comment'))}<textarea name="comment" maxlength="500"></textarea></label>
<button type="submit" name="helpful" value="no">${esc(say(p.locale, 'send'))}</button></details>
</fieldset></form>`;
  return shell(p, { ...meta, type: 'article' }, `<nav class="crumbs"><a href="${esc(p.site.homeUrl)}">${esc(say(p.locale, 'home'))}</a>${a.category ? ` › <a href="${esc(a.category.url)}">${esc(a.category.title)}</a>` : ''}</nav>
<article><h1>${esc(a.title)}</h1><p class="muted">${esc(say(p.locale, 'updated'))}: ${esc(date)}</p>
${a.bodyHtml}
</article>
${feedback}`);
}

export interface SearchItem { title: string; url: string; snippetHtml: string }

export function renderSearch(p: PageBase, meta: Meta, query: string, items: SearchItem[]): string {
  const list = items.length
    ? items.map((i) => `<div class="card"><h2><a href="${esc(i.url)}">${esc(i.title)}</a></h2><p class="muted">${i.snippetHtml}</p></div>`).join('\n')
    : `<p>${esc(say(p.locale, 'noResults'))}</p>`;
  return shell(p, { ...meta, noindex: true }, `<h1>${esc(say(p.locale, 'resultsFor', { q: query }))}</h1>\n${list}`, query);
}

export function renderMessage(p: PageBase, meta: Meta, message: string, kind: 'error' | 'ok', back: LinkItem | null): string {
  return shell(p, { ...meta, noindex: true }, `<div class="${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${esc(message)}</div>
${back ? `<p><a href="${esc(back.url)}">${esc(back.title)}</a></p>` : ''}`);
}

export function renderNotFound(locale: HelpLocale, nonce: string): string {
  const text = say(locale, 'notFound');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(text)}</title>`
    + `<style nonce="${esc(nonce)}">body{font:16px system-ui,sans-serif;margin:40px 16px;color:#495057}</style></head><body><p>${esc(text)}</p></body></html>`;
}

const xmlEsc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function renderSitemap(entries: { url: string; updatedAt: Date; alternates: Partial<Record<HelpLocale, string>> }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.map((e) => `<url><loc>${xmlEsc(e.url)}</loc><lastmod>${e.updatedAt.toISOString()}</lastmod>${Object.entries(e.alternates)
    .map(([lang, href]) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${xmlEsc(href)}"/>`).join('')}</url>`).join('\n')}
</urlset>
`;
}

export const renderRobots = (sitemapUrl: string) => `User-agent: *\nAllow: /help/\nDisallow: /help/*/search\nSitemap: ${sitemapUrl}\n`;
