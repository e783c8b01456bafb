import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { automationTriggers, type AutomationDryRunDto, type AutomationRuleDto, type AutomationRuleInput, type AutomationRunDto, type AutomationTrigger } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';

/** Everything automations lives under `['automations', …]`. */
export const automationKeys = {
  all: ['automations'] as const,
  rules: ['automations', 'rules'] as const,
  runsAll: ['automations', 'runs'] as const,
  runs: (ruleId: string | null) => ['automations', 'runs', ruleId ?? 'all'] as const,
};

// The calls, plain so they are tested without React; the hooks below wire them to the cache.
export const listRules = (signal?: AbortSignal) => api.get<AutomationRuleDto[]>('/automations/rules', undefined, signal);
export const listRuns = (ruleId: string | null, limit: number, signal?: AbortSignal) => api.get<AutomationRunDto[]>('/automations/runs', { ruleId, limit }, signal);
export const saveRule = (id: string | null, input: AutomationRuleInput) => (id
  ? api.put<AutomationRuleDto>(`/automations/rules/${id}`, input)
  : api.post<AutomationRuleDto>('/automations/rules', input));
export const setRuleEnabled = (id: string, enabled: boolean) => api.patch<AutomationRuleDto>(`/automations/rules/${id}`, { enabled });
export const deleteRule = (id: string) => api.delete<unknown>(`/automations/rules/${id}`);
export const reorderRules = (ids: string[]) => api.put<unknown>('/automations/rules/order', { ids });
export const dryRunRule = (rule: AutomationRuleInput, limit = 100) => api.post<AutomationDryRunDto>('/automations/dry-run', { rule, limit });

export function useAutomationRules() {
  return useQuery({ queryKey: automationKeys.rules, queryFn: ({ signal }) => listRules(signal) });
}

export function useAutomationRuns(ruleId: string | null, limit = 100) {
  return useQuery({
    queryKey: automationKeys.runs(ruleId),
    queryFn: ({ signal }) => listRuns(ruleId, limit, signal),
  });
}

/** The rules of each trigger in the order they run (the server sorts, this keeps it true after local changes). */
export function rulesByTrigger(rules: readonly AutomationRuleDto[]): { trigger: AutomationTrigger; rules: AutomationRuleDto[] }[] {
  return automationTriggers
    .map((trigger) => ({
      trigger,
      rules: rules.filter((r) => r.trigger === trigger).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
    }))
    .filter((g) => g.rules.length > 0);
}

/** Where a new rule of a trigger goes: after the last one. */
export function nextOrder(rules: readonly AutomationRuleDto[] | undefined, trigger: AutomationTrigger): number {
  return Math.max(-1, ...(rules ?? []).filter((r) => r.trigger === trigger).map((r) => r.order)) + 1;
}

/** One trigger's rule ids after moving one up (-1) or down (+1). */
export function movedWithin(group: readonly AutomationRuleDto[], id: string, delta: -1 | 1): string[] {
  const ids = group.map((r) => r.id);
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}

/** Create (no id) or replace a whole rule; the answer has no run counts, so the list is fetched again. */
export function useSaveAutomationRule() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: AutomationRuleInput }) => saveRule(id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: automationKeys.rules }),
  });
}

export function useToggleAutomationRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => setRuleEnabled(id, enabled),
    onSuccess: (saved) => qc.setQueryData<AutomationRuleDto[]>(automationKeys.rules, (old) => old?.map((r) => (r.id === saved.id ? { ...r, enabled: saved.enabled } : r))),
  });
}

export function useDeleteAutomationRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteRule,
    onSuccess: (_, id) => qc.setQueryData<AutomationRuleDto[]>(automationKeys.rules, (old) => old?.filter((r) => r.id !== id)),
  });
}

/** `ids`: one trigger's rules in their new order. The list shows the move at once and is read again after. */
export function useReorderAutomationRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: reorderRules,
    onMutate: (ids) => qc.setQueryData<AutomationRuleDto[]>(automationKeys.rules, (old) => old?.map((r) => (ids.includes(r.id) ? { ...r, order: ids.indexOf(r.id) } : r))),
    onSettled: () => qc.invalidateQueries({ queryKey: automationKeys.rules }),
  });
}

/** "Which of the last 100 conversations would this rule match?" — nothing changes. */
export function useDryRun() {
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (rule: AutomationRuleInput) => dryRunRule(rule),
  });
}
