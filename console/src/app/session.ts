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

/** The signed-in agent; only used below `RequireAuth`, which renders nothing until it is known. */
export function useMe(): MeDto {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside an authenticated route');
  return data;
}

export function isAdmin(me: MeDto): boolean {
  return me.agent.role === 'owner' || me.agent.role === 'admin';
}
