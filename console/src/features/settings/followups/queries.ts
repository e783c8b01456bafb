import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowupRuleDto, FollowupRuleInput, FollowupSendDto, FollowupSettings } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { api } from '../../../lib/api.ts';
import { followupKeys } from '../../followups/keys.ts';
import { inputOfRule } from './ruleForm.ts';

/** `POST /followups/run`: nothing is sent in quiet hours (`quiet`); otherwise what went out and what was skipped. */
export interface RunResult { quiet: boolean; sent: number; skipped: number }

export function useFollowupRules() {
  return useQuery({ queryKey: followupKeys.rules, queryFn: ({ signal }) => api.get<FollowupRuleDto[]>('/followups/rules', undefined, signal) });
}

/** The last 200 sends of a rule, fetched when its drawer opens. */
export function useRuleSends(ruleId: string | null) {
  return useQuery({
    queryKey: followupKeys.sends(ruleId ?? ''),
    queryFn: ({ signal }) => api.get<FollowupSendDto[]>(`/followups/rules/${ruleId}/sends`, undefined, signal),
    enabled: ruleId !== null,
  });
}

export function useFollowupSettings() {
  return useQuery({ queryKey: followupKeys.settings, queryFn: ({ signal }) => api.get<FollowupSettings>('/followups/settings', undefined, signal) });
}

/** Create (no id) or replace a rule. The answer's results are not counted, so the list is fetched again. */
export function useSaveRule() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: FollowupRuleInput }) => id
      ? api.put<FollowupRuleDto>(`/followups/rules/${id}`, input, { csrfToken: me.csrfToken })
      : api.post<FollowupRuleDto>('/followups/rules', input, { csrfToken: me.csrfToken }),
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.rules }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/followups/rules/${id}`),
    onSuccess: (_, id) => {
      qc.setQueryData<FollowupRuleDto[]>(followupKeys.rules, (old) => old?.filter((r) => r.id !== id));
      qc.removeQueries({ queryKey: followupKeys.sends(id) });
    },
  });
}

export function useSaveFollowupSettings() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (body: FollowupSettings) => api.put<FollowupSettings>('/followups/settings', body, { csrfToken: me.csrfToken }),
    onSuccess: (saved) => {
      qc.setQueryData(followupKeys.settings, saved);
      // Results count purchases within the attribution window.
      void qc.invalidateQueries({ queryKey: followupKeys.rules });
    },
  });
}

/** Runs every enabled rule now; results and sends are fetched again afterwards. */
export function useRunFollowups() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: () => api.post<RunResult>('/followups/run', {}, { csrfToken: me.csrfToken }),
    onSuccess: () => Promise.all([
      qc.invalidateQueries({ queryKey: followupKeys.rules }),
      qc.invalidateQueries({ queryKey: ['followups', 'sends'] }),
    ]),
  });
}

/** The list's on/off switch: the whole rule again with `enabled` changed. Errors show as a toast. */
export function useToggleRule() {
  const qc = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: ({ rule, enabled }: { rule: FollowupRuleDto; enabled: boolean }) =>
      api.put<FollowupRuleDto>(`/followups/rules/${rule.id}`, inputOfRule(rule, { enabled }), { csrfToken: me.csrfToken }),
    onSuccess: (saved) => qc.setQueryData<FollowupRuleDto[]>(followupKeys.rules, (old) => old?.map((r) => (r.id === saved.id ? { ...r, enabled: saved.enabled } : r))),
  });
}
