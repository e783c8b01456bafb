import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { CallDto, ListCallsQuery, Page } from '@careloop/contracts';
import { api, isApiError } from '../../lib/api.ts';
import { callKeys } from './keys.ts';
import type { LogCallBody } from './logCall.ts';

export type CallPages = InfiniteData<Page<CallDto>, string | null>;
/** The count badge reads one page this big; more shows as "100+". */
export const countPageSize = 100;

/** `GET /calls`: newest first, keyset pages. */
export const listCalls = (query: Partial<ListCallsQuery>, signal?: AbortSignal) => api.get<Page<CallDto>>('/calls', { ...query }, signal);
/** `POST /calls`: a call made or taken outside the phone system; the server writes its timeline line. */
export const logCall = (body: LogCallBody) => api.post<CallDto>('/calls', body);
/** `POST /calls/:id/callback`: the customer was called back; the task closes. */
export const closeCallback = (id: string) => api.post<CallDto>(`/calls/${id}/callback`, { done: true });

/** Missed calls with an open callback task, newest first. */
export function useOpenCallbacks() {
  return useInfiniteQuery({
    queryKey: callKeys.open,
    queryFn: ({ pageParam, signal }) => listCalls({ callback: 'open', cursor: pageParam ?? undefined, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** How many calls wait for a callback (the nav badge): `{ count, more }`. */
export function useOpenCallbackCount() {
  return useQuery({
    queryKey: callKeys.openCount,
    queryFn: async ({ signal }) => {
      const page = await listCalls({ callback: 'open', limit: countPageSize }, signal);
      return { count: page.items.length, more: page.nextCursor !== null };
    },
  });
}

/** A contact's latest calls (the sidebar); the server includes merged contacts' calls. */
export function useContactCalls(contactId: string, limit = 5) {
  return useQuery({ queryKey: callKeys.contact(contactId), queryFn: ({ signal }) => listCalls({ contactId, limit }, signal) });
}

/** A closed callback leaves the list at once and the badge counts one less; the contact's calls show it done. */
export function applyCallbackDone(qc: QueryClient, call: CallDto): void {
  let removed = false;
  qc.setQueryData<CallPages>(callKeys.open, (data) => data && {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((c) => {
        if (c.id !== call.id) return true;
        removed = true;
        return false;
      }),
    })),
  });
  if (removed) qc.setQueryData<{ count: number; more: boolean }>(callKeys.openCount, (n) => n && { ...n, count: Math.max(0, n.count - 1) });
  if (call.contact) qc.setQueryData<Page<CallDto>>(callKeys.contact(call.contact.id), (page) => page && { ...page, items: page.items.map((c) => (c.id === call.id ? call : c)) });
}

export function useCloseCallback() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: closeCallback, meta: { handlesError: true }, onSuccess: (call) => applyCallbackDone(qc, call) });
}

/** Logging a call may open a callback (a missed inbound call): every call list is read again. */
export function useLogCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logCall,
    meta: { handlesError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: callKeys.all }),
  });
}

/** The server refuses a logged call when the workspace has no phone inbox to file it under. */
export function needsPhoneInbox(error: unknown): boolean {
  if (!isApiError(error, 'validation_failed')) return false;
  const issues = (error.details as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) && issues.some((i) => (i as { code?: unknown }).code === 'no_phone_inbox');
}
