import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationDto, TriageModelDto } from '@careloop/contracts';
import { patchConversation, upsertConversation } from '../../app/cache.ts';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { corrected, type TriageHead } from './labels.ts';

export const triageKeys = { model: ['triage', 'model'] as const };

/** POST one corrected label; the answer's shape is not relied on (see `useCorrectTriage`). */
export const correctTriage = (conversationId: string, head: TriageHead, value: string) =>
  api.post<unknown>(`/conversations/${conversationId}/triage`, { [head]: value });

const isConversation = (v: unknown): v is ConversationDto =>
  typeof v === 'object' && v !== null && 'id' in v && 'version' in v && 'triage' in v;

/**
 * An agent relabels the latest customer message (it joins the training set). The label shows at once;
 * if the server answers with the conversation, that copy wins.
 */
export function useCorrectTriage(conversationId: string) {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: ({ head, value }: { head: TriageHead; value: string }) => correctTriage(conversationId, head, value),
    onMutate: ({ head, value }) => patchConversation(qc, conversationId, (c) => ({ ...c, triage: corrected(c.triage, head, value) }), me.agent.id),
    onSuccess: (answer) => {
      if (isConversation(answer)) upsertConversation(qc, answer, me.agent.id);
      void qc.invalidateQueries({ queryKey: triageKeys.model });
    },
    // The optimistic label goes; the toast (default mutation error handling) says why.
    onError: () => void qc.invalidateQueries({ queryKey: keys.conversation(conversationId) }),
  });
}

export function useTriageModel() {
  return useQuery({ queryKey: triageKeys.model, queryFn: ({ signal }) => api.get<TriageModelDto>('/triage/model', undefined, signal) });
}

export function useRetrainTriage() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: () => api.post<TriageModelDto>('/triage/retrain', {}),
    onSuccess: (model) => qc.setQueryData(triageKeys.model, model),
  });
}
