import { useEffect, useState } from 'react';
import { conversationListQuery } from '@careloop/contracts';
import type { ListFilters } from '../../lib/queryKeys.ts';

const storageKey = 'careloop.inbox.filters';
export const defaultFilters: ListFilters = { view: 'mine', status: 'open', sort: 'last_activity' };

type FilterStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What is kept between visits: every filter but the search text. */
const storedKeys = ['view', 'status', 'sort', 'inboxId', 'label', 'priority', 'teamId', 'segment'] as const;

/**
 * The filters this tab used last. Each stored value must still be one the server accepts (an older
 * build may have stored another); anything else falls back to the default. Touching `sessionStorage`
 * can itself throw.
 */
export function loadFilters(storage: () => FilterStorage = () => sessionStorage): ListFilters {
  try {
    const raw = storage().getItem(storageKey);
    const stored: unknown = raw ? JSON.parse(raw) : null;
    if (stored && typeof stored === 'object') {
      const filters: Record<string, unknown> = { ...defaultFilters };
      for (const key of storedKeys) {
        const value = (stored as Record<string, unknown>)[key];
        if (value === undefined || value === null) continue;
        const checked = conversationListQuery.shape[key].safeParse(value);
        if (checked.success && checked.data !== undefined) filters[key] = checked.data;
      }
      return filters as ListFilters;
    }
  } catch {
    // corrupt or unavailable storage: start from the defaults
  }
  return defaultFilters;
}

export function saveFilters(filters: ListFilters, storage: () => FilterStorage = () => sessionStorage): void {
  try {
    storage().setItem(storageKey, JSON.stringify({ ...filters, q: undefined }));
  } catch {
    // not persisted; fine
  }
}

/** Drop empty values so equal filters make equal query keys. */
export function cleanFilters(filters: ListFilters): ListFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== '') out[key] = value;
  return out as ListFilters;
}

/** The inbox's filters survive moving between the list and a conversation, and a reload of the tab. */
export function useInboxFilters() {
  const [filters, setFilters] = useState<ListFilters>(() => loadFilters());
  useEffect(() => saveFilters(filters), [filters]);
  const update = (patch: Partial<ListFilters>) => setFilters((f) => cleanFilters({ ...f, ...patch }));
  return { filters: cleanFilters(filters), update, reset: () => setFilters(defaultFilters) };
}
