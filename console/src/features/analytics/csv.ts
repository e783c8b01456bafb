import { API, withQuery, type Query } from '../../lib/api.ts';

/** Overview tables the server exports as CSV (`/analytics/overview/<table>.csv`). */
export type OverviewTable = 'periods' | 'cohorts' | 'pareto' | 'top_customers';

/** A same-origin link to a CSV export: the browser downloads it with the session cookie. */
export const csvHref = (path: string, query?: Query): string => withQuery(`${API}/analytics${path}`, query);
export const overviewCsvHref = (table: OverviewTable, query: Query): string => csvHref(`/overview/${table}.csv`, query);
export const productCyclesCsvHref = (): string => csvHref('/product-cycles.csv');
export const trackingCsvHref = (): string => csvHref('/predictions/tracking.csv');
