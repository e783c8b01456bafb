import { helpArticleInput, helpLimits, helpLocales, type HelpArticleDto, type HelpArticleInput, type HelpLocale } from '@careloop/contracts';
import { isApiError } from '../../lib/api.ts';
import { hasContent } from './editorHtml.ts';

/** One language of the article as the editor holds it (`bodyHtml` straight from the editor). */
export interface LocaleDraft { title: string; bodyHtml: string }

export interface ArticleForm {
  id: string | null;
  categoryId: string | null;
  /** Empty: the server makes one from the title. */
  slug: string;
  /** Published once: the address is public and never changes. */
  slugLocked: boolean;
  vi: LocaleDraft;
  en: LocaleDraft;
  /** Languages stored on the server: the API keeps a language left out, so one cannot be emptied. */
  stored: HelpLocale[];
}

export type ArticleField = `${HelpLocale}.title` | `${HelpLocale}.bodyHtml` | 'slug' | 'categoryId';
export const articleFields: readonly ArticleField[] = ['vi.title', 'vi.bodyHtml', 'en.title', 'en.bodyHtml', 'slug', 'categoryId'];

/** What is wrong with a field: a key under `helpcenter.editor.invalid`. */
export type FieldProblem = 'titleRequired' | 'oneLanguage' | 'tooLong' | 'slugFormat' | 'slugTaken' | 'noCategory' | 'cannotClear' | 'invalid';
export type FieldErrors = Partial<Record<ArticleField, FieldProblem>>;

const emptyLocale = (): LocaleDraft => ({ title: '', bodyHtml: '' });

export function newArticleForm(categoryId: string | null = null): ArticleForm {
  return { id: null, categoryId, slug: '', slugLocked: false, vi: emptyLocale(), en: emptyLocale(), stored: [] };
}

export function formOfArticle(a: HelpArticleDto): ArticleForm {
  return {
    id: a.id, categoryId: a.categoryId, slug: a.slug, slugLocked: a.publishedAt !== null,
    vi: a.vi ? { ...a.vi } : emptyLocale(), en: a.en ? { ...a.en } : emptyLocale(),
    stored: helpLocales.filter((l) => a[l] !== null),
  };
}

/** Whether two forms would save the same article (the editor's "unsaved changes"). */
export function sameForm(a: ArticleForm, b: ArticleForm, tidy: (html: string) => string): boolean {
  return a.categoryId === b.categoryId && a.slug.trim() === b.slug.trim()
    && helpLocales.every((l) => a[l].title.trim() === b[l].title.trim() && tidy(a[l].bodyHtml) === tidy(b[l].bodyHtml));
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The API body of a form, or the problems at each field. A language counts as written when it has a
 * title or any words or images; `tidy` cleans the editor's HTML (editorHtml.tidyHtml in the browser).
 */
export function inputOfForm(form: ArticleForm, tidy: (html: string) => string): { input: HelpArticleInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: HelpArticleInput = { categoryId: form.categoryId };
  for (const locale of helpLocales) {
    const title = form[locale].title.trim();
    const bodyHtml = tidy(form[locale].bodyHtml);
    const written = title !== '' || hasContent(bodyHtml);
    if (!written) {
      if (form.stored.includes(locale)) errors[`${locale}.title`] = 'cannotClear';
      continue;
    }
    if (!title) errors[`${locale}.title`] = 'titleRequired';
    else if (title.length > helpLimits.titleChars) errors[`${locale}.title`] = 'tooLong';
    if (bodyHtml.length > helpLimits.bodyHtmlChars) errors[`${locale}.bodyHtml`] = 'tooLong';
    input[locale] = { title, bodyHtml };
  }
  if (!input.vi && !input.en && !errors['vi.title'] && !errors['en.title']) errors['vi.title'] = 'oneLanguage';
  const slug = form.slug.trim();
  if (!form.slugLocked && slug) {
    if (slug.length > helpLimits.slugChars || !slugPattern.test(slug)) errors.slug = 'slugFormat';
    else input.slug = slug;
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  // The contract has the last word (the server parses the same schema).
  const parsed = helpArticleInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOfPath(issue.path.map(String)) ?? 'vi.title'] = 'invalid';
    return { input: null, errors };
  }
  return { input, errors };
}

function fieldOfPath(path: readonly string[]): ArticleField | null {
  const joined = path.slice(0, 2).join('.');
  return (articleFields as readonly string[]).includes(joined) ? (joined as ArticleField) : (articleFields as readonly string[]).includes(path[0] ?? '') ? (path[0] as ArticleField) : null;
}

const problemOfCode = (field: ArticleField, code: unknown): FieldProblem => {
  if (code === 'too_big') return 'tooLong';
  if (code === 'too_small') return field.endsWith('.title') ? 'titleRequired' : 'invalid';
  if (field === 'slug') return 'slugFormat';
  return 'invalid';
};

/**
 * The fields a refused save names: zod issues of `validation_failed` (`{ issues: [{ path: 'vi.title', code }] }`),
 * a service rule's `{ field: 'categoryId' }`, and a taken address (`already_exists`, `{ field: 'slug' }`).
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!isApiError(error)) return out;
  const details = (error.details ?? {}) as { issues?: unknown; field?: unknown };
  if (isApiError(error, 'already_exists') && details.field === 'slug') out.slug = 'slugTaken';
  if (!isApiError(error, 'validation_failed')) return out;
  if (typeof details.field === 'string') {
    const field = fieldOfPath(details.field.split('.'));
    if (field) out[field] = field === 'categoryId' ? 'noCategory' : 'invalid';
  }
  for (const raw of Array.isArray(details.issues) ? details.issues : []) {
    const issue = raw as { path?: unknown; code?: unknown };
    const path = Array.isArray(issue.path) ? issue.path.map(String) : typeof issue.path === 'string' ? issue.path.split('.') : [];
    const field = fieldOfPath(path);
    if (field && !out[field]) out[field] = problemOfCode(field, issue.code);
  }
  return out;
}

/** Whether the server's refusal is fully shown at fields (otherwise a general alert explains it). */
export const explainedAtFields = (error: unknown): boolean => Object.keys(serverFieldErrors(error)).length > 0;
