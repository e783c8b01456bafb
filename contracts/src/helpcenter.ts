import { z } from 'zod';

/**
 * The help center (issue 8 §2): categories and articles written in Vietnamese and English, published
 * to a public site, searched by customers and suggested in the widget while they type.
 */
export const helpLocales = ['vi', 'en'] as const;
export type HelpLocale = (typeof helpLocales)[number];

export const helpLimits = {
  titleChars: 200,
  /** Sanitized HTML; a long article with tables fits comfortably. */
  bodyHtmlChars: 100_000,
  categoryNameChars: 80,
  descriptionChars: 500,
  slugChars: 80,
  feedbackCommentChars: 500,
  searchQueryChars: 200,
  /** Article images (POST /helpcenter/images): PNG, JPEG, GIF or WebP, never SVG (it can carry script). */
  imageBytes: 5 * 1024 * 1024,
  /** Comments per page of an article's feedback. */
  feedbackPage: 50,
  /** The public site's own title (PUT /helpcenter/site), per language. */
  siteTitleChars: 80,
} as const;

/** What an article image may be: the type is sniffed from the bytes, not taken from the upload's headers. */
export const helpImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type HelpImageType = (typeof helpImageTypes)[number];

/** Lower-case ASCII words joined by hyphens (made from the title when not given). */
const slug = z.string().trim().min(1).max(helpLimits.slugChars).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const helpCategoryInput = z.object({
  slug: slug.optional(),
  nameVi: z.string().trim().min(1).max(helpLimits.categoryNameChars),
  nameEn: z.string().trim().max(helpLimits.categoryNameChars).default(''),
  descriptionVi: z.string().trim().max(helpLimits.descriptionChars).default(''),
  descriptionEn: z.string().trim().max(helpLimits.descriptionChars).default(''),
});
export type HelpCategoryInput = z.input<typeof helpCategoryInput>;

/** The new order of categories (or of a category's articles): every id once. */
export const helpOrderInput = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) });

const articleLocaleInput = z.object({
  title: z.string().trim().min(1).max(helpLimits.titleChars),
  bodyHtml: z.string().max(helpLimits.bodyHtmlChars),
});

export const helpArticleInput = z.object({
  categoryId: z.string().min(1).max(64).nullable().default(null),
  /** Kept only while the article has never been published. */
  slug: slug.optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  vi: articleLocaleInput.optional(),
  en: articleLocaleInput.optional(),
}).refine((a) => a.vi || a.en, { message: 'Write the article in Vietnamese or English', path: ['vi'] });
export type HelpArticleInput = z.input<typeof helpArticleInput>;

export const helpArticleListQuery = z.object({
  status: z.enum(['draft', 'published', 'any']).default('any'),
  categoryId: z.string().min(1).max(64).optional(),
  q: z.string().trim().max(helpLimits.searchQueryChars).optional(),
});

export const helpStatsQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

export const helpSearchQuery = z.object({
  q: z.string().trim().max(helpLimits.searchQueryChars).default(''),
  lang: z.enum(helpLocales).optional(),
});

export const helpFeedbackReasons = ['outdated', 'unclear', 'missing', 'wrong', 'other'] as const;
export type HelpFeedbackReason = (typeof helpFeedbackReasons)[number];

/** The public "was this helpful?" form (urlencoded; `token` is the signed hidden field). */
export const helpFeedbackInput = z.object({
  token: z.string().min(1).max(300),
  helpful: z.enum(['yes', 'no']),
  reason: z.enum(helpFeedbackReasons).optional(),
  comment: z.string().trim().max(helpLimits.feedbackCommentChars).optional(),
});
export type HelpFeedbackInput = z.output<typeof helpFeedbackInput>;

/** Comments of an article's feedback, newest first: `?cursor=` from the previous page's `nextCursor`. */
export const helpFeedbackQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(helpLimits.feedbackPage).default(helpLimits.feedbackPage),
});

/** The widget (or the portal) reports that a visitor opened a suggested article. */
export const helpDeflectionInput = z.object({ articleId: z.string().min(1).max(64), source: z.enum(['widget', 'portal']).default('widget') });

/** Turn a resolved conversation into a draft article; the title defaults to the customer's first message. */
export const helpFromConversationInput = z.object({
  locale: z.enum(helpLocales).default('vi'),
  categoryId: z.string().min(1).max(64).nullable().default(null),
  title: z.string().trim().min(1).max(helpLimits.titleChars).optional(),
});

export interface HelpCategoryDto {
  id: string;
  slug: string;
  position: number;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  articleCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface HelpArticleLocaleDto { title: string; bodyHtml: string }

export interface HelpArticleDto {
  id: string;
  slug: string;
  status: 'draft' | 'published';
  categoryId: string | null;
  position: number;
  vi: HelpArticleLocaleDto | null;
  en: HelpArticleLocaleDto | null;
  views: number;
  helpful: number;
  notHelpful: number;
  /** Where customers read it (also for drafts: the address it will have). */
  publicUrl: string;
  sourceConversationId: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  abilities: { update: boolean; publish: boolean; delete: boolean };
}

/** What customers may see of an article: one language, no counters. */
export interface PublicHelpArticleDto {
  id: string;
  slug: string;
  locale: HelpLocale;
  title: string;
  bodyHtml: string;
  category: { slug: string; name: string } | null;
  url: string;
  updatedAt: string;
}

export interface HelpSearchResultDto {
  articleId: string;
  slug: string;
  locale: HelpLocale;
  title: string;
  /** Escaped text with the matched words in `<mark>`: safe to insert as HTML. */
  snippetHtml: string;
  url: string;
  /** 0–1; title matches rank above body matches whatever the score. */
  score: number;
}

export interface HelpSuggestionDto { articleId: string; title: string; snippetHtml: string; url: string }

/**
 * The public site's branding (PUT /helpcenter/site; admins and owners): the whole setting is sent
 * each time. `logoImageId` is an uploaded help image of the same workspace (POST /helpcenter/images);
 * `color` null keeps the web chat's colour; an empty or null title keeps the shop's name.
 */
export const helpSiteInput = z.object({
  logoImageId: z.string().min(1).max(64).nullable().default(null),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #1c7ed6').nullable().default(null),
  titleVi: z.string().trim().max(helpLimits.siteTitleChars).nullable().default(null),
  titleEn: z.string().trim().max(helpLimits.siteTitleChars).nullable().default(null),
});
export type HelpSiteInput = z.input<typeof helpSiteInput>;

export interface HelpSiteDto {
  publicKey: string;
  url: string;
  /** The shop's name: the title where none is set, and the logo's alt text. */
  shopName: string;
  /** Served publicly at `path` (`/help/<key>/img/<id>`); null shows the first letter of the shop's name. */
  logo: { imageId: string; path: string; url: string } | null;
  /** The colour chosen for the site, or null to use the web chat's. */
  color: string | null;
  /** The web chat's colour: what the site wears while `color` is null. */
  webChatColor: string;
  /** What the pages use: `color`, else `webChatColor`. */
  effectiveColor: string;
  titleVi: string | null;
  titleEn: string | null;
  abilities: { update: boolean };
}

/** `#rrggbb` → relative luminance (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const darken = (hex: string, by: number) =>
  `#${[1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - by)).toString(16).padStart(2, '0')).join('')}`;

/**
 * The site's colours from the shop's one colour, readable whatever was picked: `ink` is the text on
 * the coloured header and buttons (white or near-black, whichever contrasts more), `link` the colour
 * darkened until it reads on white (4.5:1). The console's preview uses the same function.
 */
export function helpPalette(color: string): { brand: string; ink: string; link: string } {
  const brand = /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#1c7ed6';
  const ink = contrast(brand, '#ffffff') >= contrast(brand, '#212529') ? '#ffffff' : '#212529';
  let link = brand;
  for (let step = 1; contrast(link, '#ffffff') < 4.5 && step <= 10; step++) link = darken(brand, step / 10);
  return { brand, ink, link };
}

export interface HelpStatsDto {
  from: string;
  to: string;
  articles: { published: number; draft: number };
  /** Lifetime views of published articles (counters, not per period). */
  views: number;
  feedback: { helpful: number; notHelpful: number; helpfulPercent: number | null };
  /** Suggestion clicks by known visitors in the period and how many were not followed by a conversation within 30 minutes. */
  deflection: { clicks: number; deflected: number; anonymousClicks: number; windowMinutes: number };
  top: { articleId: string; title: string; views: number; helpful: number; notHelpful: number }[];
}

/**
 * An uploaded article image. `path` (`/help/<key>/img/<id>`) is what the editor puts in `<img src>`:
 * served publicly without expiry, it keeps working if the server's public address changes.
 */
export interface HelpImageDto {
  id: string;
  path: string;
  url: string;
  contentType: HelpImageType;
  byteSize: number;
  /** True when the same bytes had been uploaded before: the stored image is reused. */
  reused: boolean;
  createdAt: string;
}

/** One "not helpful" answer that came with a comment (shown escaped: customers wrote it). */
export interface HelpFeedbackCommentDto {
  id: string;
  locale: HelpLocale;
  reason: HelpFeedbackReason | null;
  comment: string;
  createdAt: string;
}

/** What readers answered about one article: every answer counted, the comments a page at a time. */
export interface HelpArticleFeedbackDto {
  articleId: string;
  helpful: number;
  notHelpful: number;
  /** "Not helpful" answers by the reason chosen; `none` when no reason was picked. */
  reasons: Record<HelpFeedbackReason | 'none', number>;
  comments: HelpFeedbackCommentDto[];
  nextCursor: string | null;
}
