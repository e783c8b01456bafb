import { useEffect, useState } from 'react';
import type { ListFilters } from '../../lib/queryKeys.ts';

const storageKey = 'careloop.inbox.filters';
export const defaultFilters: ListFilters = { view: 'mine', status: 'open', sort: 'last_activity' };

function load(): ListFilters {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (raw) return { ...defaultFilters, ...(JSON.parse(raw) as Partial<ListFilters>), q: undefined };
  } catch {
    // corrupt or unavailable storage: start from the defaults
  }
  return defaultFilters;
}

/** Drop empty values so equal filters make equal query keys. */
export function cleanFilters(filters: ListFilters): ListFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== '') out[key] = value;
  return out as ListFilters;
}

/** The inbox's filters survive moving between the list and a conversation, and a reload of the tab. */
export function useInboxFilters() {
  const [filters, setFilters] = useState<ListFilters>(load);
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ ...filters, q: undefined }));
    } catch {
      // not persisted; fine
    }
  }, [filters]);
  const update = (patch: Partial<ListFilters>) => setFilters((f) => cleanFilters({ ...f, ...patch }));
  return { filters: cleanFilters(filters), update, reset: () => setFilters(defaultFilters) };
}
