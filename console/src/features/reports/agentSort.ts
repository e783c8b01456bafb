import type { AgentPerformanceRow } from '@careloop/contracts';
import type { HoursMode } from './filters.ts';

/** The columns the agent table sorts by. */
export const agentSortKeys = ['name', 'handled', 'replies', 'firstResponse', 'nextResponse', 'resolutions', 'slaRate', 'csat', 'online'] as const;
export type AgentSortKey = (typeof agentSortKeys)[number];
export interface AgentSort { key: AgentSortKey; dir: 'asc' | 'desc' }

/** The value a column sorts on; null (nothing measured) always goes last. */
export function sortValue(row: AgentPerformanceRow, key: AgentSortKey, hours: HoursMode): number | string | null {
  const median = (s: AgentPerformanceRow['firstResponse']) => (hours === 'business' ? s.businessMedian : s.median);
  switch (key) {
    case 'name': return row.name;
    case 'handled': return row.handled;
    case 'replies': return row.replies;
    case 'firstResponse': return median(row.firstResponse);
    case 'nextResponse': return median(row.nextResponse);
    case 'resolutions': return row.resolutions;
    case 'slaRate': return row.sla.firstResponse.rate;
    case 'csat': return row.csat?.score ?? null;
    case 'online': return row.onlineSeconds;
  }
}

/** Rows in the asked order (names in Vietnamese collation); ties keep the name order. */
export function sortAgents(rows: readonly AgentPerformanceRow[], sort: AgentSort, hours: HoursMode): AgentPerformanceRow[] {
  const byName = (a: AgentPerformanceRow, b: AgentPerformanceRow) => a.name.localeCompare(b.name, 'vi');
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key, hours);
    const y = sortValue(b, sort.key, hours);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
    return (sort.dir === 'asc' ? order : -order) || byName(a, b);
  });
}

/** Clicking a column: the same one flips its direction; a new one starts with the most useful end (names A→Z, figures high→low, times fast→slow). */
export function nextSort(current: AgentSort, key: AgentSortKey): AgentSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' || key === 'firstResponse' || key === 'nextResponse' ? 'asc' : 'desc' };
}
