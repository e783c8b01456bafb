import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { MeDto } from '@careloop/contracts';
import { api, setCsrfToken } from '../lib/api.ts';
import { keys } from '../lib/queryKeys.ts';

export async function fetchMe(): Promise<MeDto> {
  const me = await api.get<MeDto>('/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** Login, setup and invitation acceptance all answer with a MeDto: keep its CSRF token and cache it. */
export function storeMe(qc: QueryClient, me: MeDto): void {
  setCsrfToken(me.csrfToken);
  qc.setQueryData(keys.me, me);
}

export function useMeQuery() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, retry: false, staleTime: Infinity });
}

/**
 * The last agent seen, for the one render between signing out (cache cleared) and the signed-in
 * tree unmounting; `RequireAuth` itself gates on the live query, never on this.
 */
let lastMe: MeDto | null = null;

/** The signed-in agent; only used below `RequireAuth`, which renders nothing until it is known. */
export function useMe(): MeDto {
  const { data } = useMeQuery();
  if (data) lastMe = data;
  const me = data ?? lastMe;
  if (!me) throw new Error('useMe() used outside an authenticated route');
  return me;
}

export function isAdmin(me: MeDto): boolean {
  return me.agent.role === 'owner' || me.agent.role === 'admin';
}
