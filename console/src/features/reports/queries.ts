import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ReportAgentsDto, ReportBacklogDto, ReportHeatmapDto, ReportMeta, ReportRepeatsDto, ReportSummaryDto, ReportVolumeDto,
} from '@careloop/contracts';
import { api, type Query } from '../../lib/api.ts';
import { reportKeys, type ReportKind } from './keys.ts';

/** While the server rebuilds its figures (after an upgrade, a restore, a change of hours) they are polled. */
const rebuildPollMs = 5000;

function useReport<T extends { meta: ReportMeta }>(kind: ReportKind, query: Query, enabled = true) {
  return useQuery({
    queryKey: reportKeys.report(kind, query),
    queryFn: ({ signal }) => api.get<T>(`/reports/${kind}`, query, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    refetchInterval: (q) => (q.state.data?.meta.rebuilding ? rebuildPollMs : false),
    enabled,
  });
}

export const useReportSummary = (query: Query) => useReport<ReportSummaryDto>('summary', query);
export const useReportVolume = (query: Query) => useReport<ReportVolumeDto>('volume', query);
export const useReportHeatmap = (query: Query) => useReport<ReportHeatmapDto>('heatmap', query);
export const useReportBacklog = (query: Query) => useReport<ReportBacklogDto>('backlog', query);
export const useReportAgents = (query: Query) => useReport<ReportAgentsDto>('agents', query);
export const useReportRepeats = (query: Query) => useReport<ReportRepeatsDto>('repeats', query);
