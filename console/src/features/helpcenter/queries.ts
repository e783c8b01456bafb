import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type {
  HelpArticleDto, HelpArticleFeedbackDto, HelpArticleInput, HelpCategoryDto, HelpCategoryInput, HelpLocale, HelpSiteDto, HelpSiteInput, HelpStatsDto,
} from '@careloop/contracts';
import { api } from '../../lib/api.ts';

const base = '/helpcenter';

export interface ArticleFilters {
  status: 'any' | 'draft' | 'published';
  categoryId: string | null;
  q: string;
}

/** Everything of the help center lives under `['helpcenter', …]`, so one invalidation refreshes the lot. */
export const helpKeys = {
  all: ['helpcenter'] as const,
  site: ['helpcenter', 'site'] as const,
  categories: ['helpcenter', 'categories'] as const,
  articleLists: ['helpcenter', 'articles'] as const,
  articles: (filters: ArticleFilters) => ['helpcenter', 'articles', filters] as const,
  article: (id: string) => ['helpcenter', 'article', id] as const,
  feedback: (id: string) => ['helpcenter', 'feedback', id] as const,
  stats: (days: number) => ['helpcenter', 'stats', days] as const,
};

export function useHelpSite() {
  return useQuery({ queryKey: helpKeys.site, queryFn: ({ signal }) => api.get<HelpSiteDto>(`${base}/site`, undefined, signal), staleTime: Infinity });
}

/** Saves the site's branding (admins and owners); the answer replaces the cached site. */
export function useSaveHelpSite() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (input: HelpSiteInput) => api.put<HelpSiteDto>(`${base}/site`, input),
    onSuccess: (site) => qc.setQueryData(helpKeys.site, site),
  });
}

export function useHelpCategories() {
  return useQuery({ queryKey: helpKeys.categories, queryFn: ({ signal }) => api.get<HelpCategoryDto[]>(`${base}/categories`, undefined, signal) });
}

/** The list keeps showing the previous answer while a new search runs, so typing does not flash an empty table. */
export function useHelpArticles(filters: ArticleFilters, enabled = true) {
  return useQuery({
    queryKey: helpKeys.articles(filters),
    queryFn: ({ signal }) => api.get<HelpArticleDto[]>(`${base}/articles`, { status: filters.status, categoryId: filters.categoryId, q: filters.q.trim() }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHelpArticle(id: string | null) {
  return useQuery({
    queryKey: helpKeys.article(id ?? ''),
    queryFn: ({ signal }) => api.get<HelpArticleDto>(`${base}/articles/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: id !== null,
  });
}

export type FeedbackPages = InfiniteData<HelpArticleFeedbackDto, string | null>;

/** What readers answered about one article: counts on every page, comments 50 a page, newest first. */
export function useArticleFeedback(id: string) {
  return useInfiniteQuery({
    queryKey: helpKeys.feedback(id),
    queryFn: ({ pageParam, signal }) => api.get<HelpArticleFeedbackDto>(`${base}/articles/${encodeURIComponent(id)}/feedback`, { cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Feedback and deflection over the last `days` days (views are lifetime counters). */
export function statsPeriod(days: number, now = Date.now()): { from: string; to: string } {
  const to = new Date(Math.ceil(now / 60_000) * 60_000);
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

export function useHelpStats(days: number) {
  return useQuery({
    queryKey: helpKeys.stats(days),
    queryFn: ({ signal }) => api.get<HelpStatsDto>(`${base}/stats`, statsPeriod(days), signal),
  });
}

/** The body that writes a category back with `patch` applied (the API replaces every field). */
export function categoryInputOf(c: HelpCategoryDto, patch: Partial<HelpCategoryInput> = {}): HelpCategoryInput {
  return { nameVi: c.nameVi, nameEn: c.nameEn, descriptionVi: c.descriptionVi, descriptionEn: c.descriptionEn, ...patch };
}

/** The ids in their new order after moving `id` up (-1) or down (+1); unchanged at either end. */
export function moved(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const out = [...ids];
  const from = out.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= out.length) return out;
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: HelpCategoryInput }) =>
      id ? api.patch<HelpCategoryDto>(`${base}/categories/${encodeURIComponent(id)}`, input) : api.post<HelpCategoryDto>(`${base}/categories`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: helpKeys.categories }),
  });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`${base}/categories/${encodeURIComponent(id)}`),
    // Its articles lose their category: lists and editors read again.
    onSettled: () => qc.invalidateQueries({ queryKey: helpKeys.all }),
  });
}

/** Shown in the new order at once; the server's list replaces it (or the old one comes back on failure). */
export function useReorderCategories() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<HelpCategoryDto[]>(`${base}/categories/order`, { ids }),
    onMutate: (ids) => {
      const list = qc.getQueryData<HelpCategoryDto[]>(helpKeys.categories) ?? [];
      const byId = new Map(list.map((c) => [c.id, c]));
      qc.setQueryData(helpKeys.categories, ids.map((id) => byId.get(id)).filter((c) => c !== undefined));
    },
    onSuccess: (saved) => qc.setQueryData(helpKeys.categories, saved),
    onError: () => void qc.invalidateQueries({ queryKey: helpKeys.categories }),
  });
}

export function useReorderArticles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<{ ok: true }>(`${base}/articles/order`, { ids }),
    onSettled: () => qc.invalidateQueries({ queryKey: helpKeys.articleLists }),
  });
}

/** Writes the article's cache entry and refreshes the lists and counts that show it. */
function useArticleWrite<V>(fn: (v: V) => Promise<HelpArticleDto>, handlesError = true) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError },
    mutationFn: fn,
    onSuccess: (article) => {
      qc.setQueryData(helpKeys.article(article.id), article);
      void qc.invalidateQueries({ queryKey: helpKeys.articleLists });
      void qc.invalidateQueries({ queryKey: helpKeys.categories });
    },
  });
}

export const useSaveArticle = () =>
  useArticleWrite(({ id, input }: { id: string | null; input: HelpArticleInput }) =>
    id ? api.patch<HelpArticleDto>(`${base}/articles/${encodeURIComponent(id)}`, input) : api.post<HelpArticleDto>(`${base}/articles`, input));

export const useSetPublished = () =>
  useArticleWrite(({ id, published }: { id: string; published: boolean }) =>
    api.post<HelpArticleDto>(`${base}/articles/${encodeURIComponent(id)}/${published ? 'publish' : 'unpublish'}`));

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`${base}/articles/${encodeURIComponent(id)}`),
    onSuccess: (_ok, id) => {
      qc.removeQueries({ queryKey: helpKeys.article(id) });
      void qc.invalidateQueries({ queryKey: helpKeys.articleLists });
      void qc.invalidateQueries({ queryKey: helpKeys.categories });
    },
  });
}

export interface DraftFromConversation { conversationId: string; locale: HelpLocale; categoryId: string | null; title?: string }

/** A resolved conversation becomes a draft article (supervisors and up). */
export const useDraftFromConversation = () =>
  useArticleWrite(({ conversationId, ...body }: DraftFromConversation) =>
    api.post<HelpArticleDto>(`${base}/articles/from-conversation/${encodeURIComponent(conversationId)}`, body));
