import { useQuery } from '@tanstack/react-query';
import type { AgentDto, CannedResponseDto, InboxDto, TeamDto } from '@careloop/contracts';
import { api } from '../lib/api.ts';
import { keys } from '../lib/queryKeys.ts';

/** Small workspace-wide lists many screens look things up in (agent names, inbox names, labels). */
const long = 5 * 60_000;

export function useAgents() {
  return useQuery({ queryKey: keys.agents, queryFn: () => api.get<AgentDto[]>('/agents'), staleTime: long });
}

export function useTeams() {
  return useQuery({ queryKey: keys.teams, queryFn: () => api.get<TeamDto[]>('/teams'), staleTime: long });
}

export function useInboxes() {
  return useQuery({ queryKey: keys.inboxes, queryFn: () => api.get<InboxDto[]>('/inboxes'), staleTime: long });
}

export function useLabels() {
  return useQuery({ queryKey: keys.labels, queryFn: () => api.get<string[]>('/conversations/labels'), staleTime: 60_000 });
}

export function useCanned() {
  return useQuery({ queryKey: keys.canned, queryFn: () => api.get<CannedResponseDto[]>('/canned-responses'), staleTime: long });
}

export function useAgent(id: string | null | undefined): AgentDto | undefined {
  const { data } = useAgents();
  return id ? data?.find((a) => a.id === id) : undefined;
}
