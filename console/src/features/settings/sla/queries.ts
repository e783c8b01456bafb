import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SlaPolicyDto, SlaPolicyInput, SlaSettingsDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';

/** Everything SLA lives under `['sla', …]`. */
export const slaKeys = {
  all: ['sla'] as const,
  policies: ['sla', 'policies'] as const,
  settings: ['sla', 'settings'] as const,
};

export function useSlaPolicies() {
  return useQuery({ queryKey: slaKeys.policies, queryFn: ({ signal }) => api.get<SlaPolicyDto[]>('/sla/policies', undefined, signal) });
}

export function useSlaSettings() {
  return useQuery({ queryKey: slaKeys.settings, queryFn: ({ signal }) => api.get<SlaSettingsDto>('/sla/settings', undefined, signal) });
}

/** The body that writes a policy back as it is, with `patch` applied. */
export function inputOfPolicy(p: SlaPolicyDto, patch: Partial<SlaPolicyInput> = {}): SlaPolicyInput {
  const { name, enabled, channels, priorities, segments, firstResponseSeconds, nextResponseSeconds, resolutionSeconds, businessHours, warnPercent, escalation } = p;
  return { name, enabled, channels, priorities, segments, firstResponseSeconds, nextResponseSeconds, resolutionSeconds, businessHours, warnPercent, escalation, ...patch };
}

/**
 * The built-in defaults are not stored, so they have no ids the order and delete endpoints know. Writing
 * one back unchanged makes the server store them all (same order); the stored list is read again and
 * its ids line up with the built-ins by position.
 */
export async function storedPolicies(list: SlaPolicyDto[]): Promise<SlaPolicyDto[]> {
  const first = list[0];
  if (!first?.builtIn) return list;
  await api.put<SlaPolicyDto>(`/sla/policies/${first.id}`, inputOfPolicy(first));
  return api.get<SlaPolicyDto[]>('/sla/policies');
}

/** `ids`: the listed policies' ids in their new order. */
export async function reorderPolicies(list: SlaPolicyDto[], ids: string[]): Promise<SlaPolicyDto[]> {
  const stored = await storedPolicies(list);
  const storedId = new Map(list.map((p, i) => [p.id, stored[i]?.id ?? p.id]));
  return api.put<SlaPolicyDto[]>('/sla/policies/order', { ids: ids.map((id) => storedId.get(id) ?? id) });
}

export async function deletePolicy(list: SlaPolicyDto[], id: string): Promise<void> {
  const stored = await storedPolicies(list);
  const index = list.findIndex((p) => p.id === id);
  await api.delete<{ ok: true }>(`/sla/policies/${stored[index]?.id ?? id}`);
}

/** The new order after moving one policy up (-1) or down (+1). */
export function moved(list: SlaPolicyDto[], id: string, delta: -1 | 1): string[] {
  const ids = list.map((p) => p.id);
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}

/** Create (no id) or replace a policy; editing a built-in stores them all, so the list is read again. */
export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: SlaPolicyInput }) =>
      id ? api.put<SlaPolicyDto>(`/sla/policies/${id}`, input) : api.post<SlaPolicyDto>('/sla/policies', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

/** The list's switch: the policy again with `enabled` changed. Errors show as a toast. */
export function useTogglePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ policy, enabled }: { policy: SlaPolicyDto; enabled: boolean }) => api.put<SlaPolicyDto>(`/sla/policies/${policy.id}`, inputOfPolicy(policy, { enabled })),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useReorderPolicies() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ list, ids }: { list: SlaPolicyDto[]; ids: string[] }) => reorderPolicies(list, ids),
    onMutate: ({ list, ids }) => {
      const byId = new Map(list.map((p) => [p.id, p]));
      qc.setQueryData<SlaPolicyDto[]>(slaKeys.policies, ids.map((id) => byId.get(id)).filter((p) => p !== undefined));
    },
    onSuccess: (saved) => qc.setQueryData(slaKeys.policies, saved),
    onError: () => void qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useDeletePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ list, id }: { list: SlaPolicyDto[]; id: string }) => deletePolicy(list, id),
    onSettled: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useSaveSlaSettings() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (body: SlaSettingsDto) => api.put<SlaSettingsDto>('/sla/settings', body),
    onSuccess: (saved) => qc.setQueryData(slaKeys.settings, saved),
  });
}
