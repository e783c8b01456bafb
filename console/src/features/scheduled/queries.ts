import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ScheduledMessageDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';

export const scheduledKeys = {
  all: ['scheduled'] as const,
  of: (conversationId: string) => ['scheduled', conversationId] as const,
};

export function listScheduled(conversationId: string, signal?: AbortSignal) {
  return api.get<ScheduledMessageDto[]>(`/conversations/${conversationId}/scheduled-messages`, undefined, signal);
}

export function scheduleMessage(conversationId: string, body: string, sendAt: Date) {
  return api.post<ScheduledMessageDto>(`/conversations/${conversationId}/scheduled-messages`, { body, sendAt: sendAt.toISOString() });
}

export function cancelScheduled(conversationId: string, id: string) {
  return api.delete<unknown>(`/conversations/${conversationId}/scheduled-messages/${id}`);
}

/** What waits above the composer: messages still to go out, and ones that failed (with why), soonest first. */
export function pendingScheduled(list: readonly ScheduledMessageDto[] | undefined): ScheduledMessageDto[] {
  return (list ?? []).filter((m) => m.state === 'scheduled' || m.state === 'failed').sort((a, b) => a.sendAt.localeCompare(b.sendAt));
}

export function useScheduled(conversationId: string) {
  return useQuery({ queryKey: scheduledKeys.of(conversationId), queryFn: ({ signal }) => listScheduled(conversationId, signal), select: pendingScheduled });
}

function upsert(qc: QueryClient, m: ScheduledMessageDto) {
  qc.setQueryData<ScheduledMessageDto[]>(scheduledKeys.of(m.conversationId), (old) => [...(old ?? []).filter((x) => x.id !== m.id), m]);
}

export function useScheduleMessage(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ body, sendAt }: { body: string; sendAt: Date }) => scheduleMessage(conversationId, body, sendAt),
    onSuccess: (m) => upsert(qc, m),
  });
}

/** Cancelled at once in the list; the server's answer (or a refetch when it is not the message) settles it. */
export function useCancelScheduled(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => cancelScheduled(conversationId, id),
    onSuccess: (answer, id) => {
      if (answer && typeof answer === 'object' && 'state' in answer && 'id' in answer) upsert(qc, answer as ScheduledMessageDto);
      else qc.setQueryData<ScheduledMessageDto[]>(scheduledKeys.of(conversationId), (old) => old?.map((m) => (m.id === id ? { ...m, state: 'cancelled' } : m)));
    },
    onError: () => void qc.invalidateQueries({ queryKey: scheduledKeys.of(conversationId) }),
  });
}
