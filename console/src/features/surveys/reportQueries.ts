import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConversationSurveyDto, ExperienceBalanceDto, Page, SurveyReportDto, SurveyReportQuery, SurveyVerbatimDto, SurveyVerbatimQuery,
} from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { surveyKeys } from './keys.ts';

const at = (id: string) => encodeURIComponent(id);

/** The satisfaction report keeps showing the previous answer while another range loads. */
export function useSurveyReport(q: Partial<SurveyReportQuery>, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.report(q),
    queryFn: ({ signal }) => api.get<SurveyReportDto>('/surveys/report', { ...q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type VerbatimFilters = Omit<Partial<SurveyVerbatimQuery>, 'cursor' | 'limit'>;
export const verbatimPageSize = 25;

/** What customers wrote, newest first, 25 a page; the search ignores diacritics (the server folds it). */
export function useVerbatims(filters: VerbatimFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: surveyKeys.verbatims(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SurveyVerbatimDto>>('/surveys/verbatims', { ...filters, q: filters.q?.trim() || undefined, cursor: pageParam, limit: verbatimPageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One customer's good and bad experiences (every agent may read it, beside the conversation). */
export function useExperienceBalance(contactId: string) {
  return useQuery({
    queryKey: surveyKeys.balance(contactId),
    queryFn: ({ signal }) => api.get<ExperienceBalanceDto>(`/surveys/contacts/${at(contactId)}`, undefined, signal),
    enabled: Boolean(contactId),
  });
}

/** The surveys of one conversation and whether an agent turned them off. */
export function useConversationSurveys(conversationId: string) {
  return useQuery({
    queryKey: surveyKeys.conversation(conversationId),
    queryFn: ({ signal }) => api.get<ConversationSurveyDto>(`/surveys/conversations/${at(conversationId)}`, undefined, signal),
    enabled: Boolean(conversationId),
  });
}

export function useSetSurveyOptOut(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (optOut: boolean) => api.put<ConversationSurveyDto>(`/surveys/conversations/${at(conversationId)}/opt-out`, { optOut }),
    onSuccess: (saved) => qc.setQueryData(surveyKeys.conversation(conversationId), saved),
  });
}
