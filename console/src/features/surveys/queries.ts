import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignRunDto, SurveyCampaignDto, SurveyCampaignInput, SurveyDefinitionDto, SurveyDefinitionInput, SurveySettingsDto,
} from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { surveyKeys } from './keys.ts';

const base = '/surveys';
const at = (id: string) => encodeURIComponent(id);

export function useSurveySettings() {
  return useQuery({ queryKey: surveyKeys.settings, queryFn: ({ signal }) => api.get<SurveySettingsDto>(`${base}/settings`, undefined, signal) });
}

/** Every survey of the workspace, the built-in CSAT, NPS and CES first (the server makes them on first read). */
export function useSurveyDefinitions(enabled = true) {
  return useQuery({
    queryKey: surveyKeys.definitions,
    queryFn: ({ signal }) => api.get<SurveyDefinitionDto[]>(`${base}/definitions`, undefined, signal),
    enabled,
  });
}

export function useSurveyCampaigns() {
  return useQuery({ queryKey: surveyKeys.campaigns, queryFn: ({ signal }) => api.get<SurveyCampaignDto[]>(`${base}/campaigns`, undefined, signal) });
}

/** The body that writes a survey back as it is, with `patch` applied (the API replaces every field). */
export function definitionInputOf(d: SurveyDefinitionDto, patch: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput {
  return { name: d.name, kind: d.kind, enabled: d.enabled, display: d.display, texts: d.texts, followUps: d.followUps, reward: d.reward, ...patch };
}

export function campaignInputOf(c: SurveyCampaignDto, patch: Partial<SurveyCampaignInput> = {}): SurveyCampaignInput {
  return { name: c.name, surveyId: c.surveyId, enabled: c.enabled, audience: c.audience, cooldownDays: c.cooldownDays, maxPerRun: c.maxPerRun, ...patch };
}

export function useSaveSurveySettings() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (body: SurveySettingsDto) => api.put<SurveySettingsDto>(`${base}/settings`, body),
    onSuccess: (saved) => qc.setQueryData(surveyKeys.settings, saved),
  });
}

/** Create (no id) or replace a survey; the list is read again (built-ins and order come from the server). */
export function useSaveDefinition() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: SurveyDefinitionInput }) => id
      ? api.put<SurveyDefinitionDto>(`${base}/definitions/${at(id)}`, input)
      : api.post<SurveyDefinitionDto>(`${base}/definitions`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.definitions }),
  });
}

export function useDeleteDefinition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`${base}/definitions/${at(id)}`),
    onSuccess: (_ok, id) => qc.setQueryData<SurveyDefinitionDto[]>(surveyKeys.definitions, (old) => old?.filter((d) => d.id !== id)),
  });
}

/** The list's on/off switch: the whole survey again with `enabled` changed. Errors show as a toast. */
export function useToggleDefinition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ definition, enabled }: { definition: SurveyDefinitionDto; enabled: boolean }) =>
      api.put<SurveyDefinitionDto>(`${base}/definitions/${at(definition.id)}`, definitionInputOf(definition, { enabled })),
    onSuccess: (saved) => qc.setQueryData<SurveyDefinitionDto[]>(surveyKeys.definitions, (old) => old?.map((d) => (d.id === saved.id ? saved : d))),
  });
}

export function useSaveCampaign() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: ({ id, input }: { id: string | null; input: SurveyCampaignInput }) => id
      ? api.put<SurveyCampaignDto>(`${base}/campaigns/${at(id)}`, input)
      : api.post<SurveyCampaignDto>(`${base}/campaigns`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns }),
  });
}

export function useDeleteCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`${base}/campaigns/${at(id)}`),
    onSuccess: (_ok, id) => qc.setQueryData<SurveyCampaignDto[]>(surveyKeys.campaigns, (old) => old?.filter((c) => c.id !== id)),
  });
}

export function useToggleCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaign, enabled }: { campaign: SurveyCampaignDto; enabled: boolean }) =>
      api.put<SurveyCampaignDto>(`${base}/campaigns/${at(campaign.id)}`, campaignInputOf(campaign, { enabled })),
    onSuccess: (saved) => qc.setQueryData<SurveyCampaignDto[]>(surveyKeys.campaigns, (old) => old?.map((c) => (c.id === saved.id ? saved : c))),
  });
}

/** "Run now": the run's result stays on the row that ran; the list is read again for its stats and last run. */
export function useRunCampaign() {
  const qc = useQueryClient();
  return useMutation({
    meta: { handlesError: true },
    mutationFn: (id: string) => api.post<CampaignRunDto>(`${base}/campaigns/${at(id)}/run`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns }),
  });
}
