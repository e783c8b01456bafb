import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnalyticsOverviewDto, AnalyticsRunDto, AnalyticsSettings, ContactAnalyticsDto, CustomerAnalyticsDto, CustomerListQuery, PredictionsDto, ProductCyclesDto,
  SegmentCountDto,
} from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { withRun } from './events.ts';
import { filtersQuery, type OverviewFilters } from './filters.ts';
import { analyticsKeys } from './keys.ts';

/** While a refresh runs, the latest run is also polled, in case the socket is down. */
const runPollMs = 3000;

export function useOverview(filters: OverviewFilters) {
  return useQuery({
    queryKey: analyticsKeys.overview(filters),
    queryFn: ({ signal }) => api.get<AnalyticsOverviewDto>('/analytics/overview', filtersQuery(filters), signal),
    placeholderData: keepPreviousData,
  });
}

export function usePredictions() {
  return useQuery({
    queryKey: analyticsKeys.predictions,
    queryFn: ({ signal }) => api.get<PredictionsDto>('/analytics/predictions', undefined, signal),
    refetchInterval: (query) => (query.state.data?.run?.status === 'running' ? runPollMs : false),
  });
}

export function useSegments() {
  return useQuery({ queryKey: analyticsKeys.segments, queryFn: ({ signal }) => api.get<SegmentCountDto[]>('/analytics/segments', undefined, signal) });
}

export function useProductCycles() {
  return useQuery({ queryKey: analyticsKeys.productCycles, queryFn: ({ signal }) => api.get<ProductCyclesDto>('/analytics/product-cycles', undefined, signal) });
}

export type CustomerFilter = Partial<Pick<CustomerListQuery, 'segment' | 'vip'>> & Pick<CustomerListQuery, 'sort' | 'limit' | 'offset'>;

export function useCustomers(query: CustomerFilter, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.customers(query),
    queryFn: ({ signal }) => api.get<CustomerAnalyticsDto[]>('/analytics/customers', { ...query, vip: query.vip ? 'true' : undefined }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The sidebar's figures for one contact; every agent may read them. */
export function useContactAnalytics(contactId: string) {
  return useQuery({
    queryKey: analyticsKeys.contact(contactId),
    queryFn: ({ signal }) => api.get<ContactAnalyticsDto>(`/analytics/contacts/${contactId}`, undefined, signal),
    enabled: Boolean(contactId),
    staleTime: 5 * 60_000,
  });
}

export function useAnalyticsSettings() {
  return useQuery({ queryKey: analyticsKeys.settings, queryFn: ({ signal }) => api.get<AnalyticsSettings>('/analytics/settings', undefined, signal) });
}

/** Starts a refresh (202); its progress then arrives as `analytics.refresh_progress` events. */
export function useStartRefresh() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: () => api.post<AnalyticsRunDto>('/analytics/refresh', {}, { csrfToken: me.csrfToken }),
    onSuccess: (run) => {
      qc.setQueryData<PredictionsDto>(analyticsKeys.predictions, (old) => withRun(old, run));
      void qc.invalidateQueries({ queryKey: analyticsKeys.predictions });
    },
  });
}

export function useSaveAnalyticsSettings() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (body: AnalyticsSettings) => api.put<AnalyticsSettings>('/analytics/settings', body, { csrfToken: me.csrfToken }),
    onSuccess: (saved) => {
      qc.setQueryData(analyticsKeys.settings, saved);
      qc.setQueryData<PredictionsDto>(analyticsKeys.predictions, (old) => (old ? { ...old, settings: saved } : old));
      // The currency decides which orders count; horizon and margin change the sidebar's wording.
      void qc.invalidateQueries({ queryKey: analyticsKeys.all, predicate: (q) => q.queryKey[1] !== 'settings' });
    },
  });
}
