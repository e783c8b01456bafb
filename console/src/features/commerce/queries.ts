import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactOrdersDto, LoyaltyDto, OrderDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { commerceKeys } from './keys.ts';

const pageSize = 10;

/** The contact's orders, newest first, with the summary (lifetime spend, count, merge suggestions) on every page. */
export function useContactOrders(contactId: string) {
  return useInfiniteQuery({
    queryKey: commerceKeys.orders(contactId),
    queryFn: ({ pageParam, signal }) =>
      api.get<ContactOrdersDto>(`/commerce/contacts/${contactId}/orders`, { cursor: pageParam, limit: pageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(contactId),
  });
}

/** Every loaded order, without duplicates (a new order can shift a page boundary between fetches). */
export function loadedOrders(data: { pages: ContactOrdersDto[] } | undefined): OrderDto[] {
  const seen = new Set<string>();
  const out: OrderDto[] = [];
  for (const page of data?.pages ?? []) {
    for (const order of page.orders) {
      if (!seen.has(order.id)) {
        seen.add(order.id);
        out.push(order);
      }
    }
  }
  return out;
}

/** The most recently placed order among those loaded. */
export function latestOrder(orders: OrderDto[]): OrderDto | null {
  let latest: OrderDto | null = null;
  for (const o of orders) if (!latest || o.placedAt > latest.placedAt) latest = o;
  return latest;
}

export function useLoyalty(contactId: string) {
  return useQuery({
    queryKey: commerceKeys.loyalty(contactId),
    queryFn: () => api.get<LoyaltyDto>(`/loyalty/contacts/${contactId}`),
    enabled: Boolean(contactId),
  });
}

function usePointsMutation(contactId: string, action: 'redeem' | 'adjust') {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (input: { points: number; reason: string | null; idempotencyKey?: string }) =>
      api.post<unknown>(`/loyalty/contacts/${contactId}/${action}`, input),
    onSuccess: (result) => {
      if (result && typeof result === 'object' && 'balance' in result && 'entries' in result) {
        qc.setQueryData(commerceKeys.loyalty(contactId), result as LoyaltyDto);
      }
      void qc.invalidateQueries({ queryKey: commerceKeys.loyalty(contactId) });
    },
  });
}

export const useRedeemPoints = (contactId: string) => usePointsMutation(contactId, 'redeem');
/** Supervisors and above; the points may be negative, the reason is required. */
export const useAdjustPoints = (contactId: string) => usePointsMutation(contactId, 'adjust');
