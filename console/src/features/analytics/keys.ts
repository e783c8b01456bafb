import type { CustomerListQuery } from '@careloop/contracts';
import type { OverviewFilters } from './filters.ts';

/** Query keys of the analytics area; everything lives under `['analytics', …]` so one prefix refetches it all. */
export const analyticsKeys = {
  all: ['analytics'] as const,
  overviews: ['analytics', 'overview'] as const,
  overview: (filters: OverviewFilters) => ['analytics', 'overview', filters] as const,
  /** The latest model and refresh run; `analytics.refresh_progress` events update its run in place. */
  predictions: ['analytics', 'predictions'] as const,
  segments: ['analytics', 'segments'] as const,
  customers: (query: Partial<CustomerListQuery>) => ['analytics', 'customers', query] as const,
  contact: (contactId: string) => ['analytics', 'contact', contactId] as const,
  /** Products bought again on a cycle; rebuilt by each refresh, so its end refetches them with the rest. */
  productCycles: ['analytics', 'product-cycles'] as const,
  settings: ['analytics', 'settings'] as const,
};
