import type { Query } from '../../lib/api.ts';

/** Query keys of the reports; everything lives under `['reports', …]` so one prefix refetches it all. */
export type ReportKind = 'summary' | 'volume' | 'heatmap' | 'backlog' | 'agents' | 'repeats';

export const reportKeys = {
  all: ['reports'] as const,
  report: (kind: ReportKind, query: Query) => ['reports', kind, query] as const,
};
