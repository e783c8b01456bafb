import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApprovalDto, CompensationBudgetDto, CompensationDto, CompensationOfferInput, CompensationSettings, CompensationSuggestionDto, OfferResultDto,
} from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { upsertApproval, upsertLedger } from './cache.ts';
import { commerceKeys, type ApprovalFilter } from './keys.ts';

/** Limits per role, point value, free shipping cost: every agent may read them. */
export function useCompensationSettings() {
  return useQuery({
    queryKey: commerceKeys.settings,
    queryFn: () => api.get<CompensationSettings>('/compensation/settings'),
    staleTime: 5 * 60_000,
  });
}

export function useConversationLedger(conversationId: string) {
  return useQuery({
    queryKey: commerceKeys.conversationLedger(conversationId),
    queryFn: () => api.get<CompensationDto[]>('/compensation/ledger', { conversationId }),
  });
}

/**
 * "Offer before they ask": null when nothing is proposed for this conversation. The server proposes from
 * the conversation's labels (complaint, late delivery), so they are part of the key: labelling refetches.
 */
export function useCompensationSuggestion(conversationId: string, labels: readonly string[]) {
  return useQuery({
    queryKey: [...commerceKeys.suggestion(conversationId), [...labels].sort().join('\n')],
    queryFn: () => api.get<CompensationSuggestionDto | null>('/compensation/suggestion', { conversationId }),
    select: (s) => s ?? null,
  });
}

export function useCompensationBudget(enabled = true) {
  return useQuery({ queryKey: commerceKeys.budget, queryFn: () => api.get<CompensationBudgetDto>('/compensation/budget'), enabled });
}

export function useApprovals(status: ApprovalFilter) {
  return useQuery({
    queryKey: commerceKeys.approvalList(status),
    queryFn: () => api.get<ApprovalDto[]>('/compensation/approvals', { status }),
  });
}

/** 201: granted at once (within the agent's limit); 202: waits for a supervisor. */
export function useOffer() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (offer: CompensationOfferInput) => api.post<OfferResultDto>('/compensation/offers', offer),
    onSuccess: (result, offer) => {
      if (result.status === 'granted') {
        upsertLedger(qc, result.compensation);
        if (result.compensation.contactId) void qc.invalidateQueries({ queryKey: commerceKeys.loyalty(result.compensation.contactId) });
        void qc.invalidateQueries({ queryKey: commerceKeys.budget });
      } else {
        upsertApproval(qc, result.approval, me);
        void qc.invalidateQueries({ queryKey: commerceKeys.approvals });
      }
      void qc.invalidateQueries({ queryKey: commerceKeys.suggestion(offer.conversationId) });
    },
  });
}

function useApprovalAction<I>(path: (id: string) => string, body: (input: I) => unknown) {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (input: I & { id: string }) => api.post<ApprovalDto>(path(input.id), body(input)),
    onSuccess: (approval) => {
      if (approval && typeof approval === 'object' && 'id' in approval && 'status' in approval) {
        upsertApproval(qc, { ...approval, abilities: { decide: false } }, me);
        if (approval.compensation) upsertLedger(qc, approval.compensation);
      }
      void qc.invalidateQueries({ queryKey: commerceKeys.approvals });
      void qc.invalidateQueries({ queryKey: commerceKeys.budget });
    },
  });
}

/** Approve (reason optional) or deny (reason required). */
export const useDecideApproval = () =>
  useApprovalAction<{ approve: boolean; reason: string | null }>((id) => `/compensation/approvals/${id}/decision`, ({ approve, reason }) => ({ approve, reason }));

/** The requester withdraws their own pending request. */
export const useCancelApproval = () => useApprovalAction<object>((id) => `/compensation/approvals/${id}/cancel`, () => ({}));
