import { helpPalette, helpSiteInput, type HelpLocale, type HelpSiteDto, type HelpSiteInput } from '@careloop/contracts';
import { isApiError } from '../../lib/api.ts';

/**
 * The help site's branding form: what the inputs hold, what is sent, what the form refuses, and the
 * preview of the public header (the same palette the server renders with).
 */

export interface SiteLogo { imageId: string; path: string }

export interface SiteForm {
  logo: SiteLogo | null;
  /** `#rrggbb`, or empty for the web chat's colour. */
  color: string;
  titleVi: string;
  titleEn: string;
}

export type SiteField = 'logoImageId' | 'color' | 'titleVi' | 'titleEn';
export type SiteProblem = 'color' | 'tooLong' | 'logo';

export const formOfSite = (site: HelpSiteDto): SiteForm => ({
  logo: site.logo ? { imageId: site.logo.imageId, path: site.logo.path } : null,
  color: site.color ?? '',
  titleVi: site.titleVi ?? '',
  titleEn: site.titleEn ?? '',
});

/** Empty colour and titles go as null: the web chat's colour and the shop's name. */
export const siteInputOf = (form: SiteForm): HelpSiteInput => ({
  logoImageId: form.logo?.imageId ?? null,
  color: form.color.trim() ? form.color.trim().toLowerCase() : null,
  titleVi: form.titleVi.trim() || null,
  titleEn: form.titleEn.trim() || null,
});

const fields: readonly SiteField[] = ['logoImageId', 'color', 'titleVi', 'titleEn'];
const problemOf = (field: SiteField): SiteProblem => (field === 'color' ? 'color' : field === 'logoImageId' ? 'logo' : 'tooLong');

/** The fields the contract refuses, and the ones a refused save names (`details.field` or its issues). */
export function siteErrors(form: SiteForm, error: unknown): Partial<Record<SiteField, SiteProblem>> {
  const out: Partial<Record<SiteField, SiteProblem>> = {};
  const parsed = helpSiteInput.safeParse(siteInputOf(form));
  const paths: string[] = parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0] ?? ''));
  if (isApiError(error, 'validation_failed')) {
    const details = error.details as { field?: unknown; issues?: { path?: unknown }[] } | null;
    if (typeof details?.field === 'string') paths.push(details.field);
    for (const issue of details?.issues ?? []) paths.push(String(issue.path ?? '').split('.')[0]!);
  }
  for (const path of paths) {
    const field = fields.find((f) => f === path);
    if (field && !out[field]) out[field] = problemOf(field);
  }
  return out;
}

export interface SitePreview {
  brand: string;
  ink: string;
  link: string;
  /** The header's text in that language, as the public page writes it. */
  title: string;
  logoSrc: string | null;
  /** The badge's letter when there is no logo. */
  letter: string;
}

/** The public page's header for the form as it stands (`helpWord`: "Trung tâm trợ giúp" / "Help center"). */
export function sitePreview(form: SiteForm, site: HelpSiteDto, locale: HelpLocale, helpWord: string): SitePreview {
  const color = /^#[0-9a-fA-F]{6}$/.test(form.color.trim()) ? form.color.trim() : site.webChatColor;
  const own = (locale === 'en' ? form.titleEn : form.titleVi).trim();
  return {
    ...helpPalette(color),
    title: own || `${site.shopName} · ${helpWord}`,
    logoSrc: form.logo?.path ?? null,
    letter: [...site.shopName.trim()][0]?.toUpperCase() ?? '?',
  };
}
