import { useQuery } from '@tanstack/react-query';
import type { AssistSettingsDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';

export const assistKey = ['assist'] as const;

/** What the assistant does in this workspace (agents see on/off; admins also where it goes). */
export const useAssist = () => useQuery({ queryKey: assistKey, queryFn: () => api.get<AssistSettingsDto>('/assist'), staleTime: 60_000 });

/** A draft goes into the composer: in place of nothing, else after what the agent already wrote. */
export const withDraft = (current: string, draft: string) => (current.trim() === '' ? draft : `${current.replace(/\s+$/, '')}\n\n${draft}`);
