import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { channelEventStates, type ChannelEventDto, type Page } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';

export type ChannelEventState = (typeof channelEventStates)[number];
export type ChannelEventPage = Page<ChannelEventDto> & { counts: Partial<Record<ChannelEventState, number>> };
export type ChannelEventPages = InfiniteData<ChannelEventPage, string | null>;
export interface ChannelEventFilters { state: ChannelEventState; inboxId: string | null }

/** `GET /channel-events`: newest first, 50 a page, with the count of every state (admins). */
export function useChannelEvents(filters: ChannelEventFilters) {
  return useInfiniteQuery({
    queryKey: keys.channelEvents(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ChannelEventPage>('/channel-events', { state: filters.state, inboxId: filters.inboxId, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const replayChannelEvent = (id: string) => api.post<ChannelEventDto>(`/channel-events/${id}/replay`);

/**
 * A replayed event is back in the queue: it leaves every loaded list filtered on another state (the
 * dead-letter list), and the counts move from `dead` to its new state. The processor's outcome shows
 * on the next fetch.
 */
export function applyReplayed(qc: QueryClient, event: ChannelEventDto): void {
  for (const [key, data] of qc.getQueriesData<ChannelEventPages>({ queryKey: keys.channelEventLists })) {
    if (!data) continue;
    const filters = key[1] as ChannelEventFilters | undefined;
    const keep = filters?.state === event.state;
    qc.setQueryData<ChannelEventPages>(key, {
      ...data,
      pages: data.pages.map((page, i) => ({
        ...page,
        items: keep ? page.items.map((e) => (e.id === event.id ? event : e)) : page.items.filter((e) => e.id !== event.id),
        counts: i === 0 ? movedCounts(page.counts, event.state) : page.counts,
      })),
    });
  }
}

function movedCounts(counts: ChannelEventPage['counts'], to: ChannelEventState): ChannelEventPage['counts'] {
  if (to === 'dead') return counts;
  return { ...counts, dead: Math.max(0, (counts.dead ?? 0) - 1), [to]: (counts[to] ?? 0) + 1 };
}

export function useReplayChannelEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: replayChannelEvent,
    meta: { handlesError: true },
    onSuccess: (event) => applyReplayed(qc, event),
  });
}
